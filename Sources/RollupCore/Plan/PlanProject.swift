import Foundation
import RollupBase
import RollupReading

/// A project or sub-activity of the approved plan, with its targets, read from one plan row.
public struct PlanProject: Sendable, Hashable {
    /// Stable id, Arabic digits, no spaces ("สผ-62-001").
    public let id: String
    public var parentID: String?
    /// "สผ." or "สว.".
    public let agency: String
    /// Every (issue, measure) the project is listed under; the first is where it was first listed.
    public var links: [PlanLink]
    public let name: String
    /// Name compared across files (`ThaiText.key`).
    public let nameKey: String
    public let indicator: String
    /// The indicator's target in percent ("ไม่น้อยกว่าร้อยละ ๘๐" → 80), when it states one.
    public let targetPercent: Decimal?
    public let unit: String
    public let targetGroup: String
    /// The plan's monthly schedule: per month of the fiscal year a count, or 1 for a month marked as
    /// scheduled. It counts items when the project's unit is an item (`countsItems`), else activities.
    public let plannedActivities: [YearMonth: Int64]
    /// What the plan states for each kind of figure, and which cell said it (see `PlanFigures`).
    public let figures: PlanFigures
    /// True when the unit of count is a published item (เรื่อง, ฉบับ, ช่องทาง): the schedule and the
    /// bureaus' count column then count items, which are never added to activities.
    public let countsItems: Bool
    /// The item unit ("เรื่อง"), when `countsItems`.
    public let itemUnit: String
    /// Planned head count from the target group or unit ("จำนวน ๕๐๐ คน").
    public var plannedParticipants: Int64? { figures.participants.value }
    public let budget: AmountCell
    /// Responsible bureau as written in the plan.
    public let bureau: String
    /// Bureau compared across files (`ThaiText.key`).
    public let bureauKey: String
    public let notes: String
    /// Where the row was read, for messages.
    public let file: String
    public let line: Int
    /// The fiscal year whose plan lists the project: the year of its plan file's month columns (ต.ค. ๖๑ …
    /// ก.ย. ๖๒ is FY 2562), else of its schedule; nil when neither names one.
    public var fiscalYear: FiscalYear?

    /// The budget in satang when the plan gives a figure.
    public var budgetSatang: Int64? { figures.budget.value }

    /// The schedule's total (activities, or items when `countsItems`).
    public var scheduleTotal: Int64 { plannedActivities.values.reduce(0, +) }
}

/// Where a project sits in the plan's structure: an issue (ประเด็น) and a measure (มาตรการ).
public struct PlanLink: Sendable, Hashable, Comparable {
    public let issue: Int
    public let measure: Int

    public static func < (a: PlanLink, b: PlanLink) -> Bool { (a.issue, a.measure) < (b.issue, b.measure) }
}

/// Something wrong or worth a look in a plan file, with where it is.
public struct PlanIssue: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }
    public let severity: Severity
    public let file: String
    public let line: Int
    public let field: String
    public let message: String

    public var description: String { "\(file):\(line): \(severity.rawValue): \(field): \(message)" }
}
