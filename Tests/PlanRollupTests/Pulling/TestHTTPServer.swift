import Foundation
import Glibc

@testable import PlanRollup
@testable import RollupBase
@testable import RollupCore
@testable import RollupReading

/// A real HTTP/1.1 server on 127.0.0.1 (port chosen by the kernel), one thread per connection,
/// serving canned replies by path and counting requests, for the pull tests.
final class TestHTTPServer: @unchecked Sendable {
    enum Reply {
        case ok([UInt8], lastModified: String? = nil)
        case status(Int)
        /// Answers only after `seconds` (or when the server stops).
        case slow(seconds: Double, [UInt8])
        /// Announces `announced` bytes, sends `sent`, and closes.
        case truncated(announced: Int, sent: [UInt8])
        /// Answers only after `release()` (or when the server stops).
        case hold([UInt8])
        /// A 200 answer with its own Content-Type.
        case typed(String, [UInt8])
        /// A 302 to `location`.
        case redirect(String)
        /// A 200 answer whose body is sent as given with `Content-Encoding: <encoding>` (asked for or not).
        case encoded(String, [UInt8])
    }

    let port: UInt16
    private let listener: Int32
    private let lock = NSLock()
    private var routes: [String: Reply]
    private var counts: [String: Int] = [:]
    private var released = false
    private var stopped = false

    init(routes: [String: Reply]) throws {
        self.routes = routes
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard listener >= 0 else { throw SystemError(path: "socket", operation: "socket", errno: errno) }
        var yes: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(listener, 16) == 0 else {
            throw SystemError(path: "127.0.0.1", operation: "bind", errno: errno)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        self.listener = listener
        port = UInt16(bigEndian: address.sin_port)
        Thread { [self] in acceptLoop() }.start()
    }

    deinit { stop() }

    func url(_ path: String) -> URL { URL(string: "http://127.0.0.1:\(port)\(path)")! }

    func hits(_ path: String) -> Int { lock.withLock { counts[path, default: 0] } }

    /// Waits (at most `timeout` seconds) until `path` has been requested; true when it was.
    func waitForRequest(_ path: String, timeout: Double = 20) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while hits(path) == 0 && Date() < deadline { usleep(10_000) }
        return hits(path) > 0
    }

    func release() { lock.withLock { released = true } }

    func stop() {
        let first = lock.withLock {
            defer { stopped = true }
            return !stopped
        }
        if first {
            shutdown(listener, Int32(SHUT_RDWR))
            close(listener)
        }
    }

    private var isStopped: Bool { lock.withLock { stopped } }

    private func acceptLoop() {
        while true {
            let connection = accept(listener, nil, nil)
            if connection < 0 {
                if errno == EINTR && !isStopped { continue }
                return
            }
            Thread { [self] in serve(connection) }.start()
        }
    }

    private func serve(_ fd: Int32) {
        defer { close(fd) }
        var request: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while request.count < 65_536, !request.ends(with: Array("\r\n\r\n".utf8)) {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress!, $0.count, 0) }
            if n <= 0 { return }
            request += buffer[0..<n]
        }
        let firstLine = String(decoding: request.prefix { $0 != 13 }, as: UTF8.self).split(separator: " ")
        let path = firstLine.count > 1 ? String(firstLine[1]) : "/"
        let reply = lock.withLock {
            counts[path, default: 0] += 1
            return routes[path]
        }
        switch reply {
        case .none: respond(fd, status: 404, body: Array("not found".utf8))
        case .ok(let body, let lastModified):
            respond(fd, status: 200, body: body, extra: lastModified.map { "Last-Modified: \($0)\r\n" } ?? "")
        case .status(let code): respond(fd, status: code, body: Array("error \(code)".utf8))
        case .slow(let seconds, let body):
            let until = Date().addingTimeInterval(seconds)
            while Date() < until && !isStopped { usleep(20_000) }
            respond(fd, status: 200, body: body)
        case .truncated(let announced, let sent):
            send(fd, Array("HTTP/1.1 200 OK\r\nContent-Length: \(announced)\r\nConnection: close\r\n\r\n".utf8) + sent)
        case .redirect(let location):
            send(
                fd,
                Array(
                    "HTTP/1.1 302 Found\r\nLocation: \(location)\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".utf8
                ))
        case .typed(let type, let body):
            send(
                fd,
                Array(
                    "HTTP/1.1 200 OK\r\nContent-Type: \(type)\r\nContent-Length: \(body.count)\r\nConnection: close\r\n\r\n"
                        .utf8) + body)
        case .encoded(let encoding, let body):
            respond(fd, status: 200, body: body, extra: "Content-Encoding: \(encoding)\r\n")
        case .hold(let body):
            let until = Date().addingTimeInterval(60)
            while Date() < until && !isStopped && !lock.withLock({ released }) { usleep(10_000) }
            respond(fd, status: 200, body: body)
        }
    }

    private func respond(_ fd: Int32, status: Int, body: [UInt8], extra: String = "") {
        let head =
            "HTTP/1.1 \(status) \(status == 200 ? "OK" : "Error")\r\nContent-Type: text/csv\r\n"
            + "Content-Length: \(body.count)\r\n\(extra)Connection: close\r\n\r\n"
        send(fd, Array(head.utf8) + body)
    }

    private func send(_ fd: Int32, _ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes {
                Glibc.send(fd, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
            }
            if n <= 0 { return }
            offset += n
        }
    }

    /// A port on 127.0.0.1 that nothing listens on: bound by the kernel's choice, then closed.
    static func closedPort() throws -> UInt16 {
        let server = try TestHTTPServer(routes: [:])
        server.stop()
        return server.port
    }
}

extension Array where Element == UInt8 {
    fileprivate func ends(with suffix: [UInt8]) -> Bool {
        count >= suffix.count && Array(self[(count - suffix.count)...]) == suffix
    }
}
