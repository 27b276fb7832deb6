import CFileSystem
import Glibc
import RollupCore
import RollupReading

/// A file written whole and synced to disk, never through a link: how the job writes what must
/// survive a crash (published files, pointers, pulled copies). Failures are `PublishError`s.
enum SyncedFile {
    /// When a file written is on disk.
    enum Sync {
        /// Synced (fsync(2)) before the call returns.
        case now
        /// Its writeback started (sync_file_range(2)); the caller syncs the file system (syncfs(2), as
        /// `Publisher.stage` does) before trusting it: the files of a run folder go to disk together,
        /// behind one flush.
        case later
    }

    /// write(2) everything, then fsync(2), so a crash after publishing cannot leave a short file.
    static func write(path: String, bytes: [UInt8]) throws {
        try write(path: path, OutputFile(name: path, bytes: bytes))
    }

    /// Writes `file` piece by piece and syncs it (`sync`).
    static func write(path: String, _ file: OutputFile, sync: Sync = .now) throws {
        try write(path: path, file, hasher: nil, sync: sync)
    }

    /// Writes `file` like `write(path:_:)`; returns its size and checksum (`ContentChecksum`).
    static func writeHashed(path: String, _ file: OutputFile, sync: Sync = .now) throws -> (size: Int, checksum: String)
    {
        let hasher = ContentChecksum()
        let size = try write(path: path, file, hasher: hasher, sync: sync)
        return (size, hasher.finish())
    }

    /// Ends writing the open file `fd` as `sync` says; false when fsync(2) failed.
    static func finish(_ fd: Int32, _ sync: Sync) -> Bool {
        switch sync {
        case .now: return fsync(fd) == 0
        case .later:
            // Only a hint that the data may go to disk now: the file system's sync is what counts.
            _ = sync_file_range(fd, 0, 0, UInt32(SYNC_FILE_RANGE_WRITE))
            return true
        }
    }

    /// Copies the file `relative` of folder `folder` (which may be a link; below it, never through
    /// one: each folder of `relative` and the file itself are opened without following links) to
    /// `path` and syncs it, when it holds `size` bytes whose checksum (`ContentChecksum`) is
    /// `checksum`, checked on the bytes copied; false when it does not or anything fails (what was
    /// written at `path` is then to be replaced).
    static func copy(
        from folder: String, _ relative: String, to path: String, size: Int, checksum: String, sync: Sync = .now
    ) -> Bool {
        let input = openBeneath(folder, relative)
        guard input >= 0 else { return false }
        defer { close(input) }
        var st = stat()
        guard fstat(input, &st) == 0, st.st_mode & S_IFMT == S_IFREG, Int(st.st_size) == size else { return false }
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        let hasher = ContentChecksum()
        let block = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { block.deallocate() }
        var total = 0
        while true {
            let n = read(input, block.baseAddress, block.count)
            if n < 0 && errno == EINTR { continue }
            guard n >= 0 else { return false }
            if n == 0 { break }
            total += n
            guard total <= size else { return false }
            let piece = UnsafeRawBufferPointer(rebasing: block[0..<n])
            hasher.update(piece)
            var offset = 0
            while offset < n {
                let w = Glibc.write(fd, piece.baseAddress! + offset, n - offset)
                if w < 0 && errno == EINTR { continue }
                guard w > 0 else { return false }
                offset += w
            }
        }
        return total == size && hasher.finish() == checksum && finish(fd, sync)
    }

    /// File `relative` ("a/b/c.csv") of `folder` opened for reading, each folder below `folder` and
    /// the file without following a link; -1 when any of them is a link, missing or unreadable.
    static func openBeneath(_ folder: String, _ relative: String) -> Int32 {
        let names = relative.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard !names.isEmpty, names.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." }) else { return -1 }
        var at = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        for name in names.dropLast() where at >= 0 {
            let next = openat(at, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            close(at)
            at = next
        }
        guard at >= 0 else { return -1 }
        defer { close(at) }
        return openat(at, names[names.count - 1], O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
    }

    @discardableResult
    private static func write(path: String, _ file: OutputFile, hasher: ContentChecksum?, sync: Sync) throws -> Int {
        // Never through a link: a file of the output tree is written where it is, or not at all.
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o644)
        try check(fd, "open", path)
        defer { close(fd) }
        var total = 0
        try file.write { bytes in
            total += bytes.count
            try bytes.withUnsafeBytes { bytes in
                hasher?.update(bytes)
                try writeAll(fd, bytes, path: path)
            }
        }
        try check(finish(fd, sync) ? 0 : -1, "fsync", path)
        return total
    }

    /// write(2) of all of `bytes` to `fd` (the file at `path`, for the error).
    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws {
        var offset = 0
        while offset < bytes.count {
            let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 && errno == EINTR { continue }
            try check(n < 0 ? -1 : 0, "write", path)
            offset += n
        }
    }

    /// Throws a `PublishError` naming `operation`, `path` and errno's reason when `result` is negative.
    static func check(_ result: Int32, _ operation: String, _ path: String) throws {
        if result < 0 {
            throw PublishError(path: path, reason: "\(operation) failed: \(String(cString: strerror(errno)))")
        }
    }

    private static func check(_ result: Int, _ operation: String, _ path: String) throws {
        try check(Int32(clamping: result), operation, path)
    }
}
