import Foundation
import RollupBase
import RollupReading

/// Builds the `Summary` from the plan and the rollup of accepted rows.
///
/// Rules where the plan's report form is silent (also in the README):
/// - Planned: each project brings its own share of each figure (`PlanShare`); a parent's figure is
///   its approved total, set against the actuals of it and its sub-projects.
/// - Planned to date: the months of the fiscal year up to and including the as-of date's month.
/// - Status: the newest reported status. A cancelled report of a project that did some work is a
///   cancelled session, not a cancelled project: the project stands at its newest other status (in
///   progress when it has none). Without a report: no rows → not started, or "no report" when the
///   responsible bureau is missing or stale; a reported result of 100% → completed; otherwise in
///   progress. A parent without a report of its own takes its sub-projects' state.
/// - Pace, for every project: completed → on track, or shortfall when it delivered less than the
///   year's plan; not completed → behind when something was due and nothing was reported, when
///   activities, items or participants to date fall short of the plan to date, or when the year
///   (or every planned month) has passed and it has not delivered the year's plan (or the plan gives
///   no figure to judge by); on track when it reported and nothing falls short; not due when
///   nothing was due and nothing reported.
/// - A project's result: the reported result (capped at 100); else for a completed project 100, or
///   the share delivered when it fell short; 0 when not started; otherwise the least share of
///   activities, items and participants delivered against the year's plan, capped at 100; none for a
///   project without a report.
/// - Overall result (ผลการดำเนินการในภาพรวม): the mean result of the group's counted projects
///   (those without sub-projects), cancelled ones and those without a report left out, to two decimals.
public enum SummaryBuilder {
    /// `reporting`: "missing" or "stale" per bureau key, from the pull stage.
    public static func build(
        plan: Plan, rollup: Rollup, fiscalYear: FiscalYear, asOf: CalendarDay, surveys: SurveyResults = SurveyResults(),
        reporting: [String: String] = [:]
    ) -> Summary {
        let rollup = rollup.flushed()
        let elapsed: Int =
            asOf < fiscalYear.firstDay ? -1 : (asOf > fiscalYear.lastDay ? 11 : fiscalYear.monthIndex(of: asOf) ?? 11)
        let projects = projectFigures(
            plan: plan, rollup: rollup, fiscalYear: fiscalYear, elapsed: elapsed,
            yearEnded: asOf >= fiscalYear.lastDay, reporting: reporting)

        func group(
            key: String, name: String, agency: String, issue: Int? = nil, measure: Int? = nil,
            members: [ProjectFigures], actual: Tally? = nil, reporting: String? = nil
        ) -> GroupFigures {
            let monthly = members.map(\.planYear).reduce(MonthlyPlan.zero, +)
            let counted = members.filter(\.isCounted)
            var statusCounts: [ProjectStatus: Int] = [:]
            for p in counted { statusCounts[p.status, default: 0] += 1 }
            let results = counted.filter { $0.status != .cancelled && $0.status != .noReport }.compactMap(\.result)
            let overall = results.isEmpty ? nil : rounded(results.reduce(0, +) / Decimal(results.count), 2)
            let assessed = members.filter { $0.status != .noReport }.compactMap(\.share.own.budget)
            return GroupFigures(
                key: key, name: name, agency: agency, issue: issue, measure: measure, projects: members.count,
                countedProjects: counted.count, plan: monthly, plannedToDate: monthly.toDate(through: elapsed),
                actual: actual ?? members.map(\.actual).reduce(Tally(), +), statusCounts: statusCounts,
                overallResult: overall, reporting: reporting,
                assessedBudgetSatang: assessed.isEmpty ? nil : assessed.reduce(0, +),
                noReport: !members.isEmpty && members.allSatisfy { $0.status == .noReport })
        }
        // Bureaus: planned by the responsible bureau, actual by the bureau that reported the row.
        var bureauNames = rollup.bureauNames
        for b in plan.bureaus { bureauNames[b.key] = b.name }
        let byResponsible = Dictionary(grouping: projects, by: \.project.bureauKey)
        let bureauKeys = Set(byResponsible.keys).union(rollup.byBureau.keys).sorted()
        let bureaus = bureauKeys.map { key in
            let members = byResponsible[key] ?? []
            return group(
                key: key, name: bureauNames[key] ?? key,
                agency: members.first?.project.agency ?? Self.agency(of: bureauNames[key] ?? ""),
                members: members, actual: rollup.byBureau[key] ?? Tally(), reporting: reporting[key])
        }

        let byMeasure = Dictionary(grouping: projects) {
            MeasureKey(agency: $0.project.agency, link: $0.project.links[0])
        }
        let measures = byMeasure.keys.sorted().map { k in
            group(
                key: "\(k.agency) \(k.link.issue).\(k.link.measure)", name: "มาตรการที่ \(k.link.measure)",
                agency: k.agency, issue: k.link.issue, measure: k.link.measure, members: byMeasure[k]!)
        }
        let byIssue = Dictionary(grouping: projects) {
            IssueKey(agency: $0.project.agency, issue: $0.project.links[0].issue)
        }
        let issues = byIssue.keys.sorted().map { k in
            group(
                key: "\(k.agency) \(k.issue)", name: "ประเด็นที่ \(k.issue)", agency: k.agency, issue: k.issue,
                members: byIssue[k]!)
        }
        let byAgency = Dictionary(grouping: projects, by: \.project.agency)
        let agencies = byAgency.keys.sorted().map { a in group(key: a, name: a, agency: a, members: byAgency[a]!) }
        let total = group(key: "", name: "รวม", agency: "", members: projects)

        let monthly = projects.map(\.planYear).reduce(MonthlyPlan.zero, +)
        let months = fiscalYear.months.enumerated().map { i, m in
            PeriodFigures(
                label: m.iso, month: m, quarter: i / 3 + 1, planned: monthly.month(i), known: monthly.known,
                actual: rollup.month(m))
        }
        let quarters = (1...4).map { q in
            let three = months.filter { $0.quarter == q }
            return PeriodFigures(
                label: "Q\(q)", month: nil, quarter: q, planned: three.map(\.planned).reduce(PlanAmounts(), +),
                known: monthly.known, actual: three.map(\.actual).reduce(Tally(), +))
        }
        let kpi = agencies.map { a in
            let survey = surveys.byAgency[a.agency]
            return KPIAssessment(
                agency: a.agency, awarenessPercent: survey?.awareness,
                awarenessScore: survey?.awareness.map(SurveyResults.awarenessScore),
                carriedOutPercent: a.overallResult, level3Met: (a.overallResult ?? 0) >= 80,
                level4Met: (a.overallResult ?? 0) >= 100, opinionPercent: survey?.opinion,
                opinionScore: survey?.opinion.map(SurveyResults.opinionScore))
        }
        var summary = Summary(
            fiscalYear: fiscalYear, asOf: asOf, round: ReportingRound.latest(asOf: asOf).1, monthsElapsed: elapsed,
            projects: projects, bureaus: bureaus, measures: measures, issues: issues, agencies: agencies, total: total,
            months: months, quarters: quarters, kpi: kpi)
        summary.measureNames = plan.measureNames
        for a in agencies {
            summary.agencyMonths[a.agency] = fiscalYear.months.map {
                rollup.byMonth[AgencyMonth(month: $0, agency: a.agency)] ?? Tally()
            }
        }
        return summary
    }

    static func projectFigures(
        plan: Plan, rollup: Rollup, fiscalYear: FiscalYear, elapsed: Int, yearEnded: Bool, reporting: [String: String]
    ) -> [ProjectFigures] {
        // Children before parents, so a parent can take its sub-projects' state and plan.
        var figures: [String: ProjectFigures] = [:]
        func depth(_ p: PlanProject) -> Int {
            var d = 0
            var c = p.parentID
            while let id = c, d < plan.projects.count {
                d += 1
                c = plan[id]?.parentID
            }
            return d
        }
        let order = plan.projects.indices.sorted { depth(plan.projects[$0]) > depth(plan.projects[$1]) }
        for i in order {
            let p = plan.projects[i]
            let children = plan.children(of: p.id).compactMap { figures[$0] }
            let monthly = MonthlyPlan(project: p, plan: plan, year: fiscalYear)
            let whole = children.map(\.planWithSubprojects).reduce(monthly, +)
            let wholeToDate = whole.toDate(through: elapsed)
            let actual = rollup.byProject[i]
            let actualWhole = children.map(\.actualWithSubprojects).reduce(actual, +)
            let report = rollup.latest[i]
            let reportedResult = report?.resultPercent?.value
            let bureauReporting = reporting[p.bureauKey]
            let (status, statusSource) = status(
                report: report, actual: actual, actualWhole: actualWhole, children: children.map(\.status),
                bureauReporting: bureauReporting)
            let (pace, reason) = pace(
                status: status, whole: whole, toDate: wholeToDate, actual: actualWhole, elapsed: elapsed,
                yearEnded: yearEnded, bureauReporting: bureauReporting)
            let result: Decimal?
            if let r = reportedResult {
                result = min(r, 100)
            } else {
                switch status {
                case .completed: result = pace == .shortfall ? delivered(whole.year, actualWhole) ?? 100 : 100
                case .notStarted: result = 0
                case .inProgress: result = delivered(whole.year, actualWhole)
                case .cancelled, .noReport: result = nil
                }
            }
            figures[p.id] = ProjectFigures(
                project: p, share: plan.shares[i], planYear: monthly, plannedToDate: monthly.toDate(through: elapsed),
                planWithSubprojects: whole, plannedToDateWithSubprojects: wholeToDate, actual: actual,
                actualWithSubprojects: actualWhole, status: status, statusSource: statusSource, pace: pace,
                paceReason: reason, bureauReporting: bureauReporting, reportedResult: reportedResult, result: result,
                evidence: ThaiText.normalize(report?.evidence?.value ?? ""),
                note: ThaiText.normalize(report?.note?.value ?? ""), isCounted: plan.children(of: p.id).isEmpty,
                problems: ThaiText.normalize(report?.problems?.value ?? ""))
        }
        return plan.projects.map { figures[$0.id]! }
    }

    /// The status rule (see the type's comment).
    static func status(
        report: Rollup.Report?, actual: Tally, actualWhole: Tally, children: [ProjectStatus], bureauReporting: String?
    ) -> (ProjectStatus, StatusSource) {
        if let reported = report?.status?.value {
            guard reported == .cancelled, actualWhole.held else { return (reported, .reported) }
            // A cancelled session of a project that held others: the project goes on.
            if let active = report?.activeStatus?.value { return (active, .reported) }
            return (.inProgress, .derived)
        }
        let started = actual.rows > 0 || children.contains { ![.notStarted, .noReport].contains($0) }
        if !children.isEmpty {
            if children.allSatisfy({ $0 == .completed || $0 == .cancelled }) && children.contains(.completed) {
                return (.completed, .derived)
            }
            if started { return (.inProgress, .derived) }
            return (children.contains(.noReport) || bureauReporting != nil ? .noReport : .notStarted, .derived)
        }
        if !started { return (bureauReporting != nil ? .noReport : .notStarted, .derived) }
        if let r = report?.resultPercent?.value, r >= 100 { return (.completed, .derived) }
        return (.inProgress, .derived)
    }

    /// The pace rule (see the type's comment), with its reason.
    static func pace(
        status: ProjectStatus, whole: MonthlyPlan, toDate: PlanAmounts, actual: Tally, elapsed: Int, yearEnded: Bool,
        bureauReporting: String?
    ) -> (Pace, PaceReason?) {
        let counts: [(PlanFigureKind, PaceReason, Int64, Int64, Int64)] = [
            (.activities, .activities, toDate.activities, whole.year.activities, actual.activities),
            (.items, .items, toDate.items, whole.year.items, actual.items),
            (.participants, .participants, toDate.participants, whole.year.participants, actual.participants),
        ].filter { whole.known.contains($0.0) }
        switch status {
        case .noReport:
            return (.noReport, bureauReporting == "missing" ? .bureauMissing : .bureauStale)
        case .cancelled:
            return (.cancelled, nil)
        case .completed:
            if let short = counts.first(where: { $0.4 < $0.3 }) { return (.shortfall, short.1) }
            return (.onTrack, nil)
        case .notStarted, .inProgress:
            let lastPlanned = (0..<12).last { whole.month($0) != PlanAmounts() }
            let timePassed = yearEnded || (lastPlanned.map { $0 < elapsed } ?? false)
            let due = counts.contains { $0.2 > 0 }
            if actual.rows == 0 && (due || timePassed) { return (.behind, .noReport) }
            if let short = counts.first(where: { $0.2 > 0 && $0.4 < $0.2 }) { return (.behind, short.1) }
            // Past its time and not completed: behind, unless it delivered the whole year's plan.
            if timePassed && (counts.isEmpty || counts.contains { $0.4 < $0.3 }) { return (.behind, .timePassed) }
            return actual.rows > 0 ? (.onTrack, nil) : (.notDue, nil)
        }
    }

    /// What was delivered against the year's plan, in percent (capped at 100): the least of the
    /// shares of activities, items and participants the plan states; nil when it states none.
    static func delivered(_ year: PlanAmounts, _ actual: Tally) -> Decimal? {
        let shares = [
            (year.activities, actual.activities), (year.items, actual.items),
            (year.participants, actual.participants),
        ]
        .filter { $0.0 > 0 }.map { min(Decimal($0.1) * 100 / Decimal($0.0), 100) }
        return shares.min().map { rounded($0, 2) }
    }

    /// "สำนัก ... (สผ.)" → "สผ.": the agency a bureau's name ends with, if any.
    static func agency(of bureau: String) -> String {
        for a in ["สผ.", "สว."] where bureau.contains(a) { return a }
        return ""
    }

    static func rounded(_ d: Decimal, _ places: Int) -> Decimal {
        var value = d
        var out = Decimal()
        NSDecimalRound(&out, &value, places, .plain)
        return out
    }

    struct MeasureKey: Hashable, Comparable {
        let agency: String
        let link: PlanLink
        static func < (a: MeasureKey, b: MeasureKey) -> Bool { (a.agency, a.link) < (b.agency, b.link) }
    }

    struct IssueKey: Hashable, Comparable {
        let agency: String
        let issue: Int
        static func < (a: IssueKey, b: IssueKey) -> Bool { (a.agency, a.issue) < (b.agency, b.issue) }
    }
}
