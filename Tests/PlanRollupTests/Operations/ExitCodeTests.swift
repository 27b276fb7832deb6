import Foundation
import Glibc
import Testing

@testable import PlanRollup
@testable import RollupBase
@testable import RollupCore
@testable import RollupReading

/// Every documented exit code, from the real built binary on a scratch copy of the shipped input.
@Suite("Exit codes of the real binary")
struct ExitCodeTests {
    static let shippedRegistry = try! String(
        contentsOfFile: Paths.repository.appendingPathComponent("input/config/bureaus.json").path, encoding: .utf8)

    @Test("0: published, with the shipped rejects reported, not failed")
    func published() throws {
        let job = try JobFixture(registry: Self.shippedRegistry)
        let ran = try job.runJob()
        #expect(ran.status == JobExit.published.rawValue, "\(ran.stderr)")
        #expect(job.contents("latest/summary.json") != nil)
        #expect(job.contents("latest/freshness.json")?.contains("\"missing\": []") == true)
        #expect(ran.stdout.contains("rejects: 6 (date.invalid 2, participants.invalid 2, project.unknown_id 2)"))
        #expect(ran.stderr.contains(" info    published "))
        #expect(ran.stderr.split(separator: "\n").filter { $0.contains(" read ") }.count == 11, "one log line per file")
    }

    @Test(
        "64: usage errors",
        arguments: [["run", "--no-such-option"], ["run", "--as-of", "31/13/2562"], ["run", "--log-level", "loud"]])
    func usage(arguments: [String]) throws {
        let job = try JobFixture()
        let ran = try job.run(arguments + ["--output", job.output])
        #expect(ran.status == JobExit.usage.rawValue, "\(ran.stderr)")
        #expect(!FileManager.default.fileExists(atPath: job.output))
    }

    @Test("64: an as-of date in a year the plan does not cover publishes nothing")
    func asOfOutsidePlan() throws {
        let job = try JobFixture()
        let ran = try job.runJob(["--as-of", "1900-01-01"])
        #expect(ran.status == JobExit.usage.rawValue, "\(ran.stderr)")
        #expect(ran.stderr.contains("does not cover"))
        #expect(!FileManager.default.fileExists(atPath: job.output + "/latest"))
        #expect(!FileManager.default.fileExists(atPath: job.output + "/runs"))
    }

    @Test("78: an output/latest that is a real folder stops the run before any work, saying what to do")
    func latestIsAFolder() throws {
        let job = try JobFixture()
        try FileManager.default.createDirectory(atPath: job.output + "/latest", withIntermediateDirectories: true)
        let ran = try job.runJob()
        #expect(ran.status == JobExit.configuration.rawValue, "\(ran.stderr)")
        #expect(ran.stderr.contains("latest: is a folder, not the link") && ran.stderr.contains("move it out"))
        #expect(!FileManager.default.fileExists(atPath: job.output + "/runs"), "no run folder was added")
    }

    @Test("65: --strict publishes but exits with its own code when rows were rejected")
    func strict() throws {
        let job = try JobFixture(registry: Self.shippedRegistry)
        let ran = try job.runJob(["--strict"])
        #expect(ran.status == JobExit.findings.rawValue, "\(ran.stderr)")
        #expect(job.contents("latest/rejects.csv") != nil, "strict still publishes")
    }

    @Test("65 from validate when something would be rejected; 0 when nothing would; neither writes output")
    func validate() throws {
        let job = try JobFixture(registry: Self.shippedRegistry)
        let ran = try job.run(["validate", "--input", job.input, "--output", job.output])
        #expect(ran.status == JobExit.findings.rawValue, "\(ran.stderr)")
        #expect(ran.stdout.contains("[senate-hrd]: 2 rejected"), "\(ran.stdout)")
        #expect(
            ran.stdout.contains("  senate-hrd_12m.csv แถวที่ 18 คอลัมน์ วันที่ดำเนินการ ค่า \"29/02/2562\": วันที่ ๒๙"),
            "the spreadsheet row, the column as headed, the cell, the reason in Thai: \(ran.stdout)")
        #expect(ran.stdout.contains("    วิธีแก้: \(RejectCode.badDate.fix.thai)"))
        #expect(ran.stdout.contains("(row 18, column วันที่ดำเนินการ, value \"29/02/2562\": 29 February"))
        #expect(!FileManager.default.fileExists(atPath: job.output))

        let clean = try JobFixture(
            registry:
                #"{"bureaus": [{"code": "hr-academic"}, {"code": "hr-admin"}, {"code": "hr-it"}, {"code": "hr-gone"}]}"#
        )
        let ok = try clean.run(["validate", "--input", clean.input, "--output", clean.output])
        #expect(ok.status == JobExit.published.rawValue, "\(ok.stdout)\(ok.stderr)")
        #expect(ok.stdout.contains("MISSING (sent nothing): hr-gone"))
        #expect(!FileManager.default.fileExists(atPath: clean.output))
        let strict = try clean.run(["validate", "--strict", "--input", clean.input, "--output", clean.output])
        #expect(strict.status == JobExit.findings.rawValue, "--strict counts the missing bureau")
    }

    @Test("70: a run that cannot read a plan fails and publishes nothing")
    func failed() throws {
        let job = try JobFixture(registry: Self.shippedRegistry)
        for name in try FileManager.default.contentsOfDirectory(atPath: job.input + "/plan") {
            try FileManager.default.removeItem(atPath: job.input + "/plan/" + name)
        }
        let ran = try job.runJob()
        #expect(ran.status == JobExit.failed.rawValue, "\(ran.stderr)")
        #expect(ran.stderr.contains("plan-rollup: error: no plan project could be read"))
        #expect(job.contents("LATEST.json") == nil)
    }

    @Test("75: a run started while another holds the output folder exits at once and touches nothing")
    func locked() throws {
        let job = try JobFixture(registry: Self.shippedRegistry)
        let held = try OutputLock.acquire(outputFolder: job.output, note: "held by the test")
        defer { held.release() }
        let ran = try job.runJob()
        #expect(ran.status == JobExit.locked.rawValue)
        #expect(ran.stderr.contains("another plan-rollup run holds"))
        #expect(ran.stderr.contains("held by the test"))
        #expect(job.contents("LATEST.json") == nil)
        held.release()
        #expect(try job.runJob().status == JobExit.published.rawValue, "the lock is free again")
    }

    @Test(
        "78: configuration errors stop the run before it reads anything",
        arguments: [
            #"{"bureaus": [{"code": "../../etc"}]}"#,
            #"{"bureaus": [{"code": "x", "source": {"folder": "../../etc"}}]}"#,
            #"{"bureaus": [{"code": "x", "source": {"url": "ftp://example/x.csv"}}]}"#,
            #"{"bureaus": "#,
        ])
    func configuration(registry: String) throws {
        let job = try JobFixture(registry: registry)
        let ran = try job.runJob()
        #expect(ran.status == JobExit.configuration.rawValue, "\(ran.stderr)")
        #expect(ran.stderr.contains("config/bureaus.json"))
        #expect(!FileManager.default.fileExists(atPath: job.output + "/archive"))
    }

    @Test("78: an input folder that does not exist")
    func missingInput() throws {
        let job = try JobFixture()
        let ran = try job.run(["run", "--input", job.root.path + "/nowhere", "--output", job.output])
        #expect(ran.status == JobExit.configuration.rawValue)
        #expect(ran.stderr.contains("the input folder does not exist"))
    }

    @Test(
        "an unreachable URL: its bureau is reported missing and failed, the others are published (0; 65 with --strict)")
    func unreachableURL() throws {
        let port = try TestHTTPServer.closedPort()
        let job = try JobFixture(registry: JobFixture.registry(senateICT: "http://127.0.0.1:\(port)/senate-ict.csv"))
        let ran = try job.runJob()
        #expect(ran.status == JobExit.published.rawValue, "\(ran.stderr)")
        #expect(
            ran.stdout.contains(
                "PULL FAILED: senate-ict: pulling http://127.0.0.1:\(port)/senate-ict.csv failed after 2 attempts"))
        #expect(
            ran.stdout.contains(
                "MISSING (sent nothing, not zero activity): สำนักเทคโนโลยีสารสนเทศและการสื่อสาร (สว.) [senate-ict]"))
        let manifest = try #require(job.contents("latest/manifest.json"))
        #expect(manifest.components(separatedBy: "\"bureau_folder\"").count - 1 == 10, "the other ten files were read")
        #expect(!manifest.contains("\"bureau_folder\": \"senate-ict\""))
        let freshness = try #require(job.contents("latest/freshness.json"))
        #expect(freshness.contains("\"missing\": [\n    \"senate-ict\"\n  ]"), "\(freshness)")
        #expect(freshness.contains("\"pull_failed\": [\n    \"senate-ict\"\n  ]"))
        #expect(try job.runJob(["--strict"]).status == JobExit.findings.rawValue)
    }

    @Test("a pulled export is read and archived; when the next pull fails the last good copy is read again")
    func pulledThenKept() throws {
        let export = try Array(
            Data(contentsOf: Paths.repository.appendingPathComponent("input/exports/senate-ict/senate-ict_2562.csv")))
        let server = try TestHTTPServer(routes: [
            "/ict/senate-ict_2562.csv": .ok(export), "/down/senate-ict_2562.csv": .status(503),
        ])
        defer { server.stop() }
        let job = try JobFixture(
            registry: JobFixture.registry(senateICT: server.url("/ict/senate-ict_2562.csv").absoluteString))
        try FileManager.default.removeItem(atPath: job.input + "/exports/senate-ict")
        let first = try job.runJob()
        #expect(first.status == JobExit.published.rawValue, "\(first.stderr)")
        #expect(
            job.contents("latest/manifest.json")?.contains("\"path\": \"pulled/senate-ict/senate-ict_2562.csv\"")
                == true)
        #expect(first.stdout.contains("read 11 export files: 83 rows accepted"), "\(first.stdout)")

        try Data(JobFixture.registry(senateICT: server.url("/down/senate-ict_2562.csv").absoluteString).utf8)
            .write(to: URL(fileURLWithPath: job.input + "/config/bureaus.json"))
        let second = try job.runJob()
        #expect(second.status == JobExit.published.rawValue)
        #expect(server.hits("/down/senate-ict_2562.csv") == 2)
        #expect(second.stdout.contains("reading the last good copy pulled/senate-ict/senate-ict_2562.csv"))
        #expect(second.stdout.contains("read 11 export files: 83 rows accepted"), "\(second.stdout)")
        #expect(!second.stdout.contains("MISSING"))
    }

    @Test("waiting for a slow server costs no CPU: a 4 s wait for a bureau's answer, measured on the real binary")
    func waitingDoesNotSpin() throws {
        let export = try Array(
            Data(contentsOf: Paths.repository.appendingPathComponent("input/exports/senate-ict/senate-ict_2562.csv")))
        let server = try TestHTTPServer(routes: ["/slow/senate-ict_2562.csv": .slow(seconds: 4, export)])
        defer { server.stop() }
        let job = try JobFixture(
            registry: JobFixture.registry(
                senateICT: server.url("/slow/senate-ict_2562.csv").absoluteString, timeout: 20))
        try FileManager.default.removeItem(atPath: job.input + "/exports/senate-ict")
        let (status, usage) = try Self.spawnMeasured(
            JobFixture.binary, ["run", "--input", job.input, "--output", job.output, "--no-progress"])
        #expect(status == 0)
        #expect(
            job.contents("latest/manifest.json")?.contains("pulled/senate-ict/senate-ict_2562.csv") == true,
            "the slow answer was read")
        let cpu =
            Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(
                usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        // The whole debug run costs about 0.3 s of CPU; a waiting loop that spins costs the 4 s it waits.
        #expect(cpu < 2.0, "the run used \(cpu) s of CPU while waiting 4 s for the server")
    }

    /// Runs `executable` with its output discarded; its exit status and its own resource usage (wait4).
    static func spawnMeasured(_ executable: String, _ arguments: [String]) throws -> (Int32, rusage) {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        try #require(spawned == 0, "posix_spawn: \(spawned)")
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        return ((status & 0x7f) == 0 ? (status >> 8) & 0xff : -1, usage)
    }
}
