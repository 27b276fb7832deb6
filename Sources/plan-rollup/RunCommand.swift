import ArgumentParser
import Dispatch
import Foundation
import Logging
import PlanRollup
import RollupBase
import RollupCore
import RollupReading

/// `plan-rollup run`: the nightly job.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Pull the bureaus' exports, aggregate them against the plan, publish summaries to output/.",
        discussion: """
            Bureaus and their sources come from input/config/bureaus.json (without it, every folder \
            of input/exports/). The output folder is locked for the whole run.

            The plan is compared with the latest published run's (output/LATEST.json): with fewer than \
            \(PlanShrinkGuard.minimumPercent)% of its projects, or an agency that had projects there and \
            has none now, the run publishes nothing and exits \(JobExit.planShrank.rawValue), unless \
            \(PlanShrank.flag) confirms the change.

            Exit codes (sysexits):
            \(JobExit.allCases.map { "  \($0.rawValue)  \($0.meaning)" }.joined(separator: "\n"))
            """
    )

    @OptionGroup var paths: PathOptions
    @OptionGroup var limits: LimitOptions
    @OptionGroup var job: JobOptions

    @Option(help: "Extra header names, JSON {\"field\": [\"name\", ...]}; input/config/header-aliases.json is read too.")
    var aliases: String?

    @Option(
        name: .customLong("as-of"),
        help: "Report as of this date (ISO 2019-03-31 or Thai ๓๑ มี.ค. ๒๕๖๒). Default: today, but never past the plan's fiscal year.",
        transform: DateArgument.parse)
    var asOf: CalendarDay?

    @Option(help: "Threads reading bureaus side by side (default: every core). The figures do not depend on it.")
    var threads: Int?

    @Option(name: .customLong("keep-runs"), help: "Keep the newest N runs under <output>/runs/ (the latest always stays).")
    var keepRuns = Publisher.defaultKeepRuns

    @Flag(help: "With --as-of: reproduce that round from the raw archive (the inputs of the newest run published as of that date or earlier) instead of pulling.")
    var fromArchive = false

    @Flag(
        name: .customLong("accept-plan-change"),
        help: """
            Publish even when the plan has fewer than \(PlanShrinkGuard.minimumPercent)% of the latest published \
            run's projects, or an agency has none left: confirms that the plan was cut on purpose.
            """)
    var acceptPlanChange = false

    func validate() throws {
        if fromArchive && asOf == nil { throw ValidationError("--from-archive needs --as-of DATE: the round to reproduce") }
        if let threads, threads < 1 { throw ValidationError("--threads must be 1 or more") }
    }

    func run() throws {
        MemoryPolicy.apply()
        let started = Date()
        let (log, sink) = job.makeLogger()
        let configuration = try JobConfiguration(input: paths.input, aliasesFile: aliases)
        let lock = try OutputLock.acquire(outputFolder: paths.output, note: "plan-rollup run")
        defer { lock.release() }
        try Publisher(outputFolder: paths.output, keepRuns: keepRuns).preflight()
        let signals = JobSignals.install(log: log, archiveFolder: paths.output + "/archive")
        defer { withExtendedLifetime(signals) {} }
        log.info("start", metadata: [
            "input": "\(paths.input)", "output": "\(paths.output)", "as_of": "\(asOf?.iso ?? "today")",
            "bureaus": "\(configuration.registry.bureaus.count)", "registry": "\(configuration.registry.file ?? "exports/ folders")",
        ])

        var pulled = PullResult()
        var input = paths.input
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("plan-rollup-replay-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        if fromArchive, let asOf {
            let replay = try ArchiveReplay.prepare(output: paths.output, asOf: asOf, scratch: scratch)
            log.info("replay", metadata: ["run": "\(replay.run)", "files": "\(replay.exports.count)"])
            input = replay.input
            pulled.exports = replay.exports
        } else {
            pulled = PullStage(registry: configuration.registry, input: paths.input, pulledFolder: paths.output + "/pulled").withAliases(configuration.aliases).run(log: log)
        }
        var options = Pipeline.Options(
            input: input, output: paths.output, asOf: asOf, limits: limits.csvLimits, commandLine: CommandLine.arguments)
        options.aliases = configuration.aliases
        options.exports = pulled.exports
        options.reporting = pulled.reporting
        options.bureauFolders = pulled.bureauFolders
        options.threads = threads
        options.events = JobLog.events(log: log, sink: sink)
        let outcome = try Pipeline.compute(options, today: CalendarDay.today())
        try checkPlanSize(outcome.plan, log: log)
        for name in pulled.unlisted(planBureauNames: outcome.plan.bureaus.map(\.name)) {
            log.warning("plan bureau not in the registry", metadata: ["name": "\(name)"])
        }

        let manifest = Manifest.render(
            outcome: outcome, commandLine: CommandLine.arguments, startedAt: started, finishedAt: Date())
        let runID = outcome.summary.asOf.iso + "_" + Manifest.timestamp(started).filter { $0 != ":" && $0 != "-" }
        let folder = try Publisher(outputFolder: paths.output, keepRuns: keepRuns).publish(
            runID: runID,
            files: outcome.files + [
                OutputFile(name: "manifest.json", bytes: manifest),
                OutputFile(name: FreshnessFile.name, bytes: FreshnessFile.render(pulled.bureaus)),
            ])
        JobLog.findings(outcome.rejects, pulled: pulled, planIssues: outcome.plan.issues, log: log)
        log.info("published", metadata: ["run": "\(runID)", "folder": "\(folder)", "ms": "\(Int(-started.timeIntervalSinceNow * 1000))"])
        Report.print(outcome: outcome, pulled: pulled, folder: folder, latest: paths.output + "/latest")

        let findings = outcome.rejects.count + pulled.missing.count + pulled.stale.count + pulled.failedPulls.count
        if job.strict && findings > 0 {
            log.error("strict: published, but with findings", metadata: ["findings": "\(findings)", "exit": "\(JobExit.findings.rawValue)"])
            throw ExitCode(JobExit.findings.rawValue)
        }
    }
}

extension RunCommand {
    /// Stops the run before publishing when the plan shrank against the latest published run's,
    /// unless `--accept-plan-change` confirms it.
    func checkPlanSize(_ plan: Plan, log: Logger) throws {
        switch PlanShrinkGuard(outputFolder: paths.output).compare(plan) {
        case .nothingToCompare(let reason):
            log.info("plan not compared", metadata: ["projects": "\(plan.projects.count)", "reason": "\(reason)"])
        case .kept(let previous, let projects):
            log.info("plan compared", metadata: [
                "projects": "\(projects)", "previous_projects": "\(previous.projects)", "previous_run": "\(previous.run)",
            ])
        case .shrank(let shrink):
            let metadata: Logger.Metadata = [
                "projects": "\(shrink.projects)", "previous_projects": "\(shrink.previousProjects)",
                "previous_run": "\(shrink.previousRun)", "files": "\(shrink.named.map(\.path).joined(separator: ","))",
            ]
            guard acceptPlanChange else {
                log.error("plan shrank: nothing published", metadata: metadata.merging(
                    ["exit": "\(JobExit.planShrank.rawValue)"]) { $1 })
                throw shrink
            }
            log.warning("plan shrank, published as confirmed by \(PlanShrank.flag)", metadata: metadata)
        }
    }
}

/// `--input` and `--output`, shared by the commands that read the input folder.
struct PathOptions: ParsableArguments {
    @Option(help: "Input folder: plan/ with the plan files, exports/<bureau>/ with each bureau's exports, config/bureaus.json.")
    var input = "input"

    @Option(help: "Output folder: each run is published under runs/, the newest as latest/.")
    var output = "output"
}

/// `--strict`, `--log-level` and `--progress`, shared by `run` and `validate`.
struct JobOptions: ParsableArguments {
    @Flag(help: "Exit \(JobExit.findings.rawValue) when anything was rejected, or a bureau is missing, stale or not pulled (run still publishes).")
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
