import Foundation

@testable import PlanRollup
@testable import RollupBase
@testable import RollupCore
@testable import RollupReading

/// Paths of the test fixtures and of the repository, from this file's own location.
enum Paths {
    static let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let fixtures = tests.appendingPathComponent("Fixtures")
    static let repository = tests.deletingLastPathComponent().deletingLastPathComponent()

    static func fixture(_ relative: String) -> String {
        fixtures.appendingPathComponent(relative).path
    }
}

/// A fresh empty folder under the system's temporary folder, removed by the caller.
func makeTemporaryFolder(_ name: String = "plan-rollup-test") throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// A fixed linear congruential sequence (Knuth's MMIX constants): the same numbers on every run,
/// for tests that draw many generated inputs.
struct FixedSequence {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// The next 64-bit state.
    mutating func next64() -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return state
    }

    /// A number in 0..<bound, from the state's high bits.
    mutating func next(_ bound: Int) -> Int {
        Int((next64() >> 33) % UInt64(bound))
    }
}

/// The job (stages 1 to 6) on the golden-small plan and the export files given, by path under
/// `exports/` ("hr/x.csv") as bytes; as of `asOf`. Every folder is removed afterwards.
func runOnGoldenPlan(
    _ exports: [String: [UInt8]], asOf: CalendarDay = CalendarDay(year: 2019, month: 3, day: 31)!,
    configure: (inout Pipeline.Options, URL) -> Void = { _, _ in }
) throws -> Pipeline.Outcome {
    let input = try makeTemporaryFolder("golden-plan")
    defer { try? FileManager.default.removeItem(at: input) }
    let golden = Paths.fixtures.appendingPathComponent("golden-small/input")
    try FileManager.default.copyItem(
        at: golden.appendingPathComponent("plan"), to: input.appendingPathComponent("plan"))
    for (path, bytes) in exports {
        let file = input.appendingPathComponent("exports/" + path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: file)
    }
    let output = try makeTemporaryFolder("golden-plan-out")
    defer { try? FileManager.default.removeItem(at: output) }
    var options = Pipeline.Options(input: input.path, output: output.path, asOf: asOf)
    configure(&options, input)
    return try Pipeline.compute(options, today: CalendarDay(year: 2026, month: 11, day: 26)!)
}

/// `runOnGoldenPlan` with each export given as lines of text.
func runOnGoldenPlan(
    lines exports: [String: [String]], asOf: CalendarDay = CalendarDay(year: 2019, month: 3, day: 31)!,
    configure: (inout Pipeline.Options, URL) -> Void = { _, _ in }
) throws -> Pipeline.Outcome {
    try runOnGoldenPlan(
        exports.mapValues { Array(($0.joined(separator: "\n") + "\n").utf8) }, asOf: asOf, configure: configure)
}
