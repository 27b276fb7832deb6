import ArgumentParser
import Foundation
import PlanRollup
import RollupBase
import RollupCore
import RollupReading

/// `plan-rollup validate`: what a clerk runs before sending a file. Reads everything as `run` would,
/// prints every reject by bureau and the missing bureaus, and writes nothing under the output folder.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Read every export as run would and print every reject by bureau; publish nothing.",
        discussion: """
            Pulls and reads into a temporary folder (removed afterwards), so it never touches the \
            output folder and can run beside the nightly job. Exit 0 when nothing would be rejected \
            and every pull worked, \(JobExit.findings.rawValue) otherwise (with --strict, missing and stale \
            bureaus count too), 78 for a configuration error, 70 when the summaries would not add up. \
            A plan that shrank against the latest published run's (see run --help) is a warning here.
            """
    )

    @OptionGroup var paths: PathOptions
    @OptionGroup var limits: LimitOptions
    @OptionGroup var job: JobOptions
    @OptionGroup var night: NightOptions

    func run() throws {
        let (log, sink) = job.makeLogger()
        let checked = try Night(
            settings: night.settings(paths: paths, limits: limits), log: log,
            events: JobLog.events(log: log, sink: sink)
        ).validate()
        NightReport.checked(checked).forEach { print($0) }
        if checked.problems(strict: job.strict) > 0 { throw ExitCode(JobExit.findings.rawValue) }
    }
}
