import Foundation
import RollupBase

/// The figures of a published run that the next run of the same fiscal year compares itself with.
public struct PreviousRun: Sendable {
    public struct Project: Sendable, Hashable {
        public var name: String
        public var activities: Int64?
        public var participants: Int64?
        public var spentSatang: Int64?
        public var status: String
        public var pace: String

        public init(
            name: String, activities: Int64?, participants: Int64?, spentSatang: Int64?, status: String, pace: String
        ) {
            (self.name, self.activities, self.participants) = (name, activities, participants)
            (self.spentSatang, self.status, self.pace) = (spentSatang, status, pace)
        }
    }

    public struct Bureau: Sendable, Hashable {
        public var activities: Int64?
        public var participants: Int64?
        public var spentSatang: Int64?
        /// "missing", "stale", or nil when it reported in time.
        public var reporting: String?

        public init(activities: Int64?, participants: Int64?, spentSatang: Int64?, reporting: String?) {
            (self.activities, self.participants, self.spentSatang, self.reporting) =
                (activities, participants, spentSatang, reporting)
        }
    }

    /// The run's folder name under runs/, and its as-of date.
    public let run: String
    public let asOf: String
    public var projects: [String: Project] = [:]
    public var bureaus: [String: Bureau] = [:]
    /// Refused rows per bureau folder, as its manifest counts them.
    public var rejectsByFolder: [String: Int] = [:]
    /// Its refusals one by one, or why they cannot be read (then refused rows are compared per bureau).
    public var rejects: Result<PreviousRejects, PreviousRejectsUnread> = .failure(
        PreviousRejectsUnread(reason: "not looked up"))

    public init(run: String, asOf: String) {
        self.run = run
        self.asOf = asOf
    }
}

/// Why a previous run's refusals are not compared one by one.
public struct PreviousRejectsUnread: Error, Sendable {
    public let reason: String
    public init(reason: String) { self.reason = reason }
}

/// What the run is compared with: a previous run, or the reason there is none.
public enum RunComparison: Sendable {
    case previous(PreviousRun)
    case none(reason: String)
}

/// One change since the previous run.
public struct ChangeItem: Sendable, Hashable {
    /// The kinds, in the order they are listed.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case noPreviousRun = "no_previous_run"
        case status
        case bureauReporting = "bureau_reporting"
        case rejectsNew = "rejects_new"
        case rejectsFixed = "rejects_fixed"
        /// The previous run's refusals could not be compared one by one: every refusal counts as new.
        case rejectsNotCompared = "rejects_not_compared"
        case projectAdded = "project_added"
        case projectRemoved = "project_removed"
        case figure
        case pace
    }

    public let kind: Kind
    /// project, bureau or run.
    public let scope: String
    public let key: String
    public let name: String
    public let field: String
    public let before: String
    public let after: String
    public let thai: String
    public let english: String
    /// The spreadsheet row of a refused row (the previous run's row for a fixed one).
    public var row: Int? = nil
}

/// The changes since the previous published run of the same fiscal year: statuses, bureaus'
/// freshness, refused rows per bureau, projects added to or gone from the plan, figures that
/// moved (largest first) and paces.
public enum RunChanges {
    /// `rejects`: this run's refusals; `rejectsByFolder`: its refused rows per bureau folder.
    /// The changes, and the new refusals per bureau folder (nil when there is nothing to compare with).
    /// `memoFolder`: where a refusal comparison that found nothing is remembered (`RejectChanges`).
    public static func compare(
        _ comparison: RunComparison, summary s: Summary, rejects: RejectLog, rejectsByFolder: [String: Int],
        memoFolder: String? = nil
    ) -> (items: [ChangeItem], newRefusals: [String: Int]?) {
        guard case .previous(let before) = comparison else {
            guard case .none(let reason) = comparison else { return ([], nil) }
            let none = ChangeItem(
                kind: .noPreviousRun, scope: "run", key: "", name: "", field: "", before: "", after: "",
                thai: "ไม่มีรอบก่อนหน้าให้เปรียบเทียบ", english: reason)
            return ([none], nil)
        }
        var items: [ChangeItem] = []
        var figures: [(size: Double, item: ChangeItem)] = []
        let suffix = " (since \(before.run))"
        for p in s.projects {
            let id = p.project.id
            guard let old = before.projects[id] else {
                items.append(
                    ChangeItem(
                        kind: .projectAdded, scope: "project", key: id, name: p.project.name, field: "", before: "",
                        after: "", thai: "โครงการใหม่ในแผน", english: "new in the plan" + suffix))
                continue
            }
            let status = p.status.rawValue
            if old.status != status {
                items.append(
                    ChangeItem(
                        kind: .status, scope: "project", key: id, name: p.project.name, field: "status",
                        before: old.status, after: status,
                        thai: "สถานะเปลี่ยนจาก \(thaiStatus(old.status)) เป็น \(p.status.thai)",
                        english: "status \(old.status) → \(status)" + suffix))
            }
            let now = p.status == .noReport ? nil : p.actualWithSubprojects
            figures += moved(
                "project", id, p.project.name, old.activities, now?.activities, old.participants, now?.participants,
                old.spentSatang, now?.spentSatang, suffix: suffix)
            if old.pace != p.pace.rawValue {
                items.append(
                    ChangeItem(
                        kind: .pace, scope: "project", key: id, name: p.project.name, field: "pace", before: old.pace,
                        after: p.pace.rawValue, thai: "ความก้าวหน้าเปลี่ยนจาก \(old.pace) เป็น \(p.pace.rawValue)",
                        english: "pace \(old.pace) → \(p.pace.rawValue)" + suffix))
            }
        }
        let ids = Set(s.projects.map(\.project.id))
        for (id, old) in before.projects.sorted(by: { $0.key < $1.key }) where !ids.contains(id) {
            items.append(
                ChangeItem(
                    kind: .projectRemoved, scope: "project", key: id, name: old.name, field: "", before: "", after: "",
                    thai: "โครงการนี้ไม่อยู่ในแผนแล้ว", english: "no longer in the plan" + suffix))
        }
        for b in s.bureaus {
            guard let old = before.bureaus[b.name] else { continue }
            if old.reporting != b.reporting {
                let (was, now) = (old.reporting ?? "fresh", b.reporting ?? "fresh")
                items.append(
                    ChangeItem(
                        kind: .bureauReporting, scope: "bureau", key: b.name, name: b.name, field: "reporting",
                        before: was, after: now, thai: "การส่งข้อมูลเปลี่ยนจาก \(was) เป็น \(now)",
                        english: "reporting \(was) → \(now)" + suffix))
            }
            let actual = b.isMissing ? nil : b.actual
            figures += moved(
                "bureau", b.name, b.name, old.activities, actual?.activities, old.participants, actual?.participants,
                old.spentSatang, actual?.spentSatang, suffix: suffix)
        }
        let refused = refusals(
            before, rejects: rejects, rejectsByFolder: rejectsByFolder, suffix: suffix, memoFolder: memoFolder)
        items += refused.items
        items += figures.sorted { $0.size > $1.size }.map(\.item)
        let rank = Dictionary(uniqueKeysWithValues: ChangeItem.Kind.allCases.enumerated().map { ($1, $0) })
        let ordered = items.enumerated().sorted { a, b in
            (rank[a.element.kind]!, a.offset) < (rank[b.element.kind]!, b.offset)
        }.map(\.element)
        return (ordered, refused.newByFolder)
    }

    /// Refusals new and fixed, one by one; when the previous run's cannot be read, refused rows per
    /// bureau, saying why.
    private static func refusals(
        _ before: PreviousRun, rejects: RejectLog, rejectsByFolder: [String: Int], suffix: String, memoFolder: String?
    ) -> (items: [ChangeItem], newByFolder: [String: Int]?) {
        var why: String
        switch before.rejects {
        case .success(let previous):
            do {
                let compared = try RejectChanges.compare(
                    previous: previous, current: rejects, suffix: suffix, memoFolder: memoFolder)
                return (compared.items, compared.newByFolder)
            } catch {
                why = "\(error)"
            }
        case .failure(let unread): why = unread.reason
        }
        // Said every time, whether or not a count moved: a new fault may hide behind a fixed one.
        var items = [
            ChangeItem(
                kind: .rejectsNotCompared, scope: "run", key: "", name: "", field: "rejects", before: "", after: "",
                thai: "ไม่ได้เทียบแถวที่ไม่รับทีละแถวกับรอบก่อน จึงไม่ทราบว่ารายการใดใหม่: ดูแถวที่ไม่รับทั้งหมดใน rejects.csv",
                english: "refusals not compared one by one with the previous run, as \(why): which are new is not "
                    + "known, so every refusal counts as new; see rejects.csv" + suffix)
        ]
        let counted = " (per bureau only: refusals not compared one by one)"
        for folder in Set(before.rejectsByFolder.keys).union(rejectsByFolder.keys).sorted() {
            let (was, now) = (before.rejectsByFolder[folder] ?? 0, rejectsByFolder[folder] ?? 0)
            guard was != now else { continue }
            let more = now > was
            items.append(
                ChangeItem(
                    kind: more ? .rejectsNew : .rejectsFixed, scope: "bureau", key: folder, name: folder,
                    field: "rejects", before: String(was), after: String(now),
                    thai: (more ? "แถวที่ไม่รับเพิ่มขึ้น \(now - was) แถว" : "แถวที่ไม่รับลดลง \(was - now) แถว")
                        + " (เทียบเฉพาะจำนวนต่อหน่วยงาน)",
                    english: (more ? "\(now - was) more rows refused" : "\(was - now) fewer rows refused") + counted
                        + suffix))
        }
        return (items, nil)
    }

    /// The figures that moved, each with its size: the change as a share of the larger of the two.
    private static func moved(
        _ scope: String, _ key: String, _ name: String, _ a0: Int64?, _ a1: Int64?, _ p0: Int64?, _ p1: Int64?,
        _ s0: Int64?, _ s1: Int64?, suffix: String
    ) -> [(size: Double, item: ChangeItem)] {
        var out: [(Double, ChangeItem)] = []
        let fields: [(String, String, Int64?, Int64?, Bool)] = [
            ("activities", "จำนวนครั้ง", a0, a1, false), ("participants", "ผู้เข้าร่วม", p0, p1, false),
            ("spent_baht", "เบิกจ่าย (บาท)", s0, s1, true),
        ]
        for (field, thai, old, now, money) in fields where old != now {
            func text(_ v: Int64?) -> String { v.map { money ? Money.baht($0) : String($0) } ?? "" }
            func shown(_ v: Int64?) -> String { v.map { money ? Money.grouped($0) : String($0) } ?? "ไม่ทราบ" }
            let size: Double =
                if let old, let now {
                    Double((now - old).magnitude) / Double(max(old.magnitude, now.magnitude, 1))
                } else { 1 }
            out.append(
                (
                    size,
                    ChangeItem(
                        kind: .figure, scope: scope, key: key, name: name, field: field, before: text(old),
                        after: text(now), thai: "\(thai) \(shown(old)) → \(shown(now))",
                        english: "\(field) \(text(old).isEmpty ? "unknown" : text(old)) → "
                            + "\(text(now).isEmpty ? "unknown" : text(now))" + suffix)
                ))
        }
        return out
    }

    private static func thaiStatus(_ raw: String) -> String {
        ProjectStatus(rawValue: raw)?.thai ?? raw
    }
}
