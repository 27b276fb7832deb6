import Foundation

/// One accepted row of a bureau's progress export, its cells normalised, not yet matched to the plan.
public struct ProgressRow: Sendable, Hashable {
    /// Project id as keyed (`Keys.projectID`); "" when the row gives none.
    public let projectID: String
    public let name: String
    public let nameKey: String
    public let bureau: String
    public let bureauKey: String
    public let date: CalendarDay
    public let activities: Int64
    public let participants: Int64
    public let spentSatang: Int64
    public let resultPercent: Decimal?
    public let status: ProjectStatus?
    public let evidence: String
    public let note: String
    /// Bureau folder the file came from.
    public let source: String
    public let file: String
    public let line: Int
    public let row: Int
}

/// Normalises a data row of an export into a `ProgressRow`, or says which cells are refused and why.
public enum ProgressRowParser {
    /// The normalised row and all of its cell faults, in the order of the row's fields. A row with
    /// faults is refused; its id, name and bureau are still read so matching can report first.
    public static func parse(_ row: TableRow, file: String, source: String) -> (row: ProgressRow, faults: [Reject]) {
        var faults: [Reject] = []
        let record = row.record
        func reject(_ code: RejectCode, _ field: Field, _ raw: String, english: String, thai: String) {
            faults.append(Reject(
                code: code, file: file, line: record.line, row: record.row, column: row.columnName(field), raw: raw,
                record: record.cells, english: english, thai: thai))
        }
        func cell(_ field: Field) -> String {
            if let t = row.text(field) { return t }
            reject(.invalidText, field, row.header.column(of: field).map(record.displayText) ?? "",
                english: "the cell holds bytes that are not text in the file's encoding; retype it or save the file as CSV UTF-8",
                thai: "ช่องนี้มีอักขระที่อ่านไม่ได้ กรุณาพิมพ์ใหม่หรือบันทึกไฟล์เป็น CSV UTF-8")
            return ""
        }
        let id = Keys.projectID(cell(.projectID))
        let name = ThaiText.normalise(cell(.project))
        let bureau = ThaiText.normalise(cell(.bureau))

        var date = CalendarDay(year: 1970, month: 1, day: 1)!
        let dateText = cell(.date)
        switch ThaiDateParser.parseDay(dateText) {
        case .success(let d): date = d
        case .failure(let r): reject(.badDate, .date, dateText, english: r.english, thai: r.thai)
        }
        func count(_ field: Field, _ code: RejectCode) -> Int64 {
            let text = cell(field)
            switch ThaiNumberParser.parseCount(text) {
            case .success(let n): return n ?? 0
            case .failure(let r):
                reject(code, field, text, english: r.english, thai: r.thai)
                return 0
            }
        }
        let activities = count(.activities, .badActivities)
        let participants = count(.participants, .badParticipants)

        var spent: Int64 = 0
        let spentText = cell(.spent)
        switch ThaiNumberParser.parseAmount(spentText) {
        case .success(.satang(let s)): spent = s
        case .success(.none), .success(.empty): spent = 0
        case .success(.source):
            reject(.badSpent, .spent, spentText,
                english: "money spent must be a figure in baht, not a description",
                thai: "ยอดเบิกจ่ายต้องเป็นตัวเลขจำนวนเงิน (บาท) ไม่ใช่ข้อความ")
        case .failure(let r): reject(.badSpent, .spent, spentText, english: r.english, thai: r.thai)
        }

        var result: Decimal?
        let resultText = cell(.resultPercent)
        switch ThaiNumberParser.parsePercent(resultText) {
        case .success(let p): result = p
        case .failure(let r): reject(.badResult, .resultPercent, resultText, english: r.english, thai: r.thai)
        }

        var status: ProjectStatus?
        let statusText = cell(.status)
        if !statusText.isEmpty {
            status = ProjectStatus(word: statusText)
            if status == nil {
                reject(.badStatus, .status, statusText,
                    english: "unknown status; use one of \(ProjectStatus.knownWords)",
                    thai: "ไม่รู้จักสถานะนี้ กรุณาใช้ \(ProjectStatus.knownWords)")
            }
        }
        let evidence = ThaiText.normalise(cell(.evidence))
        let note = ThaiText.normalise(cell(.note))
        return (ProgressRow(
            projectID: id, name: name, nameKey: Keys.name(name), bureau: bureau, bureauKey: Keys.name(bureau),
            date: date, activities: activities, participants: participants, spentSatang: spent,
            resultPercent: result, status: status, evidence: evidence, note: note, source: source, file: file,
            line: record.line, row: record.row), faults)
    }
}
