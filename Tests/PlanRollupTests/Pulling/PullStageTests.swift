import Foundation
import Logging
import Testing

@testable import PlanRollup
@testable import RollupBase
@testable import RollupCore
@testable import RollupReading

/// The pull stage on local sources: which files are read, and each bureau's freshness.
@Suite("The pull stage and freshness")
struct PullStageTests {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)
    static let log = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }

    /// An input folder with `exports/<code>/<name>` files dated `days` before `now`.
    func input(_ files: [(code: String, name: String, days: Double)], emptyFolders: [String] = []) throws -> String {
        let root = try makeTemporaryFolder("pull-input").path
        for code in emptyFolders {
            try FileManager.default.createDirectory(
                atPath: root + "/exports/" + code, withIntermediateDirectories: true)
        }
        for f in files {
            try FileManager.default.createDirectory(
                atPath: root + "/exports/" + f.code, withIntermediateDirectories: true)
            let path = root + "/exports/\(f.code)/\(f.name)"
            try Data("a,b\n".utf8).write(to: URL(fileURLWithPath: path))
            try FileManager.default.setAttributes(
                [.modificationDate: Self.now.addingTimeInterval(-f.days * 86_400)], ofItemAtPath: path)
        }
        return root
    }

    @Test("fresh, stale and missing bureaus, each judged by its newest export and its own limit")
    func freshness() throws {
        let root = try input(
            [
                ("fresh", "old.csv", 100), ("fresh", "new.csv", 3),
                ("stale", "a.csv", 46),
                ("patient", "a.csv", 46),
            ], emptyFolders: ["empty"])
        let registry = BureauRegistry(
            bureaus: [
                BureauEntry(code: "fresh", agency: "สผ.", name: "", source: .folder("exports/fresh")),
                BureauEntry(code: "stale", agency: "สผ.", name: "", source: .folder("exports/stale")),
                BureauEntry(
                    code: "patient", agency: "สผ.", name: "", source: .folder("exports/patient"), maxAgeDays: 60),
                BureauEntry(code: "empty", agency: "สว.", name: "สำนักว่าง (สว.)", source: .folder("exports/empty")),
                BureauEntry(code: "absent", agency: "สว.", name: "", source: .folder("exports/absent")),
            ], maxAgeDays: 45)
        let result = PullStage(registry: registry, input: root, pulledFolder: root + "/pulled", now: Self.now).run(
            log: Self.log)
        let states = Dictionary(uniqueKeysWithValues: result.bureaus.map { ($0.bureau.code, $0.state) })
        #expect(states == ["fresh": .fresh, "stale": .stale, "patient": .fresh, "empty": .missing, "absent": .missing])
        #expect(result.bureaus.first { $0.bureau.code == "fresh" }?.ageDays == 3)
        #expect(result.bureaus.first { $0.bureau.code == "stale" }?.ageDays == 46)
        #expect(
            result.exports.map(\.displayPath) == [
                "exports/fresh/new.csv", "exports/fresh/old.csv", "exports/stale/a.csv", "exports/patient/a.csv",
            ])
        #expect(result.freshness(ofBureauNamed: "สำนักว่าง  (สว.)")?.state == .missing, "names compare as keys")
        let json = String(decoding: FreshnessFile.render(result.bureaus), as: UTF8.self)
        #expect(json.contains("\"missing\": [\n    \"empty\",\n    \"absent\"\n  ]"), "\(json)")
        #expect(json.contains("\"stale\": [\n    \"stale\"\n  ]"))
    }

    @Test("a folder's other files are handed on to be refused, but only exports say a bureau reported")
    func strayFiles() throws {
        let root = try input([("stray", "minutes.docx", 1), ("stray", "progress.ods", 1), ("old", "a.csv", 50)])
        try Data().write(to: URL(fileURLWithPath: root + "/exports/old/notes.pdf"))
        let registry = BureauRegistry(
            bureaus: [
                BureauEntry(code: "stray", agency: "สผ.", name: "", source: .folder("exports/stray")),
                BureauEntry(code: "old", agency: "สผ.", name: "", source: .folder("exports/old")),
            ], maxAgeDays: 45)
        let result = PullStage(registry: registry, input: root, pulledFolder: root + "/pulled", now: Self.now).run(
            log: Self.log)
        let states = Dictionary(uniqueKeysWithValues: result.bureaus.map { ($0.bureau.code, $0.state) })
        #expect(states == ["stray": .missing, "old": .stale], "a new document is not a report")
        #expect(
            result.exports.map(\.displayPath) == [
                "exports/stray/minutes.docx", "exports/stray/progress.ods", "exports/old/a.csv",
                "exports/old/notes.pdf",
            ])
    }

    @Test("a glob source reads the files it matches, and only those")
    func glob() throws {
        let root = try input([
            ("hr-admin", "hr-admin_2561.csv", 1), ("hr-admin", "hr-admin_2562.csv", 1), ("hr-admin", "notes.csv", 1),
        ])
        let registry = BureauRegistry(bureaus: [
            BureauEntry(code: "hr-admin", agency: "", name: "", source: .glob("exports/hr-admin/hr-admin_*.csv"))
        ])
        let result = PullStage(registry: registry, input: root, pulledFolder: root + "/pulled", now: Self.now).run(
            log: Self.log)
        #expect(
            result.exports.map(\.displayPath) == [
                "exports/hr-admin/hr-admin_2561.csv", "exports/hr-admin/hr-admin_2562.csv",
            ])
        #expect(
            result.exports.allSatisfy { $0.bureau == "hr-admin" && FileManager.default.fileExists(atPath: $0.path) })
    }

    @Test("plan bureaus that the registry does not name are listed")
    func unlisted() throws {
        var result = PullResult()
        result.bureaus = [
            BureauFreshness(
                bureau: BureauEntry(
                    code: "hr-it", agency: "สผ.", name: "สำนักสารสนเทศ (สผ.)", source: .folder("exports/hr-it")),
                files: [Self.now], now: Self.now, maxAgeDays: 45)
        ]
        #expect(result.unlisted(planBureauNames: ["สำนักสารสนเทศ (สผ.)", "สำนักวิชาการ (สผ.)"]) == ["สำนักวิชาการ (สผ.)"])
    }

    @Test(
        "pulls of different bureaus run side by side: both are asked for while the first still waits; logs keep registry order"
    )
    func parallelPulls() throws {
        let good = Array("รหัสโครงการ,วันที่ดำเนินการ,จำนวนครั้ง\nสว-62-023,๒๙ มีนาคม ๒๕๖๒,1\n".utf8)
        let server = try TestHTTPServer(routes: ["/a.csv": .hold(good), "/b.csv": .hold(good)])
        defer { server.stop() }
        let root = try makeTemporaryFolder("pull-parallel").path
        let registry = BureauRegistry(
            bureaus: [
                BureauEntry(code: "a", agency: "สผ.", name: "", source: .url(server.url("/a.csv"))),
                BureauEntry(code: "b", agency: "สผ.", name: "", source: .url(server.url("/b.csv"))),
            ], http: PullPolicy(timeoutSeconds: 30, attempts: 1, parallel: 2))
        let done = DispatchSemaphore(value: 0)
        let box = ResultBox()
        Thread.detachNewThread {
            box.result = PullStage(registry: registry, input: root, pulledFolder: root + "/pulled").run(log: Self.log)
            done.signal()
        }
        // Both answers are held: the second is asked for only because the pulls run side by side.
        #expect(server.waitForRequest("/a.csv") && server.waitForRequest("/b.csv"))
        server.release()
        done.wait()
        let result = try #require(box.result)
        #expect(result.bureaus.map(\.bureau.code) == ["a", "b"])
        #expect(result.exports.map(\.displayPath) == ["pulled/a/a.csv", "pulled/b/b.csv"])
    }
}

private final class ResultBox: @unchecked Sendable {
    var result: PullResult?
}
