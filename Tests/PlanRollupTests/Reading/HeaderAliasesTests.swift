import Testing

@testable import PlanRollup

/// The one-pass key for ASCII and Thai headers must be the full key whenever it answers.
@Suite("Header keys: the one-pass reading agrees with the full one")
struct HeaderKeyTests {
    @Test("generated header cells")
    func plainKeyAgrees() {
        let pieces = ["ก", "ข", "ำ", "ํ", "า", "ุ", "่", "้", "ู", "ิ", "ี", "ั", " ", "  ", "\t", "\n", ".", "(", ")",
            "A", "b", "Z", "/", "%", "๑", "1", "\u{00A0}", "\u{200B}", "é", "e\u{0301}", "ID", "รหัส", "โครงการ"]
        var state: UInt64 = 7
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        var answered = 0
        for _ in 0..<20_000 {
            let text = (0..<(1 + next() % 10)).map { _ in pieces[next() % pieces.count] }.joined()
            if let key = HeaderAliases.plainKey(text) {
                answered += 1
                #expect(Array(key.utf8) == Array(HeaderAliases.fullKey(text).utf8), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
            }
        }
        #expect(answered > 5_000)
    }
}
