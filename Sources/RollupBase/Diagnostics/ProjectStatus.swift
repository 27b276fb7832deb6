/// A project's state as a bureau reports it (สถานะ).
public enum ProjectStatus: String, Sendable, Hashable, CaseIterable, Comparable {
    case completed
    case inProgress = "in_progress"
    case notStarted = "not_started"
    case cancelled
    /// Not a word a bureau writes: the project has no report and its bureau is missing or stale, so
    /// it cannot be assessed (never shown as "not started", and left out of the overall result).
    case noReport = "no_report"

    /// Thai as the plan's report form writes it.
    public var thai: String {
        switch self {
        case .completed: "ดำเนินการแล้วเสร็จ"
        case .inProgress: "อยู่ระหว่างดำเนินการ"
        case .notStarted: "ยังไม่ดำเนินการ"
        case .cancelled: "ยกเลิก"
        case .noReport: "ไม่มีรายงาน (ประเมินไม่ได้)"
        }
    }

    /// Order in which a later report overrides an earlier one on the same day: the most advanced wins.
    var rank: Int {
        switch self {
        case .notStarted: 0
        case .inProgress: 1
        case .completed: 2
        case .cancelled: 3
        case .noReport: -1
        }
    }

    public static func < (a: ProjectStatus, b: ProjectStatus) -> Bool { a.rank < b.rank }

    private static let words: [String: ProjectStatus] = {
        let table: [(ProjectStatus, [String])] = [
            (
                .completed,
                ["ดำเนินการแล้วเสร็จ", "แล้วเสร็จ", "เสร็จสิ้น", "เสร็จ", "ดำเนินการเสร็จแล้ว", "completed", "complete", "done"]
            ),
            (
                .inProgress,
                [
                    "อยู่ระหว่างดำเนินการ", "อยู่ระหว่างการดำเนินการ", "กำลังดำเนินการ", "ระหว่างดำเนินการ", "in progress",
                    "in_progress", "ongoing",
                ]
            ),
            (.notStarted, ["ยังไม่ดำเนินการ", "ยังไม่ได้ดำเนินการ", "not started", "not_started"]),
            (.cancelled, ["ยกเลิก", "ยกเลิกโครงการ", "cancelled", "canceled"]),
        ]
        var map: [String: ProjectStatus] = [:]
        for (status, list) in table { for w in list { map[ThaiText.lowercased(ThaiText.key(w))] = status } }
        return map
    }()

    /// The status a cell names, ignoring spaces and case; nil for a word the job does not know.
    public init?(word: String) {
        guard let s = Self.words[ThaiText.lowercased(ThaiText.key(word))] else { return nil }
        self = s
    }

    public static var knownWords: String { "ดำเนินการแล้วเสร็จ, อยู่ระหว่างดำเนินการ, ยังไม่ดำเนินการ, ยกเลิก" }
}
