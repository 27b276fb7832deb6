import Foundation
import Glibc
import RollupBase
import RollupReading

/// `rejects_and_notices.xlsx`: every refused row (รายการที่ไม่รับ) and every notice (ข้อสังเกต) of the
/// run, as `rejects.csv` and `notices.csv` list them, for people who filter them in a spreadsheet: the
/// same sheets as `summary.xlsx`'s (Thai headings over the keys, frozen, filtered). A workbook of its own
/// because these lists grow with the input: made only from the two lists and the fiscal year (not the
/// as-of date, which moves every night), it is copied from the previous run while they are the same.
public enum ListsWorkbook {
    public static let file = "rejects_and_notices.xlsx"

    /// The workbook as a file of the run, written when the run is staged (to the spool folder, then
    /// copied in pieces).
    public static func output(fiscalYear: FiscalYear, rejects: RejectLog, notices: RejectLog) -> OutputFile {
        let source: @Sendable () -> [UInt8]? = {
            var source = OutputSource("lists workbook")
            source.add(fiscalYear.buddhistYear)
            source.add(wholeLog: rejects)
            source.add(wholeLog: notices)
            return source.digest
        }
        return SummaryWorkbook.spooled(file, source: source) { path in
            try render(fiscalYear: fiscalYear, rejects: rejects, notices: notices, to: path)
        }
    }

    /// Writes the workbook to `path`; libxlsxwriter's own temporary files go beside it. Its created
    /// time is the fiscal year's first day, so the same lists give the same bytes all year.
    public static func render(fiscalYear: FiscalYear, rejects: RejectLog, notices: RejectLog, to path: String) throws {
        let scratch = (path as NSString).deletingLastPathComponent
        let created = Date(timeIntervalSince1970: Double(fiscalYear.firstDay.daysSince1970) * 86_400)
        let workbook = try Workbook(
            path: path, scratch: scratch,
            title: "รายการที่ไม่รับและข้อสังเกต ปีงบประมาณ \(fiscalYear.buddhistYear)", created: created)
        for table in sheets(rejects: rejects, notices: notices) { try table.write(into: workbook) }
        try workbook.close()
    }

    static func sheets(rejects: RejectLog, notices: RejectLog) -> [WorkbookTable] {
        [
            WorkbookTable(Tables.rejects, sheet: "รายการที่ไม่รับ", log: rejects),
            WorkbookTable(Tables.notices, sheet: "ข้อสังเกต", log: notices),
        ]
    }
}
