/// Exact running sums of accepted progress rows. Integers only, so partial tallies merge without loss.
public struct Tally: Sendable, Hashable {
    public var rows: Int64 = 0
    public var activities: Int64 = 0
    /// Published items delivered: the count column of rows of a project whose unit is an item (เรื่อง, ฉบับ).
    public var items: Int64 = 0
    public var participants: Int64 = 0
    public var spentSatang: Int64 = 0

    public init() {}

    public init(rows: Int64, activities: Int64, items: Int64 = 0, participants: Int64, spentSatang: Int64) {
        self.rows = rows
        self.activities = activities
        self.items = items
        self.participants = participants
        self.spentSatang = spentSatang
    }

    /// Adds one row; its count column counts items instead of activities when `asItems`.
    public mutating func add(_ row: ProgressRow, asItems: Bool = false) {
        rows += 1
        if asItems { items += row.activities } else { activities += row.activities }
        participants += row.participants
        spentSatang += row.spentSatang
    }

    /// Whether the rows report any work at all (a session, an item, a participant or money).
    public var reportsWork: Bool { activities > 0 || items > 0 || participants > 0 || spentSatang > 0 }

    public static func + (a: Tally, b: Tally) -> Tally {
        var t = a
        t += b
        return t
    }

    public static func += (a: inout Tally, b: Tally) {
        a.rows += b.rows
        a.activities += b.activities
        a.items += b.items
        a.participants += b.participants
        a.spentSatang += b.spentSatang
    }

    /// Takes `b` back out of `a` (a row found to be the same as one counted earlier).
    public static func -= (a: inout Tally, b: Tally) {
        a.rows -= b.rows
        a.activities -= b.activities
        a.items -= b.items
        a.participants -= b.participants
        a.spentSatang -= b.spentSatang
    }
}
