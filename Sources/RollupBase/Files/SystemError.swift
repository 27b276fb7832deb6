import Glibc

/// An error from the operating system, with the path and the call that failed.
public struct SystemError: Error, CustomStringConvertible, Sendable {
    public let path: String
    public let operation: String
    public let errno: Int32
    /// What went wrong when the C library's message would mislead (a FIFO, a file that changed).
    public var reason: String? = nil

    public var description: String {
        "\(path): \(operation) failed: \(reason ?? String(cString: strerror(errno)))"
    }

    public init(path: String, operation: String, errno: Int32, reason: String? = nil) {
        self.path = path
        self.operation = operation
        self.errno = errno
        self.reason = reason
    }
}
