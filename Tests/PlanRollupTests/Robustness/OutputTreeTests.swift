import Foundation
import Testing

@testable import PlanRollup
@testable import RollupBase
@testable import RollupCore
@testable import RollupReading

/// Nothing outside the output folder is ever written or deleted: a link or an entry of the wrong
/// type planted in the output tree stops the run before any work, and its target is untouched.
@Suite("The output tree is never written through a link")
struct OutputTreeTests {
    /// A job with an empty output folder, and a folder outside it holding `keep.txt` ("precious").
    static func jobBesideVictim() throws -> (job: JobFixture, target: URL, bystander: URL) {
        let job = try JobFixture()
        let target = try makeTemporaryFolder("victim")
        let bystander = target.appendingPathComponent("keep.txt")
        try Data("precious".utf8).write(to: bystander)
        try FileManager.default.createDirectory(atPath: job.output, withIntermediateDirectories: true)
        return (job, target, bystander)
    }

    @Test(
        "a link planted at each path the job writes stops the run (exit 78) and leaves its target alone",
        arguments: [
            "pulled/senate-ict", "pulled", "archive", "runs", "logs", "LATEST.json", ".plan-rollup.lock", "latest-dir",
        ])
    func plantedLink(_ entry: String) throws {
        let (job, target, bystander) = try Self.jobBesideVictim()
        defer { try? FileManager.default.removeItem(at: target) }
        if entry.hasPrefix("pulled/") {
            try FileManager.default.createDirectory(atPath: job.output + "/pulled", withIntermediateDirectories: true)
        }
        if entry == "latest-dir" {
            try FileManager.default.createDirectory(atPath: job.output + "/latest", withIntermediateDirectories: true)
        } else {
            let linkTarget = entry.hasSuffix(".json") || entry.hasSuffix(".lock") ? bystander.path : target.path
            try FileManager.default.createSymbolicLink(
                atPath: job.output + "/" + entry, withDestinationPath: linkTarget)
        }
        let ran = try job.runJob(["--no-progress"])
        #expect(ran.status == JobExit.configuration.rawValue, "\(ran.stderr)")
        #expect(ran.stderr.contains("never") || ran.stderr.contains("not the link"), "\(ran.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: target.path) == ["keep.txt"])
        #expect(try String(contentsOf: bystander, encoding: .utf8) == "precious")
        #expect(!FileManager.default.fileExists(atPath: job.output + "/runs/") || entry == "runs")
    }

    @Test("links planted at the staging and pointer names the job clears are removed as links; their targets stay")
    func plantedStagingLinks() throws {
        let (job, target, bystander) = try Self.jobBesideVictim()
        defer { try? FileManager.default.removeItem(at: target) }
        let planted = [".staging-2019-09-30_20261129T000000Z", ".latest-planted", ".LATEST.json-planted"]
        for name in planted {
            try FileManager.default.createSymbolicLink(
                atPath: job.output + "/" + name,
                withDestinationPath: name.hasPrefix(".staging") ? target.path : bystander.path)
        }
        let ran = try job.runJob(["--no-progress"])
        #expect(ran.status == JobExit.published.rawValue, "\(ran.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: target.path) == ["keep.txt"])
        #expect(try String(contentsOf: bystander, encoding: .utf8) == "precious")
        let left = try FileManager.default.contentsOfDirectory(atPath: job.output)
        #expect(left.filter { planted.contains($0) }.isEmpty, "the planted links are gone: \(left)")
    }
}

@Suite("Leftovers and signals", .serialized)
struct LeftoverTests {
    @Test("the next run clears archive copies and spool folders of runs no longer alive, and only those")
    func deadRunsLeftovers() throws {
        let job = try JobFixture()
        let spoolBase = try makeTemporaryFolder("tmpdir")
        defer { try? FileManager.default.removeItem(at: spoolBase) }
        try FileManager.default.createDirectory(atPath: job.output + "/archive", withIntermediateDirectories: true)
        let dead = "999999999"  // beyond pid_max: no process has it
        let live = "1"  // init: always running
        for pid in [dead, live] {
            try Data("x".utf8).write(to: URL(fileURLWithPath: job.output + "/archive/.incoming-\(pid)-42"))
            try FileManager.default.createDirectory(
                atPath: spoolBase.path + "/plan-rollup-spool-\(pid)-abcdef", withIntermediateDirectories: true)
        }
        // Enough refused rows to spill, so the job opens its spool folder (and looks for dead ones).
        let rows = ["รหัสโครงการ,วันที่ดำเนินการ,จำนวนครั้ง"] + (0..<400).map { "สผ-62-999,1/10/2561,\($0)" }
        try rows.joined(separator: "\n").write(
            toFile: job.input + "/exports/hr-it/many.csv", atomically: true, encoding: .utf8)
        let ran = try Ran.start(
            JobFixture.binary, ["run", "--input", job.input, "--output", job.output, "--no-progress"],
            environment: ["TMPDIR": spoolBase.path]
        ).wait()
        #expect(ran.status == 0, "\(ran.stderr)")
        let archive = try FileManager.default.contentsOfDirectory(atPath: job.output + "/archive")
        #expect(!archive.contains(".incoming-\(dead)-42") && archive.contains(".incoming-\(live)-42"))
        let spools = try FileManager.default.contentsOfDirectory(atPath: spoolBase.path)
        #expect(spools == ["plan-rollup-spool-\(live)-abcdef"], "the run's own spool is gone at exit; the dead one too")
    }

    @Test("SIGTERM stops a run promptly with 143, publishes nothing, and the next run publishes")
    func terminated() throws {
        let job = try JobFixture()
        #expect(try job.runJob().status == 0)
        let latest = try FileManager.default.destinationOfSymbolicLink(atPath: job.output + "/latest")
        sleep(1)
        let marker = job.root.appendingPathComponent("paused").path
        let ran = try Ran.start(
            JobFixture.binary, ["run", "--input", job.input, "--output", job.output, "--no-progress"],
            environment: ["PLAN_ROLLUP_TEST_PAUSE_AT": "reading", "PLAN_ROLLUP_TEST_PAUSE_FILE": marker])
        let deadline = Date().addingTimeInterval(60)
        while !FileManager.default.fileExists(atPath: marker) && ran.process.isRunning && Date() < deadline {
            usleep(10_000)
        }
        try #require(FileManager.default.fileExists(atPath: marker), "\(ran.stderr)")
        kill(ran.process.processIdentifier, SIGTERM)
        let finished = ran.wait()
        #expect(finished.status == 143, "\(finished.stderr)")
        #expect(finished.stderr.contains("stopped by a signal"))
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: job.output + "/latest") == latest)
        let incoming = try FileManager.default.contentsOfDirectory(atPath: job.output + "/archive")
            .filter { $0.hasPrefix(".incoming-\(ran.process.processIdentifier)-") }
        #expect(incoming.isEmpty)
        #expect(try job.runJob().status == 0)
    }

    @Test("SIGTERM stops validate with 143 once it has pulled, and its scratch folder with the pulled copy is removed")
    func validateTerminated() throws {
        let export = try Array(
            Data(contentsOf: Paths.repository.appendingPathComponent("input/exports/senate-ict/senate-ict_2562.csv")))
        let server = try TestHTTPServer(routes: ["/ict/senate-ict_2562.csv": .ok(export)])
        defer { server.stop() }
        let job = try JobFixture(
            registry: JobFixture.registry(senateICT: server.url("/ict/senate-ict_2562.csv").absoluteString))
        let scratchBase = job.root.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: scratchBase, withIntermediateDirectories: true)
        let marker = job.root.appendingPathComponent("paused").path
        let ran = try Ran.start(
            JobFixture.binary, ["validate", "--input", job.input, "--output", job.output, "--no-progress"],
            environment: [
                "TMPDIR": scratchBase.path, "PLAN_ROLLUP_TEST_PAUSE_AT": "reading",
                "PLAN_ROLLUP_TEST_PAUSE_FILE": marker,
            ])
        let deadline = Date().addingTimeInterval(60)
        while !FileManager.default.fileExists(atPath: marker) && ran.process.isRunning && Date() < deadline {
            usleep(10_000)
        }
        try #require(FileManager.default.fileExists(atPath: marker), "\(ran.stderr)")
        let scratch = {
            try FileManager.default.contentsOfDirectory(atPath: scratchBase.path).filter {
                $0.hasPrefix("plan-rollup-validate-")
            }
        }
        let folder = try #require(try scratch().first, "validate pulls into its scratch folder")
        #expect(
            FileManager.default.fileExists(
                atPath: scratchBase.path + "/" + folder + "/pulled/senate-ict/senate-ict_2562.csv"))
        kill(ran.process.processIdentifier, SIGTERM)
        let finished = ran.wait()
        #expect(finished.status == 143, "\(finished.stderr)")
        #expect(try scratch().isEmpty, "the scratch folder is removed")
    }
}
