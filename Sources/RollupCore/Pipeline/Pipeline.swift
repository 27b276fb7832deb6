import Foundation
import RollupBase
import RollupReading

/// The nightly job's stages, in order; `Night` (PlanRollup/Night/) runs them all for `run` and
/// `validate`, this type runs 1 to 6:
///
/// 0. **Pull** (PlanRollup/Pulling/): list each registry bureau's exports, pull HTTP sources into
///    `<output>/pulled/`, judge freshness; gives `Options.exports`.
/// 1. **Plan** (RollupCore/Plan/): read the plan files into a validated `Plan`, and the survey results.
/// 2. **Read** (RollupReading/): open each export, detect its encoding and delimiter, decode it, find
///    and map its header, and sort its records into data, skipped and refused.
/// 3. **Normalize** (RollupBase/ for each cell, RollupCore/Normalizing/ for a row): turn each data
///    row's Thai cells into dates, counts and satang.
/// 4. **Match** (RollupCore/Matching/): find the plan project each row reports on; spot rows sent twice.
/// 5. **Aggregate** (RollupCore/Aggregating/): sum accepted rows per project, bureau and month, build
///    the figures against the plan as of the run's date, and check that they add up (`SummaryInvariants`).
/// 6. **Write** (RollupCore/Writing/): render the CSV and JSON summaries and the rejects from one
///    description of each table (`Tables`).
/// 7. **Publish** (PlanRollup/Publishing/): the manifest; stage, sync and swap the run in as `latest`.
///
/// Every record of every file ends accepted, skipped (with a reason) or rejected (with a reason);
/// `FileAccount.isBalanced` holds for each file.
public enum Pipeline {
    public struct Options: Sendable {
        public var input: String
        public var output: String
        /// The as-of date asked for; nil means today. Clamped to the end of the plan's newest fiscal year.
        public var asOf: CalendarDay?
        /// The fiscal year asked for (`--fiscal-year`): the run reports it or nothing (no clamping to
        /// another year); nil reports the year of the as-of date.
        public var fiscalYear: FiscalYear?
        public var limits: CSVLimits
        public var commandLine: [String]
        /// Where input files are kept as received; default `<output>/archive`.
        public var archiveFolder: String?
        /// Threads reading bureaus side by side; nil uses every core.
        public var threads: Int?
        /// Header names the job recognises (the standard table, plus any configured).
        public var aliases: HeaderAliases = .standard
        /// The export files to read (from the pull stage); nil scans `exports/<bureau>/`.
        public var exports: [ExportFile]?
        /// "missing" for each bureau that sent nothing and "stale" for each whose newest export is too
        /// old, by bureau key (`Keys.name` of its name), from the pull stage; shown beside its figures and
        /// its projects', so a missing bureau never reads as zero and its projects as "not started".
        public var reporting: [String: String] = [:]
        /// Each registry bureau's code by the key of its name (from the pull stage), so a row naming
        /// another bureau is flagged in that bureau's notices too.
        public var bureauFolders: [String: String] = [:]
        /// Files or folders outside the input that may be read: the files a person named on the command
        /// line (`validate FILE`), which are no links into someone else's tree.
        public var extraReadRoots: [String] = []
        /// The previous published run of a fiscal year, to compare with (`changes.csv`); nil compares with none.
        public var previousRun: (@Sendable (FiscalYear) -> RunComparison)?
        /// Where unchanged files' results are kept between runs (`ReadCache`); nil reads every file.
        public var cache: ReadCache?
        /// report.html writes its own figures and dates in Thai digits (๔๓๙,๒๐๐) instead of Arabic.
        public var thaiDigits = false
        /// Called once per stage and per file, for logs and progress.
        public var events: (@Sendable (Event) -> Void)?
        /// Tests only: changes the built summary before it is checked, to show a broken one stops the run.
        var alterSummary: (@Sendable (Summary) -> Summary)?

        var archive: RawArchive {
            RawArchive(folder: archiveFolder ?? output + "/archive", maxFileBytes: limits.maxFileBytes)
        }

        public init(
            input: String, output: String, asOf: CalendarDay? = nil, limits: CSVLimits = CSVLimits(),
            commandLine: [String] = []
        ) {
            self.input = input
            self.output = output
            self.asOf = asOf
            self.limits = limits
            self.commandLine = commandLine
        }
    }

    public struct Outcome: Sendable {
        public let plan: Plan
        public let summary: Summary
        /// Refused rows and files, in file order (on disk beyond a few).
        public let rejects: RejectLog
        /// Rows counted once as duplicates, or counted and flagged for the bureau to confirm.
        public let notices: RejectLog
        public let accounts: [FileAccount]
        /// Bureaus of the plan from which no accepted row arrived.
        public let silentBureaus: [String]
        /// The run's files; the reject lists are written straight from their logs when published.
        public let files: [OutputFile]
        /// Problems in the survey-results file (KPI levels 2 and 5).
        public var surveyIssues: [PlanIssue] = []
        /// What changed since the previous published run of the fiscal year (`changes.csv`).
        public var changes: [ChangeItem] = []
        /// Refusals new since the previous run, per bureau folder; nil when there was none to compare with.
        public var newRefusals: [String: Int]?
        /// What the read cache did (nil when the run had none).
        public var cache: ReadCache.Report?
        /// The survey files as kept in the raw archive, for the manifest and a replay.
        public var surveyArchived: [(path: String, file: ArchivedFile)] = []
        /// The as-of date asked for (or today) when it lay past the newest plan year and the run reports
        /// that year's last day instead (no plan for the next year yet); nil when the run reports the day asked.
        public var asOfAsked: CalendarDay?
    }

    /// Stages 1 to 6: everything but publishing, so `validate` and tests can look at the result.
    public static func compute(_ options: Options, today: CalendarDay) throws -> Outcome {
        let folder = InputFolder(root: options.input)
        options.archive.removeDeadLeftovers()
        var clock = Date()
        let plans = try PlanLoader(aliases: options.aliases, limits: options.limits).load(
            folder: folder.planFolder, archive: options.archive)
        options.events?(
            .planLoaded(
                projects: plans.projects.count, files: plans.files.count, issues: plans.issues.count,
                seconds: -clock.timeIntervalSinceNow))
        let asOf = effectiveAsOf(requested: options.asOf, today: today, plan: plans)
        let fiscalYear = FiscalYear(containing: asOf)
        // A round of a year the plan does not cover would publish an empty report as the latest.
        let allYears = plans.fiscalYears
        if !allYears.isEmpty, !allYears.contains(fiscalYear) {
            throw AsOfOutsidePlan(asOf: asOf, fiscalYear: fiscalYear, planYears: allYears)
        }
        if let wanted = options.fiscalYear, wanted != fiscalYear {
            throw AsOfOutsidePlan(asOf: options.asOf ?? wanted.lastDay, fiscalYear: wanted, planYears: allYears)
        }
        // Before the next year's plan is approved, the newest plan year's final round is reported.
        let asked = options.asOf ?? today
        let clampedFrom = asked > asOf ? asked : nil
        if let clampedFrom { options.events?(.asOfClamped(asked: clampedFrom, asOf: asOf)) }
        // The run reports one fiscal year: the other years' projects are not matched, summed or listed.
        let plan = plans.only(fiscalYear)

        let exports =
            try options.exports
            ?? folder.exportFiles().map {
                ExportFile(bureau: $0.bureau, path: options.input + "/" + $0.relative, displayPath: $0.relative)
            }
        let read = try readExports(
            exports, plan: plan, planYears: allYears, idYears: allYears.count > 1 ? plans.yearOfID : [:],
            fiscalYear: fiscalYear, asOf: asOf, options: options)
        let (rollup, rejects, notices, accounts) = (read.rollup, read.rejects, read.notices, read.accounts)
        clock = Date()
        StagePause.reached("aggregating")
        let surveys = SurveyLoader(limits: options.limits).load(
            folder: options.input + "/survey", archive: options.archive)
        // Every file read is on disk in the archive, under its name, before anything is published.
        try options.archive.commit()
        var summary = SummaryBuilder.build(
            plan: plan, rollup: rollup, fiscalYear: fiscalYear, asOf: asOf, surveys: surveys,
            reporting: options.reporting)
        if let alter = options.alterSummary { summary = alter(summary) }
        // Tables that contradict one another are a defect: nothing is written, nothing published.
        let violations = SummaryInvariants.violations(of: summary)
        guard violations.isEmpty else { throw SummaryInconsistency(violations: violations) }
        options.events?(.aggregated(bureaus: summary.bureaus.count, seconds: -clock.timeIntervalSinceNow))
        let silent = summary.bureaus.filter { $0.projects > 0 && $0.actual.rows == 0 }.map(\.name)
        StagePause.reached("writing")
        var folders = options.bureauFolders
        for e in options.exports ?? [] {
            if let name = e.bureauName { folders[Keys.name(name), default: e.bureau] = e.bureau }
        }
        // Refused rows per bureau folder, from the files' accounts (as the manifest records them): one
        // row may carry several rejects, so the reject entries are not the rows.
        var refusedRows: [String: Int] = [:]
        for account in accounts where !account.bureau.isEmpty && account.rejected > 0 {
            refusedRows[account.bureau, default: 0] += account.rejected
        }
        let (changes, newRefusals) = RunChanges.compare(
            options.previousRun?(fiscalYear) ?? .none(reason: "no previous run was looked up"), summary: summary,
            rejects: rejects, rejectsByFolder: refusedRows,
            memoFolder: read.cache?.unused == nil ? options.cache?.folder : nil)
        func attention(newRefusals: [String: Int]?) -> [AttentionItem] {
            AttentionList.build(
                summary: summary, planIssues: plan.issues + surveys.issues,
                rejectsByBureau: refusedRows.sorted { $0.key < $1.key }.map { (folder: $0.key, count: $0.value) },
                newRefusals: newRefusals)
        }
        let files = SummaryFiles.render(
            summary: summary, rejects: rejects, notices: notices, bureauFolders: folders,
            attention: attention(newRefusals: newRefusals), inputAttention: attention(newRefusals: nil),
            changes: changes, thaiDigits: options.thaiDigits)
        var outcome = Outcome(
            plan: plan, summary: summary, rejects: rejects, notices: notices, accounts: accounts,
            silentBureaus: silent, files: files)
        outcome.surveyIssues = surveys.issues
        outcome.surveyArchived = surveys.archived
        outcome.changes = changes
        outcome.newRefusals = newRefusals
        outcome.asOfAsked = clampedFrom
        outcome.cache = read.cache
        return outcome
    }

    /// The as-of date: the one asked for (or today), but never past the newest plan year's last day: until
    /// the next year's plan is in `input/plan/`, the newest year's final (12-month) round is reported.
    public static func effectiveAsOf(requested: CalendarDay?, today: CalendarDay, plan: Plan) -> CalendarDay {
        let wanted = requested ?? today
        guard let newest = plan.fiscalYears.last else { return wanted }
        return min(wanted, newest.lastDay)
    }
}

/// The as-of date lies in a fiscal year the plan does not cover: nothing is read or published.
public struct AsOfOutsidePlan: Error, CustomStringConvertible, Sendable {
    public let asOf: CalendarDay
    public let fiscalYear: FiscalYear
    public let planYears: [FiscalYear]

    public var description: String {
        let years = planYears.map { "\($0.buddhistYear) (\($0.firstDay.iso) to \($0.lastDay.iso))" }.joined(
            separator: ", ")
        return "--as-of \(asOf.iso) lies in fiscal year \(fiscalYear.buddhistYear), which the plan does not cover; "
            + "it covers \(years): give an as-of date in one of them. / วันที่รายงาน \(asOf.iso) "
            + "อยู่ในปีงบประมาณที่ไม่มีแผน กรุณาระบุวันที่ในปีงบประมาณของแผน"
    }
}
