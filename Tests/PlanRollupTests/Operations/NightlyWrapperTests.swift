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
        #expect(crontab.contains("MAILTO="))
        let fields = try #require(entries.first).split(separator: " ", maxSplits: 5)
        #expect(fields.prefix(5) == ["*/15", "*", "*", "*", "*"])
        let command = String(fields[5])

        // The line as cron runs it, at 08:30 in Bangkok: nothing at all.
        let offHours = try Ran.start(
            "/usr/bin/env", ["-i", "PLAN_ROLLUP_NOW=2026-11-29T01:30:00Z", "/bin/sh", "-c", command]
        ).wait()
        #expect(offHours.status == 0 && offHours.stdout.isEmpty && offHours.stderr.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: checkout + "/output"))

        // Step 2's trial, word for word from the README, with the crontab it writes: the job runs now.
        let crontabFile = checkout + "/plan-rollup.crontab"
        try Data(crontab.utf8).write(to: URL(fileURLWithPath: crontabFile))
        let readme = try String(
            contentsOfFile: Paths.repository.appendingPathComponent("README.md").path, encoding: .utf8)
        let trial = try #require(
            readme.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                .first { $0.hasPrefix("env -i /bin/sh -c ") && $0.contains("/tmp/plan-rollup.crontab") })
        let ran = try Ran.start(
            "/bin/sh", ["-c", trial.replacingOccurrences(of: "/tmp/plan-rollup.crontab", with: crontabFile)]
        ).wait()
        #expect(ran.stdout == "exit 0\n", "\(ran.stdout)\(ran.stderr)")
        let log = try String(contentsOfFile: checkout + "/output/logs/latest.log", encoding: .utf8)
        #expect(log.contains(" info    published "))
        #expect(
            !FileManager.default.fileExists(atPath: checkout + "/output/logs/nightly.stamp"),
            "a trial is not the night's run")
    }

    @Test("the shipped crontab does not rely on CRON_TZ, which Debian's cron ignores: every 15 minutes, --at 01:30")
    func crontabWithoutCronTZ() throws {
        let crontab = try String(
            contentsOfFile: Paths.repository.appendingPathComponent("cron/crontab").path, encoding: .utf8)
        let lines = crontab.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") }
        #expect(!lines.contains { $0.contains("CRON_TZ") || $0.hasPrefix("TZ=") }, "\(lines)")
        let entries = lines.filter { $0.contains("plan-rollup-nightly") }
        #expect(entries.count == 1)
        let fields = try #require(entries.first).split(separator: " ").map(String.init)
        #expect(fields.prefix(5) == ["*/15", "*", "*", "*", "*"])
        #expect(fields.dropFirst(5) == ["/opt/plan-rollup/cron/plan-rollup-nightly", "--at", "01:30"])
    }

    @Test("the example systemd timer starts the wrapper, without --at, at 01:30 Asia/Bangkok")
    func systemdUnits() throws {
        func lines(_ name: String) throws -> [String] {
            try String(contentsOfFile: Paths.repository.appendingPathComponent("cron/" + name).path, encoding: .utf8)
                .split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") }
        }
        #expect(try lines("plan-rollup.timer").contains("OnCalendar=*-*-* 01:30:00 Asia/Bangkok"))
        #expect(try lines("plan-rollup.service").contains("ExecStart=/opt/plan-rollup/cron/plan-rollup-nightly"))
    }

    // MARK: --at 01:30: 01:30 Asia/Bangkok whatever the host's time zone

    /// Host time zones: the wrapper keeps an inherited TZ for its logs, so its decision must use Asia/Bangkok itself.
    static let hostZones = ["UTC", "Asia/Bangkok", "Asia/Kathmandu"]

    /// The wrapper as the crontab starts it (`--at 01:30` by default), in host zone `zone`, its clock at `now`.
    func scheduled(
        _ job: JobFixture, zone: String, now: String, at: [String] = ["--at", "01:30"], extra: [String: String] = [:]
    ) throws -> Ran {
        var environment = Self.environment(job)
        environment["TZ"] = zone
        environment["PLAN_ROLLUP_NOW"] = now
        environment.merge(extra) { $1 }
        return try Ran.start(JobFixture.wrapper, at, environment: environment).wait()
    }

    func publishedRuns(_ job: JobFixture) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: job.output + "/runs")) ?? []
    }

    func logFiles(_ job: JobFixture) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: job.output + "/logs")) ?? []).filter {
            $0.hasPrefix("plan-rollup-")
        }
    }

    @Test(
        "--at 01:30 at 01:30 to 01:59 in Bangkok (18:30 to 18:59 UTC): runs and publishes, in any host zone",
        arguments: hostZones, ["2026-11-29T18:30:00Z", "1795978799"])
    func atRunsInItsHalfHour(zone: String, now: String) throws {
        let job = try JobFixture(registry: ExitCodeTests.shippedRegistry)
        let ran = try scheduled(job, zone: zone, now: now)
        #expect(ran.status == 0, "\(ran.stdout)\(ran.stderr)")
        #expect(ran.stdout.isEmpty && ran.stderr.isEmpty)
        #expect(publishedRuns(job).count == 1)
        #expect(logText(job).contains(" info    published "))
        #expect(logText(job).contains("(--at 01:30 Asia/Bangkok: the night of 2026-11-30)"))
        #expect(job.contents("logs/nightly.stamp") == "2026-11-30\n")
    }

    @Test(
        "--at 01:30 at any other time (08:30, 01:29, 02:00, 13:30 in Bangkok): exit 0, silent, nothing written",
        arguments: hostZones,
        ["2026-11-29T01:30:00Z", "2026-11-29T18:29:59Z", "2026-11-29T19:00:00Z", "2026-11-29T06:30:00Z"])
    func atIsQuietOtherwise(zone: String, now: String) throws {
        let job = try JobFixture(registry: ExitCodeTests.shippedRegistry)
        let ran = try scheduled(job, zone: zone, now: now)
        #expect(ran.status == 0, "\(ran.stderr)")
        #expect(ran.stdout.isEmpty && ran.stderr.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: job.output), "not even the log folder")
    }

    @Test(
        "--at 01:30 again in the same Bangkok night, after a run: exit 0, silent, no second run", arguments: hostZones)
    func atRunsOncePerNight(zone: String) throws {
        let job = try JobFixture(registry: ExitCodeTests.shippedRegistry)
        let first = try scheduled(job, zone: zone, now: "2026-11-29T18:30:00Z")
        #expect(first.status == 0, "\(first.stdout)")
        let logs = logFiles(job)
        for now in ["2026-11-29T18:45:00Z", "2026-11-29T18:30:00Z", "2026-11-29T18:59:59Z"] {
            let again = try scheduled(job, zone: zone, now: now)
            #expect(again.status == 0 && again.stdout.isEmpty && again.stderr.isEmpty, "\(now): \(again.stderr)")
        }
        #expect(publishedRuns(job).count == 1)
        #expect(logFiles(job) == logs, "no log of a run that did not start")
        #expect(job.contents("logs/nightly.stamp") == "2026-11-30\n")
    }

    @Test("the 01:45 call while the night's run is still running: exit 0, silent, not refused with 75")
    func atWhileTheNightRuns() throws {
        let export = try Array(
            Data(contentsOf: Paths.repository.appendingPathComponent("input/exports/senate-ict/senate-ict_2562.csv")))
        let server = try TestHTTPServer(routes: ["/hold/senate-ict_2562.csv": .hold(export)])
        defer { server.stop() }
        let job = try JobFixture(
            registry: JobFixture.registry(
                senateICT: server.url("/hold/senate-ict_2562.csv").absoluteString, timeout: 30))
        try FileManager.default.removeItem(atPath: job.input + "/exports/senate-ict")
        var environment = Self.environment(job)
        environment["TZ"] = "UTC"
        environment["PLAN_ROLLUP_NOW"] = "2026-11-29T18:30:00Z"
        let first = try Ran.start(JobFixture.wrapper, ["--at", "01:30"], environment: environment)
        // The night's run is inside its pull, holding the wrapper's lock, until the server is released.
        #expect(server.waitForRequest("/hold/senate-ict_2562.csv"))
        let tick = try scheduled(job, zone: "UTC", now: "2026-11-29T18:45:00Z")
        #expect(tick.status == 0 && tick.stdout.isEmpty && tick.stderr.isEmpty, "\(tick.stderr)")
        server.release()
        first.wait()
        #expect(first.status == 0, "\(first.stdout)")
        #expect(publishedRuns(job).count == 1)
    }

    @Test("--at 01:30 the next Bangkok night: runs again", arguments: hostZones)
    func atRunsAgainNextNight(zone: String) throws {
        let job = try JobFixture(registry: ExitCodeTests.shippedRegistry)
        let first = try scheduled(job, zone: zone, now: "2026-11-29T18:30:00Z")
        #expect(first.status == 0, "\(first.stdout)")
        let next = try scheduled(job, zone: zone, now: "2026-11-30T18:30:00Z")
        #expect(next.status == 0 && next.stdout.isEmpty && next.stderr.isEmpty, "\(next.stdout)")
        #expect(publishedRuns(job).count == 2)
        #expect(job.contents("logs/nightly.stamp") == "2026-12-01\n")
    }

    @Test("--at 23:45: the half hour crosses midnight in Bangkok and is still one night, run once")
    func atAcrossMidnight() throws {
        let job = try JobFixture(registry: ExitCodeTests.shippedRegistry)
        let late = try scheduled(job, zone: "UTC", now: "2026-11-29T16:45:00Z", at: ["--at", "23:45"])
        #expect(late.status == 0, "\(late.stdout)")
        #expect(job.contents("logs/nightly.stamp") == "2026-11-29\n")
        let afterMidnight = try scheduled(job, zone: "UTC", now: "2026-11-29T17:00:00Z", at: ["--at", "23:45"])
        #expect(afterMidnight.status == 0 && afterMidnight.stdout.isEmpty && afterMidnight.stderr.isEmpty)
        #expect(publishedRuns(job).count == 1)
    }

    @Test("a run by hand (no --at) runs at once at any hour and leaves the night's run to run")
    func byHandRunsNow() throws {
        let job = try JobFixture(registry: ExitCodeTests.shippedRegistry)
        let byHand = try scheduled(job, zone: "UTC", now: "2026-11-29T01:30:00Z", at: [])
        #expect(byHand.status == 0, "\(byHand.stdout)")
        #expect(publishedRuns(job).count == 1)
        #expect(job.contents("logs/nightly.stamp") == nil)
        let night = try scheduled(job, zone: "UTC", now: "2026-11-29T18:30:00Z")
        #expect(night.status == 0, "\(night.stdout)")
        #expect(publishedRuns(job).count == 2)
    }

    @Test("a link planted at the stamp stops the wrapper (exit 78) before it writes anything through it")
    func stampLink() throws {
        let job = try JobFixture(registry: ExitCodeTests.shippedRegistry)
        let target = try makeTemporaryFolder("victim-stamp")
        defer { try? FileManager.default.removeItem(at: target) }
        try FileManager.default.createDirectory(atPath: job.output + "/logs", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: job.output + "/logs/nightly.stamp", withDestinationPath: target.path + "/stamp")
        let ran = try scheduled(job, zone: "UTC", now: "2026-11-29T18:30:00Z")
        #expect(ran.status == 78, "\(ran.stderr)")
        #expect(ran.stderr.contains("nightly.stamp is a link"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: target.path).isEmpty)
        #expect(publishedRuns(job).isEmpty)
    }

    @Test(
        "--at with a time that is not HH:MM, or with no time: exit 64, nothing written",
        arguments: [["--at", "1:30"], ["--at", "24:00"], ["--at"]])
    func atNotATime(arguments: [String]) throws {
        let job = try JobFixture()
        let ran = try scheduled(job, zone: "UTC", now: "2026-11-29T18:30:00Z", at: arguments)
        #expect(ran.status == 64)
        #expect(ran.stderr.contains("--at"))
        #expect(!FileManager.default.fileExists(atPath: job.output))
    }

    @Test("without tzdata for Asia/Bangkok, --at exits 78 and says so instead of reading Bangkok time as UTC")
    func atWithoutTimeZoneData() throws {
        let job = try JobFixture()
        let ran = try scheduled(
            job, zone: "UTC", now: "2026-11-29T01:30:00Z", extra: ["TZDIR": job.root.path + "/no-zoneinfo"])
        #expect(ran.status == 78)
        #expect(ran.stderr.contains("Asia/Bangkok is not known"))
        #expect(!FileManager.default.fileExists(atPath: job.output))
    }
}
