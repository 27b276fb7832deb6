import ArgumentParser
import Foundation
import Logging
import PlanRollup
import RollupBase
import RollupCore
import RollupReading

// The options more than one subcommand shares, each group once.

/// `--input` and `--output`, shared by the commands that read the input folder.
struct PathOptions: ParsableArguments {
    @Option(
        help:
            """
            Input folder: plan/ with the plan files, exports/<bureau>/ with each bureau's exports, \
            config/bureaus.json.
            """
    )
    var input = "input"

    @Option(help: "Output folder: each run is published under runs/, the newest as latest/.")
    var output = "output"
}

/// `--strict`, `--log-level` and `--progress`, shared by `run` and `validate`.
struct JobOptions: ParsableArguments {
    @Flag(
        help:
            """
            Exit \(JobExit.findings.rawValue) when anything was rejected, or a bureau is missing, stale or not \
            pulled (run still publishes).
            """
    )
    var strict = false

    @Option(help: "Least important log lines shown: \(Logger.Level.names.joined(separator: ", ")).")
    var logLevel: String = "info"

    @Flag(inversion: .prefixedNo, help: "Progress bar on standard error; default: only when it is a terminal.")
    var progress: Bool?

    func validate() throws {
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level \(logLevel): use one of \(Logger.Level.names.joined(separator: ", "))")
        }
    }

    /// Log lines and progress go to standard error; the report goes to standard output.
    func makeLogger() -> (Logger, ConsoleSink) {
        let sink = ConsoleSink(progress: progress)
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
            plan's fiscal year.
            """,
        transform: DateArgument.parse)
    var asOf: CalendarDay?

    func settings(paths: PathOptions, limits: LimitOptions) -> Night.Settings {
        var settings = Night.Settings(input: paths.input, output: paths.output)
        settings.asOf = asOf
        settings.aliasesFile = aliases
        settings.limits = limits.csvLimits
        settings.commandLine = CommandLine.arguments
        return settings
    }
}
