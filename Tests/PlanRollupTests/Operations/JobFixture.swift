import Foundation
import Glibc

@testable import PlanRollup
@testable import RollupBase
@testable import RollupCore
@testable import RollupReading

/// Runs the real built `plan-rollup` (and the cron wrapper) on a scratch copy of the shipped input.
struct JobFixture {
    /// The binary built beside the test bundle (see `planRollupBinary`).
    static let binary = planRollupBinary.path
    static let wrapper = Paths.repository.appendingPathComponent("cron/plan-rollup-nightly").path

    let root: URL
    var input: String { root.appendingPathComponent("input").path }
    var output: String { root.appendingPathComponent("output").path }

    /// A copy of `input/plan` and `input/exports` (of `source`, default the shipped input), with
    /// `registry` as `config/bureaus.json` when given.
    init(registry: String? = nil, source: URL = Paths.repository.appendingPathComponent("input")) throws {
        root = try makeTemporaryFolder("job")
        let shipped = source
        let input = root.appendingPathComponent("input")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        for part in ["plan", "exports"] {
            try FileManager.default.copyItem(
                at: shipped.appendingPathComponent(part), to: input.appendingPathComponent(part))
        }
        if let registry {
            try FileManager.default.createDirectory(
                at: input.appendingPathComponent("config"), withIntermediateDirectories: true)
            try Data(registry.utf8).write(to: input.appendingPathComponent("config/bureaus.json"))
        }
    }

    /// The shipped registry with `senate-ict` pulled from `url` instead of its folder, and quick HTTP settings.
    static func registry(senateICT url: String, timeout: Double = 2) throws -> String {
        let data = try Data(contentsOf: Paths.repository.appendingPathComponent("input/config/bureaus.json"))
        var json = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        json["http"] = ["timeout_seconds": timeout, "attempts": 2, "backoff_seconds": 0.01, "max_bytes": 1_000_000]
        json["bureaus"] = (json["bureaus"] as! [[String: Any]]).map { b in
            var b = b
            if b["code"] as? String == "senate-ict" { b["source"] = ["url": url] }
            return b
        }
        return String(decoding: try JSONSerialization.data(withJSONObject: json), as: UTF8.self)
    }

    func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Ran {
        try Ran.start(Self.binary, arguments, environment: environment).wait()
    }

    /// `plan-rollup run` on this fixture's folders, plus `extra`.
    func runJob(_ extra: [String] = []) throws -> Ran {
        try run(["run", "--input", input, "--output", output] + extra)
    }

    func contents(_ relative: String) -> String? {
        FileManager.default.contents(atPath: output + "/" + relative).map { String(decoding: $0, as: UTF8.self) }
    }
}

/// A child process with its standard output and error sent to files, read when it ends.
final class Ran: @unchecked Sendable {
    let process = Process()
    let stdoutPath: String
    let stderrPath: String
    private(set) var status: Int32 = -1

    private init(stdoutPath: String, stderrPath: String) {
        self.stdoutPath = stdoutPath
        self.stderrPath = stderrPath
    }

    static func start(
        _ executable: String, _ arguments: [String], environment: [String: String] = [:], directory: String? = nil
    ) throws -> Ran {
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw ConfigurationError(
                path: executable, reason: "not built: run ./scripts/test (swift build --build-tests) first")
        }
        let folder = try makeTemporaryFolder("ran").path
        let ran = Ran(stdoutPath: folder + "/stdout", stderrPath: folder + "/stderr")
        _ = FileManager.default.createFile(atPath: ran.stdoutPath, contents: nil)
        _ = FileManager.default.createFile(atPath: ran.stderrPath, contents: nil)
        ran.process.executableURL = URL(fileURLWithPath: executable)
        ran.process.arguments = arguments
        if let directory { ran.process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        ran.process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        ran.process.standardInput = FileHandle.nullDevice
        ran.process.standardOutput = FileHandle(forWritingAtPath: ran.stdoutPath)
        ran.process.standardError = FileHandle(forWritingAtPath: ran.stderrPath)
        try ran.process.run()
        return ran
    }

    /// Waits for the end (killing the process after `timeout` seconds, which then fails the test's expectations).
    @discardableResult
    func wait(timeout: Double = 30) -> Ran {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(5_000) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        status = process.terminationStatus
        return self
    }

    var stdout: String { (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "" }
    var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }
}
