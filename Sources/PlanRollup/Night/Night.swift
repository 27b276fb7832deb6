import Foundation
import Logging
import RollupBase
import RollupCore
import RollupReading

/// One night of the job, stages 0 to 7 as `Pipeline` lists them: pull (or replay the raw archive),
/// compute the figures (`Pipeline.compute`), guard the plan's size, and publish. `run` publishes;
/// `validate` does the same work in a scratch folder and publishes nothing. The command line only
/// turns its options into `Night.Settings` and prints what comes back.
public struct Night {
    public struct Settings: Sendable {
        public var input: String
        public var output: String
        /// The as-of date asked for; nil means today (clamped to the plan's newest fiscal year).
        public var asOf: CalendarDay?
        /// The fiscal year asked for (`--fiscal-year`): it must have a plan; `asOf` lies in it.
        public var fiscalYear: FiscalYear?
        public var limits = CSVLimits()
        /// Extra header names (JSON), read beside `<input>/config/header-aliases.json`.
        public var aliasesFile: String?
        /// Threads reading bureaus side by side; nil uses every core.
        public var threads: Int?
        public var keepRuns = Publisher.defaultKeepRuns
        /// Reproduce the round of `asOf` from the raw archive instead of pulling.
        public var fromArchive = false
        /// Publish even when the plan shrank against the latest published run's.
        public var acceptPlanChange = false
        /// report.html in Thai digits.
        public var thaiDigits = false
        /// Keep each file's result in `<output>/cache/` and take unchanged files from it (`ReadCache`);
        /// false reads every file (`--no-cache`). A replay from the archive never uses it.
        public var useCache = true
        /// SIGTERM and SIGINT remove this night's temporary files and exit 128 + the signal; tests
        /// that run a night inside their own process leave the process's signals alone.
        public var handlesSignals = true
        /// The command line, written into the manifest.
        public var commandLine: [String] = []
        /// The day the night runs on; nil reads the clock.
        public var today: CalendarDay?

        public init(input: String, output: String) {
            self.input = input
            self.output = output
        }
    }

    public let settings: Settings
    public let log: Logger
    /// Per stage and per file, for the progress bar and the log (`JobLog.events`).
    public let events: (@Sendable (Pipeline.Event) -> Void)?

    public init(settings: Settings, log: Logger, events: (@Sendable (Pipeline.Event) -> Void)? = nil) {
        self.settings = settings
        self.log = log
        self.events = events
    }

    /// What a published night leaves: the figures, the pull's view of the bureaus, and the run
    /// folder as read back from disk.
    public struct Published: Sendable {
        public let outcome: Pipeline.Outcome
        public let pulled: PullResult
        public let runID: String
        /// The published run folder, as `latest` resolves on disk after the swap.
        public let folder: String
        public let latest: String

        /// Rejected rows, missing, stale and unpulled bureaus: what `--strict` turns into exit 65.
        public var findings: Int {
            outcome.rejects.count + pulled.missing.count + pulled.stale.count + pulled.failedPulls.count
        }
    }

    /// Stages 0 to 7: pull, compute, guard the plan's size, publish. Throws before publishing when
    /// anything is not certain; the previous run then stays the latest.
    public func publish() throws -> Published {
        MemoryPolicy.apply()
        let started = Date()
        let configuration = try JobConfiguration(input: settings.input, aliasesFile: settings.aliasesFile)
        let lock = try OutputLock.acquire(outputFolder: settings.output, note: "plan-rollup run")
        defer { lock.release() }
        var publisher = Publisher(outputFolder: settings.output, keepRuns: settings.keepRuns)
        publisher.threads = settings.threads
        try publisher.preflight()
        let signals =
            settings.handlesSignals
            ? JobSignals.install(log: log, archiveFolder: settings.output + "/archive") : []
        defer { withExtendedLifetime(signals) {} }
        log.info(
            "start",
            metadata: [
                "input": "\(settings.input)", "output": "\(settings.output)",
                "as_of": "\(settings.asOf?.iso ?? "today")",
                "bureaus": "\(configuration.registry.bureaus.count)",
                "registry": "\(configuration.registry.file ?? "exports/ folders")",
            ])

        // Stage 0: pull, or replay the inputs of an archived round.
        var pulled = PullResult()
        var input = settings.input
        let scratch = Self.scratchFolder("replay")
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        if settings.fromArchive, let asOf = settings.asOf {
            let replay = try ArchiveReplay.prepare(output: settings.output, asOf: asOf, scratch: scratch)
            log.info("replay", metadata: ["run": "\(replay.run)", "files": "\(replay.exports.count)"])
            input = replay.input
            pulled.exports = replay.exports
        } else {
            pulled = PullStage(
                registry: configuration.registry, input: settings.input, pulledFolder: settings.output + "/pulled"
            ).withAliases(configuration.aliases).run(log: log)
        }

        // Stages 1 to 6.
        var options = pipelineOptions(input: input, output: settings.output, configuration, pulled)
        options.commandLine = settings.commandLine
        let output = settings.output
        options.previousRun = { PreviousRunLoader(outputFolder: output).load(fiscalYear: $0) }
        if settings.useCache, !settings.fromArchive { options.cache = ReadCache(folder: output + "/cache") }
        let outcome = try Pipeline.compute(options, today: settings.today ?? CalendarDay.today())
        JobLog.cache(outcome.cache, log: log)
        try checkPlanSize(outcome.plan)
        for name in pulled.unlisted(planBureauNames: outcome.plan.bureaus.map(\.name)) {
            log.warning("plan bureau not in the registry", metadata: ["name": "\(name)"])
        }

        // Stage 7.
        let manifest = Manifest.render(
            outcome: outcome, commandLine: settings.commandLine, startedAt: started, finishedAt: Date())
        let runID = outcome.summary.asOf.iso + "_" + Manifest.timestamp(started).filter { $0 != ":" && $0 != "-" }
        // Only with a cache this run could use (its folder the job's own).
        let cacheUsed = options.cache != nil && outcome.cache?.unused == nil
        let reuse = cacheUsed ? OutputReuse(outputFolder: settings.output) : nil
        let folder = try publisher.publish(
            runID: runID,
            files: outcome.files + [
                OutputFile(name: "manifest.json", bytes: manifest),
                OutputFile(name: FreshnessFile.name, bytes: FreshnessFile.render(pulled.bureaus)),
            ], reuse: reuse)
        if let reuse {
            let saved = reuse.save(run: URL(fileURLWithPath: folder).lastPathComponent)
            JobLog.outputs(reuse.counts, saved: saved, log: log)
        }
        JobLog.findings(outcome.rejects, pulled: pulled, planIssues: outcome.plan.issues, log: log)
        log.info(
            "published",
            metadata: [
                "run": "\(runID)", "folder": "\(folder)", "ms": "\(Int(-started.timeIntervalSinceNow * 1000))",
            ])
        return Published(
            outcome: outcome, pulled: pulled, runID: runID, folder: folder, latest: settings.output + "/latest")
    }

    func pipelineOptions(
        input: String, output: String, _ configuration: JobConfiguration, _ pulled: PullResult
    ) -> Pipeline.Options {
        var options = Pipeline.Options(input: input, output: output, asOf: settings.asOf, limits: settings.limits)
        options.aliases = configuration.aliases
        options.exports = pulled.exports
        options.reporting = pulled.reporting
        options.bureauFolders = pulled.bureauFolders
        options.threads = settings.threads
        options.thaiDigits = settings.thaiDigits
        options.fiscalYear = settings.fiscalYear
        options.events = events
        return options
    }

    /// Stops the night before publishing when the plan shrank against the latest published run's,
    /// unless `acceptPlanChange` confirms it.
    private func checkPlanSize(_ plan: Plan) throws {
        switch PlanShrinkGuard(outputFolder: settings.output).compare(plan) {
        case .nothingToCompare(let reason):
            log.info("plan not compared", metadata: ["projects": "\(plan.projects.count)", "reason": "\(reason)"])
        case .kept(let previous, let projects):
            log.info(
                "plan compared",
                metadata: [
                    "projects": "\(projects)", "previous_projects": "\(previous.projects)",
                    "previous_run": "\(previous.run)",
                ])
        case .shrank(let shrink):
            let metadata: Logger.Metadata = [
                "projects": "\(shrink.projects)", "previous_projects": "\(shrink.previousProjects)",
                "previous_run": "\(shrink.previousRun)", "files": "\(shrink.named.map(\.path).joined(separator: ","))",
            ]
            guard settings.acceptPlanChange else {
                log.error(
                    "plan shrank: nothing published",
                    metadata: metadata.merging(
                        ["exit": "\(JobExit.planShrank.rawValue)"]) { $1 })
                throw shrink
            }
            log.warning("plan shrank, published as confirmed by \(PlanShrank.flag)", metadata: metadata)
        }
    }

    static func scratchFolder(_ kind: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("plan-rollup-\(kind)-\(UUID().uuidString)").path
    }
}
