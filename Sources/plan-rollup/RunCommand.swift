import ArgumentParser
import PlanRollup

/// `plan-rollup run`: the nightly job.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Read input/, aggregate against the plan, write output/."
    )

    func run() throws {}
}
