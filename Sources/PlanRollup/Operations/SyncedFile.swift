import Glibc
import RollupCore

/// A file written whole and synced to disk, never through a link: how the job writes what must
/// survive a crash (published files, pointers, pulled copies). Failures are `PublishError`s.
enum SyncedFile {
    /// write(2) everything, then fsync(2), so a crash after publishing cannot leave a short file.
    static func write(path: String, bytes: [UInt8]) throws {
        try write(path: path, OutputFile(name: path, bytes: bytes))
    }

    /// Writes `file` piece by piece and syncs it.
    static func write(path: String, _ file: OutputFile) throws {
        // Never through a link: a file of the output tree is written where it is, or not at all.
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o644)
        try check(fd, "open", path)
        defer { close(fd) }
        try file.write { bytes in
            var offset = 0
            while offset < bytes.count {
                let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, bytes.count - offset) }
                if n < 0 && errno == EINTR { continue }
                try check(n < 0 ? -1 : 0, "write", path)
                offset += n
            }
        }
        try check(fsync(fd), "fsync", path)
    }

    private static func check(_ result: Int32, _ operation: String, _ path: String) throws {
        if result < 0 {
            throw PublishError(path: path, reason: "\(operation) failed: \(String(cString: strerror(errno)))")
        }
    }

    private static func check(_ result: Int, _ operation: String, _ path: String) throws {
        try check(Int32(clamping: result), operation, path)
    }
}
