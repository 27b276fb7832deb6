import ArgumentParser
import Foundation
import PlanRollup
import RollupBase
import RollupCore
import RollupReading

/// The `plan-rollup` command: a root that only dispatches to one subcommand per file.
@main
struct PlanRollupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan-rollup",
        abstract: "Consolidates the bureaus' integrity-plan progress exports into summaries.",
        subcommands: [
            RunCommand.self,
            ValidateCommand.self,
            PlanCommand.self,
            ReadCommand.self,
            NormalizeCommand.self,
            BenchCommand.self,
        ],
        defaultSubcommand: RunCommand.self
    )

    /// argument-parser's main, except that the job's own errors end with their sysexits code
    /// (`JobExit`): configuration 78, plan shrank 77, lock held 75, any other failure 70.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .failure, !(error is ExitCode) {
                FileHandle.standardError.write(Data("plan-rollup: error: \(error)\n".utf8))
                Foundation.exit(JobExit.code(for: error).rawValue)
            }
            exit(withError: error)
        }
    }
}
