import Foundation

/// The figures of one run, ready to write: per project, bureau, month and agency, planned against actual.
public struct Summary: Sendable {
    public let fiscalYear: FiscalYear
    public let asOf: CalendarDay
    public let round: ReportingRound?
    public let projects: [ProjectFigures]
    public let bureaus: [BureauFigures]
    public let months: [MonthFigures]
    public let agencies: [AgencyFigures]
    public let total: AgencyFigures

    /// One project: its plan and what was reported against it, to the as-of date.
    public struct ProjectFigures: Sendable {
        public let project: PlanProject
        public let actual: Tally
        public let plannedActivitiesYear: Int64
        public let plannedActivitiesToDate: Int64
        public let status: ProjectStatus?
        public let resultPercent: Decimal?
        /// Whether this project's own budget counts in roll-ups (false for a parent whose children carry budgets).
        public let budgetCounted: Bool
    }

    public struct BureauFigures: Sendable {
        public let key: String
        public let name: String
        public let projects: Int
        public let budgetSatang: Int64
        public let actual: Tally
    }

    public struct MonthFigures: Sendable {
        public let month: YearMonth
        public let plannedActivities: Int64
        public let actual: Tally
    }

    public struct AgencyFigures: Sendable {
        public let agency: String
        public let projects: Int
        public let budgetSatang: Int64
        public let plannedActivities: Int64
        public let plannedParticipants: Int64
        public let actual: Tally
    }
}

/// Builds the `Summary` from the plan and the rollup of accepted rows.
public enum SummaryBuilder {
    public static func build(plan: Plan, rollup: Rollup, fiscalYear: FiscalYear, asOf: CalendarDay) -> Summary {
        let asOfMonth = asOf.yearMonth
        let projects = plan.projects.enumerated().map { i, p in
            let latest = rollup.latest[i]
            return Summary.ProjectFigures(
                project: p, actual: rollup.byProject[i], plannedActivitiesYear: p.plannedActivitiesTotal,
                plannedActivitiesToDate: p.plannedActivities.filter { $0.key <= asOfMonth }.values.reduce(0, +),
                status: latest?.status, resultPercent: latest?.resultPercent,
                budgetCounted: plan.counts(p) { $0.budgetSatang != nil })
        }

        var planBudgetByBureau: [String: Int64] = [:]
        var projectsByBureau: [String: Int] = [:]
        for f in projects {
            projectsByBureau[f.project.bureauKey, default: 0] += 1
            if f.budgetCounted { planBudgetByBureau[f.project.bureauKey, default: 0] += f.project.budgetSatang ?? 0 }
        }
        var bureauNames = rollup.bureauNames
        for b in plan.bureaus { bureauNames[b.key] = b.name }
        let bureauKeys = Set(projectsByBureau.keys).union(rollup.byBureau.keys).sorted()
        let bureaus = bureauKeys.map { key in
            Summary.BureauFigures(
                key: key, name: bureauNames[key] ?? key, projects: projectsByBureau[key] ?? 0,
                budgetSatang: planBudgetByBureau[key] ?? 0, actual: rollup.byBureau[key] ?? Tally())
        }

        let months = fiscalYear.months.map { m in
            Summary.MonthFigures(
                month: m, plannedActivities: plan.projects.compactMap { $0.plannedActivities[m] }.reduce(0, +),
                actual: rollup.byMonth[m] ?? Tally())
        }

        let agencyNames = Set(plan.projects.map(\.agency)).sorted()
        let perAgency = agencyNames.map { name in
            agency(named: name, plan: plan, projects: projects.filter { $0.project.agency == name })
        }
        let total = agency(named: "", plan: plan, projects: projects)
        return Summary(
            fiscalYear: fiscalYear, asOf: asOf, round: ReportingRound.latest(asOf: asOf).1, projects: projects,
            bureaus: bureaus, months: months, agencies: perAgency, total: total)
    }

    private static func agency(named name: String, plan: Plan, projects: [Summary.ProjectFigures]) -> Summary.AgencyFigures {
        let planned = PlanTotals(plan: plan, projects: projects.map(\.project))
        return Summary.AgencyFigures(
            agency: name, projects: planned.projects, budgetSatang: planned.budgetSatang,
            plannedActivities: planned.plannedActivities, plannedParticipants: planned.plannedParticipants,
            actual: projects.map(\.actual).reduce(Tally(), +))
    }
}
