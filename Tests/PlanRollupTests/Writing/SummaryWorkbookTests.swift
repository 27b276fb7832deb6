import Foundation
import Testing

@testable import PlanRollup
@testable import RollupBase
@testable import RollupCore
@testable import RollupReading

/// Reads a workbook with Python's openpyxl (a real reader, as analysts' tools are) and returns, per
/// sheet, its frozen cell, its filter and every cell as [value, number format, Python type], as JSON.
func dumpWorkbook(_ path: String) throws -> Data {
    let script = """
        import json, sys, datetime, openpyxl
        wb = openpyxl.load_workbook(sys.argv[1])
        out = {"sheets": wb.sheetnames, "created": wb.properties.created.isoformat(), "title": wb.properties.title}
        for ws in wb.worksheets:
            rows = []
            for row in ws.iter_rows():
                cells = []
                for c in row:
                    v = c.value
                    if isinstance(v, datetime.datetime): v = v.date().isoformat()
                    cells.append([v, c.number_format, type(v).__name__])
                rows.append(cells)
            out[ws.title] = {"freeze": ws.freeze_panes, "filter": ws.auto_filter.ref, "rows": rows}
        print(json.dumps(out, ensure_ascii=False))
        """
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script, path]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { throw WorkbookError(path: path, reason: "openpyxl could not read it") }
    return data
}

@Suite("The analysts' workbook, read back by a real reader")
struct SummaryWorkbookTests {
    static let outcome = GoldenSmallTests.outcome

    /// The golden run's workbook, as the run writes it, read back with openpyxl.
    static let dumped: Data = {
        let folder = try! makeTemporaryFolder("workbook")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("summary.xlsx").path
        let workbook = outcome.files.first { $0.name == SummaryWorkbook.file }!
        try! Data(workbook.bytes).write(to: URL(fileURLWithPath: path))
        return try! dumpWorkbook(path)
    }()

    static var dump: [String: Any] { try! JSONSerialization.jsonObject(with: dumped) as! [String: Any] }

    static func sheet(_ name: String) -> (freeze: String?, filter: String?, rows: [[[Any]]]) {
        let s = dump[name] as! [String: Any]
        return (s["freeze"] as? String, s["filter"] as? String, s["rows"] as! [[[Any]]])
    }

    @Test("one sheet per table, in order, with the run's title and the as-of date as its created time")
    func sheets() {
        #expect(
            Self.dump["sheets"] as? [String] == [
                "ต้องติดตาม", "เปลี่ยนแปลง", "แบบรายงาน สผ.", "แบบรายงาน สว.", "ส่วนราชการ", "หน่วยงาน", "ประเด็น", "มาตรการ",
                "โครงการ", "รายเดือน", "รายไตรมาส",
                "ระดับตัวชี้วัด",
            ])
        #expect(Self.dump["created"] as? String == "2019-03-31T00:00:00")
        #expect((Self.dump["title"] as? String)?.hasSuffix("ปีงบประมาณ 2562") == true)
    }

    @Test(
        "each sheet: Thai headings over the English keys, frozen and filtered, and the same cells as the CSV",
        arguments: [
            ("ส่วนราชการ", Tables.agencies.file), ("หน่วยงาน", Tables.bureaus.file), ("มาตรการ", Tables.measures.file),
            ("โครงการ", Tables.projects.file), ("รายเดือน", Tables.months.file), ("ระดับตัวชี้วัด", Tables.kpi.file),
            ("ต้องติดตาม", Tables.attention.file),
        ])
    func sameCellsAsCSV(sheetName: String, csvName: String) throws {
        try Self.expectSameCells(Self.sheet(sheetName), sheetName, csvName)
    }

    /// A golden run's bureau lists workbook (lists/<folder>.xlsx), read back with openpyxl.
    static func listsDumped(_ name: String) throws -> [String: Any] {
        let folder = try makeTemporaryFolder("lists-workbook")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("lists.xlsx").path
        let workbook = try #require(outcome.files.first { $0.name == name })
        try Data(workbook.bytes).write(to: URL(fileURLWithPath: path))
        return try #require(try JSONSerialization.jsonObject(with: try dumpWorkbook(path)) as? [String: Any])
    }

    @Test(
        "each bureau's refused rows and notices in a workbook of its own, the same cells as its rejects/ and notices/ files, filtered over the rows alone, created on the fiscal year's first day"
    )
    func listsWorkbooks() throws {
        func folders(_ prefix: String, _ suffix: String) -> Set<String> {
            Set(
                Self.outcome.files.map(\.name).filter { $0.hasPrefix(prefix) && $0.hasSuffix(suffix) }.map {
                    String($0.dropFirst(prefix.count).dropLast(suffix.count))
                })
        }
        let withLists = folders("lists/", ".xlsx")
        // A workbook for every bureau with a refusal or a notice, and for no other.
        #expect(withLists == folders("rejects/", ".csv").union(folders("notices/", ".csv")))
        #expect(withLists.count >= 2, "the golden run has bureaus with lists")
        var refusalsSeen = 0
        var noticesSeen = 0
        for folder in withLists.sorted() {
            let dump = try Self.listsDumped(ListsWorkbook.file(folder: folder))
            #expect(dump["sheets"] as? [String] == ["รายการที่ไม่รับ", "ข้อสังเกต"])
            #expect(dump["created"] as? String == "2018-10-01T00:00:00")
            #expect((dump["title"] as? String)?.hasSuffix("\(folder) ปีงบประมาณ 2562") == true)
            for (sheetName, csvName) in [
                ("รายการที่ไม่รับ", "rejects/\(folder).csv"), ("ข้อสังเกต", "notices/\(folder).csv"),
            ] {
                let s = try #require(dump[sheetName] as? [String: Any])
                let sheet = (s["freeze"] as? String, s["filter"] as? String, try #require(s["rows"] as? [[[Any]]]))
                guard Self.outcome.files.contains(where: { $0.name == csvName }) else {
                    #expect(sheet.2.count == 2, "\(folder) \(sheetName): the headings alone")
                    continue
                }
                let rows = try Self.expectSameCells(sheet, sheetName, csvName)
                if sheetName == "รายการที่ไม่รับ" { refusalsSeen += rows } else { noticesSeen += rows }
            }
        }
        #expect(refusalsSeen > 0 && noticesSeen > 0, "the golden run has some of each")
        // Nothing of them in the summary workbook, which is written whenever a figure moves.
        #expect(Self.dump["รายการที่ไม่รับ"] == nil && Self.dump["ข้อสังเกต"] == nil)
    }

    @Test(
        "a bureau's projects follow its refusals whenever they fit in the sheet, to its very last row",
        arguments: [(5, true), (6, false)])
    func closingRowsToTheLastRow(refusals: Int, fits: Bool) throws {
        let folder = try makeTemporaryFolder("lists-closing")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("lists.xlsx").path
        let rejects = (0..<refusals).map {
            Reject(
                code: .badDate, file: "exports/hr/a.csv", line: $0 + 2, row: $0 + 2, column: "วันที่", raw: "x",
                english: "no such day", thai: "ไม่มีวันนี้")
        }
        var table = WorkbookTable(Tables.bureauRejects, sheet: "s", rows: rejects)
        table.closing = [[OutputCell.empty], [.text("รหัสโครงการ")], [.code("สผ-62-001")]]
        let workbook = try Workbook(
            path: path, scratch: folder.path, title: "t", created: Date(timeIntervalSince1970: 0))
        // A sheet of 10 rows: 2 headings, the refusals, then 3 closing rows when they fit.
        try table.write(into: workbook, maxRows: 10)
        try workbook.close()
        let dump = try #require(try JSONSerialization.jsonObject(with: try dumpWorkbook(path)) as? [String: Any])
        let rows = try #require((dump["s"] as? [String: Any])?["rows"] as? [[[Any]]])
        #expect(rows.count == 2 + refusals + (fits ? 3 : 0))
        if fits { #expect(rows.last?.first?.first as? String == "สผ-62-001") }
    }

    @Test("a bureau's sheet too long for a sheet says its other rows are in that bureau's own CSV files")
    func listsNameTheBureausFiles() throws {
        let log = RejectLog()
        let lists = ListsWorkbook.Lists(rejects: log, rejectRanges: [], notices: log, noticeRanges: [])
        // The file named in the "N more rows in ..." line after the last row a sheet holds.
        #expect(ListsWorkbook.sheets(folder: "hr-it", lists).map(\.file) == ["rejects/hr-it.csv", "notices/hr-it.csv"])
        // As written in a sheet of 10 rows: 7 refusals, then the line about the other 2.
        let folder = try makeTemporaryFolder("lists-more")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("lists.xlsx").path
        let refused = RejectLog(
            (0..<9).map {
                Reject(
                    code: .badDate, file: "exports/hr-it/a.csv", line: $0 + 2, row: $0 + 2, column: "วันที่", raw: "x",
                    english: "no such day", thai: "ไม่มีวันนี้")
            })
        let workbook = try Workbook(
            path: path, scratch: folder.path, title: "t", created: Date(timeIntervalSince1970: 0))
        let sheets = ListsWorkbook.sheets(
            folder: "hr-it",
            .init(rejects: refused, rejectRanges: refused.segmentRanges, notices: log, noticeRanges: []))
        try sheets[0].write(into: workbook, maxRows: 10)
        try workbook.close()
        let dump = try #require(try JSONSerialization.jsonObject(with: try dumpWorkbook(path)) as? [String: Any])
        let rows = try #require((dump[sheets[0].sheet] as? [String: Any])?["rows"] as? [[[Any]]])
        #expect(rows.count == 10)
        #expect(
            rows.last?.first?.first as? String == "… อีก 2 แถวใน rejects/hr-it.csv / 2 more rows in rejects/hr-it.csv")
    }

    /// `sheet` (a dumped sheet) holds the Thai headings over the keys, frozen and filtered, then the
    /// cells of the run's CSV file `csvName`, its closing rows too (a bureau's projects, after a blank
    /// row), which the filter does not cover. Returns how many rows the filter covers.
    @discardableResult
    static func expectSameCells(
        _ sheet: (freeze: String?, filter: String?, rows: [[[Any]]]), _ sheetName: String, _ csvName: String
    ) throws -> Int {
        #expect(sheet.freeze == "A3")
        let csvFile = try #require(outcome.files.first { $0.name == csvName })
        let csv = try ParsedCSV(name: csvName, bytes: csvFile.bytes)
        #expect(sheet.rows[1].map { $0[0] as? String } == csv.header.map { Optional($0) })
        let all = csv.rows + csv.closing
        #expect(sheet.rows.count == all.count + 2, "the Thai heading row, the keys, then one row per CSV row")
        #expect(sheet.rows[0].allSatisfy { !($0[0] as? String ?? "").isEmpty }, "a Thai heading over every column")
        for (r, line) in all.enumerated() {
            let cells = sheet.rows[r + 2]
            for (c, text) in line.enumerated() {
                let cell: [Any] = c < cells.count ? cells[c] : [NSNull(), "", "NoneType"]
                #expect(same(cell, csv: text), "\(sheetName) row \(r + 3) column \(csv.header[c]): \(text)")
            }
        }
        let tableRows = csv.rows.count
        var lastColumn = ""
        var n = csv.header.count
        while n > 0 {
            lastColumn = String(UnicodeScalar(UInt8(ascii: "A") + UInt8((n - 1) % 26))) + lastColumn
            n = (n - 1) / 26
        }
        #expect(sheet.filter == "A2:\(lastColumn)\(tableRows + 2)", "\(sheetName): filtered over its rows alone")
        return tableRows
    }

    @Test("counts as #,##0, baht as #,##0.00, percentages to two decimals, flags as booleans")
    func numberFormats() throws {
        let rows = Self.sheet("ส่วนราชการ").rows
        let keys = rows[1].map { $0[0] as! String }
        func format(_ key: String) -> String? { rows[2][keys.firstIndex(of: key)!][1] as? String }
        #expect(format("projects") == "#,##0")
        #expect(format("participants_actual") == "#,##0")
        #expect(format("budget_baht") == "#,##0.00")
        #expect(format("spent_baht") == "#,##0.00")
        #expect(format("budget_used_pct") == "0.00")
        let hr = rows[2]
        #expect(hr[keys.firstIndex(of: "spent_baht")!][0] as? Double == 104_500.49)
        let projects = Self.sheet("โครงการ").rows
        let projectKeys = projects[1].map { $0[0] as! String }
        let overBudget = projectKeys.firstIndex(of: "over_budget")!
        #expect(projects.dropFirst(2).allSatisfy { $0[overBudget][0] is Bool })
    }

    @Test("the same run gives the same workbook bytes")
    func deterministic() throws {
        let a = try #require(Self.outcome.files.first { $0.name == SummaryWorkbook.file }).bytes
        let b = try #require(Self.outcome.files.first { $0.name == SummaryWorkbook.file }).bytes
        #expect(!a.isEmpty && a == b)
        #expect(Array(a.prefix(2)) == [0x50, 0x4B], "a zip container")
    }

    @Test(
        "what summary.xlsx is made from is what it shows: two summaries give the same digest exactly when they give the same workbook"
    )
    func digestIsWhatIsShown() throws {
        let outcome = Self.outcome
        var problems = outcome.summary
        var projects = problems.projects
        let i = try #require(projects.indices.first)
        projects[i].problems = "ห้องประชุมไม่ว่าง " + projects[i].problems
        problems = Summary(
            fiscalYear: problems.fiscalYear, asOf: problems.asOf, round: problems.round,
            monthsElapsed: problems.monthsElapsed, projects: projects, bureaus: problems.bureaus,
            measures: problems.measures, issues: problems.issues, agencies: problems.agencies, total: problems.total,
            months: problems.months, quarters: problems.quarters, kpi: problems.kpi,
            measureNames: problems.measureNames, agencyMonths: problems.agencyMonths)
        let attention = AttentionList.build(
            summary: outcome.summary, planIssues: outcome.plan.issues, rejectsByBureau: [], newRefusals: nil)
        let variants: [(String, Summary, [AttentionItem], [ChangeItem])] = [
            ("as run", outcome.summary, attention, outcome.changes),
            ("the same again", outcome.summary, attention, outcome.changes),
            ("a project's problems", problems, attention, outcome.changes),
            ("one item less to follow up", outcome.summary, Array(attention.dropLast()), outcome.changes),
        ]
        let files = variants.map { SummaryWorkbook.output(summary: $0.1, attention: $0.2, changes: $0.3) }
        let digests = files.map(\.source)
        let bytes = files.map(\.bytes)
        #expect(digests.allSatisfy { $0 != nil })
        for a in variants.indices {
            for b in variants.indices where a < b {
                #expect(
                    (digests[a] == digests[b]) == (bytes[a] == bytes[b]),
                    "\(variants[a].0) and \(variants[b].0)")
            }
        }
        #expect(digests[0] == digests[1] && bytes[0] == bytes[1])
        #expect(digests[0] != digests[2] && digests[0] != digests[3])
    }

    @Test("every text and cell the workbook is written from enters its digest")
    func modelDigestWhole() throws {
        let outcome = Self.outcome
        let attention = AttentionList.build(
            summary: outcome.summary, planIssues: outcome.plan.issues, rejectsByBureau: [], newRefusals: nil)
        let base = SummaryWorkbook.Model(outcome.summary, attention: attention, changes: outcome.changes)
        try #require(!base.forms.isEmpty && !base.forms[0].said.isEmpty && base.tables.count == 10)
        let f = try #require(base.forms.indices.last)
        let line = try #require(base.forms[f].lines.firstIndex { if case .project = $0 { true } else { false } })
        var variants: [(String, (inout SummaryWorkbook.Model) -> Void)] = [
            ("title", { $0.title += " " }),
            ("as-of date", { $0.asOf = $0.asOf.adding(days: 1) }),
            ("a sheet's name", { $0.tables[3].sheet += "x" }),
            ("a table's file", { $0.tables[3].file += "x" }),
            ("a column's key", { $0.tables[6].columns[0].name += "x" }),
            ("a column's unit", { $0.tables[6].columns[1].unit = "baht" }),
            ("a cell", { $0.tables[6].rows[0][1] = .text("x") }),
            ("a cell's kind", { $0.tables[7].rows[0][1] = .code("x") }),
            ("a row less", { $0.tables[6].rows.removeLast() }),
            ("a form's name", { $0.forms[f].name += "x" }),
            ("a form's date line", { $0.forms[f].when += "x" }),
            ("a form's agency", { $0.forms[f].agency += "x" }),
            ("a form's line", { $0.forms[f].lines[line] = .counts("x") }),
            ("a form's overall result", { $0.forms[f].lines.append(.overall(Decimal(string: "12.34"))) }),
            ("what bureaus said", { $0.forms[0].said[0] += "x" }),
            ("a form less", { $0.forms.removeLast() }),
        ]
        variants.append(("tables swapped", { $0.tables.swapAt(3, 4) }))
        let digest = try #require(base.digest)
        for (what, change) in variants {
            var altered = base
            change(&altered)
            #expect(altered.digest != nil && altered.digest != digest, "\(what)")
        }
    }

    /// Whether a workbook value is the CSV cell: numbers by value, booleans as TRUE/FALSE, nothing as
    /// an empty cell, text as written (without the CSV's guards against Excel reading it as a formula
    /// or a number, which a workbook cell does not need).
    static func same(_ cell: [Any], csv text: String) -> Bool {
        switch (cell[2] as? String, cell[0]) {
        case ("NoneType", _): return text.isEmpty
        case ("bool", let b as Bool): return text == (b ? "TRUE" : "FALSE")
        case ("int", let n as NSNumber), ("float", let n as NSNumber): return Double(text) == n.doubleValue
        case ("str", let s as String):
            if text.hasPrefix("=\""), text.hasSuffix("\"") { return s == String(text.dropFirst(2).dropLast()) }
            if text.hasPrefix("'"), runsAsFormula(String(text.dropFirst())) { return s == String(text.dropFirst()) }
            // libcsv, which reads the CSV back, drops spaces at a cell's ends.
            return s.trimmingCharacters(in: .whitespaces) == text.trimmingCharacters(in: .whitespaces)
        default: return false
        }
    }
}

@Suite("Workbook limits")
struct WorkbookLimitTests {
    @Test("a cell longer than Excel holds is cut to 32,767 code points with an ellipsis, not a failed run")
    func longCell() throws {
        let folder = try makeTemporaryFolder("workbook-limit")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("long.xlsx").path
        let workbook = try Workbook(
            path: path, scratch: folder.path, title: "t", created: Date(timeIntervalSince1970: 0))
        let sheet = try workbook.addSheet("s")
        // Thai consonant + vowel + tone mark: one character, three code points.
        try sheet.text(0, 0, String(repeating: "กี่", count: 20_000))
        try workbook.close()
        let dump = try JSONSerialization.jsonObject(with: try dumpWorkbook(path)) as! [String: Any]
        let rows = (dump["s"] as! [String: Any])["rows"] as! [[[Any]]]
        let text = try #require(rows[0][0][0] as? String)
        #expect(text.unicodeScalars.count == Workbook.maxCellCharacters)
        #expect(text.hasSuffix("…"))
    }
}

@Suite("Workbook text from bureaus' files")
struct WorkbookHostileTextTests {
    @Test("control characters, markup and formula-like text reach the sheet as text a reader opens")
    func hostileText() throws {
        let folder = try makeTemporaryFolder("workbook-hostile")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("hostile.xlsx").path
        let workbook = try Workbook(
            path: path, scratch: folder.path, title: "t", created: Date(timeIntervalSince1970: 0))
        let sheet = try workbook.addSheet("s")
        let texts = [
            "=HYPERLINK(\"http://x\")", "<script>alert(1)</script> & \"q\"", "bell\u{7}esc\u{1B}tab\tend", "]]>",
        ]
        for (c, text) in texts.enumerated() { try sheet.text(0, c, text) }
        try workbook.close()
        let dump = try JSONSerialization.jsonObject(with: try dumpWorkbook(path)) as! [String: Any]
        let rows = (dump["s"] as! [String: Any])["rows"] as! [[[Any]]]
        #expect(rows[0][0][0] as? String == texts[0], "a formula-like text stays text")
        #expect(rows[0][1][0] as? String == texts[1])
        #expect(rows[0][3][0] as? String == texts[3])
        let controls = try #require(rows[0][2][0] as? String)
        #expect(controls.hasPrefix("bell") && controls.hasSuffix("end"))
    }
}
