import Foundation
import Testing

@testable import PlanRollup
@testable import RollupBase
@testable import RollupCore
@testable import RollupReading

/// A run of the real pipeline published by the real `Publisher`, as `plan-rollup run` does it.
struct PublishedRun {
    let outcome: Pipeline.Outcome
    let output: URL
    /// `<output>/runs/<name>`.
    let folder: URL

    static let today = CalendarDay(year: 2026, month: 11, day: 26)!
    static let shippedInput = Paths.repository.appendingPathComponent("input").path

    /// Computes `input` and publishes it into `output`, the run named after `started`.
    static func make(
        input: String = shippedInput, output: URL, started: Date, keepRuns: Int = Publisher.defaultKeepRuns
    )
        throws -> PublishedRun
    {
        let outcome = try Pipeline.compute(Pipeline.Options(input: input, output: output.path), today: today)
        return try publish(outcome, output: output, started: started, keepRuns: keepRuns)
    }

    static func publish(
        _ outcome: Pipeline.Outcome, output: URL, started: Date, keepRuns: Int = Publisher.defaultKeepRuns,
        reuse: OutputReuse? = nil
    )
        throws -> PublishedRun
    {
        let manifest = Manifest.render(
            outcome: outcome, commandLine: ["plan-rollup", "run"], startedAt: started, finishedAt: started + 2)
        let name = try #require(RunName(asOf: outcome.summary.asOf, startedAt: Manifest.timestamp(started)))
        let folder = try Publisher(outputFolder: output.path, keepRuns: keepRuns).publish(
            runID: name.text, files: outcome.files + [OutputFile(name: "manifest.json", bytes: manifest)], reuse: reuse)
        return PublishedRun(outcome: outcome, output: output, folder: URL(fileURLWithPath: folder))
    }

    /// Every file of the run, relative to its folder, sorted.
    var fileNames: [String] { filesUnder(folder) }

    func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: folder.appendingPathComponent(name)))
    }
}

/// Regular files under `folder`, relative to it and sorted.
func filesUnder(_ folder: URL) -> [String] {
    let base = folder.resolvingSymlinksInPath().path + "/"
    let enumerator = FileManager.default.enumerator(
        at: folder.resolvingSymlinksInPath(), includingPropertiesForKeys: [.isRegularFileKey])
    var names: [String] = []
    while let url = enumerator?.nextObject() as? URL {
        guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
        names.append(String(url.resolvingSymlinksInPath().path.dropFirst(base.count)))
    }
    return names.sorted()
}

/// A date `seconds` after 2026-11-26 00:00:00 UTC, for run names that differ.
func startTime(_ seconds: Int) -> Date {
    Date(timeIntervalSince1970: 1_795_651_200 + TimeInterval(seconds))
}

/// The real `plan-rollup` binary, built beside this test bundle.
var planRollupBinary: URL {
    URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        .appendingPathComponent("plan-rollup")
}

/// Runs the real binary with `arguments`; returns its exit status and standard error.
func runBinary(_ arguments: [String], prefix: [String] = []) throws -> (status: Int32, stderr: String) {
    let binary = planRollupBinary
    try #require(
        FileManager.default.isExecutableFile(atPath: binary.path), "build the plan-rollup binary first: \(binary.path)")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = prefix + [binary.path] + arguments
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (process.terminationReason == .exit ? process.terminationStatus : -1, message)
}
