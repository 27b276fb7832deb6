import Foundation
import RollupBase

/// แบบรายงานผลการดำเนินการ of one agency as a sheet of the workbook, laid out as the plan's
/// appendix draws it: its title, the fiscal year, the round and the as-of date, the agency, the
/// form's headings, every measure with its projects (the same lines as report_form.csv), the overall
/// result and the closing counts. Printed A4 landscape, one page wide, the headings on every page.
enum ReportFormSheet {
    static let title =
        "แบบรายงานผลการดำเนินการตามแผนส่งเสริม สนับสนุน การดำเนินการด้านคุณธรรมและความโปร่งใสของส่วนราชการสังกัดรัฐสภา"

    /// The form's columns (report_form.csv's, without the agency, which the sheet names) and widths.
    static let columns: [(heading: String, width: Double)] = [
        ("ลำดับที่", 7), ("รหัสโครงการ", 12), ("โครงการ/กิจกรรม", 34), ("ผลผลิต", 30), ("ผลลัพธ์", 24),
        ("ผลการดำเนินการ ร้อยละ", 11), ("การดำเนินการ", 30), ("เอกสาร/หลักฐาน", 18), ("หมายเหตุ", 24),
    ]

    /// "แบบรายงาน สผ.": a name Excel accepts whatever the plan calls the agency (none of []:*?/\,
    /// at most 31 characters).
    static func sheetName(_ agency: String) -> String {
        let cleaned = String(agency.map { "[]:*?/\\".contains($0) ? "-" : $0 })
        return String(("แบบรายงาน " + cleaned).prefix(31))
    }

    static var totalWidth: Double { columns.map(\.width).reduce(0, +) }

    /// Points a row needs for its longest text wrapped in its column: a line of 14-point Thai is about
    /// 21 points high, and about one width unit a character.
    static func height(_ cells: [(text: String, width: Double)]) -> Double {
        let lines =
            cells.map { cell in
                max(1, Int((Double(WorkbookTable.width(cell.text)) / max(1, cell.width - 3)).rounded(.up)))
            }.max() ?? 1
        return Double(lines) * 21 + 3
    }

    /// `name`: the sheet's name, unique in the workbook (`sheetName`, numbered when two agencies' names
    /// come out the same).
    static func write(_ s: Summary, agency figures: GroupFigures, name: String, into workbook: Workbook) throws {
        let sheet = try workbook.addSheet(name)
        let last = columns.count - 1
        for (c, column) in columns.enumerated() { try sheet.width(c, column.width, .formText) }
        try sheet.merged(0, 0, last, title, .formTitle)
        var when = ThaiDisplay.digits("ประจำปีงบประมาณ พ.ศ. \(s.fiscalYear.buddhistYear)")
        if let round = s.round { when += " รอบ " + ThaiDisplay.digits("\(round.rawValue)") + " เดือน" }
        when += " ข้อมูล ณ วันที่ " + ThaiDisplay.longDate(s.asOf)
        try sheet.merged(1, 0, last, when, .formTitle)
        try sheet.merged(2, 0, last, "ส่วนราชการ: \(figures.agency)", .formTitle)
        try sheet.height(3, Self.height(columns.map { ($0.heading, $0.width) }))
        for (c, column) in columns.enumerated() { try sheet.text(3, c, column.heading, .formHeading) }
        var row = 4
        for line in ReportForm.lines(s, agency: figures) {
            // Rows as tall as their longest wrapped text: a reader does not fit them on opening.
            switch line {
            case .project(_, _, let cells):
                let texts = cells.dropFirst().map { cell -> String in
                    if case .text(let text) = cell { return text } else { return "" }
                }
                try sheet.height(row, Self.height(zip(texts, columns.map(\.width)).map { ($0, $1) }))
            case .counts(let text): try sheet.height(row, Self.height([(text, totalWidth)]))
            default: break
            }
            switch line {
            case .measure(let number, let name):
                try sheet.height(row, Self.height([(ReportForm.heading(number, name), totalWidth)]))
                try sheet.merged(row, 0, last, ReportForm.heading(number, name), .formHeading)
            case .project(_, _, let cells):
                for (c, cell) in cells.dropFirst().enumerated() {
                    switch cell {
                    case .number(let text):
                        try sheet.number(row, c, Double(text) ?? 0, c == 5 ? .formPercent : .formNumber)
                    case .text(let text), .code(let text): try sheet.text(row, c, text, .formText)
                    case .empty, .flag: try sheet.text(row, c, "", .formText)
                    }
                }
            case .overall(let result):
                try sheet.merged(row, 0, 4, "ผลการดำเนินการในภาพรวมคิดเป็นร้อยละ", .formHeading)
                if let result {
                    try sheet.number(
                        row, 5, NSDecimalNumber(decimal: SummaryBuilder.rounded(result, 2)).doubleValue, .formPercent)
                } else {
                    try sheet.text(row, 5, "", .formText)
                }
                for c in 6...last { try sheet.text(row, c, "", .formText) }
            case .counts(let text):
                try sheet.merged(row, 0, last, text, .formText)
            }
            row += 1
        }
        row += 1
        try sheet.merged(row, 0, last, "ปัญหา อุปสรรค และข้อเสนอแนะ", .formHeading)
        row += 1
        // What the bureaus wrote under ปัญหา อุปสรรค, else their notes, newest per project.
        let said = s.projects.filter { $0.project.agency == figures.agency && !($0.problems + $0.note).isEmpty }
            .sorted { $0.project.id < $1.project.id }
        if said.isEmpty {
            try sheet.merged(row, 0, last, "หน่วยงานไม่ได้รายงานปัญหา อุปสรรค", .formText)
        }
        for (n, p) in said.enumerated() {
            let text =
                ThaiDisplay.digits("\(n + 1). ") + "\(p.project.id) \(p.project.name): "
                + (p.problems.isEmpty ? p.note : p.problems)
            try sheet.height(row, Self.height([(text, totalWidth)]))
            try sheet.merged(row, 0, last, text, .formText)
            row += 1
        }
        try sheet.printOnA4Landscape(repeat: 3...3)
    }
}
