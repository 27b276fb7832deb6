import ArgumentParser
import Foundation
import PlanRollup
import RollupBase
import RollupCore
import RollupReading

/// `plan-rollup validate`: what a clerk runs before sending a file. Reads the exports as `run` would
/// (all of them, one bureau's, or the files named), prints every reject by bureau with its spreadsheet
/// row and what to do, and writes nothing under the output folder; with `--format xlsx`, only the
/// marked copies under `checked/`.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: """
            Check exports against the plan as run would read them, and print every reject; write nothing \
            (with --format xlsx, only marked copies of the files).
            """,
        discussion: """
            With no FILE and no --bureau, reads every bureau (pulling into a temporary folder) and also \
            lists missing and stale bureaus. With --bureau CODE, reads only that bureau's exports. With \
            FILE..., reads only those files, wherever they are, as exports of the bureau given by \
            --bureau or of the bureau folder they lie in; rows are not compared with the bureau's other \
            files then. Nothing is written under the output folder, so it can run beside the nightly job; \
            with --format xlsx, each file read that has a refusal or a notice is also written back as \
            checked/<bureau>/<file name>.xlsx under the output folder, its refused cells marked with the \
            reason (a link planted there exits \(JobExit.configuration.rawValue)).
            Exit 0 when nothing would be rejected and every pull worked, \(JobExit.findings.rawValue) \
            otherwise (with --strict, missing and stale bureaus count too), \(JobExit.usage.rawValue) for \
            an unknown bureau, \(JobExit.configuration.rawValue) for a configuration error, \
            \(JobExit.failed.rawValue) when the summaries would not add up. A plan that shrank against \
            the latest run's (see run --help) is a warning here.
            """
    )

    @Argument(help: "Export files to check (any path); default: every bureau's.")
    var files: [String] = []

    @Option(help: "The bureau (its code in config/bureaus.json or its folder under exports/) to check.")
    var bureau: String?

    @Option(
        help: """
            text: print the report. xlsx: print it, and write each file read that has a refusal or a notice \
            as a marked copy, <output>/checked/<bureau>/<file name>.xlsx: every cell as received, refused \
            cells red and notices amber, each with a comment saying why and what to do.
            """)
    var format: ValidateFormat = .text

    @OptionGroup var paths: CheckPathOptions
    @OptionGroup var limits: LimitOptions
    @OptionGroup var job: JobOptions
    @OptionGroup var night: NightOptions

    func run() throws {
        let (log, sink) = job.makeLogger()
        // On a terminal the warnings follow the report (or the error).
        defer { sink.releaseHeld() }
        let checked = try Night(
            settings: night.settings(paths: paths, limits: limits), log: log,
            events: JobLog.events(log: log, sink: sink)
        ).validate(
            files.isEmpty ? bureau.map { .bureau($0) } ?? .everything : .files(files, bureau: bureau),
            markedCopies: format == .xlsx)
        NightReport.checked(checked).forEach { print(LineLogHandler.escaped($0)) }
        if let copies = checked.markedCopies {
            MarkedCopyReport.lines(copies, folder: CheckedFolder(output: paths.output).path).forEach {
                print(LineLogHandler.escaped($0))
            }
        }
        if let failure = checked.markedCopyFailure { throw failure }
        if checked.problems(strict: job.strict) > 0 { throw ExitCode(JobExit.findings.rawValue) }
    }
}

/// What `validate` writes besides its report: nothing, or the marked copies.
enum ValidateFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case xlsx
}
