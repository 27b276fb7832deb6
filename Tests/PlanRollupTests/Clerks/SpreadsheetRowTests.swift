import Foundation
import Testing

@testable import PlanRollup
@testable import RollupBase
@testable import RollupCore
@testable import RollupReading

/// Every message a clerk reads names the row as Excel numbers it, not the text line: a BOM, a title
/// row and a cell holding line breaks must not shift it.
@Suite("Spreadsheet row numbers in what clerks read")
struct SpreadsheetRowTests {
    /// Row 1 a title, row 2 the header, row 3 a note of three lines (text lines 3 to 5), row 4 a bad
    /// count (text line 6), row 5 row 3 again (text lines 7 to 9).
    static let file =
        "\u{FEFF}รายงานผล รอบ ๖ เดือน\r\n"
        + "รหัสโครงการ,วันที่ดำเนินการ,จำนวนครั้ง,จำนวนผู้เข้าร่วม,หมายเหตุ\r\n"
        + "สผ-62-002,15/10/2561,1,30,\"บรรทัดแรก\r\nบรรทัดสอง\r\nบรรทัดสาม\"\r\n"
        + "สผ-62-003,16/10/2561,1,ไม่ระบุ,\r\n"
        + "สผ-62-002,15/10/2561,1,30,\"บรรทัดแรก\r\nบรรทัดสอง\r\nบรรทัดสาม\"\r\n"

    @Test("the reject, the notice and the message give rows 4 and 5 (text lines 6 and 7)")
    func rowsNotLines() throws {
        let outcome = try runOnGoldenPlan(["hr/x.csv": Array(Self.file.utf8)])
        let reject = try #require(outcome.rejects.first { $0.file == "exports/hr/x.csv" })
        #expect((reject.row, reject.line) == (4, 6))
        #expect(reject.code == .badParticipants)
        #expect(
            reject.message.hasPrefix("exports/hr/x.csv แถวที่ 4 คอลัมน์ จำนวนผู้เข้าร่วม ค่า \"ไม่ระบุ\": “ไม่ระบุ”"),
            "\(reject.message)")
        #expect(reject.message.contains("(row 4: “ไม่ระบุ” is not a figure"))
        let repeated = try #require(outcome.notices.first { $0.code == .repeatedRow })
        #expect((repeated.row, repeated.line) == (5, 7))
        #expect(repeated.english.hasPrefix("the same as row 3 of the same file"), "\(repeated.english)")
        #expect(repeated.thai.hasPrefix("ข้อมูลซ้ำกับแถวที่ 3 ในไฟล์เดียวกัน"), "\(repeated.thai)")
        // What validate prints for the clerk: the file within the bureau folder, row, column, cell, reason.
        let lines = NightReport.clerkLines(reject)
        #expect(lines.first?.hasPrefix("  x.csv แถวที่ 4 คอลัมน์ จำนวนผู้เข้าร่วม ค่า \"ไม่ระบุ\": ") == true, "\(lines)")
        #expect(lines.dropFirst().first == "    วิธีแก้: " + RejectCode.badParticipants.fix.thai)
    }
}
