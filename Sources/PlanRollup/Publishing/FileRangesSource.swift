import Glibc
import RollupBase
import RollupReading

/// Byte ranges of a regular file, one after another, as one stream: the pieces of a previous
/// rejects.csv that the refusal comparison reads (the header's, then those of the folders that
/// changed). Opened once, never through a link; a file that ends before a range does is an error.
final class FileRangesSource: ByteSource {
    let path: String
    private let fd: Int32
    private let ranges: [Range<Int>]
    private var index = 0
    private var at: Int

    init(path: String, ranges: [Range<Int>]) throws {
        self.path = path
        self.ranges = ranges
        at = ranges.first?.lowerBound ?? 0
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
        guard fd >= 0 else { throw SystemError(path: path, operation: "open", errno: errno) }
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG else {
            close(fd)
            throw SystemError(path: path, operation: "open", errno: EINVAL, reason: "it is not a regular file")
        }
        self.fd = fd
    }

    deinit { close(fd) }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while index < ranges.count {
            let range = ranges[index]
            guard at < range.upperBound else {
                index += 1
                if index < ranges.count { at = ranges[index].lowerBound }
                continue
            }
            let n = pread(fd, base, min(buffer.count, range.upperBound - at), off_t(at))
            if n < 0 && errno == EINTR { continue }
            guard n >= 0 else { throw SystemError(path: path, operation: "read", errno: errno) }
            guard n > 0 else {
                throw SystemError(path: path, operation: "read", errno: EIO, reason: "the file ends before byte \(at)")
            }
            at += n
            return n
        }
        return 0
    }
}
