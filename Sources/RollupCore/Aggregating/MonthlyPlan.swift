import RollupBase
import RollupReading

/// Planned amounts of each kind over some stretch of the year (a month, to date, the year).
public struct PlanAmounts: Sendable, Hashable {
    public var activities: Int64 = 0
    public var items: Int64 = 0
    public var participants: Int64 = 0
    public var budgetSatang: Int64 = 0

    public init() {}

    public init(activities: Int64, items: Int64 = 0, participants: Int64, budgetSatang: Int64) {
        self.activities = activities
        self.items = items
        self.participants = participants
        self.budgetSatang = budgetSatang
    }

    public static func + (a: PlanAmounts, b: PlanAmounts) -> PlanAmounts {
        PlanAmounts(
            activities: a.activities + b.activities, items: a.items + b.items,
            participants: a.participants + b.participants, budgetSatang: a.budgetSatang + b.budgetSatang)
    }
}

/// A project's (or a group's) planned figures spread over the twelve months of its fiscal year, exactly.
///
/// Each figure follows the schedule: each month gets a share in proportion to its scheduled count
/// (a project with no schedule is spread evenly over the year), apportioned in whole activities,
/// items, persons and satang so that the months add up to the year's figure exactly. `known` says
/// which figures the plan gives at all: a figure no project states is unknown (shown empty), not 0.
public struct MonthlyPlan: Sendable, Hashable {
    public var activities: [Int64]
    public var items: [Int64]
    public var participants: [Int64]
    public var budgetSatang: [Int64]
    public var known: Set<PlanFigureKind>

    public static let zero = MonthlyPlan(
        activities: Array(repeating: 0, count: 12), items: Array(repeating: 0, count: 12),
        participants: Array(repeating: 0, count: 12), budgetSatang: Array(repeating: 0, count: 12), known: [])

    /// The plan of `project` in `year`: its own share of each figure (`PlanShare.own`), so that the
    /// months of all projects add up to the plan's approved totals, each counted once.
    public init(project p: PlanProject, plan: Plan, year: FiscalYear) {
        self.init(amounts: plan.share(of: p).own, schedule: p.plannedActivities, year: year)
    }

    /// `amounts` spread over `year` by the weights of `schedule`.
    public init(amounts: FigureAmounts, schedule: [YearMonth: Int64], year: FiscalYear) {
        let scheduled = year.months.map { schedule[$0] ?? 0 }
        let weights = scheduled.contains { $0 > 0 } ? scheduled : Array(repeating: 1, count: 12)
        func spread(_ kind: PlanFigureKind) -> [Int64] { Apportion.split(amounts[kind] ?? 0, weights: weights) }
        activities = spread(.activities)
        items = spread(.items)
        participants = spread(.participants)
        budgetSatang = spread(.budget)
        known = Set(PlanFigureKind.allCases.filter { amounts[$0] != nil })
    }

    init(activities: [Int64], items: [Int64], participants: [Int64], budgetSatang: [Int64], known: Set<PlanFigureKind>)
    {
        self.activities = activities
        self.items = items
        self.participants = participants
        self.budgetSatang = budgetSatang
        self.known = known
    }

    /// Month `index` (0 = October).
    public func month(_ index: Int) -> PlanAmounts {
        PlanAmounts(
            activities: activities[index], items: items[index], participants: participants[index],
            budgetSatang: budgetSatang[index])
    }

    /// Sums of the months up to and including month index `last` (0 = October; -1 = none).
    public func toDate(through last: Int) -> PlanAmounts {
        guard last >= 0 else { return PlanAmounts() }
        return (0...min(last, 11)).reduce(PlanAmounts()) { $0 + month($1) }
    }

    /// The whole year.
    public var year: PlanAmounts { toDate(through: 11) }

    public static func + (a: MonthlyPlan, b: MonthlyPlan) -> MonthlyPlan {
        MonthlyPlan(
            activities: zip(a.activities, b.activities).map(+), items: zip(a.items, b.items).map(+),
            participants: zip(a.participants, b.participants).map(+),
            budgetSatang: zip(a.budgetSatang, b.budgetSatang).map(+), known: a.known.union(b.known))
    }
}

/// Splits a whole into parts proportional to weights, exactly, so that every running total is the
/// whole's share up to there rounded down: part k = ⌊total × W(k) / W⌋ − ⌊total × W(k−1) / W⌋, with
/// W(k) the weights up to k. Nothing falls due before its share is whole (4 activities over 12
/// even months: one each in December, March, June and September), and the parts add up to `total`.
public enum Apportion {
    public static func split(_ total: Int64, weights: [Int64]) -> [Int64] {
        let sum = weights.reduce(0, +)
        guard sum > 0, total != 0 else { return weights.map { _ in 0 } }
        // total ≤ 10^11 satang and sum ≤ 12 × 10^5, so total × running weight stays far inside Int64.
        var parts: [Int64] = []
        parts.reserveCapacity(weights.count)
        var running: Int64 = 0
        var before: Int64 = 0
        for w in weights {
            running += w
            let upTo = total * running / sum
            parts.append(upTo - before)
            before = upTo
        }
        return parts
    }
}
