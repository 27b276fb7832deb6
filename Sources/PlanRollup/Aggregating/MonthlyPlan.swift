/// A project's targets spread over the twelve months of its fiscal year, exactly.
///
/// Activities are the schedule itself. Participants and budget follow the schedule: each month
/// gets a share in proportion to its scheduled activities (a project with no schedule is spread
/// evenly over the year), apportioned in whole persons and satang so the months add up to the
/// year's figure exactly.
public struct MonthlyPlan: Sendable, Hashable {
    public var activities: [Int64]
    public var participants: [Int64]
    public var budgetSatang: [Int64]

    public static let zero = MonthlyPlan(
        activities: Array(repeating: 0, count: 12), participants: Array(repeating: 0, count: 12),
        budgetSatang: Array(repeating: 0, count: 12))

    /// The plan of `project` in `year`, with only the figures the plan counts for it (see `Plan.counts`).
    public init(project p: PlanProject, plan: Plan, year: FiscalYear) {
        let scheduled = year.months.map { p.plannedActivities[$0] ?? 0 }
        let weights = scheduled.contains { $0 > 0 } ? scheduled : Array(repeating: 1, count: 12)
        let countsActivities = plan.counts(p) { $0.plannedActivitiesTotal > 0 }
        let countsParticipants = plan.counts(p) { $0.plannedParticipants != nil }
        let countsBudget = plan.counts(p) { $0.budgetSatang != nil }
        activities = countsActivities ? scheduled : Array(repeating: 0, count: 12)
        participants = Apportion.split(countsParticipants ? p.plannedParticipants ?? 0 : 0, weights: weights)
        budgetSatang = Apportion.split(countsBudget ? p.budgetSatang ?? 0 : 0, weights: weights)
    }

    init(activities: [Int64], participants: [Int64], budgetSatang: [Int64]) {
        self.activities = activities
        self.participants = participants
        self.budgetSatang = budgetSatang
    }

    /// Sums of the months up to and including month index `last` (0 = October; -1 = none).
    public func toDate(through last: Int) -> (activities: Int64, participants: Int64, budgetSatang: Int64) {
        guard last >= 0 else { return (0, 0, 0) }
        let r = 0...min(last, 11)
        return (activities[r].reduce(0, +), participants[r].reduce(0, +), budgetSatang[r].reduce(0, +))
    }

    public static func + (a: MonthlyPlan, b: MonthlyPlan) -> MonthlyPlan {
        MonthlyPlan(
            activities: zip(a.activities, b.activities).map(+), participants: zip(a.participants, b.participants).map(+),
            budgetSatang: zip(a.budgetSatang, b.budgetSatang).map(+))
    }
}

/// Splits a whole into parts proportional to weights, exactly (largest remainder, earlier slot first on ties).
public enum Apportion {
    public static func split(_ total: Int64, weights: [Int64]) -> [Int64] {
        let sum = weights.reduce(0, +)
        guard sum > 0, total != 0 else { return weights.map { _ in 0 } }
        var parts = weights.map { total * $0 / sum }
        var remainders = weights.enumerated().map { (index: $0.offset, rest: total * $0.element % sum) }
        var left = total - parts.reduce(0, +)
        remainders.sort { $0.rest != $1.rest ? $0.rest > $1.rest : $0.index < $1.index }
        var k = 0
        while left > 0 {
            parts[remainders[k % remainders.count].index] += 1
            left -= 1
            k += 1
        }
        return parts
    }
}
