import Foundation
import Testing

@testable import PlanRollup
@testable import RollupBase
@testable import RollupCore
@testable import RollupReading

/// HTTP pulls against a real server on 127.0.0.1: good files land, failures keep the last good copy.
@Suite("Pulling exports over HTTP", .serialized)
struct HTTPPullerTests {
    static let good = Array("รหัสโครงการ,วันที่ดำเนินการ,จำนวนครั้ง\nสว-62-023,๒๙ มีนาคม ๒๕๖๒,1\n".utf8)
    static let previous = Array("the last good copy\n".utf8)
    static let policy = PullPolicy(timeoutSeconds: 1.5, attempts: 2, backoffSeconds: 0.01, maxBytes: 1024)

    /// A folder that already holds the last good copy `senate-ict.csv`.
    func folderWithLastGoodCopy() throws -> String {
        let folder = try makeTemporaryFolder("pulled").path
        try Data(Self.previous).write(to: URL(fileURLWithPath: folder + "/senate-ict.csv"))
        return folder
    }

    func contents(_ path: String) -> [UInt8]? { FileManager.default.contents(atPath: path).map { Array($0) } }

    @Test("a good file replaces the previous copy, dated by the server's Last-Modified")
    func goodFile() throws {
        let server = try TestHTTPServer(routes: [
            "/good.csv": .ok(Self.good, lastModified: "Wed, 25 Nov 2026 17:00:00 GMT")
        ])
        defer { server.stop() }
        let folder = try folderWithLastGoodCopy()
        let result = HTTPPuller(policy: Self.policy).pull(
            server.url("/good.csv"), bureau: "senate-ict", into: folder, fileName: "good.csv")
        let pulled = try result.get()
        #expect(pulled.attempts == 1)
        #expect(pulled.bytes == Self.good.count)
        #expect(contents(folder + "/good.csv") == Self.good)
        #expect(contents(folder + "/senate-ict.csv") == nil, "the old copy under another name is removed")
        let date = try #require(PullStage.modificationDate(folder + "/good.csv"))
        #expect(Manifest.timestamp(date) == "2026-11-25T17:00:00Z")
    }

    @Test("a pull clears the .incoming copies that pulls no longer alive left in the bureau's folder, and only those")
    func deadIncomingCopies() throws {
        let server = try TestHTTPServer(routes: ["/good.csv": .ok(Self.good)])
        defer { server.stop() }
        let folder = try folderWithLastGoodCopy()
        let dead = 999_999_999  // beyond pid_max: no process has it
        let live = getppid()
        for pid in [dead, live] { try Data("half".utf8).write(to: URL(fileURLWithPath: folder + "/.incoming-\(pid)")) }
        _ = try HTTPPuller(policy: Self.policy).pull(
            server.url("/good.csv"), bureau: "b", into: folder, fileName: "good.csv"
        ).get()
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(names == [".incoming-\(live)", "good.csv"])
    }

    struct FailureCase: CustomTestStringConvertible, Sendable {
        let name: String
        let route: String
        let attempts: Int
        let reason: String
        var testDescription: String { name }
    }

    static let failures: [FailureCase] = [
        FailureCase(name: "HTTP 500, retried to the limit", route: "/error.csv", attempts: 2, reason: "HTTP 500"),
        FailureCase(name: "HTTP 404, not retried", route: "/absent.csv", attempts: 1, reason: "HTTP 404"),
        FailureCase(name: "a slow answer times out", route: "/slow.csv", attempts: 2, reason: "timed out"),
        FailureCase(name: "a truncated body", route: "/truncated.csv", attempts: 2, reason: ""),
        FailureCase(
            name: "a body over the size limit, not retried", route: "/huge.csv", attempts: 1,
            reason: "larger than the limit"),
        // A 200 answer that is not an export must not replace the last good copy.
        FailureCase(name: "a login page", route: "/login.csv", attempts: 1, reason: "web page"),
        FailureCase(name: "an HTML content type", route: "/typed.csv", attempts: 1, reason: "web page"),
        FailureCase(name: "an empty answer", route: "/empty.csv", attempts: 1, reason: "empty"),
        FailureCase(name: "a workbook", route: "/book.csv", attempts: 1, reason: "workbook"),
        FailureCase(
            name: "text with no header the job knows", route: "/noheader.csv", attempts: 1, reason: "no header"),
        FailureCase(
            name: "an export that collapsed to a tenth", route: "/small.csv", attempts: 1, reason: "less than half"),
    ]

    @Test("a failed pull is reported and the last good copy stays", arguments: failures)
    func failedPull(_ c: FailureCase) throws {
        let server = try TestHTTPServer(routes: [
            "/error.csv": .status(500),
            "/slow.csv": .slow(seconds: 8, Self.good),
            "/truncated.csv": .truncated(announced: 1000, sent: Array(Self.good.prefix(20))),
            "/huge.csv": .ok([UInt8](repeating: 65, count: 5000)),
            "/login.csv": .ok(Array("<!DOCTYPE html>\n<html><body>Please sign in</body></html>\n".utf8)),
            "/typed.csv": .typed("text/html; charset=utf-8", Self.good),
            "/empty.csv": .ok([]),
            "/book.csv": .ok([0x50, 0x4B, 0x03, 0x04] + [UInt8](repeating: 0, count: 100)),
            "/noheader.csv": .ok(Array("a,b,c\n1,2,3\n4,5,6\n7,8,9\n".utf8)),
            "/small.csv": .ok(Array("รหัสโครงการ,วันที่\n".utf8)),
        ])
        defer { server.stop() }
        let folder = try folderWithLastGoodCopy()
        if c.route == "/small.csv" {
            // A last good copy of 50 rows; the answer is its header alone.
            let rows = ["รหัสโครงการ,วันที่ดำเนินการ,จำนวนครั้ง"] + Array(repeating: "สว-62-023,๒๙ มีนาคม ๒๕๖๒,1", count: 50)
            try Data((rows.joined(separator: "\n") + "\n").utf8).write(
                to: URL(fileURLWithPath: folder + "/senate-ict.csv"))
        }
        let before = contents(folder + "/senate-ict.csv")
        let result = HTTPPuller(policy: Self.policy).pull(
            server.url(c.route), bureau: "senate-ict", into: folder, fileName: "senate-ict.csv")
        guard case .failure(let failure) = result else {
            Issue.record("the pull of \(c.route) succeeded")
            return
        }
        #expect(failure.attempts == c.attempts)
        #expect(server.hits(c.route) == c.attempts, "\(failure.reason)")
        #expect(c.reason.isEmpty || failure.reason.contains(c.reason), "\(failure.reason)")
        #expect(failure.bureau == "senate-ict")
        #expect(contents(folder + "/senate-ict.csv") == before)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder).filter { !$0.hasPrefix(".") } == [
                "senate-ict.csv"
            ])
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasPrefix(".incoming") }.isEmpty)
    }

    @Test("a redirect to another scheme is refused with that reason, not retried")
    func redirectToAnotherScheme() throws {
        let server = try TestHTTPServer(routes: ["/moved.csv": .redirect("ftp://files.example/x.csv")])
        defer { server.stop() }
        let folder = try folderWithLastGoodCopy()
        let result = HTTPPuller(policy: Self.policy).pull(
            server.url("/moved.csv"), bureau: "b", into: folder, fileName: "senate-ict.csv")
        guard case .failure(let failure) = result else {
            Issue.record("the redirect was followed")
            return
        }
        #expect(failure.reason.contains("redirected to another scheme (ftp://)"), "\(failure.reason)")
        #expect(failure.attempts == 1)
        #expect(contents(folder + "/senate-ict.csv") == Self.previous)
    }

    /// `bytes` compressed by the system's gzip.
    static func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
        let folder = try makeTemporaryFolder("gzip").path
        try Data(bytes).write(to: URL(fileURLWithPath: folder + "/body"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-9", "-n", folder + "/body"]
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
        return try #require(FileManager.default.contents(atPath: folder + "/body.gz").map { Array($0) })
    }

    @Test("a gzip answer is decoded as it arrives, and the size limit applies to the decoded bytes")
    func gzipAnswers() throws {
        // 16 MiB of a repeated row compress to a few KiB: far under the limit as sent, far over it decoded.
        let row = Array("สว-62-023,๒๙ มีนาคม ๒๕๖๒,1\n".utf8)
        let bomb = try Self.gzip(
            Array(Self.good) + Array([[UInt8]](repeating: row, count: (16 << 20) / row.count).joined()))
        #expect(bomb.count < 200_000)
        let server = try TestHTTPServer(routes: [
            "/zipped.csv": .encoded("gzip", try Self.gzip(Self.good)),
            "/bomb.csv": .encoded("gzip", bomb),
            "/broken.csv": .encoded("gzip", Array("not gzip at all, though it says so".utf8)),
        ])
        defer { server.stop() }
        let folder = try folderWithLastGoodCopy()
        let policy = PullPolicy(timeoutSeconds: 5, attempts: 1, backoffSeconds: 0.01, maxBytes: 1 << 20)
        let puller = HTTPPuller(policy: policy)

        let zipped = try puller.pull(server.url("/zipped.csv"), bureau: "b", into: folder, fileName: "b.csv").get()
        #expect(contents(zipped.path) == Self.good, "the copy kept is the decoded CSV")
        #expect(zipped.bytes == Self.good.count)

        for route in ["/bomb.csv", "/broken.csv"] {
            guard
                case .failure(let failure) = puller.pull(
                    server.url(route), bureau: "b", into: folder, fileName: "b.csv")
            else {
                Issue.record("\(route) was accepted")
                continue
            }
            if route == "/bomb.csv" {
                #expect(failure.reason == "larger than the limit of \(1 << 20) bytes", "\(failure.reason)")
            } else {
                #expect(failure.reason.contains("curl 61"), "an undecodable body is refused as such: \(failure.reason)")
            }
            #expect(contents(folder + "/b.csv") == Self.good, "the last good copy stays")
        }
    }

    @Test("a slow trickle is bounded by the bureau's deadline for all attempts together")
    func deadline() throws {
        let server = try TestHTTPServer(routes: ["/slow.csv": .slow(seconds: 30, Self.good)])
        defer { server.stop() }
        let folder = try folderWithLastGoodCopy()
        let policy = PullPolicy(
            timeoutSeconds: 1, attempts: 10, backoffSeconds: 0.01, maxBytes: 1024, deadlineSeconds: 2)
        let result = HTTPPuller(policy: policy).pull(
            server.url("/slow.csv"), bureau: "b", into: folder, fileName: "x.csv")
        guard case .failure(let failure) = result else {
            Issue.record("the slow pull succeeded")
            return
        }
        #expect(failure.reason.contains("deadline of 2 s"), "\(failure.reason)")
        #expect(failure.attempts < 10)
    }

    @Test(
        "credentials in a URL never reach a message",
        arguments: [
            ("https://clerk:s3cret@drive.example/share/x.csv", "https://***@drive.example/share/x.csv"),
            ("https://token@drive.example/x.csv?format=csv", "https://***@drive.example/x.csv?format=csv"),
            ("https://drive.example/x.csv", "https://drive.example/x.csv"),
        ])
    func redacted(url: String, shown: String) throws {
        let u = try #require(URL(string: url))
        #expect(ExportSource.redacted(u) == shown)
        #expect(!ExportSource.url(u).description.contains("s3cret"))
        let failure = HTTPPuller(policy: Self.policy).pull(
            URL(string: "http://clerk:s3cret@127.0.0.1:\(try TestHTTPServer.closedPort())/x.csv")!, bureau: "b",
            into: try makeTemporaryFolder("pulled").path, fileName: "x.csv")
        if case .failure(let f) = failure { #expect(!f.description.contains("s3cret") && f.url.contains("***@")) }
    }

    @Test("a bureau whose export really shrank can say so: allow_shrink lets the smaller copy in")
    func allowedShrink() throws {
        let server = try TestHTTPServer(routes: ["/good.csv": .ok(Self.good)])
        defer { server.stop() }
        let folder = try makeTemporaryFolder("pulled").path
        try Data(repeating: 65, count: 5000).write(to: URL(fileURLWithPath: folder + "/senate-ict.csv"))
        let puller = HTTPPuller(policy: Self.policy)
        #expect(
            (try? puller.pull(server.url("/good.csv"), bureau: "b", into: folder, fileName: "senate-ict.csv").get())
                == nil)
        let pulled = try puller.pull(
            server.url("/good.csv"), bureau: "b", into: folder, fileName: "senate-ict.csv", allowShrink: true
        ).get()
        #expect(pulled.bytes == Self.good.count)
    }

    @Test(
        "pulled copies are named by the URL's file name when it is a plain CSV name",
        arguments: [
            ("https://drive.example/share/hr-it_2562.csv", "hr-it_2562.csv"),
            ("https://docs.example/spreadsheets/d/abc/export?format=csv", "hr-it.csv"),
            ("https://drive.example/share/..%2F..%2Fetc%2Fpasswd", "hr-it.csv"),
            ("https://drive.example/share/report.xlsx", "hr-it.csv"),
        ])
    func fileNames(url: String, name: String) {
        #expect(HTTPPuller.fileName(for: URL(string: url)!, code: "hr-it") == name)
    }
}
