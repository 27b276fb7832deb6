import Foundation
import Testing

@testable import PlanRollup
@testable import RollupBase
@testable import RollupCore
@testable import RollupReading

/// Bureaus' Excel workbooks read directly, through the same stages as a CSV: made by a real writer
/// (openpyxl), hostile ones refused within the limits.
@Suite("Reading .xlsx workbooks")
struct WorkbookReadingTests {
    static let scripts = Paths.fixtures.appendingPathComponent("workbooks")

    /// A workbook of `kind` (see make_hostile.py) written into `folder`.
    func make(_ kind: String, in folder: URL, name: String? = nil) throws -> String {
        let path = folder.appendingPathComponent(name ?? kind + ".xlsx").path
        let made = try runTool("python3", [Self.scripts.appendingPathComponent("make_hostile.py").path, kind, path])
        try #require(made.status == 0, "\(made.output)")
        return path
    }

    @Test(
        "date serials become ISO dates in both date systems; the 1900 system's 29 February 1900 is no date",
        arguments: [
            ("43388", false, "2018-10-15"), ("43388.75", false, "2018-10-15"), ("1", false, "1900-01-01"),
            ("59", false, "1900-02-28"), ("61", false, "1900-03-01"), ("41926", true, "2018-10-15"),
            ("0", true, nil), ("60", false, nil), ("-3", false, nil), ("abc", false, nil),
        ] as [(String, Bool, String?)])
    func serials(text: String, date1904: Bool, expected: String?) {
        #expect(XLSXSheetReader.day(serial: text, date1904: date1904) == expected)
    }

    @Test(
        "a number stored in exponent form is read as its exact decimal; plain ones as stored",
        arguments: [
            ("1.5E-5", "0.000015"), ("1E+3", "1000"), ("1.0000000000000001E-2", "0.010000000000000001"),
            ("72000.5", "72000.5"), ("439200", "439200"), ("E5", "E5"), ("12E", "12E"), ("1.E3", "1.E3"),
            ("1e3", "1e3"), ("1E3E3", "1E3E3"),
        ])
    func exponents(text: String, expected: String) {
        #expect(XLSXSheetReader.plainNumber(text) == expected)
    }

    @Test(
        "a number format is a date when it names a day, month or year, Thai Buddhist-era formats included",
        arguments: [
            ("[$-th-TH]d mmm bbbb", true), ("B2dd/mm/yyyy", true), ("[$-1070000]d/m/yy", true),
            ("[$-107041E]d mmmm yyyy", true), ("dd/mm/yyyy", true), ("General", false), ("#,##0.00", false),
            ("0.00%", false), ("\"วันที่\" 0", false), ("[Red]#,##0", false), ("h:mm", false), ("mm:ss", false),
            ("วว/ดด/ปปปป", true),
        ])
    func dateFormats(code: String, isDate: Bool) {
        #expect(NumberFormat.isDate(code) == isDate)
    }

    @Test(
        "a real workbook: the first visible sheet with a header, a title row and a two-row merged header, Buddhist-era dates, formulas by their saved results, a hidden row left out"
    )
    func realistic() throws {
        let folder = try makeTemporaryFolder("workbook")
        defer { try? FileManager.default.removeItem(at: folder) }
        let reader = TableReader()
        let workbook = try WorkbookFile(path: try make("realistic", in: folder), recognises: reader.recognises)
        #expect(workbook.sheetName == "ผลการดำเนินการ", "not the notes sheet before it, not the hidden one")
        var data: [[String]] = []
        var fates: [String] = []
        let summary = try reader.read(workbook) { event in
            switch event {
            case .data(let row):
                data.append(
                    [.projectID, .date, .activities, .participants, .spent, .note].map { row.text($0) ?? "" }
                        + [String(row.record.row)])
            case .header(let r): fates.append("header \(r.row)")
            case .skipped(let r, let why): fates.append("\(why.rawValue) \(r.row)")
            default: fates.append("other")
            }
        }
        #expect(fates == ["title 1", "header 2", "header 3"])
        #expect(summary.header?.names.contains { $0.contains("จำนวนครั้ง") } == true)
        #expect(
            data == [
                ["สผ-62-002", "2018-10-15", "1", "30", "25000.5", "อบรมรุ่นที่ ๑", "4"],
                ["สผ-62-003", "2019-03-05", "2", "40", "72000", "", "5"],
                ["สผ-62-004", "2018-12-10", "2", "0", "9999.99", "สูตร", "7"],
            ], "rows by the sheet's own numbers; the decimal text as stored")
        #expect(workbook.hiddenRows == [6])
    }

    @Test(
        "a sheet the registry names is read (even a hidden one); a name the workbook lacks is refused, naming its sheets"
    )
    func namedSheet() throws {
        let folder = try makeTemporaryFolder("workbook-sheet")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try make("realistic", in: folder)
        let named = try WorkbookFile(path: path, sheet: "ซ่อน")
        var rows: [[String]] = []
        try named.forEach { if case .record(let r) = $0 { rows.append((0..<r.count).map { r.text($0) ?? "" }) } }
        #expect(named.sheetName == "ซ่อน" && rows == [["รหัสโครงการ", "วันที่ดำเนินการ", "จำนวนครั้ง"]])
        do {
            _ = try WorkbookFile(path: path, sheet: "Sheet9")
            Issue.record("a sheet that is not there was read")
        } catch let refusal as WorkbookRefusal {
            #expect(refusal.english.contains("no sheet named Sheet9 (its sheets: คำชี้แจง, ผลการดำเนินการ, ซ่อน)"))
        }
    }

    @Test(
        "hostile workbooks are refused whole with their reason, within the limits",
        arguments: [
            ("bomb", "unpacks to more than 1048576 bytes"), ("wide", "row 2 has a cell beyond column 1000"),
            ("shared-out-of-range", "a cell names shared string 7, which the workbook lacks"),
            ("malformed", "is not well-formed XML"), ("climbing", "climbs out of the file"),
            ("cut-short", "its compressed data ends before its end mark"), ("bad-crc", "its CRC-32 does not match"),
            ("shared-part", "the local header of xl/worksheets/s1.xml names another part"),
            ("lost-sheet", "sheet ผลการดำเนินการ has no part xl/worksheets/sheet2.xml"),
            ("overlapping", "the parts xl/workbook.xml and"),
        ])
    func hostile(kind: String, reason: String) throws {
        let folder = try makeTemporaryFolder("workbook-hostile")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try make(kind, in: folder)
        #expect(FileManager.default.fileSize(path) < 100_000, "small on disk")
        do {
            let workbook = try WorkbookFile(
                path: path, limits: WorkbookLimits(maxPartBytes: 1 << 20), recognises: TableReader().recognises)
            try workbook.forEach { _ in }
            Issue.record("\(kind) was read")
        } catch let refusal as WorkbookRefusal {
            #expect(refusal.english.contains(reason), "\(refusal.english)")
            #expect(!refusal.thai.isEmpty)
        }
    }

    @Test("a workbook larger than the limit is refused before its directory is read, by the size of the file opened")
    func tooLarge() throws {
        let folder = try makeTemporaryFolder("workbook-large")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try make("realistic", in: folder)
        do {
            _ = try WorkbookFile(path: path, limits: WorkbookLimits(maxFileBytes: 1_000))
            Issue.record("a workbook over the limit was opened")
        } catch let refusal as WorkbookRefusal {
            #expect(refusal.english.contains("the file is larger than 1000 bytes"), "\(refusal.english)")
            #expect(refusal.thai.contains("ใหญ่เกินขีดจำกัด"))
        }
        _ = try WorkbookFile(path: path, limits: WorkbookLimits(maxFileBytes: 1 << 20))
    }

    @Test(
        "a workbook whose zip is written in ZIP64 form reads exactly as the classic one (some export libraries write it)"
    )
    func zip64() throws {
        let folder = try makeTemporaryFolder("workbook-zip64")
        defer { try? FileManager.default.removeItem(at: folder) }
        func rows(_ kind: String) throws -> [[String]] {
            var rows: [[String]] = []
            try WorkbookFile(path: try make(kind, in: folder), recognises: TableReader().recognises).forEach {
                if case .record(let r) = $0 { rows.append((0..<r.count).map { r.text($0) ?? "" } + [String(r.row)]) }
            }
            return rows
        }
        let classic = try rows("realistic")
        #expect(
            classic.count == 6 && classic.last?.contains("9999.99") == true, "title, two header rows, three data rows")
        #expect(try rows("zip64") == classic)
        #expect(try rows("pending-output") == classic, "zlib's output held past the last input is read, not refused")
    }

    @Test(
        "a part that is not UTF-8 is refused before the XML parser sees it (a fuzzer's find: Foundation's parser trapped)"
    )
    func notUTF8() throws {
        for name in ["not-utf8-element-name.xlsx", "unfinished-utf8-at-end.xlsx"] {
            let path = Paths.repository.appendingPathComponent("Fuzz/corpus/workbook/" + name).path
            do {
                let workbook = try WorkbookFile(path: path, recognises: TableReader().recognises)
                try workbook.forEach { _ in }
                Issue.record("\(name) was read")
            } catch let refusal as WorkbookRefusal {
                #expect(refusal.english.contains("is not UTF-8 text"), "\(name): \(refusal.english)")
            }
        }
    }

    @Test(
        "UTF-8 checked across chunk boundaries: a Thai character cut between two chunks is text, a stray byte is not")
    func utf8Chunks() {
        let thai = Array("ก".utf8)
        var whole = UTF8Check()
        let first = whole.feed(Data(thai.prefix(2)))
        let second = whole.feed(Data(thai.suffix(1)))
        #expect(first && second && whole.finished)
        var cut = UTF8Check()
        let half = cut.feed(Data(thai.prefix(2)))
        #expect(half && !cut.finished)
        var bad = UTF8Check()
        let stray = bad.feed(Data([0x61, 0xE0, 0x38, 0x33]))
        #expect(!stray)
    }

    @Test("a cell larger than the CSV limit is refused though the part is within its own")
    func bigCell() throws {
        let folder = try makeTemporaryFolder("workbook-cell")
        defer { try? FileManager.default.removeItem(at: folder) }
        let workbook = try WorkbookFile(path: try make("bomb", in: folder))
        #expect(throws: WorkbookRefusal.self) { try workbook.forEach { _ in } }
    }

    @Test("the shipped exports as workbooks give exactly the figures, refusals and rows the CSV files give")
    func sameAsCSV() throws {
        let root = try makeTemporaryFolder("workbook-shipped")
        defer { try? FileManager.default.removeItem(at: root) }
        let input = root.appendingPathComponent("input")
        try FileManager.default.copyItem(at: Paths.repository.appendingPathComponent("input"), to: input)
        let exports = input.appendingPathComponent("exports")
        var converted = 0
        for bureau in try FileManager.default.contentsOfDirectory(atPath: exports.path) {
            let folder = exports.appendingPathComponent(bureau)
            for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".csv") {
                let csv = folder.appendingPathComponent(name)
                let xlsx = folder.appendingPathComponent(String(name.dropLast(4)) + ".xlsx")
                let made = try runTool(
                    "python3", [Self.scripts.appendingPathComponent("csv_to_xlsx.py").path, csv.path, xlsx.path])
                try #require(made.status == 0, "\(made.output)")
                try FileManager.default.removeItem(at: csv)
                converted += 1
            }
        }
        #expect(converted == 11)
        var options = Pipeline.Options(input: input.path, output: root.appendingPathComponent("out").path)
        options.bureauFolders = ShippedInputTests.options().bureauFolders
        let workbooks = try Pipeline.compute(options, today: CalendarDay(year: 2026, month: 11, day: 26)!)
        let csv = ShippedInputTests.outcome
        for table in ["agencies.csv", "bureaus.csv", "projects.csv", "months.csv", "measures.csv", "issues.csv"] {
            let a = try #require(csv.files.first { $0.name == table }).bytes
            let b = try #require(workbooks.files.first { $0.name == table }).bytes
            #expect(a == b, "\(table) differs")
        }
        func refusals(_ o: Pipeline.Outcome) -> [String] {
            o.rejects.map {
                "\($0.code.rawValue) \($0.file.replacingOccurrences(of: ".xlsx", with: ".csv")) \($0.row) \($0.column)"
            }
        }
        #expect(refusals(workbooks) == refusals(csv))
        #expect(workbooks.accounts.allSatisfy { $0.sheet == "ผลการดำเนินการ" && $0.encoding == "xlsx" })
        #expect(workbooks.accounts.allSatisfy { $0.isBalanced })
    }

    @Test(
        "in a bureau's folder: a formula saved without its result is refused with that reason, hidden rows are a notice"
    )
    func throughTheJob() throws {
        let folder = try makeTemporaryFolder("workbook-job")
        defer { try? FileManager.default.removeItem(at: folder) }
        let realistic = try Array(Data(contentsOf: URL(fileURLWithPath: try make("realistic", in: folder))))
        let script = """
            import openpyxl, sys
            wb = openpyxl.Workbook(); ws = wb.active
            ws.append(["รหัสโครงการ", "วันที่ดำเนินการ", "จำนวนครั้ง", "จำนวนผู้เข้าร่วม"])
            ws.append(["สผ-62-005", "15/11/2561", "=1+1", 3])
            wb.save(sys.argv[1])
            """
        let unsaved = folder.appendingPathComponent("unsaved.xlsx").path
        let made = try runTool("python3", ["-c", script, unsaved])
        try #require(made.status == 0, "\(made.output)")
        let outcome = try runOnGoldenPlan([
            "hr/real.xlsx": realistic, "hr/unsaved.xlsx": Array(try Data(contentsOf: URL(fileURLWithPath: unsaved))),
            "hr/old.xls": Array("not read".utf8),
        ])
        let real = try #require(outcome.accounts.first { $0.path == "exports/hr/real.xlsx" })
        #expect((real.accepted, real.skipped[.hidden], real.sheet) == (3, 1, "ผลการดำเนินการ"))
        #expect(real.isBalanced)
        let hidden = outcome.notices.filter { $0.code == .hiddenRows && $0.file == "exports/hr/real.xlsx" }
        #expect(hidden.map(\.raw) == ["ซ่อน", "6"], "the hidden sheet and the hidden row, each named: \(hidden)")
        let formula = try #require(outcome.rejects.first { $0.file == "exports/hr/unsaved.xlsx" })
        #expect(formula.row == 2 && formula.code == .badActivities)
        #expect(formula.english.contains("formula has no saved result"), "\(formula.english)")
        #expect(formula.sheet == "Sheet")
        #expect(
            NightReport.clerkLines(formula).first?.hasPrefix("  unsaved.xlsx แผ่นงาน Sheet แถวที่ 2 ") == true,
            "the clerk is told which sheet the row is on")
        let rejectsFile = try #require(outcome.files.first { $0.name == "rejects/hr.csv" })
        let parsed = try ParsedCSV(name: rejectsFile.name, bytes: rejectsFile.bytes)
        #expect(try parsed.row(where: "file", is: "unsaved.xlsx")["sheet"] == "Sheet")
        let old = try #require(outcome.rejects.first { $0.file == "exports/hr/old.xls" })
        #expect(old.code == .notAnExport && old.english.contains("save it as .xlsx"))
    }
}

extension FileManager {
    func fileSize(_ path: String) -> Int {
        ((try? attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
    }
}
