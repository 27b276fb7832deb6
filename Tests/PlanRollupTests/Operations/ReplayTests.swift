import Foundation
import Testing

@testable import PlanRollup
@testable import RollupBase
@testable import RollupCore
@testable import RollupReading

/// `run --as-of DATE --from-archive` reproduces a past round from the raw archive, whatever input/ holds now.
@Suite("Replaying a past round from the raw archive")
struct ReplayTests {
    static let tables = ["projects.csv", "bureaus.csv", "months.csv", "agencies.csv", "rejects.csv"]

    @Test("the 6-month round is reproduced byte for byte after the input changed")
    func reproduces() throws {
        let job = try JobFixture(registry: ExitCodeTests.shippedRegistry)
        #expect(try job.runJob(["--as-of", "2019-03-31"]).status == 0)
        let then = Self.tables.map { job.contents("latest/" + $0) }

        // The bureaus overwrite and withdraw their files.
        try FileManager.default.removeItem(atPath: job.input + "/exports/hr-personnel")
        try Data("รหัสโครงการ\n".utf8).write(
            to: URL(fileURLWithPath: job.input + "/exports/senate-hrd/senate-hrd_6m.csv"))
        let replay = try job.runJob(["--as-of", "2019-03-31", "--from-archive"])
        #expect(replay.status == 0, "\(replay.stderr)")
        #expect(replay.stderr.contains(" info    replay "))
        #expect(then.allSatisfy { $0 != nil })
        let now = Self.tables.map { job.contents("latest/" + $0) }
        for (i, table) in Self.tables.enumerated() { #expect(now[i] == then[i], "\(table) differs") }

        // Read from input/ instead, the same date gives other figures: the archive is what kept them.
        let fresh = try job.run([
            "run", "--input", job.input, "--output", job.root.path + "/other", "--as-of", "2019-03-31",
        ])
        #expect(fresh.status == 0)
        let other = FileManager.default.contents(atPath: job.root.path + "/other/latest/projects.csv").map {
            String(decoding: $0, as: UTF8.self)
        }
        #expect(other != then[0], "the changed input gives other figures")
    }

    @Test("the round's survey results are kept in the archive and replayed with it")
    func replaysSurvey() throws {
        let job = try JobFixture(registry: ExitCodeTests.shippedRegistry)
        try FileManager.default.createDirectory(atPath: job.input + "/survey", withIntermediateDirectories: true)
        try Data("ส่วนราชการ,การสำรวจ,ร้อยละ\nสผ.,การรับรู้,๗๒.๕\nสว.,ความคิดเห็น,81\n".utf8)
            .write(to: URL(fileURLWithPath: job.input + "/survey/survey_2562.csv"))
        #expect(try job.runJob(["--as-of", "2019-03-31"]).status == 0)
        let then = try #require(job.contents("latest/summary.json"))
        #expect(then.contains("\"level_2_awareness_pct\": 72.5"))
        let manifest = try #require(job.contents("latest/manifest.json"))
        #expect(manifest.contains("\"path\": \"survey/survey_2562.csv\""))

        // The survey is withdrawn: a replay of the round still reads the one it was published with.
        try FileManager.default.removeItem(atPath: job.input + "/survey")
        let replay = try job.runJob(["--as-of", "2019-03-31", "--from-archive"])
        #expect(replay.status == 0, "\(replay.stderr)")
        #expect(job.contents("latest/summary.json") == then)
    }

    @Test("nothing to replay is a configuration error (78); --from-archive without --as-of a usage error (64)")
    func refusals() throws {
        let job = try JobFixture(registry: ExitCodeTests.shippedRegistry)
        #expect(try job.runJob(["--as-of", "2019-03-31"]).status == 0)
        let early = try job.runJob(["--as-of", "2018-12-31", "--from-archive"])
        #expect(early.status == JobExit.configuration.rawValue)
        #expect(early.stderr.contains("no published run as of 2018-12-31 or earlier"))
        #expect(try job.runJob(["--from-archive"]).status == JobExit.usage.rawValue)
    }
}
