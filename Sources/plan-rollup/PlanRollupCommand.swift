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
    /// What `plan-rollup` alone prints where there is no input folder to run on: where it looks, and
    /// the commands (it exits 64 instead of running).
    static let shortHelp = """
        plan-rollup: there is no input/ folder here, so there is nothing to run on.
          Run it from the checkout (where input/ is), or give the folder: plan-rollup run --input DIR
          Commands: run (the nightly job), validate (check exports before sending), plan (the plan's totals),
                    read FILE (what the job sees in a file), normalize (Thai dates and numbers)
          More: plan-rollup --help, plan-rollup help run
        """

    static func main() {
        if CommandLine.arguments.count == 1, !FileManager.default.fileExists(atPath: "input") {
            FileHandle.standardError.write(Data((shortHelp + "\n").utf8))
            Foundation.exit(JobExit.usage.rawValue)
        }
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
