import Foundation
import Testing

@testable import PlanRollup
@testable import RollupBase
@testable import RollupCore
@testable import RollupReading

/// Everything the table reader made of one fixture.
struct ReadOutcome {
    var header: TableHeader?
    var missing: MissingHeader?
    var data: [TableRow] = []
    var skipped: [(Int, SkipReason)] = []
    var headerLines: [Int] = []
    var ragged: [(Int, Int)] = []
    var malformed: [CSVSyntaxError] = []
    var withoutHeader = 0
    var records = 0

    /// Every record ended in exactly one place.
    var accountedFor: Int {
        data.count + skipped.count + headerLines.count + ragged.count + withoutHeader
    }
}

func readTable(_ fixture: String) throws -> (InputFile, ReadOutcome) {
    let file = try InputFile(path: Paths.fixture("reading/" + fixture), displayPath: fixture)
    var out = ReadOutcome()
    let summary = try TableReader().read(file) { event in
        switch event {
        case .header(let r): out.headerLines.append(r.line)
        case .skipped(let r, let why): out.skipped.append((r.line, why))
        case .data(let row): out.data.append(row)
        case .ragged(let r, let column, _): out.ragged.append((r.line, column))
        case .malformed(let e): out.malformed.append(e)
        case .withoutHeader: out.withoutHeader += 1
        }
    }
    out.header = summary.header
    out.missing = summary.missingHeader
    out.records = summary.statistics.records
    return (file, out)
}

struct EncodingCase: CustomTestStringConvertible, Sendable {
    let fixture: String
    let encoding: TextEncoding
    let delimiter: String
    var testDescription: String { fixture }
}

@Suite("Reading any export as it arrives")
struct InputFileTests {
    static let encodings: [EncodingCase] = [
        EncodingCase(fixture: "utf8-bom.csv", encoding: .utf8BOM, delimiter: "comma"),
        EncodingCase(fixture: "utf8-nobom-lf.csv", encoding: .utf8, delimiter: "comma"),
        EncodingCase(fixture: "cp874.csv", encoding: .windows874, delimiter: "comma"),
        EncodingCase(fixture: "utf16le-tab.txt", encoding: .utf16LE, delimiter: "tab"),
        EncodingCase(fixture: "utf16be-tab.txt", encoding: .utf16BE, delimiter: "tab"),
        EncodingCase(fixture: "semicolon.csv", encoding: .utf8, delimiter: "semicolon"),
    ]

    @Test("encodings and delimiters are detected and decode to the same Thai text", arguments: encodings)
    func decodes(_ c: EncodingCase) throws {
        let (file, out) = try readTable(c.fixture)
        #expect(file.encoding == c.encoding)
        #expect(file.dialect.delimiterName == c.delimiter)
        #expect(out.data.count == 2)
        #expect(out.data.first?.text(.projectID) == "สผ-62-001")
        #expect(out.data.first?.text(.bureau) == "สำนักพัฒนาบุคลากร (สผ.)")
        #expect(out.data.first?.text(.spent) == "๑๒,๕๐๐")
        #expect(out.data.last?.text(.date) == "21/02/2562")
        #expect(out.data.map(\.record.line) == [2, 3])
        #expect(out.accountedFor == out.records)
    }

    @Test("title rows above the header are skipped as titles; subtotal and blank rows below are skipped")
    func titleRows() throws {
        let (_, out) = try readTable("title-rows.csv")
        #expect(out.headerLines == [4])
        #expect(out.data.count == 2)
        #expect(out.skipped.map(\.0) == [1, 2, 8, 9])
        #expect(out.skipped.map(\.1) == [.title, .title, .subtotal, .blank])
        #expect(out.accountedFor == out.records)
    }

    @Test("a two-row header is merged: the group row above the field row")
    func twoRowHeader() throws {
        let (_, out) = try readTable("two-row-header.csv")
        #expect(out.headerLines == [1, 2])
        let header = try #require(out.header)
        #expect(header.fields == [.projectID, .project, .bureau, .date, .activities, .participants, .spent])
        #expect(header.name(ofColumn: 4) == "ผลการดำเนินงาน / จำนวนครั้ง")
        #expect(out.data.count == 2)
        #expect(out.accountedFor == out.records)
    }

    @Test("header names with slips: spaces, line breaks, zero-width characters")
    func headerSlips() throws {
        let (_, out) = try readTable("header-slips.csv")
        let header = try #require(out.header)
        #expect(header.fields == [.projectID, .project, .bureau, .date, .activities, .participants, .spent, .note])
        #expect(out.data.count == 2)
    }

    @Test("English header names in another order")
    func englishReordered() throws {
        let (_, out) = try readTable("english-reordered.csv")
        #expect(out.data.first?.text(.participants) == "๗๐")
        #expect(out.data.first?.text(.projectID) == "สผ-62-001")
        #expect(out.data.first?.text(.spent) == "๑๒,๕๐๐")
    }

    @Test("ragged rows: short rows read as empty cells, extra non-empty cells are refused, extra empty cells ignored")
    func raggedRows() throws {
        let (_, out) = try readTable("ragged.csv")
        #expect(out.data.map(\.record.line) == [2, 3, 4, 6])
        #expect(out.data[2].text(.spent) == "")
        #expect(out.ragged.map(\.0) == [5])
        #expect(out.ragged.map(\.1) == [7])
        #expect(out.accountedFor == out.records)
    }

    @Test("a repeated header row below the data is skipped")
    func repeatedHeader() throws {
        let (_, out) = try readTable("repeated-header.csv")
        #expect(out.skipped.map(\.1) == [.repeatedHeader])
        #expect(out.data.count == 2)
    }

    @Test("a binary file is refused whole with the reason")
    func binaryFile() throws {
        #expect(throws: UndecodableFile.self) { try InputFile(path: Paths.fixture("reading/binary.bin")) }
    }

    @Test("an empty file and a header-only file have no data rows; a file without a header names what it had")
    func emptyAndHeaderOnly() throws {
        let (_, empty) = try readTable("empty.csv")
        #expect(empty.records == 0)
        #expect(empty.missing != nil)
        let (_, headerOnly) = try readTable("header-only.csv")
        #expect(headerOnly.header != nil)
        #expect(headerOnly.data.isEmpty)
        #expect(headerOnly.headerLines == [1])
        let (_, none) = try readTable("no-header.csv")
        #expect(none.missing?.headersSeen == ["a", "b", "c"])
        #expect(none.withoutHeader == 2)
        #expect(none.accountedFor == none.records)
    }
}

@Suite("Encoding detection")
struct EncodingDetectorTests {
    static let cases: [([UInt8], TextEncoding?)] = [
        ([0xEF, 0xBB, 0xBF, 0x61], .utf8BOM),
        ([0xFF, 0xFE, 0x61, 0x00], .utf16LE),
        ([0xFE, 0xFF, 0x00, 0x61], .utf16BE),
        (Array("สำนัก,1\n".utf8), .utf8),
        ([0xCA, 0xD3, 0xB9, 0xD1, 0xA1, 0x2C, 0x31], .windows874),  // "สำนัก,1" in Windows-874
        (Array("สำนัก".utf8).dropLast(1).map { $0 }, .utf8),  // sample cut inside a character
        ([0x61, 0x00, 0x2C, 0x00, 0x62, 0x00, 0x0A, 0x00], .utf16LEWithoutBOM),
        ([0x61, 0x2C, 0xFF, 0x0A], nil),  // 0xFF is defined in neither
        ([0x61, 0x00, 0x00, 0x00, 0x7F, 0x45, 0x4C, 0x46], nil),  // NULs without a UTF-16 pattern
    ]

    @Test("detects from the first bytes", arguments: cases)
    func detects(bytes: [UInt8], expected: TextEncoding?) {
        let result = bytes.withUnsafeBytes { EncodingDetector.detect($0) }
        switch result {
        case .success(let e): #expect(e == expected)
        case .failure: #expect(expected == nil)
        }
    }

    @Test("a Windows-874 byte the encoding leaves undefined stays invalid text, so its row can be refused")
    func undefinedByteSurvivesAsInvalid() throws {
        let bytes: [UInt8] = [0xCA, 0x2C, 0xDB, 0x0A]  // "ส,<undefined>"
        let decoded = try InputFile.decode(bytes, encoding: .windows874)
        #expect(String(validating: decoded, as: UTF8.self) == nil)
        #expect(decoded.starts(with: Array("ส,".utf8)))
    }

    @Test("UTF-16 split across decoder blocks keeps every character")
    func utf16AcrossBlocks() throws {
        let text = String(repeating: "สำนักพัฒนาบุคลากร,๕๒๐\r\n", count: 50)
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in text.utf16 {
            bytes.append(UInt8(unit & 0xFF))
            bytes.append(UInt8(unit >> 8))
        }
        let out = try Self.drain(DecodingByteSource(MemoryByteSource(bytes), encoding: .utf16LE, blockSize: 7))
        #expect(String(validating: out, as: UTF8.self) == text)
    }

    @Test("UTF-16 without a byte order mark is read whole: its first character is not taken for a mark")
    func utf16WithoutBOM() throws {
        let text = "ภาคและจังหวัด\tรหัสโครงการ\r\nกลาง\tสผ-62-001\r\n"
        for littleEndian in [true, false] {
            var bytes: [UInt8] = []
            for unit in text.utf16 {
                let pair = [UInt8(unit & 0xFF), UInt8(unit >> 8)]
                bytes += littleEndian ? pair : pair.reversed()
            }
            let folder = try makeTemporaryFolder("utf16")
            defer { try? FileManager.default.removeItem(at: folder) }
            let path = folder.appendingPathComponent("export.txt").path
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            let file = try InputFile(path: path, displayPath: "export.txt")
            #expect(file.encoding == (littleEndian ? .utf16LEWithoutBOM : .utf16BEWithoutBOM))
            var first: [String] = []
            _ = try file.forEach { event in
                if case .record(let r) = event, first.isEmpty { first = r.cells }
            }
            #expect(first == ["ภาคและจังหวัด", "รหัสโครงการ"])
        }
    }

    /// Everything a source hands out, read in small pieces.
    static func drain(_ source: some ByteSource) throws -> [UInt8] {
        var source = source
        var out: [UInt8] = []
        var block = [UInt8](repeating: 0, count: 5)
        while true {
            let n = try block.withUnsafeMutableBytes { try source.read(into: $0) }
            if n == 0 { break }
            out.append(contentsOf: block[0..<n])
        }
        return out
    }

    @Test("Windows-874 by table gives iconv's bytes for every byte value, undefined ones included")
    func windows874TableMatchesIconv() throws {
        var bytes: [UInt8] = (0...255).map(UInt8.init) + (0...255).reversed().map(UInt8.init)
        bytes += Array(repeating: [0xCA, 0xC3, 0xE8, 0x2C, 0xD3, 0x0D, 0x0A], count: 40).flatMap { $0 }
        let byTable = try Self.drain(DecodingByteSource(MemoryByteSource(bytes), encoding: .windows874, blockSize: 64))
        let byIconv = try Self.drain(
            DecodingByteSource(MemoryByteSource(bytes), encoding: .windows874, blockSize: 64, byTable: false))
        #expect(byTable == byIconv)
        #expect(byTable.count > bytes.count, "Thai letters become three bytes each")
    }
}

@Suite("A UTF-8 file cut off in transfer")
struct TruncatedUTF8Tests {
    @Test("ending inside a character refuses the whole file with that reason; whole files of the same bytes are read")
    func cutInsideACharacter() throws {
        let text =
            "รหัสโครงการ,วันที่ดำเนินการ,จำนวนครั้ง,หมายเหตุ\n"
            + "สผ-62-002,1/10/2561,1,ครบ\nสผ-62-002,1/11/2561,1,ครบถ้วน\n"
        var bytes = Array(text.utf8)
        bytes.removeLast()  // the newline: the file ends with a whole character
        let whole = bytes
        bytes.removeLast()  // the last byte of "น": the file ends inside it
        let outcome = try runOnGoldenPlan(["hr/whole.csv": whole, "hr/x_cut.csv": bytes])
        let wholeAccount = try #require(outcome.accounts.first { $0.path.hasSuffix("whole.csv") })
        let cut = try #require(outcome.accounts.first { $0.path.hasSuffix("x_cut.csv") })
        #expect(wholeAccount.accepted == 2 && wholeAccount.refusal == nil)
        #expect(cut.accepted == 0 && cut.rejected == cut.records && cut.isBalanced)
        #expect(cut.refusal?.contains("cut off in transfer") == true)
        #expect(outcome.summary.total.actual.rows == 2)
        #expect(!outcome.rejects.contains { $0.raw.contains("\u{FFFD}") || $0.record.joined().contains("\u{FFFD}") })
    }
}

@Suite("A date column has one order")
struct DateColumnOrderTests {
    static func run(_ files: [String: [String]], extraColumn: String? = nil) throws -> Pipeline.Outcome {
        let extra = extraColumn.map { "," + $0 } ?? ""
        return try runOnGoldenPlan(
            lines: files.reduce(into: [:]) { out, file in
                let rows = file.value.enumerated().map { i, d in
                    "สผ-62-002,\(d),1,\(i + 1)" + (extraColumn == nil ? "" : ",x")
                }
                out[file.key + "/x.csv"] = ["รหัสโครงการ,วันที่ดำเนินการ,จำนวนครั้ง,จำนวนผู้เข้าร่วม (คน)" + extra] + rows
            }, asOf: CalendarDay(year: 2019, month: 9, day: 30)!)
    }

    /// Participants by month: each row's participants are its line number − 1, so a month's sum names its rows.
    static func byMonth(_ o: Pipeline.Outcome) -> [String: Int64] {
        Dictionary(
            uniqueKeysWithValues: o.summary.months.filter { $0.actual.rows > 0 }.map {
                ($0.label, $0.actual.participants)
            })
    }

    @Test("a month-first column: 2/3/2019 is 3 February once 2/13/2019 settles it, and 13/2/2019 is refused")
    func monthFirst() throws {
        let o = try Self.run(["en": ["2/3/2019", "2/13/2019", "12/25/2018", "13/2/2019"]])
        #expect(Self.byMonth(o) == ["2019-02": 1 + 2, "2018-12": 3])
        #expect(o.rejects.map(\.code) == [.badDate])
        #expect(o.rejects.first?.english.contains("reads only as day/month") == true)
        #expect(o.accounts.first?.dateOrder == "month_first (line 3)")
    }

    @Test("a day-first column, settled by a day over 12 or a Buddhist Era year")
    func dayFirst() throws {
        let ce = try Self.run(["a": ["2/3/2019", "21/02/2019"]])
        #expect(Self.byMonth(ce) == ["2019-03": 1, "2019-02": 2])
        #expect(ce.accounts.first?.dateOrder == "day_first (line 3)")
        let be = try Self.run(["a": ["2/3/2562"]])
        #expect(Self.byMonth(be) == ["2019-03": 1])
        #expect(be.accounts.first?.dateOrder == "day_first (line 2)")
    }

    @Test("a column no date settles: the dates that read two ways are refused, never guessed")
    func unsettled() throws {
        let o = try Self.run(["a": ["2/3/2019", "5/5/2019", "4/6/2019", "๑๕ ก.พ. ๒๕๖๒"]])
        #expect(o.rejects.map(\.code) == [.ambiguousDateOrder, .ambiguousDateOrder])
        #expect(o.rejects.map(\.row) == [2, 4])
        #expect(Self.byMonth(o) == ["2019-05": 2, "2019-02": 4])
        #expect(o.accounts.first?.dateOrder == "unsettled")
        #expect(o.accounts.allSatisfy { $0.isBalanced })
    }
}

@Suite("A two-row header is merged only under a row of labels")
struct TwoRowHeaderLabelTests {
    @Test(
        "a totals row just above the header stays out of it; a group row of labels is merged",
        arguments: [
            (["TOTAL", "", "79,901.58"], false), (["รวมทั้งสิ้น", "", "๔๓๙,๒๐๐"], false), (["", "", "12,500"], false),
            (["", "ไตรมาสที่ ๑", ""], true), (["ข้อมูลโครงการ", "", "การเงิน"], true),
        ] as [([String], Bool)])
    func upperRow(_ upper: [String], merged: Bool) throws {
        let lower = ["รหัสโครงการ", "วันที่ดำเนินการ", "เบิกจ่าย (บาท)"]
        let records = [CSVRecord(cells: upper, line: 1), CSVRecord(cells: lower, line: 2)]
        let header = try #require(TableReader().detectHeader(in: records))
        #expect(header.column(of: .spent) == 2)
        #expect((header.firstRecord == records[0].ordinal) == merged)
        if !merged { #expect(header.names == lower) }
    }
}

@Suite("A figure too large to sum safely")
struct FigureCeilingTests {
    @Test("is refused with its own reason, and the other rows count")
    func refused() throws {
        let rows =
            ["รหัสโครงการ,วันที่ดำเนินการ,จำนวนครั้ง,จำนวนผู้เข้าร่วม (คน),เบิกจ่าย (บาท)"]
            + Array(repeating: "สผ-62-002,1/10/2561,1,5,\"9,999,999,999,999,999.99\"", count: 10)
            + ["สผ-62-002,2/10/2561,1,2000000,0", "สผ-62-002,3/10/2561,200000,1,0", "สผ-62-002,4/10/2561,1,5,100"]
        let o = try runOnGoldenPlan(lines: ["hr/x.csv": rows])
        #expect(o.rejects.map(\.code) == Array(repeating: .figureTooLarge, count: 12))
        #expect(o.summary.total.actual == Tally(rows: 1, activities: 1, participants: 5, spentSatang: 100_00))
    }
}
