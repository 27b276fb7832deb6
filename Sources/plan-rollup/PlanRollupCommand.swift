import ArgumentParser

/// The `plan-rollup` command: a root that only dispatches to one subcommand per file.
@main
struct PlanRollupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan-rollup",
        abstract: "Consolidates the bureaus' integrity-plan progress exports into summaries.",
        subcommands: [
            RunCommand.self,
            PlanCommand.self,
            ReadCommand.self,
            NormalizeCommand.self,
            BenchCommand.self,
        ],
        defaultSubcommand: RunCommand.self
    )
}
