import ArgumentParser
import Foundation
import Logging
import PlanRollup
import RollupBase
import RollupCore
import RollupReading

// The options more than one subcommand shares, each group once.

/// `--input`, for the commands that read the input folder.
struct InputOption: ParsableArguments {
    @Option(
        help:
            """
            Input folder: plan/ with the plan files, exports/<bureau>/ with each bureau's exports, \
            config/bureaus.json.
            """
    )
    var input = "input"
}

/// `--input` and `--output`, for the commands that use both folders.
struct PathOptions: ParsableArguments {
    @OptionGroup var inputOption: InputOption

    @Option(help: "Output folder: each run is published under runs/, the newest as latest/.")
    var output = "output"

    var input: String { inputOption.input }
}

/// `--input` and `--output` as `validate` uses them: it publishes nothing, and reads the output
/// folder only for the latest run's plan.
struct CheckPathOptions: ParsableArguments {
    @OptionGroup var inputOption: InputOption

    @Option(
        help: """
            Output folder of the nightly runs: the plan read is compared with its latest run's plan, and \
            --format xlsx writes the marked copies under its checked/.
            """)
    var output = "output"

    var input: String { inputOption.input }
}

/// `--strict`, `--log-level` and `--progress`, shared by `run` and `validate`.
struct JobOptions: ParsableArguments {
    @Flag(
        help:
            """
            Count missing, stale and unpulled bureaus as findings too: exit \(JobExit.findings.rawValue) when \
            anything was rejected or a bureau is missing, stale or not pulled.
            """
    )
    var strict = false

    @Option(help: "Least important log lines shown: \(Logger.Level.names.joined(separator: ", ")).")
    var logLevel: String = "info"

    @Flag(inversion: .prefixedNo, help: "Progress bar on standard error; default: only when it is a terminal.")
    var progress: Bool?

    @Flag(
        help: """
            On a terminal, show every log line as it happens. Without it a terminal shows the report first, \
            then the warnings, and errors at once; elsewhere (cron, a log file) every line is written as it happens.
            """)
    var verbose = false

    func validate() throws {
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level \(logLevel): use one of \(Logger.Level.names.joined(separator: ", "))")
        }
    }

    /// Log lines and progress go to standard error; the report goes to standard output.
    func makeLogger() -> (Logger, ConsoleSink) {
        let sink = ConsoleSink(progress: progress, quiet: !verbose && isatty(STDERR_FILENO) == 1)
        return (JobLog.logger(sink: sink, level: Logger.Level(rawValue: logLevel) ?? .info), sink)
    }
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

/// Parses `--fiscal-year`: a Buddhist Era year (2562, ๒๕๖๒).
enum FiscalYearArgument {
    static func parse(_ text: String) throws -> FiscalYear {
        guard let year = Int(ThaiText.arabicDigits(text.trimmingCharacters(in: .whitespaces))),
            (2400...2699).contains(year)
        else {
            throw ValidationError("--fiscal-year \(text): give the fiscal year in Buddhist Era, such as 2562")
        }
        return FiscalYear(buddhistYear: year)
    }
}

/// `--max-cell-bytes` and `--max-columns`, shared by the commands that read files.
struct LimitOptions: ParsableArguments {
    @Option(help: "Largest cell accepted, in bytes; a larger one is rejected with its line.")
    var maxCellBytes = CSVLimits().maxCellBytes

    @Option(help: "Most cells accepted in one row; a row with more is rejected.")
    var maxColumns = CSVLimits().maxCells

    var csvLimits: CSVLimits { CSVLimits(maxCellBytes: maxCellBytes, maxCells: maxColumns) }
}

/// Standard error as a `TextOutputStream`.
struct StandardError: TextOutputStream {
    mutating func write(_ string: String) { FileHandle.standardError.write(Data(string.utf8)) }
}

/// `--aliases` and `--as-of`, shared by `run` and `validate`, and the night's settings they make.
struct NightOptions: ParsableArguments {
    @Option(
        help: "Extra header names, JSON {\"field\": [\"name\", ...]}; input/config/header-aliases.json is read too.")
    var aliases: String?

    @Option(
        name: .customLong("as-of"),
        help: """
            Report as of this date (ISO 2019-03-31 or Thai ๓๑ มี.ค. ๒๕๖๒). Default: today, but never past the \
            newest plan year's last day (its final round, until the next year's plan is in plan/).
            """,
        transform: DateArgument.parse)
    var asOf: CalendarDay?

    @Option(
        name: .customLong("fiscal-year"),
        help: """
            Report this fiscal year (Buddhist Era, 2562) as of its last day, its final 12-month round; with \
            --as-of, the date must lie in it.
            """,
        transform: FiscalYearArgument.parse)
    var fiscalYear: FiscalYear?

    /// The as-of date to ask for: `--as-of`, else the last day of `--fiscal-year`, else nil (today).
    var requestedAsOf: CalendarDay? { asOf ?? fiscalYear?.lastDay }

    func validate() throws {
        if let fiscalYear, let asOf, !fiscalYear.contains(asOf) {
            throw ValidationError(
                "--as-of \(asOf.iso) lies outside --fiscal-year \(fiscalYear.buddhistYear) "
                    + "(\(fiscalYear.firstDay.iso) to \(fiscalYear.lastDay.iso)): give a date in it, or only one of the two"
            )
        }
    }

    func settings(paths: PathOptions, limits: LimitOptions) -> Night.Settings {
        settings(input: paths.input, output: paths.output, limits: limits)
    }

    func settings(paths: CheckPathOptions, limits: LimitOptions) -> Night.Settings {
        settings(input: paths.input, output: paths.output, limits: limits)
    }

    private func settings(input: String, output: String, limits: LimitOptions) -> Night.Settings {
        var settings = Night.Settings(input: input, output: output)
        settings.asOf = requestedAsOf
        settings.fiscalYear = fiscalYear
        settings.aliasesFile = aliases
        settings.limits = limits.csvLimits
        settings.commandLine = CommandLine.arguments
        return settings
    }
}
