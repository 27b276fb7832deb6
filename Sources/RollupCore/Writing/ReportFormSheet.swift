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

    /// One agency's form, everything its sheet shows: the sheet's name (unique in the workbook:
    /// `sheetName`, numbered when two agencies' names come out the same), the line under the title,
    /// the agency, the form's lines and what the bureaus said under ปัญหา อุปสรรค.
    struct Form: Sendable {
        enum Line: Sendable {
            case heading(String)
            case project([OutputCell])
            case overall(Decimal?)
            case counts(String)
        }

        var name: String
        var when: String
        var agency: String
        var lines: [Line]
        var said: [String]

        init(_ s: Summary, agency figures: GroupFigures, name: String) {
            self.name = name
            var when = ThaiDisplay.digits("ประจำปีงบประมาณ พ.ศ. \(s.fiscalYear.buddhistYear)")
            if let round = s.round { when += " รอบ " + ThaiDisplay.digits("\(round.rawValue)") + " เดือน" }
            when += " ข้อมูล ณ วันที่ " + ThaiDisplay.longDate(s.asOf)
            self.when = when
            agency = figures.agency
            lines = ReportForm.lines(s, agency: figures).map { line in
                switch line {
                case .measure(let number, let name): .heading(ReportForm.heading(number, name))
                case .project(_, _, let cells): .project(Array(cells.dropFirst()))
                case .overall(let result): .overall(result.map { SummaryBuilder.rounded($0, 2) })
                case .counts(let text): .counts(text)
                }
            }
            // What the bureaus wrote under ปัญหา อุปสรรค, else their notes, newest per project.
            said = s.projects.filter { $0.project.agency == figures.agency && !($0.problems + $0.note).isEmpty }
                .sorted { $0.project.id < $1.project.id }
                .enumerated().map { n, p in
                    ThaiDisplay.digits("\(n + 1). ") + "\(p.project.id) \(p.project.name): "
                        + (p.problems.isEmpty ? p.note : p.problems)
                }
        }

        /// The form as rows of cells, each line's kind first: what the workbook's digest takes of it.
        var describingRows: [[OutputCell]] {
            var rows: [[OutputCell]] = [[.text(when)], [.text(agency)]]
            for line in lines {
                switch line {
                case .heading(let text): rows.append([.code("heading"), .text(text)])
                case .project(let cells): rows.append([.code("project")] + cells)
                case .overall(let result): rows.append([.code("overall"), result.map { .number("\($0)") } ?? .empty])
                case .counts(let text): rows.append([.code("counts"), .text(text)])
                }
            }
            rows.append([.code("said")])
            rows += said.map { [.text($0)] }
            return rows
        }
    }

    /// Writes `form` as a sheet of `workbook`.
    static func write(_ form: Form, into workbook: Workbook) throws {
        let sheet = try workbook.addSheet(form.name)
        let last = columns.count - 1
        for (c, column) in columns.enumerated() { try sheet.width(c, column.width, .formText) }
        try sheet.merged(0, 0, last, title, .formTitle)
        try sheet.merged(1, 0, last, form.when, .formTitle)
        try sheet.merged(2, 0, last, "ส่วนราชการ: \(form.agency)", .formTitle)
        try sheet.height(3, Self.height(columns.map { ($0.heading, $0.width) }))
        for (c, column) in columns.enumerated() { try sheet.text(3, c, column.heading, .formHeading) }
        var row = 4
        for line in form.lines {
            switch line {
            case .heading(let text):
                try sheet.height(row, Self.height([(text, totalWidth)]))
                try sheet.merged(row, 0, last, text, .formHeading)
            case .project(let cells):
                // Rows as tall as their longest wrapped text: a reader does not fit them on opening.
                let texts = cells.map { cell -> String in
                    if case .text(let text) = cell { return text } else { return "" }
                }
                try sheet.height(row, Self.height(zip(texts, columns.map(\.width)).map { ($0, $1) }))
                for (c, cell) in cells.enumerated() {
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
                    try sheet.number(row, 5, NSDecimalNumber(decimal: result).doubleValue, .formPercent)
                } else {
                    try sheet.text(row, 5, "", .formText)
                }
                for c in 6...last { try sheet.text(row, c, "", .formText) }
            case .counts(let text):
                try sheet.height(row, Self.height([(text, totalWidth)]))
                try sheet.merged(row, 0, last, text, .formText)
            }
            row += 1
        }
        row += 1
        try sheet.merged(row, 0, last, "ปัญหา อุปสรรค และข้อเสนอแนะ", .formHeading)
        row += 1
        if form.said.isEmpty {
            try sheet.merged(row, 0, last, "หน่วยงานไม่ได้รายงานปัญหา อุปสรรค", .formText)
        }
        for text in form.said {
            try sheet.height(row, Self.height([(text, totalWidth)]))
            try sheet.merged(row, 0, last, text, .formText)
            row += 1
        }
        try sheet.printOnA4Landscape(repeat: 3...3)
    }
}
