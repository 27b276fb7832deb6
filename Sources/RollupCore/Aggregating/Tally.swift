import RollupBase
import RollupReading

/// Exact running sums of accepted progress rows. Integers only, so partial tallies merge without loss.
public struct Tally: Sendable, Hashable {
    public var rows: Int64 = 0
    public var activities: Int64 = 0
    /// Published items delivered: the count column of rows of a project whose unit is an item (เรื่อง, ฉบับ).
    public var items: Int64 = 0
    public var participants: Int64 = 0
    public var spentSatang: Int64 = 0
    /// What rows marked cancelled (ยกเลิก) stated: sessions, items and people that did not take
    /// place, so never counted as held. Their money spent is counted.
    public var activitiesCancelled: Int64 = 0
    public var itemsCancelled: Int64 = 0
    public var participantsCancelled: Int64 = 0

    public init() {}

    public init(
        rows: Int64, activities: Int64, items: Int64 = 0, participants: Int64, spentSatang: Int64,
        activitiesCancelled: Int64 = 0, itemsCancelled: Int64 = 0, participantsCancelled: Int64 = 0
    ) {
        self.rows = rows
        self.activities = activities
        self.items = items
        self.participants = participants
        self.spentSatang = spentSatang
        self.activitiesCancelled = activitiesCancelled
        self.itemsCancelled = itemsCancelled
        self.participantsCancelled = participantsCancelled
    }

    /// Adds one row; its count column counts items instead of activities when `asItems`. A row
    /// marked cancelled adds its counts to the cancelled figures, not to those held.
    public mutating func add(_ row: ProgressRow, asItems: Bool = false) {
        rows += 1
        spentSatang += row.spentSatang
        if row.status == .cancelled {
            if asItems { itemsCancelled += row.activities } else { activitiesCancelled += row.activities }
            participantsCancelled += row.participants
        } else {
            if asItems { items += row.activities } else { activities += row.activities }
            participants += row.participants
        }
    }

    /// Whether the rows report anything held: a session, an item or a participant.
    public var held: Bool { activities > 0 || items > 0 || participants > 0 }

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
        a.activitiesCancelled += b.activitiesCancelled
        a.itemsCancelled += b.itemsCancelled
        a.participantsCancelled += b.participantsCancelled
    }

    /// `a + b`, or nil when any of its sums would not fit in 64 bits.
    public static func checkedSum(_ a: Tally, _ b: Tally) -> Tally? {
        var t = Tally()
        var overflow = false
        func add(_ x: Int64, _ y: Int64) -> Int64 {
            let (sum, o) = x.addingReportingOverflow(y)
            overflow = overflow || o
            return sum
        }
        t.rows = add(a.rows, b.rows)
        t.activities = add(a.activities, b.activities)
        t.items = add(a.items, b.items)
        t.participants = add(a.participants, b.participants)
        t.spentSatang = add(a.spentSatang, b.spentSatang)
        t.activitiesCancelled = add(a.activitiesCancelled, b.activitiesCancelled)
        t.itemsCancelled = add(a.itemsCancelled, b.itemsCancelled)
        t.participantsCancelled = add(a.participantsCancelled, b.participantsCancelled)
        return overflow ? nil : t
    }

    /// Takes `b` back out of `a` (a row found to be the same as one counted earlier).
    public static func -= (a: inout Tally, b: Tally) {
        a.rows -= b.rows
        a.activities -= b.activities
        a.items -= b.items
        a.participants -= b.participants
        a.spentSatang -= b.spentSatang
        a.activitiesCancelled -= b.activitiesCancelled
        a.itemsCancelled -= b.itemsCancelled
        a.participantsCancelled -= b.participantsCancelled
    }
}
