import Foundation
import Testing

@testable import PlanRollup
@testable import RollupBase
@testable import RollupCore
@testable import RollupReading

/// A plan that shrank against the latest published run's stops `run` before publishing (exit 77)
/// unless `--accept-plan-change` confirms it; `validate` only warns. Real folders, the real binary.
@Suite("The plan must not silently shrink")
struct PlanShrinkTests {
    static let golden = GoldenSmallTests.folder.appendingPathComponent("input")
    static let asOf = ["--as-of", "2019-03-31"]

    /// A job on a copy of the golden-small input that has published one run.
    static func published() throws -> (JobFixture, String) {
        let job = try JobFixture(source: golden)
        let first = try job.runJob(asOf)
        #expect(first.status == JobExit.published.rawValue, "\(first.stderr)")
        return (job, try #require(job.contents("LATEST.json")))
    }

    /// Keeps the header and the first `rows` rows of the plan file.
    static func truncatePlan(_ job: JobFixture, to rows: Int) throws {
        try editPlan(job) { Array($0.prefix(rows + 1)) }
    }

    static func editPlan(_ job: JobFixture, _ edit: ([String]) -> [String]) throws {
        let path = job.input + "/plan/plan.csv"
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(whereSeparator: \.isNewline).map(
            String.init)
        try Data((edit(lines).joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path))
    }

    @Test("a plan cut to 3 of its 7 projects: exit 77, the file and both counts named, latest unchanged")
    func truncatedPlanIsRefused() throws {
        let (job, pointer) = try Self.published()
        let firstRun = try FileManager.default.destinationOfSymbolicLink(atPath: job.output + "/latest")
        try Self.truncatePlan(job, to: 3)

        let ran = try job.runJob(Self.asOf)
        #expect(ran.status == JobExit.planShrank.rawValue, "\(ran.stderr)")
        #expect(
            ran.stderr.contains(
                "plan-rollup: error: the plan has shrunk: 3 projects now against 7 in the latest "
                    + "published run (\(firstRun)), fewer than 80% of them"), "\(ran.stderr)")
        #expect(ran.stderr.contains("agency สว. had 2 projects there and has none now"))
        #expect(ran.stderr.contains("plan/plan.csv gives 3 projects, "), "the file that shrank is named")
        #expect(
            ran.stderr.contains(
                "Nothing was published; the previous run stays the latest. If the plan really "
                    + "changed, run again with --accept-plan-change."))
        #expect(ran.stderr.contains("แผนงานมีโครงการลดลงมาก: ครั้งนี้มี 3 โครงการ จากเดิม 7 โครงการ"))
        #expect(ran.stderr.contains("ให้สั่งรันใหม่พร้อม --accept-plan-change"))
        #expect(ran.stderr.contains(" error   plan shrank: nothing published "), "\(ran.stderr)")
        #expect(job.contents("LATEST.json") == pointer)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: job.output + "/latest") == firstRun)
        #expect(try FileManager.default.contentsOfDirectory(atPath: job.output + "/runs").count == 1)

        let confirmed = try job.runJob(Self.asOf + ["--accept-plan-change"])
        #expect(confirmed.status == JobExit.published.rawValue, "\(confirmed.stderr)")
        #expect(confirmed.stderr.contains(" warning plan shrank, published as confirmed by --accept-plan-change "))
        #expect(job.contents("LATEST.json") != pointer)
        #expect(try FileManager.default.contentsOfDirectory(atPath: job.output + "/runs").count == 2)
        #expect(confirmed.stdout.contains("plan: 3 projects"))
        // The confirmed plan is now the one to compare with: the next night publishes.
        #expect(try job.runJob(Self.asOf).status == JobExit.published.rawValue)
    }

    @Test(
        "a plan that grows, or loses one project of 7 (86%, every agency kept), publishes",
        arguments: [
            "grows", "shrinks slightly",
        ])
    func smallChangesPublish(change: String) throws {
        let (job, pointer) = try Self.published()
        try Self.editPlan(job) { lines in
            if change == "grows" {
                return lines + [
                    "สผ-62-006,,สผ.,๒,๒,จัดอบรมเพิ่ม,ร้อยละ ๑๐๐,ครั้ง,บุคลากร,,,,,,๑,,,,,,,\"๑,๐๐๐\",สำนักพัฒนาบุคลากร (สผ.)"
                ]
            }
            return lines.filter { !$0.hasPrefix("สผ-62-005,") }
        }
        let ran = try job.runJob(Self.asOf)
        #expect(ran.status == JobExit.published.rawValue, "\(ran.stderr)")
        #expect(job.contents("LATEST.json") != pointer)
        #expect(ran.stderr.contains(" info    plan compared "), "\(ran.stderr)")
        #expect(ran.stdout.contains(change == "grows" ? "plan: 8 projects" : "plan: 6 projects"))
    }

    @Test("the first run has nothing to compare with, and says so in the log")
    func firstRun() throws {
        let job = try JobFixture(source: Self.golden)
        let ran = try job.runJob(Self.asOf)
        #expect(ran.status == JobExit.published.rawValue, "\(ran.stderr)")
        #expect(ran.stderr.contains(" info    plan not compared "), "\(ran.stderr)")
        #expect(ran.stderr.contains("no run was published before"))
    }

    @Test("validate warns about a shrunk plan but does not fail for it, and writes nothing")
    func validateWarns() throws {
        let (job, pointer) = try Self.published()
        try Self.truncatePlan(job, to: 3)
        // Without exports nothing is rejected, so the exit code shows the shrink alone.
        try FileManager.default.removeItem(atPath: job.input + "/exports")
        try FileManager.default.createDirectory(atPath: job.input + "/exports", withIntermediateDirectories: true)
        let ran = try job.run(["validate", "--input", job.input, "--output", job.output] + Self.asOf)
        #expect(ran.status == JobExit.published.rawValue, "\(ran.stdout)\(ran.stderr)")
        #expect(ran.stdout.contains("WARNING: the plan has shrunk: 3 projects now against 7"), "\(ran.stdout)")
        #expect(ran.stdout.contains("run would publish nothing without --accept-plan-change"))
        #expect(ran.stdout.contains("แผนงานมีโครงการลดลงมาก"))
        #expect(job.contents("LATEST.json") == pointer)
    }

    @Test(
        "the threshold: fewer than 80% of the previous run's projects",
        arguments: [
            (10, 8, false), (10, 7, true), (5, 4, false), (5, 3, true), (7, 6, false), (7, 5, true), (1, 0, true),
            (10, 11, false), (100, 80, false), (100, 79, true),
        ])
    func threshold(previous: Int, current: Int, refused: Bool) {
        #expect(PlanShrinkGuard.tooFew(current: current, previous: previous) == refused)
    }

    /// The golden plan published in-process under `output`, then `edit`ed and loaded again.
    static func compare(edit: ([String]) -> [String], prepare: (String) throws -> Void = { _ in }) throws
        -> PlanComparison
    {
        let root = try makeTemporaryFolder("shrink")
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("output").path
        let options = Pipeline.Options(
            input: golden.path, output: output, asOf: CalendarDay(year: 2019, month: 3, day: 31))
        let outcome = try Pipeline.compute(options, today: CalendarDay(year: 2026, month: 11, day: 26)!)
        let manifest = Manifest.render(outcome: outcome, commandLine: [], startedAt: Date(), finishedAt: Date())
        try Publisher(outputFolder: output).publish(
            runID: "2019-03-31_20261126T010000Z",
            files: outcome.files + [OutputFile(name: "manifest.json", bytes: manifest)])
        try prepare(output)
        let planFolder = root.appendingPathComponent("plan")
        try FileManager.default.createDirectory(at: planFolder, withIntermediateDirectories: true)
        let lines = try String(contentsOf: golden.appendingPathComponent("plan/plan.csv"), encoding: .utf8)
            .split(whereSeparator: \.isNewline).map(String.init)
        try Data((edit(lines).joined(separator: "\n") + "\n").utf8).write(
            to: planFolder.appendingPathComponent("plan.csv"))
        let plan = try PlanLoader().load(folder: planFolder.path)
        return PlanShrinkGuard(outputFolder: output).compare(plan)
    }

    @Test("an agency that disappears is refused even when 6 of 7 projects remain")
    func agencyGone() throws {
        let result = try Self.compare { lines in
            lines.filter { !$0.hasPrefix("สว-") }
                + ["สผ-62-006,,สผ.,๒,๒,จัดอบรมเพิ่ม,ร้อยละ ๑๐๐,ครั้ง,บุคลากร,,,,,,๑,,,,,,,๕๐๐,สำนักพัฒนาบุคลากร (สผ.)"]
        }
        guard case .shrank(let shrink) = result else {
            Issue.record("expected a refusal, got \(result)")
            return
        }
        #expect((shrink.projects, shrink.previousProjects) == (6, 7))
        #expect(shrink.agenciesGone == ["สว.": 2])
        #expect(!shrink.english.contains("fewer than 80%"))
        #expect(shrink.english.contains("agency สว. had 2 projects there and has none now"))
        #expect(JobExit.code(for: shrink) == .planShrank)
    }

    @Test("the previous run's plan file sizes come from its manifest and name the file that shrank")
    func fileNamed() throws {
        let result = try Self.compare { Array($0.prefix(3)) }
        guard case .shrank(let shrink) = result else {
            Issue.record("expected a refusal, got \(result)")
            return
        }
        #expect(shrink.files.map(\.path) == ["plan/plan.csv"])
        let goldenBytes = try Data(contentsOf: Self.golden.appendingPathComponent("plan/plan.csv")).count
        #expect(shrink.files.first?.previousBytes == goldenBytes)
        #expect(shrink.english.contains("plan/plan.csv gives 2 projects"), "\(shrink.english)")
    }

    @Test(
        "nothing to compare: no previous run, an unreadable one, or one reached only through a link out of the output folder",
        arguments: [
            "no output", "LATEST.json names ../..", "run folder links outside", "summary.json links outside",
            "summary.json is not JSON", "LATEST.json is missing but latest links to a run",
        ])
    func nothingToCompare(situation: String) throws {
        let outside = try makeTemporaryFolder("outside")
        defer { try? FileManager.default.removeItem(at: outside) }
        let run = "runs/2019-03-31_20261126T010000Z"
        let result = try Self.compare(
            edit: { Array($0.prefix(2)) },
            prepare: { output in
                let fm = FileManager.default
                switch situation {
                case "no output":
                    try fm.removeItem(atPath: output)
                case "LATEST.json names ../..":
                    try Data(#"{"run": "x", "path": "runs/../../etc"}"#.utf8).write(
                        to: URL(fileURLWithPath: output + "/LATEST.json"))
                case "run folder links outside":
                    // The run moved outside and linked back: the link is not followed.
                    try fm.moveItem(atPath: output + "/" + run, toPath: outside.path + "/run")
                    try fm.createSymbolicLink(atPath: output + "/" + run, withDestinationPath: outside.path + "/run")
                case "summary.json links outside":
                    try fm.moveItem(
                        atPath: output + "/" + run + "/summary.json", toPath: outside.path + "/summary.json")
                    try fm.createSymbolicLink(
                        atPath: output + "/" + run + "/summary.json",
                        withDestinationPath: outside.path + "/summary.json")
                case "summary.json is not JSON":
                    try Data("{ cut".utf8).write(to: URL(fileURLWithPath: output + "/" + run + "/summary.json"))
                default:
                    try fm.removeItem(atPath: output + "/LATEST.json")
                }
            })
        switch (situation, result) {
        case ("LATEST.json is missing but latest links to a run", .shrank(let shrink)):
            #expect(shrink.previousRun == run)
        case (_, .nothingToCompare(let reason)):
            let expected = [
                "no output": "does not exist yet: no run was published before",
                "LATEST.json names ../..": "is not a folder runs/<run> of the output folder",
                "run folder links outside": "leads out of the output folder",
                "summary.json links outside": "leads out of the output folder",
                "summary.json is not JSON": "is not a JSON object",
            ]
            #expect(reason.contains(expected[situation] ?? "?"), "\(reason)")
        default:
            Issue.record("\(situation): \(result)")
        }
    }
}
