import Foundation
import Glibc
import RollupBase
import RollupReading

/// `lists/<bureau>.xlsx`: one bureau's refused rows (รายการที่ไม่รับ, as `rejects/<bureau>.csv` lists
/// them, with the plan's projects it may use after them) and its notices (ข้อสังเกต, as
/// `notices/<bureau>.csv`), for the clerk who fixes them and the analyst who filters them in a
/// spreadsheet: Thai headings over the keys, frozen, filtered. One workbook per bureau, made only
/// from that bureau's lists and the fiscal year (not the as-of date, which moves every night), so a
/// night on which one bureau's file changed writes that bureau's workbook and copies the others from
/// the previous run. The whole run's lists are `rejects.csv` and `notices.csv`.
public enum ListsWorkbook {
    /// The workbook of bureau folder `folder`.
    public static func file(folder: String) -> String { "lists/\(folder).xlsx" }

    /// One bureau's lists: ranges of the run's logs, the notices about rows of other bureaus that
    /// name it, and the rows after its refusals (`BureauProjectList`).
    public struct Lists: Sendable {
        public let rejects: RejectLog
        public let rejectRanges: [Range<Int>]
        public let notices: RejectLog
        public let noticeRanges: [Range<Int>]
        public let naming: [Reject]
        public let closing: [[OutputCell]]

        public init(
            rejects: RejectLog, rejectRanges: [Range<Int>], notices: RejectLog, noticeRanges: [Range<Int>],
            naming: [Reject] = [], closing: [[OutputCell]] = []
        ) {
            self.rejects = rejects
            self.rejectRanges = rejectRanges
            self.notices = notices
            self.noticeRanges = noticeRanges
            self.naming = naming
            self.closing = closing
        }
    }

    /// The workbook as a file of the run, written when the run is staged (to the spool folder, then
    /// copied in pieces).
    public static func output(folder: String, fiscalYear: FiscalYear, lists: Lists) -> OutputFile {
        let source: @Sendable () -> [UInt8]? = {
            var source = OutputSource("bureau lists workbook")
            source.add(folder)
            source.add(fiscalYear.buddhistYear)
            source.add(lists.rejects, ranges: lists.rejectRanges)
            source.add(lists.notices, ranges: lists.noticeRanges)
            var naming: [UInt8] = []
            for n in lists.naming { RejectCoding.encode(n, into: &naming) }
            source.add(bytes: naming)
            source.add(rows: lists.closing)
            return source.digest
        }
        return SummaryWorkbook.spooled(file(folder: folder), source: source) { path in
            try render(folder: folder, fiscalYear: fiscalYear, lists: lists, to: path)
        }
    }

    /// Writes the workbook to `path`; libxlsxwriter's own temporary files go beside it. Its created
    /// time is the fiscal year's first day, so the same lists give the same bytes all year.
    public static func render(folder: String, fiscalYear: FiscalYear, lists: Lists, to path: String) throws {
        let scratch = (path as NSString).deletingLastPathComponent
        let created = Date(timeIntervalSince1970: Double(fiscalYear.firstDay.daysSince1970) * 86_400)
        let workbook = try Workbook(
            path: path, scratch: scratch,
            title: "รายการที่ไม่รับและข้อสังเกต \(folder) ปีงบประมาณ \(fiscalYear.buddhistYear)", created: created)
        for table in sheets(folder: folder, lists) { try table.write(into: workbook) }
        try workbook.close()
    }

    /// The two sheets of folder `folder`'s workbook; rows beyond a sheet are said to be in the
    /// bureau's own CSV files, which hold them all.
    static func sheets(folder: String, _ lists: Lists) -> [WorkbookTable] {
        var rejects = WorkbookTable(
            Tables.bureauRejects, sheet: "รายการที่ไม่รับ", log: lists.rejects, ranges: lists.rejectRanges)
        rejects.closing = lists.closing
        rejects.file = "rejects/\(folder).csv"
        var notices = WorkbookTable(
            Tables.notices, sheet: "ข้อสังเกต", log: lists.notices, ranges: lists.noticeRanges, then: lists.naming)
        notices.file = "notices/\(folder).csv"
        return [rejects, notices]
    }
}
