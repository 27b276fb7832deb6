import Foundation

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
