import Glibc
import RollupBase

/// A stream of bytes read in blocks: a file, or a decoder in front of one.
public protocol ByteSource {
    /// Fills a prefix of `buffer` and returns its length; 0 means the end of the stream.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

extension ByteSource {
    /// Hands `body` everything the source gives until its end, in 256 KiB blocks; returns the bytes read.
    public mutating func forEachBlock(_ body: (UnsafeRawBufferPointer) -> Void) throws -> Int {
        let block = UnsafeMutableRawBufferPointer.allocate(byteCount: 256 * 1024, alignment: 16)
        defer { block.deallocate() }
        var total = 0
        while true {
            let n = try read(into: block)
            if n == 0 { return total }
            body(UnsafeRawBufferPointer(rebasing: block[0..<n]))
            total += n
        }
    }
}

/// An input file that changed while the job read it: what was read is no consistent version of it.
public struct FileChanged: Error, CustomStringConvertible, Sendable {
    public let path: String
    public let reason: String
    public var description: String { "\(path): \(reason)" }
}

/// A regular file read with `read(2)` in caller-sized blocks; never the whole file at once.
///
/// Anything else (directory, FIFO, device, socket) is refused at `init` without blocking, as is a
/// file larger than `maxBytes`. A file whose size or modification time changes before its end is
/// read throws `FileChanged` once; later reads return 0, so a copy can finish with what was read.
public final class FileByteSource: ByteSource {
    public let path: String
    public let maxBytes: Int
    private var fd: Int32
    private let openedSize: Int
    private let openedModified: timespec
    private var bytesRead = 0
    private var ended = false

    /// `followingLinks: false` refuses a path whose last component is a symbolic link (a file the
    /// job wrote itself, which a link put there by someone else must not replace).
    public init(path: String, maxBytes: Int = CSVLimits().maxFileBytes, followingLinks: Bool = true) throws {
        self.path = path
        self.maxBytes = maxBytes
        // O_NONBLOCK: opening a FIFO with no writer would otherwise wait for one forever.
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY | (followingLinks ? 0 : O_NOFOLLOW))
        guard fd >= 0 else { throw SystemError(path: path, operation: "open", errno: errno) }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            let e = errno
            close(fd)
            throw SystemError(path: path, operation: "fstat", errno: e)
        }
        if let kind = Self.nonRegularKind(st.st_mode) {
            close(fd)
            throw SystemError(path: path, operation: "open", errno: EINVAL, reason: "it is \(kind), not a regular file")
        }
        if Int(st.st_size) > maxBytes {
            close(fd)
            throw SystemError(
                path: path, operation: "open", errno: EFBIG,
                reason: "the file is \(st.st_size) bytes, more than the limit of \(maxBytes)")
        }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        self.fd = fd
        openedSize = Int(st.st_size)
        openedModified = st.st_mtim
    }

    deinit { if fd >= 0 { close(fd) } }

    /// How a file type that is not a regular file is named in messages; nil for a regular file.
    static func nonRegularKind(_ mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: nil
        case S_IFDIR: "a directory"
        case S_IFIFO: "a FIFO (named pipe)"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFSOCK: "a socket"
        default: "a special file"
        }
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0, !ended else { return 0 }
        while true {
            let n = Glibc.read(fd, base, buffer.count)
            if n < 0 {
                if errno == EINTR { continue }
                throw SystemError(path: path, operation: "read", errno: errno)
            }
            bytesRead += n
            if bytesRead > maxBytes {
                ended = true
                throw FileChanged(
                    path: path, reason: "the file grew past the limit of \(maxBytes) bytes while being read")
            }
            if n == 0 {
                ended = true
                try checkUnchanged()
            }
            return n
        }
    }

    /// At the end: the file must still have the size and modification time it had when opened.
    private func checkUnchanged() throws {
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw SystemError(path: path, operation: "fstat", errno: errno) }
        let sameTime = st.st_mtim.tv_sec == openedModified.tv_sec && st.st_mtim.tv_nsec == openedModified.tv_nsec
        guard bytesRead == openedSize, Int(st.st_size) == openedSize, sameTime else {
            throw FileChanged(
                path: path,
                reason: "the file changed while being read (it had \(openedSize) bytes when opened, "
                    + "\(bytesRead) were read, it now has \(st.st_size))")
        }
    }
}

/// Bytes already in memory (tests, small decoded headers); read in blocks like a file.
public struct MemoryByteSource: ByteSource {
    private let bytes: [UInt8]
    private var offset = 0

    public init(_ bytes: [UInt8]) { self.bytes = bytes }
    public init(_ text: String) { self.bytes = Array(text.utf8) }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = min(buffer.count, bytes.count - offset)
        guard n > 0 else { return 0 }
        bytes.withUnsafeBytes { src in
            buffer.baseAddress!.copyMemory(from: src.baseAddress! + offset, byteCount: n)
        }
        offset += n
        return n
    }
}
