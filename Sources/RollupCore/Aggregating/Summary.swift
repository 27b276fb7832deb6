import Foundation
import RollupBase
import RollupReading

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
    /// Each measure's name where the plan gives one, for the report form's headings.
    public var measureNames: [PlanLink: String] = [:]
    /// Per agency, the actual figures of each month of the fiscal year (its rows, by their projects'
    /// agency): the months table adds them up; the HTML report draws each agency's money line.
    public var agencyMonths: [String: [Tally]] = [:]
}

/// Whether actual work keeps up with what was due by the as-of date.
public enum Pace: String, Sendable, Hashable {
    case onTrack = "on_track"
    case behind
    /// Nothing was due yet and nothing was reported.
    case notDue = "not_due"
    /// Completed with less delivered than planned (a session cancelled, fewer participants).
    case shortfall
    case cancelled
    /// No report from a missing or stale bureau: the pace cannot be judged.
    case noReport = "no_report"
}

/// Why a project's pace is what it is, for the analyst reading a "behind".
public enum PaceReason: String, Sendable, Hashable {
    /// Fewer activities, items or participants than planned to date (or, for a completed project, for the year).
    case activities, items, participants
    /// Something was due and the project has no accepted row.
    case noReport = "no_report"
    /// The fiscal year (or every scheduled month) has passed and the project is not completed.
    case timePassed = "time_passed"
    case bureauMissing = "bureau_missing"
    case bureauStale = "bureau_stale"
}

/// Where a project's status comes from.
public enum StatusSource: String, Sendable, Hashable {
    case reported
    case derived
}

/// One project: its targets, what was reported against them, and what follows.
public struct ProjectFigures: Sendable {
    public let project: PlanProject
    /// Its share of each planned figure and its figures with sub-projects (see `PlanShare`).
    public let share: PlanShare
    /// The project's own share spread over the year: what the roll-ups add up.
    public let planYear: MonthlyPlan
    public let plannedToDate: PlanAmounts
    /// The project's whole plan with its sub-projects, set against `actualWithSubprojects`.
    public let planWithSubprojects: MonthlyPlan
    public let plannedToDateWithSubprojects: PlanAmounts
    public let actual: Tally
    /// The project's own rows and those of all its sub-projects: what a parent shows as its total.
    public let actualWithSubprojects: Tally
    public let status: ProjectStatus
    public let statusSource: StatusSource
    public let pace: Pace
    public let paceReason: PaceReason?
    /// "missing" or "stale" when the responsible bureau is; nil when it reported in time.
    public let bureauReporting: String?
    /// The result the bureau last reported (ผลการดำเนินการ ร้อยละ).
    public let reportedResult: Decimal?
    /// The project's result used in the overall figure: reported, else derived (see `SummaryBuilder`).
    public let result: Decimal?
    public let evidence: String
    public let note: String
    /// True for projects without sub-projects: the units counted in status counts and the overall result.
    public let isCounted: Bool
    /// The newest problems and obstacles the bureau reported (ปัญหา อุปสรรค), as received.
    public var problems: String = ""

    /// Planned to date (with sub-projects) minus actual (with sub-projects): positive is behind.
    /// nil when the plan gives no figure of that kind, or the project has no report to compare.
    public func gap(_ kind: PlanFigureKind) -> Int64? {
        guard planWithSubprojects.known.contains(kind), status != .noReport else { return nil }
        let planned = plannedToDateWithSubprojects
        let done = actualWithSubprojects
        switch kind {
        case .activities: return planned.activities - done.activities
        case .items: return planned.items - done.items
        case .participants: return planned.participants - done.participants
        case .budget: return planned.budgetSatang - done.spentSatang
        }
    }

    /// The indicator's target minus the result, in percentage points (negative: above target).
    public var resultGap: Decimal? {
        guard let target = project.targetPercent, let result else { return nil }
        return target - result
    }

    /// The project's approved budget with its sub-projects (the parent's total), when known.
    public var budgetTotal: Int64? { share.total.budget }

    /// Spent (with sub-projects) as a percentage of the budget, when the plan gives a figure.
    public var budgetUsedPercent: Decimal? {
        guard let budget = budgetTotal, budget > 0, status != .noReport else { return nil }
        return Decimal(actualWithSubprojects.spentSatang) * 100 / Decimal(budget)
    }
    public var overBudget: Bool {
        guard let budget = budgetTotal else { return false }
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
    public let plannedToDate: PlanAmounts
    public let actual: Tally
    public let statusCounts: [ProjectStatus: Int]
    /// ผลการดำเนินการในภาพรวมคิดเป็นร้อยละ: the mean result of the counted projects, those
    /// cancelled and those without a report (`noReport`) left out.
    public let overallResult: Decimal?
    /// For a bureau: "missing" when it sent nothing, "stale" when its newest export is too old, else nil.
    public let reporting: String?
    /// The budget of the group's projects that have a report (those reading "no report" left out):
    /// what `spent` is set against. nil when none of them has a budget figure.
    public let assessedBudgetSatang: Int64?
    /// Every project of the group reads "no report" and no row arrived: its actual figures are unknown.
    public let noReport: Bool

    /// A bureau that sent nothing, or a group whose every project reads "no report", and no row:
    /// its actual figures are unknown, not zero.
    public var isMissing: Bool { (reporting == "missing" || noReport) && actual.rows == 0 }

    /// Spent as a percentage of the budget of the projects with a report, when known.
    public var budgetUsedPercent: Decimal? {
        guard !isMissing, let budget = assessedBudgetSatang, budget > 0 else { return nil }
        return Decimal(actual.spentSatang) * 100 / Decimal(budget)
    }

    public var plannedActivitiesYear: Int64 { plan.activities.reduce(0, +) }
    public var plannedItemsYear: Int64 { plan.items.reduce(0, +) }
    public var plannedParticipantsYear: Int64 { plan.participants.reduce(0, +) }
    public var budgetSatang: Int64 { plan.budgetSatang.reduce(0, +) }
    /// Whether any project of the group has a planned budget figure (else the budget is unknown, not 0).
    public var budgetKnown: Bool { plan.known.contains(.budget) }
    public func count(_ s: ProjectStatus) -> Int { statusCounts[s] ?? 0 }
}

/// One month or quarter of the fiscal year, planned against actual.
public struct PeriodFigures: Sendable {
    public let label: String
    public let month: YearMonth?
    public let quarter: Int
    public let planned: PlanAmounts
    /// The figures the plan gives at all (an unknown planned figure is shown empty, not 0).
    public let known: Set<PlanFigureKind>
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
