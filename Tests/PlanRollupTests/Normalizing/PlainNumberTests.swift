import Foundation
import Testing

@testable import PlanRollup
@testable import RollupBase
@testable import RollupCore
@testable import RollupReading

/// The byte-level reading of plain figures must give exactly what the full parsers give, and must
/// step aside (nil) for everything it does not cover, so the full parser words the refusal.
@Suite("Plain numbers from bytes agree with ThaiNumberParser")
struct PlainNumberTests {
    static func plain(_ text: String) -> PlainNumber? {
        Array(text.utf8).withUnsafeBufferPointer { PlainNumber($0) }
    }

    @Test(
        "plain cells",
        arguments: [
            ("0", 0, 0), ("7", 7, 0), ("007", 7, 0), ("1,234", 1234, 0), ("๔๓๙,๒๐๐", 439_200, 0),
            ("๔๑,๔๙๐.00", 4_149_000, 2), ("11,880", 11880, 0), ("12.5", 125, 1), ("1,234,567.89", 123_456_789, 2),
            ("๑๐๐", 100, 0), ("1๒3", 123, 0), ("999999999999999999", 999_999_999_999_999_999, 0),
        ])
    func plainCells(text: String, mantissa: Int64, fractionDigits: Int) {
        #expect(Self.plain(text) == PlainNumber(mantissa: mantissa, fractionDigits: fractionDigits))
    }

    @Test(
        "not plain: left to the full parsers",
        arguments: [
            "", " 1", "1 ", "-1", "(1)", "1,23", "1234,567", ",123", "1,", "1.", ".5", "1.2.3", "1.5,3", "1,234,56",
            "1,23.5", "๑ คน", "80%", "1e5", "1000000000000000000", "฿5", "๑,๒๓",
        ])
    func notPlain(text: String) {
        #expect(Self.plain(text) == nil)
    }

    /// Cells drawn from digits of both scripts, commas, points and a few strangers, through both readers.
    @Test("generated cells: wherever the byte reading answers, it answers as the parsers do")
    func agreesWithParsers() {
        // Mostly digits, so long digit runs around commas and points are common.
        let alphabet = [
            "0", "1", "5", "9", "2", "7", "๐", "๓", "๙", "๕", "4", "8", "๑๒๓", "12", ",", ",", ",", ".", ".", " ", "-",
            "a", "%",
        ]
        var sequence = FixedSequence(seed: 0x9E37_79B9_7F4A_7C15)
        var answered = 0
        for _ in 0..<60_000 {
            let text = (0..<(1 + sequence.next(12))).map { _ in alphabet[sequence.next(alphabet.count)] }.joined()
            guard let p = Self.plain(text) else { continue }
            answered += 1
            if let count = p.count { #expect(count == ThaiNumberParser.parseCount(text), "\(text)") }
            if let amount = p.amount { #expect(amount == ThaiNumberParser.parseAmount(text), "\(text)") }
            #expect(p.percent == ThaiNumberParser.parsePercent(text), "\(text)")
        }
        #expect(answered > 2_000, "the generator must reach plain cells often")
    }
}
