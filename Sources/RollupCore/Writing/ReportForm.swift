import Foundation
import RollupBase
import RollupReading

/// แบบรายงานผล: the plan's own report form, with its Thai headings — per agency and measure, each
/// project's output, outcome, result, evidence and remarks; then the overall result and the
/// counts of projects completed and in progress.
public enum ReportForm {
    public static let file = "report_form.csv"

    static let headings = [
        "ส่วนราชการ", "ลำดับที่", "รหัสโครงการ", "โครงการ/กิจกรรม", "ผลผลิต", "ผลลัพธ์", "ผลการดำเนินการ ร้อยละ",
        "การดำเนินการ", "เอกสาร/หลักฐาน", "หมายเหตุ",
    ]

    static let dictionary: [[OutputCell]] = zip(
        headings,
        [
            "สผ. or สว.", "the measure's heading, or the project's number within its measure", "the plan's project id",
            "the project's name", "output: activities and participants against the plan",
            "outcome: the result against the indicator's target", "the project's result in percent",
            "status as the form writes it", "the newest evidence reported",
            "remarks: the bureau's note, and behind or over budget",
        ]
    ).map { heading, meaning in
        let percent = heading == "ผลการดำเนินการ ร้อยละ"
        return [
            .text(file), .text(heading), .text(heading), .text(percent ? "decimal" : "text"),
            .text(percent ? "percent" : ""), .text(meaning),
        ]
    }

    /// One line of an agency's form, in order: a measure's heading, a project, the overall result,
    /// the closing count of projects.
    enum Line {
        /// A measure's heading: its number, and its name when the plan gives one.
        case measure(number: String, name: String)
        case project(ProjectFigures, number: Int, cells: [OutputCell])
        case overall(Decimal?)
        case counts(String)
    }

    /// The form of `agency`: every measure of the agency in the plan's numbering (ประเด็น.มาตรการ,
    /// ๑.๑), each listing every project linked to it; a project under two measures is listed under
    /// both and marked as counted once. Then the overall result and the closing counts.
    static func lines(_ s: Summary, agency figures: GroupFigures) -> [Line] {
        let agency = figures.agency
        var lines: [Line] = []
        let projects = s.projects.filter { $0.project.agency == agency }
        let links = Set(projects.flatMap(\.project.links)).sorted()
        let numbers = measureNumbers(s)
        func measureNumber(_ link: PlanLink) -> String {
            numbers[link] ?? ThaiDisplay.digits("\(link.issue).\(link.measure)")
        }
        for link in links {
            lines.append(.measure(number: measureNumber(link), name: s.measureNames[link] ?? ""))
            let listed = projects.filter { $0.project.links.contains(link) }.sorted { $0.project.id < $1.project.id }
            for (n, p) in listed.enumerated() {
                var cells = row(p, number: n + 1, agency: agency)
                if p.project.links.count > 1, let first = p.project.links.min(), first != link {
                    let remark = "นับผลครั้งเดียวในมาตรการที่ \(measureNumber(first))"
                    let remarks = if case .text(let r) = cells[9] { r } else { "" }
                    cells[9] = .text([remarks, remark].filter { !$0.isEmpty }.joined(separator: "; "))
                }
                lines.append(.project(p, number: n + 1, cells: cells))
            }
        }
        lines.append(.overall(figures.overallResult))
        lines.append(.counts(closing(figures)))
        return lines
    }

    /// Each measure's number as the plan's document writes it, "๒.๑": the issue, then the measure's
    /// place among the issue's measures ("๑" alone for an issue of one measure). The plan files number measures across the whole plan (the
    /// three measures of issue ๒ are 2, 3 and 4), so the place is counted over every agency's projects.
    static func measureNumbers(_ s: Summary) -> [PlanLink: String] {
        let links = Set(s.projects.flatMap(\.project.links))
        var numbers: [PlanLink: String] = [:]
        for (issue, inIssue) in Dictionary(grouping: links, by: \.issue) {
            // An issue of one measure numbers it by the issue alone, as the document does.
            for (place, link) in inIssue.sorted().enumerated() {
                numbers[link] = ThaiDisplay.digits(inIssue.count == 1 ? "\(issue)" : "\(issue).\(place + 1)")
            }
        }
        return numbers
    }

    /// "มาตรการที่ ๒.๑ สนับสนุน ส่งเสริม ...": the number, then the name when the plan gives one.
    static func heading(_ number: String, _ name: String) -> String {
        "มาตรการที่ \(number)" + (name.isEmpty ? "" : " \(name)")
    }

    /// The form's closing line, every status counted.
    static func closing(_ g: GroupFigures) -> String {
        "ดำเนินการแล้วเสร็จ \(g.count(.completed)) โครงการ/กิจกรรม อยู่ระหว่างการดำเนินการ "
            + "\(g.count(.inProgress)) โครงการ/กิจกรรม ยังไม่ดำเนินการ \(g.count(.notStarted)) โครงการ/กิจกรรม "
            + "ยกเลิก \(g.count(.cancelled)) โครงการ/กิจกรรม ประเมินไม่ได้ (ไม่มีรายงาน) \(g.count(.noReport)) โครงการ/กิจกรรม"
    }

    public static func render(_ s: Summary) -> [UInt8] {
        var csv = SpreadsheetCSV(header: headings)
        for agencyFigures in s.agencies {
            let agency = agencyFigures.agency
            func blank(_ cells: [OutputCell]) -> [OutputCell] {
                [.text(agency)] + cells + Array(repeating: .empty, count: headings.count - 1 - cells.count)
            }
            for line in lines(s, agency: agencyFigures) {
                switch line {
                case .measure(let number, let name): csv.append(blank([.text(heading(number, name))]))
                case .project(_, _, let cells): csv.append(cells)
                case .overall(let result):
                    csv.append(
                        blank([
                            .text("ผลการดำเนินการในภาพรวมคิดเป็นร้อยละ"), .empty, .empty, .empty, .empty, .decimal(result),
                        ]))
                case .counts(let text): csv.append(blank([.text(text)]))
                }
            }
        }
        return csv.bytes
    }

    static func row(_ p: ProjectFigures, number: Int, agency: String) -> [OutputCell] {
        // A parent shows its own rows with its sub-projects', against its whole plan; a figure the
        // plan does not state is left out of "แผน", never written as 0.
        let done = p.actualWithSubprojects
        let plan = p.planWithSubprojects
        let count =
            p.project.countsItems
            ? "\(done.items) \(p.project.itemUnit)" : "\(done.activities) ครั้ง"
        var planned: [String] = []
        if count.hasSuffix("ครั้ง"), plan.known.contains(.activities) { planned.append("\(plan.year.activities) ครั้ง") }
        if p.project.countsItems, plan.known.contains(.items) {
            planned.append("\(plan.year.items) \(p.project.itemUnit)")
        }
        if plan.known.contains(.participants) { planned.append("\(plan.year.participants) คน") }
        let output =
            p.status == .noReport
            ? "ไม่มีรายงาน"
            : outputMet(p) + ": ดำเนินการ \(count) ผู้เข้าร่วม \(done.participants) คน"
                + (planned.isEmpty ? "" : " (แผน " + planned.joined(separator: " ") + ")")
        var outcome = p.status.thai
        if let target = p.project.targetPercent {
            outcome =
                "เป้าหมายร้อยละ \(DecimalText.plain(target))"
                + (p.reportedResult.map {
                    " ผลร้อยละ \(DecimalText.plain($0)) " + ($0 >= target ? "(เป็นไปตามเป้าหมาย)" : "(ต่ำกว่าเป้าหมาย)")
                } ?? " ยังไม่รายงานผล")
        }
        var remarks: [String] = []
        if !p.note.isEmpty { remarks.append(p.note) }
        if p.pace == .behind { remarks.append("ล่าช้ากว่าแผน") }
        if p.pace == .shortfall { remarks.append("ดำเนินการได้น้อยกว่าแผน") }
        if p.overBudget { remarks.append("เบิกจ่ายเกินงบประมาณ") }
        if !p.isCounted { remarks.append("โครงการหลัก: ผลรวมอยู่ในโครงการย่อย") }
        return [
            .text(agency), .int(number), .code(p.project.id), .text(p.project.name), .text(output), .text(outcome),
            .decimal(p.result), .text(doing(p)), .text(p.evidence), .text(remarks.joined(separator: "; ")),
        ]
    }

    /// The form's question "was the planned output met?", answered from the project's pace.
    static func outputMet(_ p: ProjectFigures) -> String {
        switch p.pace {
        case .onTrack, .notDue: "เป็นไปตามแผน"
        case .behind, .shortfall: "ไม่เป็นไปตามแผน"
        case .cancelled: "ยกเลิก"
        case .noReport: "ไม่มีรายงาน"
        }
    }

    /// การดำเนินการ: the status and what was done, in a sentence built from the figures.
    static func doing(_ p: ProjectFigures) -> String {
        guard p.status != .noReport else { return p.status.thai }
        let done = p.actualWithSubprojects
        var parts: [String] = []
        if p.project.countsItems {
            if done.items > 0 { parts.append("\(done.items) \(p.project.itemUnit)") }
        } else if done.activities > 0 {
            parts.append("\(done.activities) ครั้ง")
        }
        if done.participants > 0 { parts.append("ผู้เข้าร่วม \(done.participants) คน") }
        if done.spentSatang > 0 { parts.append("เบิกจ่าย \(Money.grouped(done.spentSatang)) บาท") }
        return parts.isEmpty ? p.status.thai : p.status.thai + ": " + parts.joined(separator: " ")
    }
}
