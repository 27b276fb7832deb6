import ArgumentParser

/// `plan-rollup bench`: micro-benchmarks of the job's stages.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure the speed of the job's stages (use a release build).",
        subcommands: [BenchNormalizersCommand.self]
    )
}
