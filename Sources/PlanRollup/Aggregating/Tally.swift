/// Exact running sums of accepted progress rows. Integers only, so partial tallies merge without loss.
public struct Tally: Sendable, Hashable {
    public var rows: Int64 = 0
    public var activities: Int64 = 0
    public var participants: Int64 = 0
    public var spentSatang: Int64 = 0

    public init() {}

    public init(rows: Int64, activities: Int64, participants: Int64, spentSatang: Int64) {
        self.rows = rows
        self.activities = activities
        self.participants = participants
        self.spentSatang = spentSatang
    }

    public mutating func add(_ row: ProgressRow) {
        rows += 1
        activities += row.activities
        participants += row.participants
        spentSatang += row.spentSatang
    }

    public static func + (a: Tally, b: Tally) -> Tally {
        var t = a
        t += b
        return t
    }

    public static func += (a: inout Tally, b: Tally) {
        a.rows += b.rows
        a.activities += b.activities
        a.participants += b.participants
        a.spentSatang += b.spentSatang
    }
}
