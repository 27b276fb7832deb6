import Testing

@testable import PlanRollup
@testable import RollupBase
@testable import RollupCore
@testable import RollupReading

@Suite("Normalizers on arbitrary cells")
struct NormalizerRobustnessTests {
    /// Pieces real cells are made of; random strings of them hit the parsers' corners.
    static let pieces = [
        "๒๑", "21", "๐", "1", "๖๒", "2562", "๒๕๖๒", "2019", "43517", "๑,๐๐๐", "1,00,000", "439,200", ".", "/", "-", "–",
        ",", ":", " ", "  ", "ก.พ.", "กพ", "กุมภาพันธ์", "ต.ค.", "ด.ค.", "พ.ศ.", "ค.ศ.", "วันที่", "วันจันทร์ที่", "เวลา",
        "น.", "T", "Z", "ถึง", "และ", "บาท", "บาทถ้วน", "฿", ".-", "ล้าน", "แสน", "คน", "ครั้ง", "รุ่น", "รุ่นละ", "เรื่อง",
        "ร้อยละ", "%", "ไม่น้อยกว่า", "ประมาณ", "(", ")", "#VALUE!", "#", "\u{200B}", "\u{0E4D}\u{0E32}", "สี่", "สิบ",
        "งบประมาณ", "ไม่มี", "o", "１２", "\n",
    ]

    /// 20,000 cells from a fixed linear congruential sequence: the same cells on every run.
    static let cells: [String] = {
        var sequence = FixedSequence(seed: 0x5EED)
        return (0..<20_000).map { _ in
            (0..<(1 + sequence.next(7))).map { _ in pieces[sequence.next(pieces.count)] }.joined()
        }
    }()

    @Test("every cell gets an answer, and every accepted date survives a display round trip")
    func arbitraryCells() throws {
        var accepted = 0
        for cell in Self.cells {
            switch ThaiDateParser.parse(cell) {
            case .success(.day(let day)):
                accepted += 1
                #expect(try ThaiDateParser.parse(ThaiDisplay.longDate(day)).get() == .day(day), "\(cell)")
            case .success(.month(let month)):
                #expect((1...12).contains(month.month), "\(cell)")
            case .failure(let r):
                #expect(r.code.hasPrefix("date.") && !r.english.isEmpty && !r.thai.isEmpty, "\(cell)")
            }
            if case .failure(let r) = ThaiNumberParser.parseAmount(cell) { #expect(r.code.hasPrefix("number.")) }
            if case .success(let n?) = ThaiNumberParser.parseCount(cell) { #expect(n >= 0, "\(cell)") }
            if case .success(let q) = QuantityParser.parse(cell) {
                #expect((q.activities ?? 0) >= 0 && (q.participants ?? 0) >= 0, "\(cell)")
            }
            _ = ThaiNumberParser.parsePercent(cell)
            let key = ThaiText.key(cell)
            #expect(ThaiText.key(key) == key, "key is idempotent for \(cell)")
            #expect(!key.unicodeScalars.contains { $0.properties.isWhitespace || $0 == "\u{200B}" })
        }
        #expect(accepted > 0)
    }

    @Test("normalize is idempotent and keeps the key")
    func normalizeIdempotent() {
        for cell in Self.cells.prefix(5000) {
            let once = ThaiText.normalize(cell)
            #expect(ThaiText.normalize(once) == once)
            #expect(ThaiText.key(once) == ThaiText.key(cell))
        }
    }
}
