import ArgumentParser
import Foundation
import PlanRollup

/// `plan-rollup run`: the nightly job.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Read input/, aggregate the bureaus' progress against the plan, publish summaries to output/."
    )

    @OptionGroup var paths: PathOptions
    @OptionGroup var limits: LimitOptions

    @Option(help: "Extra header names, JSON {\"field\": [\"name\", ...]}; input/config/header-aliases.json is read too.")
    var aliases: String?

    @Option(
        name: .customLong("as-of"),
        help: "Report as of this date (ISO 2019-03-31 or Thai ๓๑ มี.ค. ๒๕๖๒). Default: today, but never past the plan's fiscal year.",
        transform: DateArgument.parse)
    var asOf: CalendarDay?

    @Option(name: .customLong("keep-runs"), help: "Keep the newest N runs under <output>/runs/ (the latest always stays).")
    var keepRuns = Publisher.defaultKeepRuns

    func run() throws {
        let started = Date()
        var options = Pipeline.Options(
            input: paths.input, output: paths.output, asOf: asOf, limits: limits.csvLimits,
            commandLine: CommandLine.arguments)
        options.aliases = try Pipeline.aliases(input: paths.input, extraFile: aliases)
        let outcome = try Pipeline.compute(options, today: CalendarDay.today())
        let manifest = Manifest.render(
            outcome: outcome, commandLine: CommandLine.arguments, startedAt: started, finishedAt: Date())
        let runID = outcome.summary.asOf.iso + "_" + Manifest.timestamp(started).filter { $0 != ":" && $0 != "-" }
        let folder = try Publisher(outputFolder: paths.output, keepRuns: keepRuns).publish(
            runID: runID, files: outcome.files + [("manifest.json", manifest)])
        Report.print(outcome: outcome, folder: folder, latest: paths.output + "/latest")
    }
}

/// `--input` and `--output`, shared by the commands that read the input folder.
struct PathOptions: ParsableArguments {
    @Option(help: "Input folder: plan/ with the plan files, exports/<bureau>/ with each bureau's exports.")
    var input = "input"

    @Option(help: "Output folder: each run is published under runs/, the newest as latest/.")
    var output = "output"
}

/// Parses `--as-of` with the Thai date reader.
enum DateArgument {
    static func parse(_ text: String) throws -> CalendarDay {
        switch ThaiDateParser.parseDay(text) {
        case .success(let day): return day
        case .failure(let refusal): throw ValidationError("--as-of \(text): \(refusal.english)")
        }
    }
}
