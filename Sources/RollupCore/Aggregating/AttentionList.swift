import Foundation
import RollupBase

/// One thing an analyst must follow up before the report goes to the executives: what, where, and
/// why in Thai first.
public struct AttentionItem: Sendable, Hashable {
    /// The kinds, most urgent first.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case bureauMissing = "bureau_missing"
        case bureauStale = "bureau_stale"
        case noReport = "no_report"
        case notStarted = "not_started"
        case behind
        case overBudget = "over_budget"
        case planIssue = "plan_issue"
        case rejects

        public var thai: String {
            switch self {
            case .bureauMissing: "หน่วยงานไม่ได้ส่งข้อมูล"
            case .bureauStale: "ข้อมูลของหน่วยงานไม่เป็นปัจจุบัน"
            case .noReport: "ถึงกำหนดแล้วแต่ไม่มีรายงาน"
            case .notStarted: "ถึงกำหนดแล้วแต่ยังไม่เริ่มดำเนินการ"
            case .behind: "ดำเนินการต่ำกว่าแผน"
            case .overBudget: "เบิกจ่ายเกินงบประมาณ"
            case .planIssue: "แผนมีข้อผิดพลาด"
            case .rejects: "มีแถวที่ไม่รับ"
            }
        }
    }

    public let kind: Kind
    public let agency: String
    public let bureau: String
    public let projectID: String
    public let project: String
    /// Why, in Thai and in English.
    public let thai: String
    public let english: String
    /// The file, sheet or row to look at.
    public let lookAt: String
}

/// The needs-attention list of a run: bureaus missing or stale, projects with nothing reported or
/// not started when something was due, behind the plan (largest shortfall first), over budget, plan
/// errors, and each bureau's refused rows.
public enum AttentionList {
    /// `rejectsByBureau`: refused rows per bureau folder; `newRefusals`: refusals new since the previous
    /// run per bureau folder (nil when there was none to compare with).
    public static func build(
        summary s: Summary, planIssues: [PlanIssue], rejectsByBureau: [(folder: String, count: Int)],
        newRefusals: [String: Int]? = nil
    ) -> [AttentionItem] {
        var items: [AttentionItem] = []
        for b in s.bureaus {
            if b.reporting == "missing" {
                items.append(
                    AttentionItem(
                        kind: .bureauMissing, agency: b.agency, bureau: b.name, projectID: "", project: "",
                        thai: "ไม่ได้ส่งข้อมูล: ตัวเลขของหน่วยงานนี้ว่าง ไม่ใช่ศูนย์ และโครงการของหน่วยงานประเมินไม่ได้",
                        english: "sent nothing: its figures are empty, not zero, and its projects are not assessed",
                        lookAt: "freshness.json"))
            } else if b.reporting == "stale" {
                items.append(
                    AttentionItem(
                        kind: .bureauStale, agency: b.agency, bureau: b.name, projectID: "", project: "",
                        thai: "ไฟล์ล่าสุดเก่ากว่าที่กำหนด: ตัวเลขอาจไม่ครบถึงวันที่รายงาน",
                        english:
                            "its newest export is older than allowed: its figures may stop short of the as-of date",
                        lookAt: "freshness.json"))
            }
        }
        var behind: [(share: Double, item: AttentionItem)] = []
        for p in s.projects where p.isCounted {
            let lookAt = "projects.csv: \(p.project.id)"
            func item(_ kind: AttentionItem.Kind, _ thai: String, _ english: String) -> AttentionItem {
                AttentionItem(
                    kind: kind, agency: p.project.agency, bureau: p.project.bureau, projectID: p.project.id,
                    project: p.project.name, thai: thai, english: english, lookAt: lookAt)
            }
            if p.pace == .behind, p.paceReason == .noReport {
                items.append(
                    item(
                        .noReport, "ถึงกำหนดตามแผนแล้ว แต่ไม่มีแถวรายงานที่รับได้",
                        "something was due by the as-of date and no accepted row reports on it"))
            } else if p.pace == .behind, let reason = p.paceReason, let kind = figureKind(reason),
                let gap = p.gap(kind), gap > 0
            {
                let planned = planned(p, kind)
                let words = Self.words(kind)
                let text = (
                    "ขาด \(gap) \(words.thai) จากแผนถึงวันที่รายงาน \(planned) \(words.thai)",
                    "\(gap) \(words.english) short of the \(planned) planned to date"
                )
                if p.status == .notStarted {
                    items.append(item(.notStarted, text.0, text.1))
                } else {
                    let share = planned > 0 ? Double(gap) / Double(planned) : 1
                    behind.append((share, item(.behind, text.0, text.1)))
                }
            }
            if p.overBudget, let budget = p.budgetTotal {
                let spent = p.actualWithSubprojects.spentSatang
                items.append(
                    item(
                        .overBudget,
                        "เบิกจ่าย \(Money.grouped(spent)) บาท เกินงบประมาณ \(Money.grouped(budget)) บาท",
                        "spent \(Money.grouped(spent)) baht, over the budget of \(Money.grouped(budget)) baht"))
            }
        }
        items += behind.sorted {
            $0.share > $1.share || ($0.share == $1.share && $0.item.projectID < $1.item.projectID)
        }
        .map(\.item)
        for issue in planIssues where issue.severity == .error {
            items.append(
                AttentionItem(
                    kind: .planIssue, agency: "", bureau: "", projectID: "", project: "",
                    thai: "แก้ไขแผนในแถวนี้: \(issue.message)", english: "\(issue.field): \(issue.message)",
                    lookAt: "\(issue.file) \(issue.line > 0 ? "row \(issue.line)" : "")"
                        .trimmingCharacters(in: .whitespaces)))
        }
        for (folder, count) in rejectsByBureau where count > 0 && !folder.isEmpty {
            let new = newRefusals.map { $0[folder] ?? 0 }
            let (thaiNew, englishNew) =
                new.map { n in
                    n == 0
                        ? (" (ไม่มีรายการใหม่)", " (none new)")
                        : (" (ใหม่ \(n) รายการ)", " (\(n) new \(n == 1 ? "refusal" : "refusals"))")
                } ?? ("", "")
            items.append(
                AttentionItem(
                    kind: .rejects, agency: "", bureau: folder, projectID: "", project: "",
                    thai: "มี \(count) แถวที่ไม่รับ\(thaiNew): ส่งรายการให้หน่วยงานแก้ไข",
                    english:
                        "\(count) \(count == 1 ? "row" : "rows") refused\(englishNew): send the list to the bureau "
                        + "to fix", lookAt: "rejects/\(folder).csv"))
        }
        let rank = Dictionary(uniqueKeysWithValues: AttentionItem.Kind.allCases.enumerated().map { ($1, $0) })
        // Stable: within a kind, the order built above (bureaus and projects in table order, the
        // largest shortfall first).
        return items.enumerated().sorted { a, b in
            (rank[a.element.kind]!, a.offset) < (rank[b.element.kind]!, b.offset)
        }.map(\.element)
    }

    private static func figureKind(_ reason: PaceReason) -> PlanFigureKind? {
        switch reason {
        case .activities: .activities
        case .items: .items
        case .participants: .participants
        default: nil
        }
    }

    private static func planned(_ p: ProjectFigures, _ kind: PlanFigureKind) -> Int64 {
        let planned = p.plannedToDateWithSubprojects
        switch kind {
        case .activities: return planned.activities
        case .items: return planned.items
        case .participants: return planned.participants
        case .budget: return planned.budgetSatang
        }
    }

    private static func words(_ kind: PlanFigureKind) -> (thai: String, english: String) {
        switch kind {
        case .activities: ("ครั้ง", "activities")
        case .items: ("เรื่อง/ฉบับ", "items")
        case .participants: ("คน", "participants")
        case .budget: ("บาท", "baht")
        }
    }
}
