import Foundation
import Testing

@testable import PlanRollup
@testable import RollupBase
@testable import RollupCore
@testable import RollupReading

/// One cell through `SpreadsheetCSV`, and the bytes it must become between the commas.
struct WrittenCell: CustomTestStringConvertible, Sendable {
    let cell: OutputCell
    let written: String
    var testDescription: String { "\(cell) → \(written)" }
}

@Suite("SpreadsheetCSV: Excel-safe cells")
struct SpreadsheetCSVTests {
    @Test(
        "text a spreadsheet would run as a formula gets a leading apostrophe; other text is left alone",
        arguments: [
            ("=HYPERLINK(\"http://x\",\"y\")", "'=HYPERLINK(\"http://x\",\"y\")"),
            ("=1+2", "'=1+2"),
            ("+66 2 242 5900", "'+66 2 242 5900"),
            ("-2+3", "'-2+3"),
            ("@SUM(1)", "'@SUM(1)"),
            ("\t=cmd", "'\t=cmd"),
            ("\r=cmd", "'\r=cmd"),
            ("\u{FF1D}1+1", "'\u{FF1D}1+1"),
            ("\u{FF20}SUM(1)", "'\u{FF20}SUM(1)"),
            ("", ""),
            ("อบรมคุณธรรม", "อบรมคุณธรรม"),
            ("สผ-62-001", "สผ-62-001"),
            ("x=1", "x=1"),
            ("1-2", "1-2"),
            ("'=1", "'=1"),
        ])
    func neutralised(input: String, expected: String) {
        #expect(SpreadsheetCSV.neutralised(input) == expected)
    }

    @Test(
        "digits with the signs of numbers, dates and times would be converted; ids with letters would not",
        arguments: [
            ("007", true), ("1-2", true), ("21/02/2562", true), ("2019-05-17", true), ("12:30", true), ("1e5", true),
            ("1,000", true), ("-5", true), ("+66 2", true), ("50%", true), ("(100)", true), ("3.14", true),
            ("สผ-62-001", false), ("", false), ("-", false), ("e", false), ("%", false), ("abc1", false),
            ("๑๒", false), ("62/1 ก", false),
        ])
    func wouldConvert(input: String, expected: Bool) {
        #expect(SpreadsheetCSV.spreadsheetWouldConvert(input) == expected)
    }

    static let cells: [WrittenCell] = [
        WrittenCell(cell: .number("-500.00"), written: "-500.00"),
        WrittenCell(cell: .baht(-50_000), written: "-500.00"),
        WrittenCell(cell: .int(-3), written: "-3"),
        WrittenCell(cell: .baht(43_920_000), written: "439200.00"),
        WrittenCell(cell: .decimal(Decimal(string: "72.5")), written: "72.5"),
        WrittenCell(cell: .decimal(nil), written: ""),
        WrittenCell(cell: .empty, written: ""),
        WrittenCell(cell: .flag(true), written: "TRUE"),
        WrittenCell(cell: .text("-500"), written: "'-500"),
        WrittenCell(cell: .text("a,b"), written: "\"a,b\""),
        WrittenCell(cell: .text("a | "), written: "\"a | \""),
        WrittenCell(cell: .text("x\t"), written: "\"x\t\""),
        WrittenCell(cell: .text("=a\"b"), written: "\"'=a\"\"b\""),
        WrittenCell(cell: .text("line\r\nbreak"), written: "\"line\r\nbreak\""),
        WrittenCell(cell: .code("007"), written: "\"=\"\"007\"\"\""),
        WrittenCell(cell: .code("-5"), written: "\"=\"\"-5\"\"\""),
        WrittenCell(cell: .code("สผ-62-001"), written: "สผ-62-001"),
        WrittenCell(cell: .code("=1+2"), written: "'=1+2"),
    ]

    @Test(
        "each kind of cell is written as Excel needs it: numbers bare, text guarded, ids kept as text", arguments: cells
    )
    func written(_ c: WrittenCell) {
        var csv = SpreadsheetCSV(header: ["a", "b"])
        csv.append([c.cell, .text("z")])
        let expected = [0xEF, 0xBB, 0xBF] + Array("a,b\r\n\(c.written),z\r\n".utf8)
        #expect(csv.bytes == expected)
    }

    @Test(
        "a cell read back from a written file is the cell before it was guarded, and what a reader gets is writtenText",
        arguments: [
            OutputCell.text("-500"), .text("=1+2"), .text("อบรม"), .text(""), .text("'quoted"), .code("007"),
            .code("21/02/2562"), .code("สผ-62-001"), .code("=x"), .code("-5"), .text("=\"007\""), .text("a | "),
            .text("  ไม่ระบุ"),
        ])
    func readBack(_ cell: OutputCell) throws {
        var csv = SpreadsheetCSV(header: ["a", "b"])
        csv.append([cell, .text("z")])
        let read = try #require(try ParsedCSV(name: "t.csv", bytes: csv.bytes).rows.first?.first)
        #expect(read == SpreadsheetCSV.writtenText(cell))
        guard case .text(let original) = cell else {
            guard case .code(let code) = cell else { return }
            #expect(SpreadsheetCSV.readBack(read) == code)
            return
        }
        #expect(SpreadsheetCSV.readBack(read) == original)
    }

    @Test("a hostile header is guarded too, and the file reads back to the same cells")
    func roundTrip() throws {
        var csv = SpreadsheetCSV(header: ["=h", "n"])
        csv.append([.text("=HYPERLINK(\"http://x\",\"y\")"), .number("-1.50")])
        csv.append([.text("two\nlines, \"quoted\""), .code("21/02/2562")])
        let parsed = try ParsedCSV(name: "t.csv", bytes: csv.bytes)
        #expect(parsed.header == ["'=h", "n"])
        #expect(
            parsed.rows == [
                ["'=HYPERLINK(\"http://x\",\"y\")", "-1.50"], ["two\nlines, \"quoted\"", "=\"21/02/2562\""],
            ])
    }
}
