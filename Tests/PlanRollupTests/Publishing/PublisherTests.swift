import Foundation
import Testing

@testable import PlanRollup
@testable import RollupBase
@testable import RollupCore
@testable import RollupReading

/// Warnings a `Publisher` reported, collected across its closure.
final class Warnings: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [String] = []
    var messages: [String] { lock.withLock { list } }
    func add(_ message: String) { lock.withLock { list.append(message) } }
}

/// The published state of an output folder: where `latest` and `LATEST.json` point, and what is there.
struct PublishedState: Equatable {
    let link: String?
    let pointer: String?
    let runs: [String]
    let hidden: [String]

    init(_ output: URL) {
        let fm = FileManager.default
        link = try? fm.destinationOfSymbolicLink(atPath: output.appendingPathComponent("latest").path)
        pointer = try? String(contentsOf: output.appendingPathComponent("LATEST.json"), encoding: .utf8)
        runs = ((try? fm.contentsOfDirectory(atPath: output.appendingPathComponent("runs").path)) ?? []).sorted()
        // Staging folders and temporary links; the job's lock file (.plan-rollup.lock) is meant to stay.
        hidden = ((try? fm.contentsOfDirectory(atPath: output.path)) ?? [])
            .filter { $0.hasPrefix(".") && $0 != ".plan-rollup.lock" }.sorted()
    }
}

@Suite("Publishing: atomic swap, failure, retention")
struct PublisherTests {
    /// The shipped input's outcome, computed once for the tests that publish it.
    static let outcome: Pipeline.Outcome = try! Pipeline.compute(
        Pipeline.Options(input: PublishedRun.shippedInput, output: makeTemporaryFolder("publisher-archive").path),
        today: PublishedRun.today)

    static func name(_ seconds: Int, asOf: String = "2019-09-30") -> String {
        asOf + "_" + Manifest.timestamp(startTime(seconds)).filter { $0 != ":" && $0 != "-" }
    }

    @Test(
        "run names: as-of, underscore, UTC start; anything else is not a run",
        arguments: [
            ("2019-09-30_20261126T165405Z", true), ("2019-09-30_20261126T165405", false), ("latest", false),
            ("2019-09-30", false), ("2019-09-30_2026-11-26T16:54:05Z", false),
            (".staging-2019-09-30_20261126T165405Z", false),
            ("2019-09-3x_20261126T165405Z", false), ("notes", false),
        ])
    func runNames(text: String, isRun: Bool) {
        #expect((RunName(text) != nil) == isRun)
    }

    @Test("a publish makes the run latest: symlink, LATEST.json with run, path, as-of and fiscal year, and the files")
    func publishes() throws {
        let output = try makeTemporaryFolder("publish")
        defer { try? FileManager.default.removeItem(at: output) }
        let run = try PublishedRun.publish(Self.outcome, output: output, started: startTime(0))
        let state = PublishedState(output)
        #expect(state.link == "runs/" + Self.name(0))
        #expect(state.hidden.isEmpty, "no staging folder or temporary link left: \(state.hidden)")
        let pointer = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: output.appendingPathComponent("LATEST.json")))
                as? [String: Any])
        #expect(pointer.count == 4)
        #expect(pointer["run"] as? String == Self.name(0))
        #expect(pointer["path"] as? String == "runs/" + Self.name(0))
        #expect(pointer["as_of"] as? String == "2019-09-30")
        #expect(pointer["fiscal_year"] as? Int == 2562)
        let latest = output.appendingPathComponent("latest")
        #expect(filesUnder(latest) == run.fileNames)
        #expect(
            Array(try Data(contentsOf: latest.appendingPathComponent("agencies.csv")))
                == (try run.bytes("agencies.csv")))
    }

    @Test(
        "a publish that fails midway (a file where a folder must go) leaves latest on the previous run, nothing half-written"
    )
    func failsMidway() throws {
        let output = try makeTemporaryFolder("publish-fail")
        defer { try? FileManager.default.removeItem(at: output) }
        let previous = try PublishedRun.publish(Self.outcome, output: output, started: startTime(0))
        let before = PublishedState(output)
        let previousBytes = try previous.fileNames.map { try previous.bytes($0) }

        // "projects.csv" is written as a file, then "projects.csv/" is needed as a folder.
        var files = Self.outcome.files
        files.insert(OutputFile(name: "projects.csv/extra.csv", bytes: [0x41]), at: 3)
        let publisher = Publisher(outputFolder: output.path)
        let error = try #require(throws: PublishError.self) {
            try publisher.publish(runID: Self.name(60), files: files)
        }
        // The run's folders are made before its files are written (two at a time): the folder wins, and
        // the file of the same name is the one that cannot be written.
        #expect(error.path.hasSuffix(".staging-\(Self.name(60))/projects.csv"))
        #expect(error.description.contains("open failed: Is a directory"), "\(error.description)")
        #expect(
            error.description.hasSuffix(
                "nothing was published, the latest run is \(previous.folder.path.split(separator: "/").suffix(2).joined(separator: "/")) (read back from disk)"
            ))

        #expect(PublishedState(output) == before, "latest, LATEST.json and runs/ unchanged; the staging folder removed")
        let latest = output.appendingPathComponent("latest")
        #expect(filesUnder(latest) == previous.fileNames)
        #expect(
            try previous.fileNames.map { Array(try Data(contentsOf: latest.appendingPathComponent($0))) }
                == previousBytes)
    }

    @Test("the real binary, stopped by a file size limit while writing summary.json, leaves latest on the previous run")
    func binaryFailsOnFileSize() throws {
        let output = try makeTemporaryFolder("publish-fsize")
        defer { try? FileManager.default.removeItem(at: output) }
        _ = try PublishedRun.publish(Self.outcome, output: output, started: startTime(0))
        let before = PublishedState(output)

        // 64 KiB: enough to archive the inputs and write the CSVs, not summary.json (about 86 KB).
        let summarySize = try #require(Self.outcome.files.first { $0.name == "summary.json" }).bytes.count
        try #require(
            summarySize > 65_536
                && Self.outcome.files.filter { $0.name.hasSuffix(".csv") }.allSatisfy { $0.bytes.count < 65_536 })
        // SIGXFSZ is ignored so that write(2) fails with EFBIG instead of killing the job.
        let limit = """
            import os, resource, signal, sys
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (65536, 65536))
            os.execv(sys.argv[1], sys.argv[1:])
            """
        let (status, message) = try runBinary(
            ["run", "--input", PublishedRun.shippedInput, "--output", output.path], prefix: ["python3", "-c", limit])

        #expect(status == JobExit.failed.rawValue, "the job exits 70, failed with nothing published: \(status)")
        #expect(message.contains("/summary.json: write failed: File too large"), "\(message)")
        #expect(
            message.contains("nothing was published, the latest run is \(before.link ?? "?") (read back from disk)"),
            "\(message)")
        #expect(PublishedState(output) == before, "latest, LATEST.json and runs/ unchanged; the staging folder removed")
    }

    @Test("a run already published is never replaced: a second run in the same second gets the next number")
    func neverReplaced() throws {
        let output = try makeTemporaryFolder("publish-twice")
        defer { try? FileManager.default.removeItem(at: output) }
        let publisher = Publisher(outputFolder: output.path)
        try publisher.publish(runID: Self.name(0), files: [OutputFile(name: "a.csv", bytes: [0x31])])
        let second = try publisher.publish(runID: Self.name(0), files: [OutputFile(name: "a.csv", bytes: [0x32])])
        #expect(second.hasSuffix("/runs/" + Self.name(0) + "-02"))
        #expect(Array(try Data(contentsOf: output.appendingPathComponent("runs/" + Self.name(0) + "/a.csv"))) == [0x31])
        #expect(Array(try Data(contentsOf: output.appendingPathComponent("latest/a.csv"))) == [0x32])
        #expect(throws: PublishError.self) { try publisher.publish(runID: "my run", files: []) }
    }

    @Test("retention keeps the newest runs by start time; latest still resolves; other entries untouched")
    func retention() throws {
        let output = try makeTemporaryFolder("retention")
        defer { try? FileManager.default.removeItem(at: output) }
        let runs = output.appendingPathComponent("runs")
        try FileManager.default.createDirectory(
            at: runs.appendingPathComponent("notes"), withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: runs.appendingPathComponent("2019-01-01_20000101T000000Z"))
        let publisher = Publisher(outputFolder: output.path, keepRuns: 2)
        // The third run reports an earlier as-of but starts later: start time, not name, decides.
        let names = [Self.name(0), Self.name(60), Self.name(120, asOf: "2019-03-31"), Self.name(180)]
        for (i, name) in names.enumerated() {
            try publisher.publish(runID: name, files: [OutputFile(name: "a.csv", bytes: Array("\(i)".utf8))])
        }
        #expect(PublishedState(output).runs == ["2019-01-01_20000101T000000Z", names[2], names[3], "notes"].sorted())
        #expect(
            String(decoding: try Data(contentsOf: output.appendingPathComponent("latest/a.csv")), as: UTF8.self) == "3")
    }

    @Test("retention never removes the run latest names, even when newer runs exist")
    func latestProtected() throws {
        let output = try makeTemporaryFolder("retention-latest")
        defer { try? FileManager.default.removeItem(at: output) }
        let publisher = Publisher(outputFolder: output.path, keepRuns: 1)
        try publisher.publish(runID: Self.name(600), files: [OutputFile(name: "a.csv", bytes: [0x31])])
        // The clock went back: this run starts "earlier" but is the one published last.
        try publisher.publish(runID: Self.name(0), files: [OutputFile(name: "a.csv", bytes: [0x32])])
        #expect(PublishedState(output).runs == [Self.name(0), Self.name(600)])
        #expect(publisher.latestRun() == Self.name(0))
        #expect(publisher.pointerRun() == Self.name(0))
    }

    @Test("a failed delete is reported and the publish still succeeds")
    func failedDeleteReported() throws {
        let output = try makeTemporaryFolder("retention-fail")
        defer { try? FileManager.default.removeItem(at: output) }
        let warnings = Warnings()
        var publisher = Publisher(outputFolder: output.path, keepRuns: 1, warn: { warnings.add($0) })
        let stuck = Self.name(0)
        publisher.removeFolder = { path in
            if path.hasSuffix(stuck) { throw CocoaError(.fileWriteNoPermission) }
            try FileManager.default.removeItem(atPath: path)
        }
        for seconds in [0, 60, 120] {
            try publisher.publish(runID: Self.name(seconds), files: [OutputFile(name: "a.csv", bytes: [0x31])])
        }
        #expect(PublishedState(output).runs == [Self.name(0), Self.name(120)])
        #expect(publisher.latestRun() == Self.name(120))
        #expect(warnings.messages.count == 2, "one warning per attempt: \(warnings.messages)")
        #expect(warnings.messages.allSatisfy { $0.contains("runs/\(stuck): cannot remove this old run") })
    }
}
