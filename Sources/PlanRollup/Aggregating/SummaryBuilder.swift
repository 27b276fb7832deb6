import Foundation

/// Builds the `Summary` from the plan and the rollup of accepted rows.
///
/// Rules where the plan's report form is silent (also in the README):
/// - Planned to date: the months of the fiscal year up to and including the as-of date's month.
/// - Status: the newest reported status; else derived: no rows → not started; a reported result of
///   100% → completed; otherwise in progress. A parent without a report of its own takes its
///   sub-projects' state (all completed → completed; any started → in progress).
/// - Pace: activities to date against planned activities to date; a project with no scheduled
///   activities is judged on participants; completed projects are on track; nothing due and
///   nothing reported is "not due".
/// - A project's result: the reported result (capped at 100); else 100 when completed, 0 when not
///   started, otherwise activities (or participants) against the year's target, capped at 100.
/// - Overall result (ผลการดำเนินการในภาพรวม): the mean result of the group's counted projects
///   (those without sub-projects, cancelled ones left out), to two decimals.
public enum SummaryBuilder {
    public static func build(
        plan: Plan, rollup: Rollup, fiscalYear: FiscalYear, asOf: CalendarDay, surveys: SurveyResults = SurveyResults(),
        reporting: [String: String] = [:]
    ) -> Summary {
        let rollup = rollup.flushed()
        let elapsed: Int =
            asOf < fiscalYear.firstDay ? -1 : (asOf > fiscalYear.lastDay ? 11 : fiscalYear.monthIndex(of: asOf) ?? 11)
        let projects = projectFigures(plan: plan, rollup: rollup, fiscalYear: fiscalYear, elapsed: elapsed)

        func group(key: String, name: String, agency: String, issue: Int? = nil, measure: Int? = nil,
                   members: [ProjectFigures], actual: Tally? = nil, reporting: String? = nil) -> GroupFigures {
            let monthly = members.map(\.planYear).reduce(MonthlyPlan.zero, +)
            let counted = members.filter(\.isCounted)
            var statusCounts: [ProjectStatus: Int] = [:]
            for p in counted { statusCounts[p.status, default: 0] += 1 }
            let results = counted.filter { $0.status != .cancelled }.compactMap(\.result)
            let overall = results.isEmpty ? nil : rounded(results.reduce(0, +) / Decimal(results.count), 2)
            return GroupFigures(
                key: key, name: name, agency: agency, issue: issue, measure: measure, projects: members.count,
                countedProjects: counted.count, plan: monthly, plannedToDate: monthly.toDate(through: elapsed),
                actual: actual ?? members.map(\.actual).reduce(Tally(), +), statusCounts: statusCounts,
                overallResult: overall, reporting: reporting)
        }

        // Bureaus: planned by the responsible bureau, actual by the bureau that reported the row.
        var bureauNames = rollup.bureauNames
        for b in plan.bureaus { bureauNames[b.key] = b.name }
        let byResponsible = Dictionary(grouping: projects, by: \.project.bureauKey)
        let bureauKeys = Set(byResponsible.keys).union(rollup.byBureau.keys).sorted()
        let bureaus = bureauKeys.map { key in
            let members = byResponsible[key] ?? []
            return group(
                key: key, name: bureauNames[key] ?? key, agency: members.first?.project.agency ?? Self.agency(of: bureauNames[key] ?? ""),
                members: members, actual: rollup.byBureau[key] ?? Tally(), reporting: reporting[key])
        }

        let byMeasure = Dictionary(grouping: projects) { MeasureKey(agency: $0.project.agency, link: $0.project.links[0]) }
        let measures = byMeasure.keys.sorted().map { k in
            group(key: "\(k.agency) \(k.link.issue).\(k.link.measure)", name: "มาตรการที่ \(k.link.measure)",
                  agency: k.agency, issue: k.link.issue, measure: k.link.measure, members: byMeasure[k]!)
        }
        let byIssue = Dictionary(grouping: projects) { IssueKey(agency: $0.project.agency, issue: $0.project.links[0].issue) }
        let issues = byIssue.keys.sorted().map { k in
            group(key: "\(k.agency) \(k.issue)", name: "ประเด็นที่ \(k.issue)", agency: k.agency, issue: k.issue,
                  members: byIssue[k]!)
        }
        let byAgency = Dictionary(grouping: projects, by: \.project.agency)
        let agencies = byAgency.keys.sorted().map { a in group(key: a, name: a, agency: a, members: byAgency[a]!) }
        let total = group(key: "", name: "รวม", agency: "", members: projects)

        let monthly = projects.map(\.planYear).reduce(MonthlyPlan.zero, +)
        let months = fiscalYear.months.enumerated().map { i, m in
            PeriodFigures(
                label: m.iso, month: m, quarter: i / 3 + 1,
                planned: (monthly.activities[i], monthly.participants[i], monthly.budgetSatang[i]),
                actual: rollup.byMonth[m] ?? Tally())
        }
        let quarters = (1...4).map { q in
            let three = months.filter { $0.quarter == q }
            return PeriodFigures(
                label: "Q\(q)", month: nil, quarter: q,
                planned: (three.map(\.planned.activities).reduce(0, +), three.map(\.planned.participants).reduce(0, +),
                          three.map(\.planned.budgetSatang).reduce(0, +)),
                actual: three.map(\.actual).reduce(Tally(), +))
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
        return Summary(
            fiscalYear: fiscalYear, asOf: asOf, round: ReportingRound.latest(asOf: asOf).1, monthsElapsed: elapsed,
            projects: projects, bureaus: bureaus, measures: measures, issues: issues, agencies: agencies, total: total,
            months: months, quarters: quarters, kpi: kpi)
    }

    static func projectFigures(plan: Plan, rollup: Rollup, fiscalYear: FiscalYear, elapsed: Int) -> [ProjectFigures] {
        // Children before parents, so a parent can take its sub-projects' state.
        var figures: [String: ProjectFigures] = [:]
        func depth(_ p: PlanProject) -> Int {
            var d = 0
            var c = p.parentID
            while let id = c, d < plan.projects.count { d += 1; c = plan[id]?.parentID }
            return d
        }
        let order = plan.projects.indices.sorted { depth(plan.projects[$0]) > depth(plan.projects[$1]) }
        for i in order {
            let p = plan.projects[i]
            let children = plan.children(of: p.id).compactMap { figures[$0] }
            let monthly = MonthlyPlan(project: p, plan: plan, year: fiscalYear)
            let toDate = monthly.toDate(through: elapsed)
            let actual = rollup.byProject[i]
            let report = rollup.latest[i]
            let reported = report?.status?.value
            let reportedResult = report?.resultPercent?.value
            let started = actual.rows > 0 || children.contains { $0.status != .notStarted }
            let status: ProjectStatus
            if let reported {
                status = reported
            } else if !children.isEmpty {
                status = children.allSatisfy { $0.status == .completed || $0.status == .cancelled }
                    && children.contains { $0.status == .completed } ? .completed : (started ? .inProgress : .notStarted)
            } else if !started {
                status = .notStarted
            } else if let r = reportedResult, r >= 100 {
                status = .completed
            } else {
                status = .inProgress
            }
            let yearActivities = monthly.activities.reduce(0, +)
            let yearParticipants = p.plannedParticipants ?? 0
            let pace: Pace
            if status == .completed {
                pace = .onTrack
            } else if status == .cancelled {
                pace = .notDue
            } else if toDate.activities > 0 {
                pace = actual.activities >= toDate.activities ? .onTrack : .behind
            } else if toDate.participants > 0 {
                pace = actual.participants >= toDate.participants ? .onTrack : .behind
            } else {
                pace = actual.rows > 0 ? .onTrack : .notDue
            }
            let result: Decimal?
            if let r = reportedResult {
                result = min(r, 100)
            } else if status == .completed {
                result = 100
            } else if status == .notStarted {
                result = 0
            } else if yearActivities > 0 {
                result = rounded(min(Decimal(actual.activities) * 100 / Decimal(yearActivities), 100), 2)
            } else if yearParticipants > 0 {
                result = rounded(min(Decimal(actual.participants) * 100 / Decimal(yearParticipants), 100), 2)
            } else {
                result = nil
            }
            figures[p.id] = ProjectFigures(
                project: p, planYear: monthly, plannedToDate: toDate, actual: actual,
                actualWithSubprojects: children.map(\.actualWithSubprojects).reduce(actual, +), status: status,
                statusSource: reported == nil ? .derived : .reported, pace: pace, reportedResult: reportedResult,
                result: result, evidence: ThaiText.normalise(report?.evidence?.value ?? ""),
                note: ThaiText.normalise(report?.note?.value ?? ""),
                isCounted: plan.children(of: p.id).isEmpty)
        }
        return plan.projects.map { figures[$0.id]! }
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
