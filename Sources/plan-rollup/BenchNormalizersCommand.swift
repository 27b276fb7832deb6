import ArgumentParser
import RollupBase

/// `plan-rollup bench normalizers`: cells per second for each cell normalizer.
struct BenchNormalizersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "normalizers",
        abstract: "Run each normalizer over a fixed mix of realistic cells and print cells per second.",
        discussion: "Build first with: swift build -c release && .build/release/plan-rollup bench normalizers",
        aliases: ["normalisers"]
    )

    @Option(help: "Seconds to spend on each normalizer.")
    var seconds: Double = 3

    func run() throws {
        print("normalizer   cells/s       cells      seconds")
        for m in NormalizerBenchmark.run(secondsEach: seconds) {
            let name = m.normalizer.padding(12)
            let rate = String(Int(m.cellsPerSecond)).padding(13)
            let cells = String(m.cells).padding(10)
            print("\(name) \(rate) \(cells) \(Double(Int(m.seconds * 100)) / 100)")
        }
    }
}

extension String {
    fileprivate func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
