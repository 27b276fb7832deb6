import CFileSystem
import Foundation
import Glibc
import RollupBase
import Synchronization

/// Keeps every input file exactly as received, named by its SHA-256 (`<folder>/<sha256>.<ext>`),
/// so a past run can be re-run and nothing is lost when a bureau overwrites its export. Files are
/// copied while the job reads them (one pass) under a temporary name, their writeback started; `commit`
/// then syncs the file system once and names them all, so that a copy takes its name only once it is on
/// disk, and reading never waits for the disk file by file.
public struct RawArchive: Sendable {
    public let folder: String
    /// Larger input files are refused before a byte is copied (see `FileByteSource`).
    public let maxFileBytes: Int

    public init(folder: String, maxFileBytes: Int = CSVLimits().maxFileBytes) {
        self.folder = folder
        self.maxFileBytes = maxFileBytes
    }

    /// Opens `path` for reading through the archive. Throws `SystemError` with `path` itself when
    /// the input cannot be opened (missing, not a regular file, too large).
    public func open(path: String) throws -> ArchivingByteSource {
        try ensureFolder()
        return try ArchivingByteSource(path: path, archiveFolder: folder, maxFileBytes: maxFileBytes)
    }

    /// Copies finished but not yet named, by archive folder: the folder opened when its first copy
    /// was started (a sync through it reports any writeback error since), and each copy's temporary
    /// and final path.
    private static let pending = Mutex<[String: (folder: Int32, copies: [(String, String)])]>([:])

    /// Syncs the file system that holds the archive (syncfs(2)) and gives every copy finished since the
    /// last commit its name, then syncs the folder. Throws when the sync or a rename fails; the copies
    /// not named are removed (their inputs are still where they were, and are read again next time).
    public func commit() throws {
        guard let (at, copies) = Self.pending.withLock({ $0.removeValue(forKey: folder) }) else { return }
        defer { close(at) }
        if syncfs(at) != 0 {
            let e = errno
            for (temporary, _) in copies { unlink(temporary) }
            throw SystemError(path: folder, operation: "syncfs", errno: e)
        }
        for (i, (temporary, final)) in copies.enumerated() {
            // A copy of the same bytes named already (two inputs alike) is dropped.
            var st = stat()
            if stat(final, &st) == 0 {
                unlink(temporary)
                continue
            }
            if rename(temporary, final) != 0 {
                let e = errno
                for (rest, _) in copies[i...] { unlink(rest) }
                throw SystemError(path: final, operation: "rename", errno: e)
            }
        }
        guard fsync(at) == 0 else { throw SystemError(path: folder, operation: "fsync", errno: errno) }
    }

    /// Registers a finished copy to be named at the next `commit`; the folder is opened with the first.
    static func awaitCommit(temporary: String, final: String, in folder: String) throws {
        try pending.withLock { pending in
            if pending[folder] == nil {
                let at = Glibc.open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
                guard at >= 0 else { throw SystemError(path: folder, operation: "open", errno: errno) }
                pending[folder] = (at, [])
            }
            pending[folder]!.copies.append((temporary, final))
        }
    }

    /// Removes the `.incoming-<pid>-…` copies of runs that are no longer alive (killed mid-copy), and
    /// only those.
    public func removeDeadLeftovers() {
        ProcessLiveness.removeDeadLeftovers(in: folder, prefix: ".incoming-")
    }

    /// Removes this process's own `.incoming-<pid>-…` copies (a run stopped by a signal).
    public func removeOwnLeftovers() {
        ProcessLiveness.removeFiles(in: folder, prefix: ".incoming-") { $0 == getpid() }
    }

    private func ensureFolder() throws {
        var st = stat()
        if stat(folder, &st) == 0 { return }
        // Create the parent (the output folder) and the archive itself.
        let parent = String(folder[..<(folder.lastIndex(of: "/") ?? folder.startIndex)])
        if !parent.isEmpty { mkdir(parent, 0o755) }
        if mkdir(folder, 0o755) != 0 && errno != EEXIST {
            throw SystemError(path: folder, operation: "mkdir", errno: errno)
        }
    }
}

/// Where an input file was archived.
public struct ArchivedFile: Sendable, Hashable {
    public let sha256: String
    public let bytes: Int
    /// File name inside the archive folder.
    public let name: String
}

/// Reads a file while copying its bytes to a temporary archive file and hashing them.
public final class ArchivingByteSource: ByteSource {
    private let file: FileByteSource
    private let hasher = SHA256Hasher()
    private let archiveFolder: String
    private let temporaryPath: String
    private let extensionName: String
    private var fd: Int32
    private var count = 0
    /// The last (up to) four bytes read: whether the file ends inside a UTF-8 character.
    public private(set) var tail: [UInt8] = []
    /// Where the archived bytes can be read once `finish` returned: the copy's temporary path until
    /// `RawArchive.commit` names it, or the archived file the archive held already.
    public private(set) var copyPath: String?

    init(path: String, archiveFolder: String, maxFileBytes: Int) throws {
        file = try FileByteSource(path: path, maxBytes: maxFileBytes)
        self.archiveFolder = archiveFolder
        let base = path.split(separator: "/").last.map(String.init) ?? "input"
        let dot = base.lastIndex(of: ".")
        extensionName = dot.map { String(base[$0...]).lowercased() } ?? ""
        temporaryPath = archiveFolder + "/.incoming-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
        fd = Glibc.open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw SystemError(path: temporaryPath, operation: "open", errno: errno) }
    }

    deinit {
        if fd >= 0 {
            close(fd)
            unlink(temporaryPath)
        }
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = try file.read(into: buffer)
        guard n > 0 else { return 0 }
        let chunk = UnsafeRawBufferPointer(rebasing: buffer[0..<n])
        hasher.update(chunk)
        var written = 0
        while written < n {
            let w = write(fd, chunk.baseAddress! + written, n - written)
            if w < 0 {
                if errno == EINTR { continue }
                throw SystemError(path: temporaryPath, operation: "write", errno: errno)
            }
            written += w
        }
        count += n
        tail = Array((tail + chunk.suffix(4)).suffix(4))
        return n
    }

    /// True when the bytes read so far end inside a UTF-8 character (a lead byte whose continuation
    /// bytes never came): a UTF-8 file cut off in transfer.
    public var endsInsideUTF8Character: Bool {
        guard let lead = tail.lastIndex(where: { $0 & 0xC0 != 0x80 }) else { return !tail.isEmpty && tail.count >= 4 }
        let b = tail[lead]
        let need = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1
        return tail.count - lead < need
    }

    /// Reads whatever the job did not and keeps the copy, to be named by its hash at
    /// `RawArchive.commit`. Call once.
    ///
    /// A file that changes while this reads its rest is kept as far as it was read: the job only
    /// leaves a file unread when it has refused it already, and the copy is what the job saw.
    public func finish() throws -> ArchivedFile {
        let block = UnsafeMutableRawBufferPointer.allocate(byteCount: 256 * 1024, alignment: 16)
        defer { block.deallocate() }
        do {
            while try read(into: block) > 0 {}
        } catch is FileChanged {}
        let sha = hasher.finish()
        let name = sha + extensionName
        let final = archiveFolder + "/" + name
        var st = stat()
        // A file the archive holds already (most, night after night) is not synced again: its copy is
        // only dropped. A new one takes its name at `RawArchive.commit`, once on disk.
        if stat(final, &st) == 0 {
            close(fd)
            fd = -1
            unlink(temporaryPath)
            copyPath = final
            return ArchivedFile(sha256: sha, bytes: count, name: name)
        }
        _ = sync_file_range(fd, 0, 0, UInt32(SYNC_FILE_RANGE_WRITE))
        copyPath = temporaryPath
        close(fd)
        fd = -1
        do {
            try RawArchive.awaitCommit(temporary: temporaryPath, final: final, in: archiveFolder)
        } catch {
            unlink(temporaryPath)
            throw error
        }
        return ArchivedFile(sha256: sha, bytes: count, name: name)
    }
}
