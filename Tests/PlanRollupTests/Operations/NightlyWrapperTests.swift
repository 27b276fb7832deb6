import Foundation
import Testing

@testable import PlanRollup
@testable import RollupBase
@testable import RollupCore
@testable import RollupReading

/// The real cron wrapper (`cron/plan-rollup-nightly`) around the real binary.
@Suite("The nightly cron wrapper")
struct NightlyWrapperTests {
    /// The wrapper's environment for a fixture: the debug binary, the fixture's folders, no local env file.
    static func environment(_ job: JobFixture) -> [String: String] {
        [
            "PLAN_ROLLUP_BIN": JobFixture.binary, "PLAN_ROLLUP_INPUT": job.input, "PLAN_ROLLUP_OUTPUT": job.output,
            "PLAN_ROLLUP_ENV": job.root.path + "/no-such.env",
        ]
    }

    func logText(_ job: JobFixture) -> String { job.contents("logs/latest.log") ?? "" }

    @Test("quiet on success: nothing on standard output, a dated log with one line per stage")
    func quietOnSuccess() throws {
        let job = try JobFixture(registry: ExitCodeTests.shippedRegistry)
        let ran = try Ran.start(JobFixture.wrapper, [], environment: Self.environment(job)).wait()
        #expect(ran.status == 0, "\(ran.stdout)\(ran.stderr)")
        #expect(ran.stdout.isEmpty && ran.stderr.isEmpty)
        let logs = try FileManager.default.contentsOfDirectory(atPath: job.output + "/logs")
        #expect(logs.contains { $0.hasPrefix("plan-rollup-") && $0.hasSuffix(".log") })
        let log = logText(job)
        for stage in [
            " info    start ", " info    plan ", " info    read ", " info    aggregate ", " info    published ",
        ] {
            #expect(log.contains(stage), "\(stage)")
        }
        #expect(log.hasSuffix("# exit 0\n"))
        #expect(!log.contains("\u{1B}["), "no progress bar in a log file")
    }

    @Test("a link planted at the log folder stops the wrapper before it writes anything there")
    func logFolderLink() throws {
        let job = try JobFixture()
        let target = try makeTemporaryFolder("victim-logs")
        defer { try? FileManager.default.removeItem(at: target) }
        try FileManager.default.createDirectory(atPath: job.output, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: job.output + "/logs", withDestinationPath: target.path)
        let ran = try Ran.start(JobFixture.wrapper, [], environment: Self.environment(job)).wait()
        #expect(ran.status == 78, "\(ran.stderr)")
        #expect(ran.stderr.contains("is a link"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: target.path).isEmpty)
    }

    @Test("loud on failure: the exit code, its meaning, the log's path and tail on standard output")
    func loudOnFailure() throws {
        let job = try JobFixture(registry: #"{"bureaus": [{"code": "../x"}]}"#)
        let ran = try Ran.start(JobFixture.wrapper, [], environment: Self.environment(job)).wait()
        #expect(ran.status == JobExit.configuration.rawValue)
        #expect(ran.stdout.contains("plan-rollup nightly: exit 78: configuration error"))
        #expect(ran.stdout.contains("log: " + job.output + "/logs/plan-rollup-"))
        #expect(ran.stdout.contains("a code is"), "the log's tail names the fault")
    }

    @Test("two nightly runs at once: the second is refused with 75; a run by hand meanwhile too")
    func overlappingRuns() throws {
        let export = try Array(
            Data(contentsOf: Paths.repository.appendingPathComponent("input/exports/senate-ict/senate-ict_2562.csv")))
        let server = try TestHTTPServer(routes: ["/hold/senate-ict_2562.csv": .hold(export)])
        defer { server.stop() }
        let job = try JobFixture(
            registry: JobFixture.registry(
                senateICT: server.url("/hold/senate-ict_2562.csv").absoluteString, timeout: 30))
        try FileManager.default.removeItem(atPath: job.input + "/exports/senate-ict")

        let first = try Ran.start(JobFixture.wrapper, [], environment: Self.environment(job))
        // The first run is inside its pull, holding both locks, until the server is released.
        #expect(server.waitForRequest("/hold/senate-ict_2562.csv"))
        let second = try Ran.start(JobFixture.wrapper, [], environment: Self.environment(job)).wait()
        #expect(second.status == JobExit.locked.rawValue)
        #expect(second.stderr.contains("another nightly run holds"))
        let byHand = try job.runJob()
        #expect(byHand.status == JobExit.locked.rawValue)
        #expect(byHand.stderr.contains("another plan-rollup run holds"))

        server.release()
        first.wait()
        #expect(first.status == 0, "\(first.stdout)")
        #expect(logText(job).contains(" info    pulled "))
        #expect(job.contents("latest/manifest.json")?.contains("pulled/senate-ict/senate-ict_2562.csv") == true)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: job.output + "/runs").count == 1,
            "only the first run published")
    }

    @Test(
        "the README's install: the crontab line, with the checkout's path, run in cron's empty environment, logs a published run"
    )
    func crontabLine() throws {
        // A checkout laid out as the README expects: cron/, input/, .build/release/plan-rollup.
        let job = try JobFixture(registry: ExitCodeTests.shippedRegistry)
        let checkout = job.root.path
        try FileManager.default.createDirectory(atPath: checkout + "/cron", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: JobFixture.wrapper, toPath: checkout + "/cron/plan-rollup-nightly")
        try FileManager.default.createDirectory(atPath: checkout + "/.build/release", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: checkout + "/.build/release/plan-rollup", withDestinationPath: JobFixture.binary)

        let crontab = try String(
            contentsOfFile: Paths.repository.appendingPathComponent("cron/crontab").path, encoding: .utf8
        )
        .replacingOccurrences(of: "/opt/plan-rollup", with: checkout)
        let entries = crontab.split(separator: "\n").filter { !$0.hasPrefix("#") && $0.contains("plan-rollup-nightly") }
        #expect(entries.count == 1)
        #expect(crontab.contains("CRON_TZ=Asia/Bangkok") && crontab.contains("MAILTO="))
        let fields = try #require(entries.first).split(separator: " ", maxSplits: 5)
        #expect(fields.prefix(5) == ["30", "1", "*", "*", "*"])
        let command = String(fields[5])

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["-i", "/bin/sh", "-c", command]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let log = try String(contentsOfFile: checkout + "/output/logs/latest.log", encoding: .utf8)
        #expect(log.contains(" info    published "))
    }
}
