import Testing

@testable import PlanRollup

/// A row's duplicate identity: its mapped cells by field, trimmed; not where the columns stand.
@Suite("Row fingerprints")
struct RowFingerprintTests {
    /// The data row of a header row and one data row.
    static func row(_ header: [String], _ cells: [String]) -> TableRow {
        let reader = TableReader()
        let records = [CSVRecord(cells: header, line: 1), CSVRecord(cells: cells, line: 2)]
        let head = reader.detectHeader(in: records)!
        guard case .data(let row) = reader.classify(records[1], header: head) else { fatalError("not data") }
        return row
    }

    static func print(_ row: TableRow) -> RowFingerprint {
        var scratch: [UInt8] = []
        return RowFingerprint(row, scratch: &scratch)
    }

    static let header = ["รหัสโครงการ", "วันที่ดำเนินการ", "จำนวนครั้ง", "จำนวนผู้เข้าร่วม (คน)", "หมายเหตุ"]
    static let cells = ["สผ-62-001", "๑ ต.ค. ๒๕๖๑", "1", "20", "ทดสอบ"]

    @Test("the same cells give the same identity, whatever the column order and surrounding spaces")
    func sameRow() {
        let a = Self.print(Self.row(Self.header, Self.cells))
        let reordered = Self.print(Self.row(Self.header.reversed(), Self.cells.reversed()))
        let spaced = Self.print(Self.row(Self.header, Self.cells.map { " \($0)\t" }))
        #expect(a == reordered)
        #expect(a == spaced)
    }

    @Test("a different cell, or the same figures in other fields, is another row")
    func differentRows() {
        let a = Self.print(Self.row(Self.header, Self.cells))
        var changed = Self.cells
        changed[3] = "21"
        var swapped = Self.cells
        swapped.swapAt(2, 3)
        var moved = Self.cells
        moved[4] = ""
        moved[3] = "20ทดสอบ"
        #expect(a != Self.print(Self.row(Self.header, changed)))
        #expect(a != Self.print(Self.row(Self.header, swapped)))
        #expect(a != Self.print(Self.row(Self.header, moved)))
    }

    @Test("the table finds every row it was given, the first sighting wins, and a file can be forgotten")
    func table() {
        var table = FingerprintTable()
        let first = table.beginFile("a.csv")
        let second = table.beginFile("b.csv")
        var sequence = FixedSequence(seed: 1)
        func key() -> RowFingerprint {
            let high = Int(truncatingIfNeeded: sequence.next64())
            return RowFingerprint(high: high, low: Int(truncatingIfNeeded: sequence.next64()))
        }
        let keys = (0..<50_000).map { _ in key() }
        for (i, k) in keys.enumerated() {
            table.insertIfAbsent(k, .init(file: i < 30_000 ? first : second, line: Int32(i + 2)))
        }
        table.insertIfAbsent(keys[7], .init(file: second, line: 99))
        #expect(table.count == keys.count)
        #expect(keys.enumerated().allSatisfy { i, k in table[k] == .init(file: i < 30_000 ? first : second, line: Int32(i + 2)) })
        #expect(table[key()] == nil)
        // Same high word, another low word: a different row.
        #expect(table[RowFingerprint(high: keys[3].high, low: keys[3].low &+ 1)] == nil)
        table.removeFile(second)
        #expect(table.count == 30_000)
        #expect(keys[..<30_000].allSatisfy { table[$0] != nil } && keys[30_000...].allSatisfy { table[$0] == nil })
        #expect(table.fileNames == ["a.csv", "b.csv"])
    }
}
