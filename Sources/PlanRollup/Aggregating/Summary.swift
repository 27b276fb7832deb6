import Foundation

/// The figures of one run, ready to write: per project and rolled up per bureau, measure, issue,
/// agency and for both agencies, per month and quarter, planned against actual as of one date.
public struct Summary: Sendable {
    public let fiscalYear: FiscalYear
    public let asOf: CalendarDay
    /// The latest reporting round whose cut-off is on or before the as-of date.
    public let round: ReportingRound?
    /// Index of the as-of date's month in the fiscal year (0 = October), -1 before the year.
    public let monthsElapsed: Int
    public let projects: [ProjectFigures]
    public let bureaus: [GroupFigures]
    public let measures: [GroupFigures]
    public let issues: [GroupFigures]
    public let agencies: [GroupFigures]
    public let total: GroupFigures
    public let months: [PeriodFigures]
    public let quarters: [PeriodFigures]
    public let kpi: [KPIAssessment]
}

/// Whether actual work keeps up with the schedule to the as-of date.
public enum Pace: String, Sendable, Hashable {
    case onTrack = "on_track"
    case behind
    /// Nothing was due yet and nothing was reported.
    case notDue = "not_due"
}

/// Where a project's status comes from.
public enum StatusSource: String, Sendable, Hashable {
    case reported
    case derived
}

/// One project: its targets, what was reported against them, and what follows.
public struct ProjectFigures: Sendable {
    public let project: PlanProject
    public let planYear: MonthlyPlan
    public let plannedToDate: (activities: Int64, participants: Int64, budgetSatang: Int64)
    public let actual: Tally
    /// The project's own rows and those of all its sub-projects: what a parent shows as its total.
    public let actualWithSubprojects: Tally
    public let status: ProjectStatus
    public let statusSource: StatusSource
    public let pace: Pace
    /// The result the bureau last reported (ผลการดำเนินการ ร้อยละ).
    public let reportedResult: Decimal?
    /// The project's result used in the overall figure: reported, else derived (see `SummaryBuilder`).
    public let result: Decimal?
    public let evidence: String
    public let note: String
    /// True for projects without sub-projects: the units counted in status counts and the overall result.
    public let isCounted: Bool
    /// Spent (with sub-projects) as a percentage of the budget, when the plan gives a figure.
    public var budgetUsedPercent: Decimal? {
        guard let budget = project.budgetSatang, budget > 0 else { return nil }
        return Decimal(actualWithSubprojects.spentSatang) * 100 / Decimal(budget)
    }
    public var overBudget: Bool {
        guard let budget = project.budgetSatang else { return false }
        return actualWithSubprojects.spentSatang > budget
    }
}

/// Any roll-up: a bureau, a measure, an issue, an agency or everything.
public struct GroupFigures: Sendable {
    public let key: String
    public let name: String
    public let agency: String
    public let issue: Int?
    public let measure: Int?
    /// Projects in the group (each once), and the counted ones among them.
    public let projects: Int
    public let countedProjects: Int
    public let plan: MonthlyPlan
    public let plannedToDate: (activities: Int64, participants: Int64, budgetSatang: Int64)
    public let actual: Tally
    public let statusCounts: [ProjectStatus: Int]
    /// ผลการดำเนินการในภาพรวมคิดเป็นร้อยละ: the mean result of the counted, not cancelled projects.
    public let overallResult: Decimal?
    /// For a bureau: "missing" when it sent nothing, else nil.
    public let reporting: String?

    /// A bureau that sent nothing (and that no other bureau's rows name): its actual figures are
    /// unknown, not zero.
    public var isMissing: Bool { reporting == "missing" && actual.rows == 0 }

    public var plannedActivitiesYear: Int64 { plan.activities.reduce(0, +) }
    public var plannedParticipantsYear: Int64 { plan.participants.reduce(0, +) }
    public var budgetSatang: Int64 { plan.budgetSatang.reduce(0, +) }
    public func count(_ s: ProjectStatus) -> Int { statusCounts[s] ?? 0 }
}

/// One month or quarter of the fiscal year, planned against actual.
public struct PeriodFigures: Sendable {
    public let label: String
    public let month: YearMonth?
    public let quarter: Int
    public let planned: (activities: Int64, participants: Int64, budgetSatang: Int64)
    public let actual: Tally
}

/// The plan's KPI rubric for one agency (ความเป็นมา): levels 1 to 5.
public struct KPIAssessment: Sendable {
    public let agency: String
    /// Level 2: awareness survey percentage and its score, nil when no survey result was given.
    public let awarenessPercent: Decimal?
    public let awarenessScore: Decimal?
    /// Levels 3 and 4: the plan carried out to 80% and to 100%.
    public let carriedOutPercent: Decimal?
    public let level3Met: Bool
    public let level4Met: Bool
    /// Level 5: opinion survey percentage and its score.
    public let opinionPercent: Decimal?
    public let opinionScore: Decimal?
}
