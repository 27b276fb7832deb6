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
            row.noteKey.high, row.noteKey.low, bureau.high, bureau.low)
        let (high, low) = withUnsafeBytes(of: words) { Self.hash128($0) }
        self.high = Int(truncatingIfNeeded: high)
        self.low = Int(truncatingIfNeeded: low)
    }

    /// A result percentage as compared: 5, 5.0 and ๕.๐๐ alike (never 0, which stands for none).
    static func resultKey(_ value: Decimal) -> UInt64 {
        var d = value
        NSDecimalCompact(&d)
        var text = Array(DecimalText.plain(d).utf8)
        return text.withUnsafeMutableBytes { hash128(UnsafeRawBufferPointer($0)).0 } | 1
    }

    /// Two independently keyed lanes of a multiply-fold hash (wyhash's `mum` step) over 16-byte
    /// blocks: each block is folded by a 64×64→128-bit multiply, so every input bit reaches every
    /// output bit; the lanes share nothing but the input.
    static func hash128(_ bytes: UnsafeRawBufferPointer) -> (UInt64, UInt64) {
        @inline(__always) func mum(_ a: UInt64, _ b: UInt64) -> UInt64 {
            let r = a.multipliedFullWidth(by: b)
            return r.high ^ r.low
        }
        let k0: UInt64 = 0xA076_1D64_78BD_642F, k1: UInt64 = 0xE703_7ED1_A0B4_28DB
        let k2: UInt64 = 0x8EBC_6AF0_9C88_C6E3, k3: UInt64 = 0x5899_65CC_7537_4CC3
        let n = bytes.count
        var a = mum(UInt64(n) ^ k0, k1)
        var b = mum(UInt64(n) ^ k2, k3)
        var i = 0
        func word(_ at: Int) -> UInt64 {
            if at + 8 <= n { return bytes.loadUnaligned(fromByteOffset: at, as: UInt64.self) }
            var w: UInt64 = 0
            var shift: UInt64 = 0
            for j in at..<max(at, n) {
                w |= UInt64(bytes[j]) << shift
                shift += 8
            }
            return w
        }
        while i < n {
            let w0 = word(i)
            let w1 = i + 8 < n ? word(i + 8) : 0
            a = mum(w0 ^ k1 ^ a, w1 ^ k2)
            b = mum(w0 ^ k3 ^ b, w1 ^ k0)
            i += 16
        }
        return (mum(a ^ k3, UInt64(n) ^ k1), mum(b ^ k1, UInt64(n) ^ k3))
    }
}
