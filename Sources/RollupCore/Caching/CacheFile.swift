import Foundation
import Glibc
import RollupBase
import RollupReading

/// A file of the read cache: a fixed first line, the content, the checksum (`ContentChecksum`,
/// XXH3-128 as 32 hex digits) of everything before it, then a tail (bytes checked only when they are
/// used: a read cache entry's row records), the tail's own checksum and its length (8 bytes).
/// Written under a temporary name and renamed into place, so a reader sees a whole file or none;
/// read only when it is a regular file of this user (never through a link) whose checksum matches,
/// so a file cut short, changed or left by another process is ignored.
enum CacheFile {
    static let magic = Array("plan-rollup read cache 4\n".utf8)
    static let trailer = 32
    /// After the tail: its checksum and its length.
    static let tailTrailer = 32 + 8

    /// A verified cache file, open for reading: what is read is the file checked, even once another
    /// file takes its name or it is removed (the buffers of a result taken from it share `file`).
    final class Opened {
        let file: OpenFile
        /// Bytes of content, after the magic line and before the checksum.
        let contentSize: Int
        /// Where the tail lies in the file, its length and the checksum it was written with: not yet
        /// checked (`RowRecordLog.isIntact`).
        let tailOffset: Int
        let tailLength: Int
        let tailChecksum: String

        fileprivate init(fd: Int32, path: String, contentSize: Int, tailLength: Int, tailChecksum: String) {
            file = OpenFile(fd: fd, path: path)
            self.contentSize = contentSize
            tailOffset = CacheFile.magic.count + contentSize + CacheFile.trailer
            self.tailLength = tailLength
            self.tailChecksum = tailChecksum
        }

        var fd: Int32 { file.fd }

        /// Content bytes `range` (offsets within the content).
        func read(_ range: Range<Int>) throws -> [UInt8] {
            guard range.lowerBound >= 0, range.upperBound <= contentSize else {
                throw CacheDamage(reason: "a part lies past the end")
            }
            return try readFile(range, at: fileOffset(range.lowerBound))
        }

        /// Tail bytes `range` (offsets within the tail).
        func readTail(_ range: Range<Int>) throws -> [UInt8] {
            guard range.lowerBound >= 0, range.upperBound <= tailLength else {
                throw CacheDamage(reason: "a part lies past the end")
            }
            return try readFile(range, at: tailOffset + range.lowerBound)
        }

        private func readFile(_ range: Range<Int>, at offset: Int) throws -> [UInt8] {
            var out = [UInt8](repeating: 0, count: range.count)
            var done = 0
            while done < range.count {
                let n = out.withUnsafeMutableBytes {
                    pread(fd, $0.baseAddress! + done, range.count - done, off_t(offset + done))
                }
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { throw CacheDamage(reason: "cannot be read") }
                done += n
            }
            return out
        }

        /// Offset in the file of content offset `offset`.
        func fileOffset(_ offset: Int) -> Int { CacheFile.magic.count + offset }
    }

    /// Opens `folder/name` and checks it whole; nil when it is not there, throws when it is damaged
    /// or not the job's.
    static func open(folder: String, name: String) throws -> Opened? {
        let path = folder + "/" + name
        let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
        guard fd >= 0 else {
            if errno == ENOENT { return nil }
            throw CacheDamage(reason: "cannot be opened (\(String(cString: strerror(errno))))")
        }
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG, st.st_uid == getuid(),
            Int(st.st_size) >= magic.count + trailer + tailTrailer
        else {
            close(fd)
            throw CacheDamage(reason: "not a regular file of this user, or too short")
        }
        // The tail's checksum and length, at the very end: the checked part ends where the tail begins.
        var end = [UInt8](repeating: 0, count: tailTrailer)
        let got = end.withUnsafeMutableBytes {
            pread(fd, $0.baseAddress, tailTrailer, off_t(Int(st.st_size) - tailTrailer))
        }
        let tailLength = end[32...].withUnsafeBytes { Int(Int64(littleEndian: $0.loadUnaligned(as: Int64.self))) }
        guard got == tailTrailer, tailLength >= 0,
            tailLength <= Int(st.st_size) - magic.count - trailer - tailTrailer
        else {
            close(fd)
            throw CacheDamage(reason: "its tail does not fit its size")
        }
        let size = Int(st.st_size) - tailTrailer - tailLength
        let hasher = ContentChecksum()
        let block = UnsafeMutableRawBufferPointer.allocate(byteCount: 256 * 1024, alignment: 16)
        defer { block.deallocate() }
        var at = 0
        var head: [UInt8] = []
        while at < size - trailer {
            let n = pread(fd, block.baseAddress, min(block.count, size - trailer - at), off_t(at))
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                close(fd)
                throw CacheDamage(reason: "cut short while checked")
            }
            let chunk = UnsafeRawBufferPointer(rebasing: block[0..<n])
            if head.count < magic.count { head += chunk.prefix(magic.count - head.count) }
            hasher.update(chunk)
            at += n
        }
        var stored = [UInt8](repeating: 0, count: trailer)
        let n = stored.withUnsafeMutableBytes { pread(fd, $0.baseAddress, trailer, off_t(size - trailer)) }
        guard n == trailer, String(decoding: stored, as: UTF8.self) == hasher.finish(), head == magic else {
            close(fd)
            throw CacheDamage(reason: "its checksum does not match its bytes")
        }
        return Opened(
            fd: fd, path: path, contentSize: size - magic.count - trailer, tailLength: tailLength,
            tailChecksum: String(decoding: end[0..<32], as: UTF8.self))
    }

    /// Writes the content `head` then what `rest` hands its writer, block by block, as `folder/name`.
    /// Returns the bytes written, or nil when the folder cannot take them (nothing is left behind).
    static func write(
        folder: String, name: String, head: [UInt8],
        rest: ((UnsafeRawBufferPointer) -> Void) -> Void = { _ in },
        tail: ((UnsafeRawBufferPointer) -> Void) -> Void = { _ in }
    ) -> Int? {
        let temporary = folder + "/.incoming-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
        let fd = Glibc.open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { return nil }
        let hasher = ContentChecksum()
        var failed = false
        var total = 0
        func put(_ bytes: UnsafeRawBufferPointer, hashed: Bool = true) {
            guard !failed, bytes.count > 0 else { return }
            if hashed { hasher.update(bytes) }
            var done = 0
            while done < bytes.count {
                let n = Glibc.write(fd, bytes.baseAddress! + done, bytes.count - done)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else {
                    failed = true
                    return
                }
                done += n
            }
            total += bytes.count
        }
        magic.withUnsafeBytes { put($0) }
        head.withUnsafeBytes { put($0) }
        rest { put($0) }
        let sum = Array(hasher.finish().utf8)
        sum.withUnsafeBytes { put($0, hashed: false) }
        let start = total
        let tailHasher = ContentChecksum()
        tail { bytes in
            tailHasher.update(bytes)
            put(bytes, hashed: false)
        }
        let tailLength = total - start
        Array(tailHasher.finish().utf8).withUnsafeBytes { put($0, hashed: false) }
        withUnsafeBytes(of: Int64(tailLength).littleEndian) { put($0, hashed: false) }
        close(fd)
        guard !failed, rename(temporary, folder + "/" + name) == 0 else {
            unlink(temporary)
            return nil
        }
        return total
    }
}
