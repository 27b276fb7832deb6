import Foundation
import Testing

@testable import PlanRollup
@testable import RollupBase
@testable import RollupCore
@testable import RollupReading

/// `validate --format xlsx`: the clerk's own file written back with the refused cells marked, read as
/// a clerk's Excel would (openpyxl) and compared with the CSV as Python's own csv module reads it.
@Suite("validate --format xlsx: the clerk's file, marked")
struct MarkedCopyTests {
    /// A marked copy as openpyxl reads it, against the CSV as Python's csv module reads it.
    struct Read {
        let sheets: [String]
        let records: Int
        /// Cells whose value is not the CSV's text at the same spreadsheet row and column (or is no text).
        let mismatches: [String]
        /// Filled or commented cells: coordinate → (value, fill colour, comment).
        let marked: [String: (value: String, fill: String, comment: String)]
        let list: [[String]]
        let freeze: String
    }

    static let script = """
        import csv, json, sys, openpyxl
        xlsx, source, encoding, delimiter = sys.argv[1:5]
        wb = openpyxl.load_workbook(xlsx)
        ws = wb.worksheets[0]
        with open(source, encoding=encoding, newline="") as f:
            rows = list(csv.reader(f, delimiter=delimiter))
        bad = []
        for i, record in enumerate(rows, start=1):
            for j, text in enumerate(record, start=1):
                text = text.replace("\\r\\n", "\\n").replace("\\r", "\\n")
                value = ws.cell(row=i, column=j).value
                if ("" if value is None else value) != text:
                    bad.append("%s: %r, not %r" % (ws.cell(row=i, column=j).coordinate, value, text))
        marked = {}
        for row in ws.iter_rows():
            for c in row:
                if c.value is not None and not isinstance(c.value, str):
                    bad.append("%s: %r is no text" % (c.coordinate, c.value))
                if c.value not in (None, "") and (c.row > len(rows) or c.column > len(rows[c.row - 1])):
                    bad.append("%s: %r is not in the CSV" % (c.coordinate, c.value))
                fill = c.fill.fgColor.rgb if c.fill.fill_type == "solid" else ""
                if c.comment or fill:
                    marked[c.coordinate] = ["" if c.value is None else c.value, fill,
                                            c.comment.text if c.comment else ""]
        listing = [["" if v is None else str(v) for v in r] for r in wb.worksheets[1].iter_rows(values_only=True)]
        print(json.dumps({"sheets": wb.sheetnames, "records": len(rows), "mismatches": bad, "marked": marked,
                          "list": listing, "freeze": ws.freeze_panes or ""}, ensure_ascii=False))
        """

    static func read(_ xlsx: String, csv: String, encoding: String = "utf-8-sig", delimiter: String = ",") throws
        -> Read
    {
        let ran = try runTool("python3", ["-c", script, xlsx, csv, encoding, delimiter])
        guard ran.status == 0, let data = ran.output.split(separator: "\n").last.map({ Data($0.utf8) }),
            let json = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { throw WorkbookError(path: xlsx, reason: "openpyxl could not read it: \(ran.output)") }
        let marked = (json["marked"] as! [String: [String]]).mapValues { ($0[0], $0[1], $0[2]) }
        return Read(
            sheets: json["sheets"] as! [String], records: json["records"] as! Int,
            mismatches: json["mismatches"] as! [String], marked: marked, list: json["list"] as! [[String]],
            freeze: json["freeze"] as! String)
    }

    /// SHA-256 of every file under `folder`, by path.
    static func hashes(_ folder: String) throws -> [String: String] {
        var out: [String: String] = [:]
        let names = try #require(FileManager.default.subpaths(atPath: folder))
        for name in names.sorted() {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder + "/" + name, isDirectory: &isFolder),
                !isFolder.boolValue
            else { continue }
            let hasher = SHA256Hasher()
            try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name)).withUnsafeBytes { hasher.update($0) }
            out[name] = hasher.finish()
        }
        return out
    }

    /// The copies the report says were written: "file → path (…)".
    static func written(_ stdout: String) -> [String] {
        stdout.split(separator: "\n").compactMap { line in
            guard line.hasPrefix("  "), let arrow = line.range(of: " → "), let end = line.range(of: ".xlsx (") else {
                return nil
            }
            return String(line[arrow.upperBound..<end.lowerBound]) + ".xlsx"
        }
    }

    static let red = "FFFFC7CE"
    static let amber = "FFFFEB9C"

    @Test(
        "every bureau: a copy of each file with a refusal where the report says, cells as received at their rows, the refused cell red with reason and fix; clean files get none; input untouched"
    )
    func everyBureau() throws {
        let job = try JobFixture(registry: ExitCodeTests.shippedRegistry)
        defer { try? FileManager.default.removeItem(at: job.root) }
        let before = try Self.hashes(job.input)
        let ran = try job.run(["validate", "--format", "xlsx", "--input", job.input, "--output", job.output])
        #expect(ran.status == JobExit.findings.rawValue, "\(ran.stderr)")
        #expect(ran.stdout.contains("[senate-hrd]: 2 rejected"), "the text report is still printed: \(ran.stdout)")
        #expect(try Self.hashes(job.input) == before, "nothing in the input folder changed")

        let checked = job.output + "/checked"
        let expected = [
            "hr-personnel/progress_hr-personnel_12m.xlsx", "hr-personnel/progress_hr-personnel_6m.xlsx",
            "hr-policy/hr-policy_progress_2562.xlsx", "senate-hrd/senate-hrd_12m.xlsx", "senate-hrd/senate-hrd_6m.xlsx",
            "senate-policy/senate-policy_2562.xlsx",
        ].map { checked + "/" + $0 }
        #expect(Self.written(ran.stdout) == expected, "\(ran.stdout)")
        for path in expected {
            let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int
            #expect(ran.stdout.contains("\(path) (1 refused, 0 notices; \(size ?? -1) bytes on disk)"))
        }
        let copies = try FileManager.default.subpaths(atPath: checked)!.filter { $0.hasSuffix(".xlsx") }
        #expect(copies.count == 6, "a clean file gets no copy: \(copies)")
        #expect(!FileManager.default.fileExists(atPath: checked + "/hr-it"))

        // Windows-874, a title row and a group row above the header: every cell at its spreadsheet row.
        let personnel = try Self.read(
            expected[0], csv: job.input + "/exports/hr-personnel/progress_hr-personnel_12m.csv", encoding: "cp874")
        #expect(personnel.mismatches.isEmpty, "\(personnel.mismatches)")
        #expect(personnel.sheets == ["progress_hr-personnel_12m", MarkedCopy.listSheet])
        #expect(personnel.freeze == "A4", "the title, group and header rows stay in view")
        #expect(personnel.marked.keys.sorted() == ["F11"], "\(personnel.marked)")
        let cell = try #require(personnel.marked["F11"])
        #expect(cell.value == "ไม่ระบุ")
        #expect(cell.fill == Self.red)
        for part in [
            "“ไม่ระบุ” ไม่ใช่ตัวเลข", "วิธีแก้: \(RejectCode.badParticipants.fix.thai)", "is not a figure",
            RejectCode.badParticipants.fix.english, "[participants.invalid]",
        ] {
            #expect(cell.comment.contains(part), "\(cell.comment)")
        }

        let senate = try Self.read(
            expected[3], csv: job.input + "/exports/senate-hrd/senate-hrd_12m.csv", encoding: "cp874")
        #expect(senate.mismatches.isEmpty, "\(senate.mismatches)")
        #expect(senate.marked.keys.sorted() == ["D18"], "the date column of row 18: \(senate.marked)")
        #expect(senate.marked["D18"]?.value == "29/02/2562")
        #expect(senate.marked["D18"]?.comment.contains("วิธีแก้: \(RejectCode.badDate.fix.thai)") == true)
        #expect(senate.list.count == 3)
        #expect(
            senate.list[1] == ["แถวที่", "คอลัมน์", "ค่าที่ส่งมา", "ผลการตรวจ", "เหตุผล", "วิธีแก้", "English", "รหัส (code)"])
        #expect(Array(senate.list[2].prefix(4)) == ["18", "วันที่ดำเนินการ", "29/02/2562", "ไม่รับ"])
        #expect(senate.list[2][5] == RejectCode.badDate.fix.thai)
        #expect(senate.list[2][7] == "date.invalid")

        // Three title rows above the header.
        let sixMonths = try Self.read(expected[4], csv: job.input + "/exports/senate-hrd/senate-hrd_6m.csv")
        #expect(sixMonths.mismatches.isEmpty, "\(sixMonths.mismatches)")
        #expect(sixMonths.marked.keys.sorted() == ["A14"], "the project id of row 14: \(sixMonths.marked)")
    }

    @Test(
        "a row counted twice is amber on its first cell, 007 and dates stay text, a cell with line breaks is one cell, a cell past the header is marked by position; --bureau writes only its own"
    )
    func noticesAndCells() throws {
        let job = try JobFixture(registry: ExitCodeTests.shippedRegistry)
        defer { try? FileManager.default.removeItem(at: job.root) }
        let file = job.input + "/exports/hr-it/hr-it_progress.csv"
        let lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").map(String.init)
        let name = "การพัฒนาระบบเทคโนโลยีสารสนเทศเพื่อการเผยแพร่ข้อมูลข่าวสารของสำนักงาน แก่บุคลากรภายในและบุคคลภายนอก"
        let added = [
            lines[2],  // row 5: row 2 again (line 3: the header holds a line break)
            "007,\(name),สำนักสารสนเทศ (สผ.),2019-03-01,1,0,-,40,อยู่ระหว่างดำเนินการ,\"บรรทัดหนึ่ง\nบรรทัดสอง\",\"หนึ่ง\r\nสอง\",,,",
            "สผ-62-020,\(name),สำนักสารสนเทศ (สผ.),28 มีนาคม 2562,1,0,-,60,อยู่ระหว่างดำเนินการ,,,,,,เกิน",
        ]
        try Data((lines + added).joined(separator: "\n").appending("\n").utf8).write(to: URL(fileURLWithPath: file))
        let before = try Self.hashes(job.input)
        let ran = try job.run(
            ["validate", "--bureau", "hr-it", "--format", "xlsx", "--input", job.input, "--output", job.output])
        #expect(ran.status == JobExit.findings.rawValue, "\(ran.stderr)")
        #expect(try Self.hashes(job.input) == before)
        let copy = job.output + "/checked/hr-it/hr-it_progress.xlsx"
        #expect(Self.written(ran.stdout) == [copy], "\(ran.stdout)")
        #expect(ran.stdout.contains("(2 refused, 1 notice;"), "\(ran.stdout)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: job.output + "/checked") == ["hr-it"])

        let read = try Self.read(copy, csv: file)
        #expect(read.mismatches.isEmpty, "\(read.mismatches)")
        #expect(read.records == 7)
        #expect(read.marked.keys.sorted() == ["A5", "A6", "O7"], "\(read.marked)")
        #expect(read.marked["A5"]?.fill == Self.amber)
        #expect(read.marked["A5"]?.comment.contains("วิธีแก้: \(RejectCode.repeatedRow.fix.thai)") == true)
        #expect(read.marked["A5"]?.comment.contains("ข้อสังเกต (ทั้งแถว)") == true, "\(read.marked)")
        #expect(read.marked["A6"].map { ($0.value, $0.fill) } ?? ("", "") == ("007", Self.red))
        #expect(read.marked["A6"]?.comment.contains("[project.unknown_id]") == true)
        #expect(read.marked["O7"].map { ($0.value, $0.fill) } ?? ("", "") == ("เกิน", Self.red))
        #expect(read.marked["O7"]?.comment.contains(RejectCode.raggedRow.fix.thai) == true)
        #expect(read.list.map { $0.first ?? "" }.dropFirst(2) == ["5", "6", "7"])
        #expect(read.list[2][3] == "ข้อสังเกต")
    }

    @Test(
        "a file named outside the input: its copy in its bureau's folder, the same bytes each time; removed once clean")
    func namedFile() throws {
        let job = try JobFixture(registry: ExitCodeTests.shippedRegistry)
        defer { try? FileManager.default.removeItem(at: job.root) }
        let desktop = job.root.appendingPathComponent("desktop").path
        try FileManager.default.createDirectory(atPath: desktop, withIntermediateDirectories: true)
        let mine = desktop + "/ส่งผล.csv"
        try FileManager.default.copyItem(atPath: job.input + "/exports/senate-hrd/senate-hrd_12m.csv", toPath: mine)
        let arguments = ["validate", mine, "--bureau", "senate-hrd", "--format", "xlsx", "--output", job.output]
        let first = try job.run(arguments + ["--input", job.input])
        let copy = job.output + "/checked/senate-hrd/ส่งผล.xlsx"
        #expect(Self.written(first.stdout) == [copy], "\(first.stdout)\(first.stderr)")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: copy))
        let again = try job.run(arguments + ["--input", job.input])
        #expect(again.status == first.status)
        #expect(try Data(contentsOf: URL(fileURLWithPath: copy)) == bytes, "the same file gives the same bytes")
        #expect(try Self.read(copy, csv: mine, encoding: "cp874").marked.keys.sorted() == ["D18"])

        // The clerk fixes the date: nothing to mark, and the copy that said otherwise is gone.
        var text = try Data(contentsOf: URL(fileURLWithPath: mine))
        text.replaceSubrange(text.range(of: Data("29/02/2562".utf8))!, with: Data("28/02/2562".utf8))
        try text.write(to: URL(fileURLWithPath: mine))
        let fixed = try job.run(arguments + ["--input", job.input])
        #expect(fixed.status == JobExit.published.rawValue, "\(fixed.stdout)\(fixed.stderr)")
        #expect(!FileManager.default.fileExists(atPath: copy))
        #expect(fixed.stdout.contains("nothing to mark now; the earlier marked copy \(copy) was removed"))
    }

    @Test("a file that is not text gets no copy, and the report says why")
    func unreadable() throws {
        let job = try JobFixture(registry: ExitCodeTests.shippedRegistry)
        defer { try? FileManager.default.removeItem(at: job.root) }
        try Data([0, 0, 0, 7, 0, 1, 2, 3] + Array(repeating: 0, count: 64)).write(
            to: URL(fileURLWithPath: job.input + "/exports/hr-it/broken.csv"))
        let ran = try job.run(
            ["validate", "--bureau", "hr-it", "--format", "xlsx", "--input", job.input, "--output", job.output])
        #expect(ran.status == JobExit.findings.rawValue, "\(ran.stderr)")
        #expect(ran.stdout.contains("  broken.csv: no marked copy: "), "\(ran.stdout)")
        #expect(ran.stdout.contains("    ไม่มีสำเนาที่ทำเครื่องหมาย: "))
        #expect(Self.written(ran.stdout).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: job.output + "/checked/hr-it/broken.xlsx"))
    }

    @Test(
        "a link planted at checked, at a bureau's folder or at a copy is refused (78) and nothing is written through it",
        arguments: ["checked", "checked/senate-hrd", "checked/senate-hrd/senate-hrd_12m.xlsx"])
    func plantedLink(at planted: String) throws {
        let job = try JobFixture(registry: ExitCodeTests.shippedRegistry)
        defer { try? FileManager.default.removeItem(at: job.root) }
        let elsewhere = job.root.appendingPathComponent("elsewhere").path
        try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
        try Data("kept".utf8).write(to: URL(fileURLWithPath: elsewhere + "/senate-hrd_12m.xlsx"))
        let link = job.output + "/" + planted
        try FileManager.default.createDirectory(
            atPath: (link as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let target = planted.hasSuffix(".xlsx") ? elsewhere + "/senate-hrd_12m.xlsx" : elsewhere
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        let before = try Self.hashes(elsewhere)

        let ran = try job.run(["validate", "--format", "xlsx", "--input", job.input, "--output", job.output])
        #expect(ran.status == JobExit.configuration.rawValue, "\(ran.stdout)\(ran.stderr)")
        #expect(ran.stderr.contains("\(link): is a link, not a "), "\(ran.stderr)")
        #expect(ran.stderr.contains("never through a link"))
        // A folder is checked before anything is read; a copy's name once the files are read, so the report is printed.
        #expect(ran.stdout.contains("[senate-hrd]: 2 rejected") == planted.hasSuffix(".xlsx"), "\(ran.stdout)")
        #expect(try Self.hashes(elsewhere) == before, "nothing written through the link")
        let written = (FileManager.default.subpaths(atPath: job.output) ?? [])
            .filter { $0.hasSuffix(".xlsx") && !$0.hasPrefix(planted + "/") }
        #expect(written == (planted.hasSuffix(".xlsx") ? [planted] : []), "no copy written anywhere: \(written)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == target, "the link is left as it was")
    }
}
