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

    @Test(
        "the bureau's rejects file leads with what a clerk needs, headed in Thai, and ends with the ids it may use"
    )
    func bureauRejectsFile() throws {
        let outcome = try runOnGoldenPlan(["hr/x.csv": Array(Self.file.utf8)]) { options, _ in
            options.bureauFolders = [Keys.name("สำนักพัฒนาบุคลากร (สผ.)"): "hr"]
        }
        let file = try #require(outcome.files.first { $0.name == "rejects/hr.csv" })
        let parsed = try ParsedCSV(name: file.name, bytes: file.bytes)
        #expect(
            Array(parsed.writtenHeader.prefix(6)) == ["ไฟล์", "แถวที่", "คอลัมน์", "ค่าที่ส่งมา", "เหตุผล", "วิธีแก้"])
        #expect(parsed.header == Tables.bureauRejects.columns.map(\.name))
        let refusal = Dictionary(uniqueKeysWithValues: zip(parsed.header, try #require(parsed.rows.first)))
        #expect(refusal["file"] == "x.csv", "the bureau folder is implied")
        #expect(refusal["row"] == "4" && refusal["line"] == "6")
        #expect(refusal["column"] == "จำนวนผู้เข้าร่วม" && refusal["raw"] == "ไม่ระบุ")
        #expect(refusal["fix_th"] == RejectCode.badParticipants.fix.thai)
        // After a blank row: the agency's projects, the bureau's own marked.
        #expect(parsed.closing.first?.allSatisfy(\.isEmpty) == true)
        let listed = parsed.closing.dropFirst(3)
        let ids = listed.map { $0[0] }
        let plan = outcome.summary.projects.filter { $0.project.agency == "สผ." }.map(\.project.id)
        #expect(ids == plan && !plan.isEmpty, "every สผ. project and no สว. one")
        #expect(listed.allSatisfy { $0[3] == "ใช่" } == true, "in the golden plan every สผ. project is hr's: \(listed)")
        #expect(listed.allSatisfy { $0.count == parsed.writtenHeader.count }, "rows as wide as the header")
    }

    @Test(
        "an old .xls workbook, another kind of file and a folder in a bureau's folder are refused with their reason, not passed over"
    )
    func notExportsRefused() throws {
        let outcome = try runOnGoldenPlan(
            [
                "hr/progress.xls": [0xD0, 0xCF, 0x11, 0xE0, 0, 0, 0, 0], "hr/evidence.pdf": Array("%PDF-1.4".utf8),
                "hr/2562/x.csv": Array(Self.file.utf8), "hr/x.csv": Array(Self.file.utf8),
                "hr/.hidden.csv": Array(Self.file.utf8),
            ])
        let refused = outcome.rejects.filter { $0.code == .notAnExport }
        #expect(
            refused.map(\.file) == [
                "exports/hr/.hidden.csv", "exports/hr/2562", "exports/hr/evidence.pdf", "exports/hr/progress.xls",
            ])
        #expect(refused.allSatisfy { $0.row == 0 })
        #expect(refused.last?.english.hasPrefix("a spreadsheet workbook of the .xls kind is not read") == true)
        #expect(refused.first?.english.hasPrefix("a hidden file (its name starts with a dot) is not read") == true)
        #expect(refused.dropFirst().first?.thai.hasPrefix("ไม่อ่านโฟลเดอร์ย่อย") == true)
        for path in refused.map(\.file) {
            let account = try #require(outcome.accounts.first { $0.path == path }, "\(path) is accounted for")
            #expect(account.refusal != nil, "\(path)")
        }
        #expect(outcome.accounts.contains { $0.path == "exports/hr/x.csv" && $0.accepted > 0 }, "the CSV is still read")
    }
}
