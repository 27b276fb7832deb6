import Foundation
import RollupBase
import RollupReading

/// A row's identity for duplicate detection: "the same row" is one that reports on the same plan
/// project for the same bureau (its หน่วยงาน cell, else the file's bureau) with the same values once
/// each cell is normalized — the date, activities, participants, money spent, result, status, and
/// the evidence and remarks compared as keys (Thai digits as Arabic, no spaces, case folded) —
/// whatever file, folder, encoding, line ends, column order, digit forms or spacing it came in. A row
/// one bureau copied from another keeps the other's name in its หน่วยงาน cell, so it is the same
/// row; two bureaus that each held a session are not. Hashed to 128 bits, of which 96 are compared.
struct RowFingerprint: Hashable {
    let high: Int
    let low: Int

    init(high: Int, low: Int) {
        self.high = high
        self.low = low
    }

    /// `resultKey`: the result as compared (`resultKey(_:)`), 0 when the row gives none; `bureau`:
    /// the bureau the row names, as `TextKeyHash` of its key (the file's bureau when the cell is empty).
    init(_ row: ProgressRow, project: Int, bureau: TextKeyHash, resultKey: UInt64) {
        let status: UInt64 = row.status.map { UInt64(ProjectStatus.allCases.firstIndex(of: $0)!) + 1 } ?? 0
        let date = UInt64(row.date.year * 10_000 + row.date.month * 100 + row.date.day)
        // A tuple, not an array: no allocation per row.
        let words = (
            UInt64(project), date, UInt64(bitPattern: row.activities), UInt64(bitPattern: row.participants),
            UInt64(bitPattern: row.spentSatang), resultKey, status, row.evidenceKey.high, row.evidenceKey.low,
            row.noteKey.high, row.noteKey.low, bureau.high, bureau.low
        )
        let (high, low) = withUnsafeBytes(of: words) { Hash128.of($0) }
        self.high = Int(truncatingIfNeeded: high)
        self.low = Int(truncatingIfNeeded: low)
    }

    /// A result percentage as compared: 5, 5.0 and ๕.๐๐ alike (never 0, which stands for none).
    static func resultKey(_ value: Decimal) -> UInt64 {
        var d = value
        NSDecimalCompact(&d)
        var text = Array(DecimalText.plain(d).utf8)
        return text.withUnsafeMutableBytes { Hash128.of(UnsafeRawBufferPointer($0)).0 } | 1
    }
}
