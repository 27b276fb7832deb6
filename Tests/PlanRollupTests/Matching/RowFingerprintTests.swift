import Testing

@testable import PlanRollup
@testable import RollupBase
@testable import RollupCore
@testable import RollupReading

/// A row's duplicate identity: the project and its cells once normalized; not the file's encoding,
/// column order, digit forms, spacing or the bureau that sent it.
@Suite("Row fingerprints")
struct RowFingerprintTests {
    /// The normalized data row of a header row and one data row, as the reader parses it.
    static func row(_ header: [String], _ cells: [String]) -> ProgressRow {
        let reader = TableReader()
        let records = [CSVRecord(cells: header, line: 1), CSVRecord(cells: cells, line: 2)]
        let head = reader.detectHeader(in: records)!
        guard case .data(let row) = reader.classify(records[1], header: head) else { fatalError("not data") }
        var parser = ProgressRowParser()
        return parser.parse(row, file: "f.csv", source: "b").row
    }

    static func print(_ row: ProgressRow, project: Int = 0) -> RowFingerprint {
        RowFingerprint(
            row, project: project, bureau: row.bureauLooseHash,
            resultKey: row.resultPercent.map(RowFingerprint.resultKey) ?? 0)
    }

    static let header = [
        "รหัสโครงการ", "หน่วยงาน", "วันที่ดำเนินการ", "จำนวนครั้ง", "จำนวนผู้เข้าร่วม (คน)", "เบิกจ่าย (บาท)",
        "ผลการดำเนินการ (ร้อยละ)", "สถานะ", "หมายเหตุ",
    ]
    static let cells = [
        "สผ-62-001", "สำนักพัฒนาบุคลากร (สผ.)", "๑ ต.ค. ๒๕๖๑", "1", "20", "1,500", "80", "เสร็จสิ้น", "รุ่นที่ 1",
    ]

    @Test(
        "the same row, however it was written, has the same identity",
        arguments: [
            ("column order", header.reversed(), cells.reversed()),
            ("surrounding spaces", header, cells.map { " \($0)\t" }),
            (
                "Thai digits and another date form", header,
                [
                    "สผ-๖๒-๐๐๑", "สำนักพัฒนาบุคลากร (สผ.)", "1/10/2561", "๑", "๒๐", "๑,๕๐๐.๐๐", "๘๐.๐", "ดำเนินการแล้วเสร็จ",
                    "รุ่นที่ ๑",
                ]
            ),
            ("spacing inside the remarks", header, cells.enumerated().map { $0.offset == 8 ? "รุ่นที่  1" : $0.element }),
            ("a dash for no remark", header + ["เอกสาร/หลักฐาน"], cells + ["-"]),
            (
                "spacing in the bureau's name", header,
                cells.enumerated().map { $0.offset == 1 ? "สำนักพัฒนา บุคลากร(สผ.)" : $0.element }
            ),
            (
                "the bureau's name without brackets", header,
                cells.enumerated().map { $0.offset == 1 ? "สำนักพัฒนาบุคลากร  สผ" : $0.element }
            ),
        ] as [(String, [String], [String])])
    func sameRow(_ what: String, header: [String], cells: [String]) {
        #expect(Self.print(Self.row(Self.header, Self.cells)) == Self.print(Self.row(header, cells)), "\(what)")
    }

    @Test(
        "a row record gives back exactly the tally and month of its row, cancelled or held, in items or activities",
        arguments: [
            ("1", "20", "1,500", "เสร็จสิ้น", "๑ ต.ค. ๒๕๖๑"), ("0", "0", "0", "ยกเลิก", "30 ก.ย. 2562"),
            ("3", "45", "12,000.50", "ยกเลิก", "๒๙ ก.พ. ๒๕๖๓"), ("", "", "", "", "1/1/2500"),
            ("100000", "1000000", "1,000,000,000", "ดำเนินการ", "31/12/2599"), ("0", "7", "0", "", "15 มี.ค. 62"),
        ] as [(String, String, String, String, String)], [false, true])
    func recordKeepsTally(_ figures: (String, String, String, String, String), asItems: Bool) throws {
        let (activities, participants, spent, status, date) = figures
        var cells = Self.cells
        (cells[2], cells[3], cells[4], cells[5], cells[7]) = (date, activities, participants, spent, status)
        let row = Self.row(Self.header, cells)
        var tally = Tally()
        tally.add(row, asItems: asItems)
        let month = Int32(row.date.year * 100 + row.date.month)
        let record = RowRecord(
            fingerprint: Self.print(row), line: 7, row: 6, project: 3, month: month, bureau: 1, named: 2, tally: tally)
        var bytes: [UInt8] = []
        record.encode(into: &bytes)
        #expect(bytes.count == 64)
        let back = bytes.withUnsafeBytes { RowRecord(decoding: $0) }
        #expect(back == record)
        #expect(back.tally == tally, "\(figures) items: \(asItems)")
        #expect(back.month == month)
        #expect((back.line, back.row, back.project, back.bureau, back.named) == (7, 6, 3, 1, 2))
    }

    @Test(
        "a row record holds any month a date can have (years 1 to 9999), whatever its tally, in 64 bytes of its own",
        arguments: [1_01, 1_12, 2561_10, 5461_04, 5461_05, 9999_12] as [Int32])
    func recordKeepsAnyMonth(_ month: Int32) throws {
        #expect(MemoryLayout<RowRecord>.size == 64 && MemoryLayout<RowRecord>.stride == 64, "no padding")
        let tallies = [
            Tally(rows: 1, activities: 0, participants: 0, spentSatang: 0),
            Tally(rows: 1, activities: 0, items: Int64.max, participants: Int64.max, spentSatang: Int64.max),
            Tally(
                rows: 1, activities: 0, participants: 0, spentSatang: -5, itemsCancelled: 3, participantsCancelled: 9),
            Tally(
                rows: 1, activities: 0, participants: 0, spentSatang: 1, activitiesCancelled: 0,
                participantsCancelled: 4),
        ]
        for tally in tallies {
            let record = RowRecord(
                fingerprint: RowFingerprint(high: -1, low: 1), line: 2, row: 3, project: 4, month: month, bureau: 5,
                named: 6, tally: tally)
            var bytes: [UInt8] = []
            record.encode(into: &bytes)
            let back = bytes.withUnsafeBytes { RowRecord(decoding: $0) }
            #expect(back.month == month && back.tally == tally, "\(month) \(tally)")
            // The date of the month as the merge rebuilds it.
            #expect(YearMonth(year: Int(back.month) / 100, month: Int(back.month) % 100) != nil)
        }
    }

    @Test("a different value, or the same figures in other fields or another project, is another row")
    func differentRows() {
        let a = Self.print(Self.row(Self.header, Self.cells))
        // Another bureau's name: two bureaus that each held a session, not one row sent twice.
        for (column, value) in [
            (4, "21"), (2, "๒ ต.ค. ๒๕๖๑"), (5, "1,500.01"), (6, "80.5"), (7, "ยกเลิก"), (8, "รุ่นที่ 2"),
            (1, "สำนักนโยบายและแผน (สผ.)"),
        ] {
            var changed = Self.cells
            changed[column] = value
            #expect(a != Self.print(Self.row(Self.header, changed)), "column \(column) = \(value)")
        }
        var swapped = Self.cells
        swapped.swapAt(3, 4)
        #expect(a != Self.print(Self.row(Self.header, swapped)))
        #expect(a != Self.print(Self.row(Self.header, Self.cells), project: 1))
    }

    @Test(
        "the table finds every row it was given (read back from the files' records, spilled to disk), the first sighting wins, and a file can be forgotten"
    )
    func table() {
        var table = FingerprintTable()
        var sequence = FixedSequence(seed: 1)
        func key() -> RowFingerprint {
            let high = Int(truncatingIfNeeded: sequence.next64())
            return RowFingerprint(high: high, low: Int(truncatingIfNeeded: sequence.next64()))
        }
        let keys = (0..<50_000).map { _ in key() }
        func record(_ k: RowFingerprint, row: Int) -> RowRecord {
            RowRecord(
                fingerprint: k, line: Int32(row), row: Int32(row), project: 0, month: 201_901, bureau: 0, named: 0,
                tally: Tally(rows: 1, activities: 1, participants: 0, spentSatang: 0))
        }
        let logs = [RowRecordLog(), RowRecordLog()]
        let first = table.beginFile("a.csv", records: logs[0])
        for (i, k) in keys[..<30_000].enumerated() {
            #expect(table.sight(k, file: first, index: logs[0].count) == .new)
            logs[0].append(record(k, row: i + 2))
        }
        logs[0].seal()
        let second = table.beginFile("b.csv", records: logs[1])
        for (i, k) in keys[30_000...].enumerated() {
            #expect(table.sight(k, file: second, index: logs[1].count) == .new)
            logs[1].append(record(k, row: 30_000 + i + 2))
        }
        // Sent again in the second file: the first sighting is found, nothing added.
        #expect(table.sight(keys[7], file: second, index: logs[1].count) == .duplicate(.init(file: first, row: 9)))
        // A second copy in the second file, where the first file holds one: counted.
        #expect(table.sight(keys[7], file: second, index: logs[1].count) == .again(.init(file: first, row: 9)))
        #expect(table.sight(keys[7], file: second, index: logs[1].count) == .again(.init(file: first, row: 9)))
        #expect(table.count == keys.count)
        #expect(
            keys.enumerated().allSatisfy { i, k in
                table.find(k) == .init(file: i < 30_000 ? first : second, row: Int32(i + 2))
            })
        #expect(table.find(key()) == nil)
        // Same high word, another low word: a different row, though the table keeps only the high word.
        let twin = RowFingerprint(high: keys[3].high, low: keys[3].low &+ 1)
        #expect(table.find(twin) == nil)
        #expect(table.sight(twin, file: second, index: logs[1].count) == .new)
        logs[1].append(record(twin, row: 99_999))
        #expect(table.find(twin) == .init(file: second, row: 99_999))
        #expect(table.find(keys[3]) == .init(file: first, row: 5))
        table.removeFile(second)
        #expect(table.count == 30_000)
        #expect(
            keys[..<30_000].allSatisfy { table.find($0) != nil } && keys[30_000...].allSatisfy { table.find($0) == nil }
        )
        #expect(table.fileNames == ["a.csv", "b.csv"])
        // The forgotten file's extra copies are forgotten with it: a third file again holds one copy as the first.
        let third = table.beginFile("c.csv", records: RowRecordLog())
        #expect(table.sight(keys[7], file: third, index: 0) == .duplicate(.init(file: first, row: 9)))
        #expect(table.sight(keys[7], file: third, index: 0) == .again(.init(file: first, row: 9)))
        table.endLookups()
    }
}
