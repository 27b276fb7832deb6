import Foundation
import Testing

@testable import RollupBase
@testable import RollupCore
@testable import RollupReading

/// The hot paths made faster for issue 22, each held to the plain definition it replaced: the same
/// answer for every input tried, so a fast path that drifts fails here before any output changes.
@Suite("Fast paths agree with their plain definitions")
struct FastPathTests {
    /// The bytes a CSV cell may hold, the four that force quotes among them, Thai (three bytes each).
    static let alphabet: [[UInt8]] =
        ["a", "1", " ", ",", "\"", "\n", "\r", "\t", "|", "ก", "ั", "่", "๑", "😀", "\u{0301}", "\u{200B}"]
        .map { Array($0.utf8) }

    static func randomText(_ g: inout SplitMix64, maxLength: Int = 40) -> String {
        var bytes: [UInt8] = []
        for _ in 0..<g.int(0...maxLength) { bytes += alphabet[g.int(0...alphabet.count - 1)] }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test("a cell holds a comma, quote, CR or LF exactly when some byte is one (every length and position)")
    func quoteOrBreak() {
        for special in [UInt8(ascii: ","), UInt8(ascii: "\""), 0x0A, 0x0D] {
            for length in 0...24 {
                var cell = [UInt8](repeating: UInt8(ascii: "x"), count: length)
                cell.withUnsafeBufferPointer { #expect(!SpreadsheetCSV.holdsQuoteOrBreak($0)) }
                for at in 0..<length {
                    cell[at] = special
                    cell.withUnsafeBufferPointer {
                        #expect(SpreadsheetCSV.holdsQuoteOrBreak($0), "\(special) at \(at)")
                    }
                    cell[at] = UInt8(ascii: "x")
                }
            }
        }
        // Bytes one away from the four, which a sloppy bit trick would take for them.
        let near: [UInt8] = [0x2B, 0x2D, 0x21, 0x23, 0x09, 0x0B, 0x0C, 0x0E, 0xAC, 0xA2, 0x8A, 0x8D, 0x00, 0xFF]
        near.withUnsafeBufferPointer { #expect(!SpreadsheetCSV.holdsQuoteOrBreak($0)) }
        var g = SplitMix64(seed: 22)
        for _ in 0..<2_000 {
            let text = Self.randomText(&g)
            let bytes = Array(text.utf8)
            let expected = bytes.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
            bytes.withUnsafeBufferPointer {
                #expect(SpreadsheetCSV.holdsQuoteOrBreak($0) == expected, "\(text.debugDescription)")
            }
        }
    }

    @Test("a column's width counts the code points that take room, as reading scalars does")
    func width() {
        func plain(_ text: String) -> Int {
            text.unicodeScalars.filter { s in
                switch s.value {
                case 0x0E31, 0x0E34...0x0E3A, 0x0E47...0x0E4E, 0x0300...0x036F, 0x200B...0x200D: false
                default: true
                }
            }.count
        }
        for text in ["", "abc", "ที่ทำการ", "กิ่ง", "ผู้เข้าร่วม ๑๒๓", "e\u{0301}", "a\u{200D}b", "😀😀", "ฯลฯ ๆ"] {
            #expect(WorkbookTable.width(text) == plain(text), "\(text)")
        }
        var g = SplitMix64(seed: 9)
        for _ in 0..<2_000 {
            let text = Self.randomText(&g)
            #expect(WorkbookTable.width(text) == plain(text), "\(text.debugDescription)")
        }
    }

    @Test("a memo found and remembered by hand gives what value(for:) gives, lengths 0 to 40")
    func cellMemo() {
        var byHand = CellMemo<String>()
        var byClosure = CellMemo<String>()
        var g = SplitMix64(seed: 5)
        var texts: [String] = []
        for _ in 0..<300 { texts.append(Self.randomText(&g)) }
        for _ in 0..<3 {
            for text in texts {
                var bytes = Array(text.utf8)
                let (got, expected) = bytes.withUnsafeMutableBufferPointer { raw in
                    let cell = UnsafeBufferPointer(raw)
                    let expected = byClosure.value(for: cell) { ("v:" + text, true) }
                    let place = byHand.find(cell)
                    if let known = place.value { return (known, expected) }
                    byHand.remember(cell, "v:" + text, at: place)
                    return (byHand.find(cell).value ?? "missing", expected)
                }
                #expect(got == expected)
                #expect(got == "v:" + text)
            }
        }
    }

    @Test("keepNewer keeps what newer chooses: the later day, and on the same day the larger value")
    func keepNewer() {
        typealias D = Rollup.Dated<String>
        var g = SplitMix64(seed: 7)
        for _ in 0..<2_000 {
            var held: D? = nil
            for _ in 0..<g.int(0...3) {
                let day = CalendarDay(year: 2019, month: 1 + g.int(0...1), day: 1 + g.int(0...2))!
                held = D(date: day, value: ["a", "b", "ข", ""][g.int(0...3)])
            }
            let day = CalendarDay(year: 2019, month: 1 + g.int(0...1), day: 1 + g.int(0...2))!
            let value = ["a", "b", "ข", ""][g.int(0...3)]
            var kept = held
            D.keepNewer(&kept, day, value)
            #expect(kept == D.newer(held, D(date: day, value: value)))
        }
    }
}
