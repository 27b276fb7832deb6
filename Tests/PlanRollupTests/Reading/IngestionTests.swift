import Foundation
import Testing

@testable import PlanRollup
@testable import RollupBase
@testable import RollupCore
@testable import RollupReading

/// The given export files (name → bytes) under exports/b1/ of a small plan, run through the job.
func runOnExports(_ exports: [String: [UInt8]], limits: CSVLimits = CSVLimits(), aliases: HeaderAliases = .standard)
    throws -> (Pipeline.Outcome, URL)
{
    try runOnFolder(limits: limits, aliases: aliases) { input in
        for (name, bytes) in exports {
            try Data(bytes).write(to: input.appendingPathComponent("exports/b1/" + name))
        }
    }
}

func fixtureBytes(_ name: String) throws -> [UInt8] {
    Array(try Data(contentsOf: Paths.fixtures.appendingPathComponent("reading/" + name)))
}

@Suite("Ingestion: every row accounted for, every file kept")
struct IngestionTests {
    static let fixtures = [
        "utf8-bom.csv", "utf8-nobom-lf.csv", "cp874.csv", "utf16le-tab.txt", "utf16be-tab.txt", "semicolon.csv",
        "title-rows.csv", "two-row-header.csv", "header-slips.csv", "english-reordered.csv", "ragged.csv",
        "binary.bin", "empty.csv", "header-only.csv", "no-header.csv", "repeated-header.csv",
    ]

    @Test("accepted + header + skipped + rejected = records, on every fixture", arguments: fixtures)
    func accountedFor(_ fixture: String) throws {
        let name = fixture.hasSuffix(".bin") ? "binary.csv" : fixture
        let (outcome, root) = try runOnExports([name: try fixtureBytes(fixture)])
        defer { try? FileManager.default.removeItem(at: root) }
        let account = try #require(outcome.accounts.first)
        #expect(account.isBalanced)
        let rejectedRows = Set(outcome.rejects.filter { $0.line > 0 }.map(\.line)).count
        #expect(rejectedRows <= account.rejected)
        if account.refusal == nil {
            #expect(rejectedRows == account.rejected)
        }
    }

    @Test("short rows are read with empty trailing cells and counted; long rows are rejected")
    func raggedAtPipelineLevel() throws {
        let (outcome, root) = try runOnExports(["ragged.csv": try fixtureBytes("ragged.csv")])
        defer { try? FileManager.default.removeItem(at: root) }
        let account = try #require(outcome.accounts.first)
        #expect(account.shortRows == 1)
        // Lines 4 and 6 name projects this small plan lacks; line 5 has an extra non-empty cell.
        #expect(outcome.rejects.map(\.code) == [.unknownProject, .raggedRow, .unknownProject])
        #expect(outcome.rejects.map(\.line) == [4, 5, 6])
    }

    @Test("the six good fixtures each give the same two accepted rows")
    func sameFiguresWhateverTheShape() throws {
        for fixture in [
            "utf8-bom.csv", "cp874.csv", "utf16le-tab.txt", "semicolon.csv", "two-row-header.csv",
            "english-reordered.csv",
        ] {
            let (outcome, root) = try runOnExports([fixture: try fixtureBytes(fixture)])
            defer { try? FileManager.default.removeItem(at: root) }
            #expect(outcome.summary.total.actual.rows == 2, "\(fixture)")
            #expect(outcome.summary.total.actual.participants == 190, "\(fixture)")
            #expect(outcome.summary.total.actual.spentSatang == 12_500_00, "\(fixture)")
        }
    }

    @Test("a binary file is refused whole with its reason, and still archived byte for byte")
    func binaryRefusedAndArchived() throws {
        let bytes = try fixtureBytes("binary.bin")
        let (outcome, root) = try runOnExports(["binary.csv": bytes])
        defer { try? FileManager.default.removeItem(at: root) }
        let account = try #require(outcome.accounts.first)
        #expect(account.refusal?.contains("binary") == true)
        #expect(outcome.rejects.map(\.code) == [.undecodableFile])
        let archived = root.appendingPathComponent("output/archive/" + account.archivedAs)
        #expect(Array(try Data(contentsOf: archived)) == bytes)
    }

    @Test("every input, plan included, is archived under its SHA-256, byte for byte")
    func archive() throws {
        let bytes = try fixtureBytes("cp874.csv")
        let (outcome, root) = try runOnExports(["a.csv": bytes, "b.csv": bytes])
        defer { try? FileManager.default.removeItem(at: root) }
        let names = outcome.accounts.map(\.archivedAs)
        #expect(names.count == 2 && names[0] == names[1])
        #expect(names[0].count == 64 + 4 && names[0].hasSuffix(".csv"))
        let archived = root.appendingPathComponent("output/archive/" + names[0])
        #expect(Array(try Data(contentsOf: archived)) == bytes)
        #expect(outcome.plan.archived.count == 1)
        let files = try FileManager.default.contentsOfDirectory(
            atPath: root.appendingPathComponent("output/archive").path)
        #expect(files.count == 2)  // one export (twice the same bytes) and the plan; no leftovers
    }

    @Test("a cell over the configured limit is rejected with its line; the other rows are read")
    func cellLimit() throws {
        let text = """
            รหัสโครงการ,วันที่ดำเนินการ,จำนวนครั้ง,จำนวนผู้เข้าร่วม (คน),หมายเหตุ
            สผ-62-001,1/11/2561,1,10,ok
            สผ-62-001,2/11/2561,1,10,\(String(repeating: "ยาว", count: 100))
            สผ-62-001,3/11/2561,1,10,ok

            """
        let (outcome, root) = try runOnExports(["x.csv": Array(text.utf8)], limits: CSVLimits(maxCellBytes: 200))
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(outcome.summary.total.actual.rows == 2)
        #expect(outcome.rejects.map(\.code) == [.malformedCSV])
        #expect(outcome.rejects.first?.line == 3)
        #expect(outcome.accounts.first?.isBalanced == true)
    }

    @Test("header aliases extend by configuration: a JSON file adds names, an unknown field is refused by name")
    func aliasesFromJSON() throws {
        let text = "รหัสโครงการ,วันที่จัดกิจกรรม,ผู้มาร่วม\nสผ-62-001,1/11/2561,40\n"
        let (before, root1) = try runOnExports(["x.csv": Array(text.utf8)])
        defer { try? FileManager.default.removeItem(at: root1) }
        #expect(before.summary.total.actual.participants == 0)
        let extended = try HeaderAliases.standard.merging(
            json: Array(#"{"participants": ["ผู้มาร่วม"], "date": ["วันที่จัดกิจกรรม"]}"#.utf8))
        let (after, root2) = try runOnExports(["x.csv": Array(text.utf8)], aliases: extended)
        defer { try? FileManager.default.removeItem(at: root2) }
        #expect(after.summary.total.actual.participants == 40)
        #expect(throws: AliasFileError.self) {
            try HeaderAliases.standard.merging(json: Array(#"{"head_count": ["x"]}"#.utf8))
        }
    }

    @Test("the same bad bytes in a column read once per file (the bureau) are refused on every row")
    func invalidTextEveryTime() throws {
        var bytes = Array("รหัสโครงการ,หน่วยงาน,วันที่ดำเนินการ,จำนวนผู้เข้าร่วม (คน)\n".utf8)
        for day in 1...3 {
            bytes += Array("สผ-62-001,สำนัก".utf8) + [0xFF] + Array(",\(day)/11/2561,5\n".utf8)
        }
        bytes += Array("สผ-62-001,สำนักพัฒนาบุคลากร (สผ.),4/11/2561,7\n".utf8)
        let (outcome, root) = try runOnExports(["x.csv": bytes])
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(outcome.rejects.map(\.code) == [.invalidText, .invalidText, .invalidText])
        #expect(outcome.rejects.map(\.line) == [2, 3, 4])
        #expect(outcome.summary.total.actual.participants == 7)
    }

    @Test("a row with bytes that are not text is refused, never counted as mojibake")
    func invalidTextRow() throws {
        var bytes = Array(
            "รหัสโครงการ,วันที่ดำเนินการ,จำนวนผู้เข้าร่วม (คน),หมายเหตุ\nสผ-62-001,1/11/2561,5,ok\nสผ-62-001,2/11/2561,7,".utf8)
        bytes += [0xFF, 0xFE, 0x0A]
        let (outcome, root) = try runOnExports(["x.csv": bytes])
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(outcome.summary.total.actual.participants == 5)
        #expect(outcome.rejects.map(\.code) == [.invalidText])
        #expect(outcome.rejects.first?.column == "หมายเหตุ")
    }

    @Test("bad bytes in the status cell are refused once, not once more as an unknown status")
    func invalidStatusOnce() throws {
        var bytes = Array("รหัสโครงการ,วันที่ดำเนินการ,จำนวนผู้เข้าร่วม (คน),สถานะ\nสผ-62-001,2/11/2561,7,".utf8)
        bytes += [0xFF, 0xFE, 0x0A]
        let (outcome, root) = try runOnExports(["x.csv": bytes])
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(outcome.rejects.map(\.code) == [.invalidText])
        #expect(outcome.rejects.first?.column == "สถานะ")
    }
}

@Suite("plan-rollup read")
struct ReadOutputTests {
    @Test("raw records as JSON arrays of decoded cells, with their lines")
    func rawLines() throws {
        let file = try InputFile(path: Paths.fixture("reading/cp874.csv"))
        var lines: [String] = []
        try file.forEach { lines.append(RecordJSON.raw($0).compact()) }
        #expect(lines.count == 3)
        #expect(lines[1].hasPrefix(#"{"line":2,"cells":["สผ-62-001","อบรมคุณธรรม","สำนักพัฒนาบุคลากร (สผ.)","๒๖ ก.พ. ๖๒""#))
    }

    @Test("--mapped: one object per row with its fate and the cells by field name")
    func mappedLines() throws {
        let file = try InputFile(path: Paths.fixture("reading/title-rows.csv"))
        var lines: [String] = []
        try TableReader().read(file) { lines.append(RecordJSON.event($0).compact()) }
        #expect(lines.first?.contains(#""fate":"title""#) == true)
        #expect(lines.contains { $0.contains(#""fate":"data","fields":{"project_id":"สผ-62-001""#) })
        #expect(lines.contains { $0.contains(#""fate":"subtotal""#) })
    }
}

@Suite("Path safety")
struct PathSafetyTests {
    @Test("a symlink in a bureau folder that leads outside the input is refused, not read or archived")
    func symlinkOut() throws {
        let outside = try makeTemporaryFolder("outside")
        defer { try? FileManager.default.removeItem(at: outside) }
        let secret = outside.appendingPathComponent("secret.csv")
        try "รหัสโครงการ,วันที่ดำเนินการ,จำนวนผู้เข้าร่วม (คน)\nสผ-62-001,1/11/2561,999\n".write(
            to: secret, atomically: true, encoding: .utf8)
        let good = "รหัสโครงการ,วันที่ดำเนินการ,จำนวนผู้เข้าร่วม (คน)\nสผ-62-001,2/11/2561,5\n"
        let (first, root) = try runOnExports(["good.csv": Array(good.utf8)])
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(first.summary.total.actual.participants == 5)
        // Now the same bureau folder also holds a link to the file outside.
        try FileManager.default.createSymbolicLink(
            at: root.appendingPathComponent("input/exports/b1/link.csv"), withDestinationURL: secret)
        var options = Pipeline.Options(
            input: root.appendingPathComponent("input").path, output: root.appendingPathComponent("output").path)
        options.asOf = CalendarDay(year: 2019, month: 9, day: 30)
        let outcome = try Pipeline.compute(options, today: CalendarDay(year: 2019, month: 9, day: 30)!)
        #expect(outcome.summary.total.actual.participants == 5)
        #expect(outcome.rejects.map(\.code) == [.outsideInput])
        #expect(outcome.rejects.first?.file == "exports/b1/link.csv")
        let archived = try FileManager.default.contentsOfDirectory(
            atPath: root.appendingPathComponent("output/archive").path)
        let secretHash = outcome.accounts.first { $0.path.hasSuffix("link.csv") }?.sha256 ?? ""
        #expect(secretHash.isEmpty && archived.count == 2)  // the plan and good.csv only
    }
}

@Suite("A file that changes while it is read")
struct ChangedWhileReadTests {
    @Test("counts for nothing: refused whole, its records all rejected, the other files unaffected")
    func appendedDuringRead() throws {
        // A large export, so that reading it takes far longer than the moment the appender waits.
        var text = "รหัสโครงการ,วันที่ดำเนินการ,จำนวนผู้เข้าร่วม (คน),หมายเหตุ\n"
        let row = "สผ-62-001,1/11/2561,1," + String(repeating: "ข้อความยาว", count: 40) + "\n"
        text += String(repeating: row, count: 15_000)
        let good = "รหัสโครงการ,วันที่ดำเนินการ,จำนวนผู้เข้าร่วม (คน)\nสผ-62-002,2/11/2561,5\n"
        let (_, root) = try runOnExports(["a_big.csv": Array(text.utf8), "b_good.csv": Array(good.utf8)])
        defer { try? FileManager.default.removeItem(at: root) }
        let big = root.appendingPathComponent("input/exports/b1/a_big.csv").path

        var options = Pipeline.Options(
            input: root.appendingPathComponent("input").path, output: root.appendingPathComponent("output-2").path)
        options.asOf = CalendarDay(year: 2019, month: 9, day: 30)
        options.events = { event in
            // Just before the big file is opened, start appending to it while the job reads it.
            guard case .exportStarted(_, _, _, let file) = event, file.path.hasSuffix("a_big.csv") else { return }
            Thread.detachNewThread {
                usleep(5_000)
                if let handle = FileHandle(forWritingAtPath: big) {
                    handle.seekToEndOfFile()
                    handle.write(Data("สผ-62-001,3/11/2561,1,appended\n".utf8))
                    handle.closeFile()
                }
            }
        }
        let outcome = try Pipeline.compute(options, today: CalendarDay(year: 2019, month: 9, day: 30)!)
        let account = try #require(outcome.accounts.first { $0.path.hasSuffix("a_big.csv") })
        #expect(account.refusal != nil)
        #expect(account.accepted == 0 && account.rejected == account.records && account.records > 0)
        #expect(account.isBalanced)
        #expect(outcome.rejects.map(\.code) == [.unreadableFile])
        #expect(outcome.rejects.first?.english.contains("nothing of this file is counted") == true)
        // Only the other file's row counts.
        #expect(outcome.summary.total.actual == Tally(rows: 1, activities: 0, participants: 5, spentSatang: 0))
    }
}
