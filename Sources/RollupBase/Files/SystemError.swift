import Glibc

/// An error from the operating system, with the path and the call that failed.
package struct SystemError: Error, CustomStringConvertible, Sendable {
    package let path: String
    package let operation: String
    package let errno: Int32
    /// What went wrong when the C library's message would mislead (a FIFO, a file that changed).
    package var reason: String? = nil

    package var description: String {
        "\(path): \(operation) failed: \(reason ?? String(cString: strerror(errno)))"
    }

    package init(path: String, operation: String, errno: Int32, reason: String? = nil) {
        self.path = path
        self.operation = operation
        self.errno = errno
        self.reason = reason
    }
}
