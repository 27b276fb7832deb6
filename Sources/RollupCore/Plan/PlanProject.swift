import Foundation
import RollupBase
import RollupReading

/// A project or sub-activity of the approved plan, with its targets, read from one plan row.
package struct PlanProject: Sendable, Hashable {
    /// Stable id, Arabic digits, no spaces ("สผ-62-001").
    package let id: String
    package var parentID: String?
    /// "สผ." or "สว.".
    package let agency: String
    /// Every (issue, measure) the project is listed under; the first is where it was first listed.
    package var links: [PlanLink]
    package let name: String
    /// Name compared across files (`ThaiText.key`).
    package let nameKey: String
    package let indicator: String
    /// The indicator's target in percent ("ไม่น้อยกว่าร้อยละ ๘๐" → 80), when it states one.
    package let targetPercent: Decimal?
    package let unit: String
    package let targetGroup: String
    /// The plan's monthly schedule: per month of the fiscal year a count, or 1 for a month marked as
    /// scheduled. It counts items when the project's unit is an item (`countsItems`), else activities.
    package let plannedActivities: [YearMonth: Int64]
    /// What the plan states for each kind of figure, and which cell said it (see `PlanFigures`).
    package let figures: PlanFigures
    /// True when the unit of count is a published item (เรื่อง, ฉบับ, ช่องทาง): the schedule and the
    /// bureaus' count column then count items, which are never added to activities.
    package let countsItems: Bool
    /// The item unit ("เรื่อง"), when `countsItems`.
    package let itemUnit: String
    /// Planned head count from the target group or unit ("จำนวน ๕๐๐ คน").
    package var plannedParticipants: Int64? { figures.participants.value }
    package let budget: AmountCell
    /// Responsible bureau as written in the plan.
    package let bureau: String
    /// Bureau compared across files (`ThaiText.key`).
    package let bureauKey: String
    package let notes: String
    /// Where the row was read, for messages.
    package let file: String
    package let line: Int

    /// The budget in satang when the plan gives a figure.
    package var budgetSatang: Int64? { figures.budget.value }

    /// The schedule's total (activities, or items when `countsItems`).
    package var scheduleTotal: Int64 { plannedActivities.values.reduce(0, +) }
}

/// Where a project sits in the plan's structure: an issue (ประเด็น) and a measure (มาตรการ).
package struct PlanLink: Sendable, Hashable, Comparable {
    package let issue: Int
    package let measure: Int

    package static func < (a: PlanLink, b: PlanLink) -> Bool { (a.issue, a.measure) < (b.issue, b.measure) }
}

/// Something wrong or worth a look in a plan file, with where it is.
package struct PlanIssue: Sendable, Hashable, CustomStringConvertible {
    package enum Severity: String, Sendable { case error, warning }
    package let severity: Severity
    package let file: String
    package let line: Int
    package let field: String
    package let message: String

    package var description: String { "\(file):\(line): \(severity.rawValue): \(field): \(message)" }
}
