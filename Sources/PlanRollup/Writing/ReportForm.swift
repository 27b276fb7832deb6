/// แบบรายงานผล: the plan's own report form, with its Thai headings — per agency and measure, each
/// project's output, outcome, result, evidence and remarks; then the overall result and the
/// counts of projects completed and in progress.
public enum ReportForm {
    public static let file = "report_form.csv"

    static let headings = [
        "ส่วนราชการ", "ลำดับที่", "รหัสโครงการ", "โครงการ/กิจกรรม", "ผลผลิต", "ผลลัพธ์", "ผลการดำเนินการ ร้อยละ",
        "การดำเนินการ", "เอกสาร/หลักฐาน", "หมายเหตุ",
    ]

    static let dictionary: [[OutputCell]] = zip(headings, [
        "สผ. or สว.", "the measure's heading, or the project's number within its measure", "the plan's project id",
        "the project's name", "output: activities and participants against the plan",
        "outcome: the result against the indicator's target", "the project's result in percent",
        "status as the form writes it", "the newest evidence reported", "remarks: the bureau's note, and behind or over budget",
    ]).map { [.text(file), .text($0.0), .text($0.0), .text("text"), .text(""), .text($0.1)] }

    public static func render(_ s: Summary) -> [UInt8] {
        var csv = SpreadsheetCSV(header: headings)
        let byAgency = Dictionary(grouping: s.projects, by: \.project.agency)
        for agencyFigures in s.agencies {
            let agency = agencyFigures.agency
            let projects = byAgency[agency] ?? []
            let byMeasure = Dictionary(grouping: projects) { $0.project.links[0] }
            for link in byMeasure.keys.sorted() {
                csv.append([
                    .text(agency), .text("มาตรการที่ \(link.measure) (ประเด็นที่ \(link.issue))"), .empty, .empty, .empty,
                    .empty, .empty, .empty, .empty, .empty,
                ])
                for (n, p) in byMeasure[link]!.sorted(by: { $0.project.id < $1.project.id }).enumerated() {
                    csv.append(row(p, number: n + 1, agency: agency))
                }
            }
            csv.append([
                .text(agency), .text("ผลการดำเนินการในภาพรวมคิดเป็นร้อยละ"), .empty, .empty, .empty, .empty,
                .decimal(agencyFigures.overallResult), .empty, .empty, .empty,
            ])
            csv.append([
                .text(agency),
                .text("ดำเนินการแล้วเสร็จ \(agencyFigures.count(.completed)) โครงการ/กิจกรรม อยู่ระหว่างการดำเนินการ \(agencyFigures.count(.inProgress)) โครงการ/กิจกรรม"),
                .empty, .empty, .empty, .empty, .empty, .empty, .empty, .empty,
            ])
        }
        return csv.bytes
    }

    static func row(_ p: ProjectFigures, number: Int, agency: String) -> [OutputCell] {
        let plannedParticipants = p.project.plannedParticipants.map { " \($0) คน" } ?? ""
        let output = "ดำเนินการ \(p.actual.activities) ครั้ง ผู้เข้าร่วม \(p.actual.participants) คน"
            + " (แผน \(p.planYear.activities.reduce(0, +)) ครั้ง\(plannedParticipants))"
        var outcome = p.status.thai
        if let target = p.project.targetPercent {
            outcome = "เป้าหมายร้อยละ \(DecimalText.plain(target))"
                + (p.reportedResult.map { " ผลร้อยละ \(DecimalText.plain($0))" } ?? " ยังไม่รายงานผล")
        }
        var remarks: [String] = []
        if !p.note.isEmpty { remarks.append(p.note) }
        if p.pace == .behind { remarks.append("ล่าช้ากว่าแผน") }
        if p.overBudget { remarks.append("เบิกจ่ายเกินงบประมาณ") }
        if !p.isCounted { remarks.append("โครงการหลัก: ผลรวมอยู่ในโครงการย่อย") }
        return [
            .text(agency), .int(number), .code(p.project.id), .text(p.project.name), .text(output), .text(outcome),
            .decimal(p.result), .text(p.status.thai), .text(p.evidence), .text(remarks.joined(separator: "; ")),
        ]
    }
}
