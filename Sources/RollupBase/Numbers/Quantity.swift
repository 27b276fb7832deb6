/// The counts a quantity cell gives: activities (times, cohorts), participants (people), and items of
/// another unit (documents, bureaus, topics). A part the cell does not give is nil.
public struct Quantity: Hashable, Sendable, CustomStringConvertible {
    public var activities: Int64?
    public var participants: Int64?
    public var items: Int64?
    /// The unit of `items` ("เรื่อง", "หน่วยงาน"), or the unit a cell names without a figure ("ครั้ง").
    public var unit: String?

    public init(activities: Int64? = nil, participants: Int64? = nil, items: Int64? = nil, unit: String? = nil) {
        self.activities = activities
        self.participants = participants
        self.items = items
        self.unit = unit
    }

    /// "activities=8 participants=520", with "NONE" for a part not given and " items=60 unit=เรื่อง" when present.
    public var description: String {
        func show(_ v: Int64?) -> String { v.map(String.init) ?? "NONE" }
        var out = "activities=\(show(activities)) participants=\(show(participants))"
        if items != nil || unit != nil { out += " items=\(show(items)) unit=\(unit ?? "NONE")" }
        return out
    }
}
