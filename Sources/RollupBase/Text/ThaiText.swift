import Foundation

/// Text cleaned so that two cells a person would call equal compare equal: NFC, no zero-width characters,
/// sara am composed (U+0E4D U+0E32 → U+0E33), whitespace runs as one space.
public enum ThaiText {
    /// NFC, invisible characters removed, decomposed sara am composed, whitespace runs → one space, trimmed.
    public static func normalize(_ s: some StringProtocol) -> String {
        let text = Substring(cell: s)
        if isClean(text) { return String(text) }
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        var previous: Unicode.Scalar? = nil
        for scalar in text.unicodeScalars {
            if ThaiScalar.isInvisible(scalar) { continue }
            if ThaiScalar.isSpace(scalar) {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace {
                out.append(" ")
                pendingSpace = false
                previous = " "
            }
            if scalar.value == 0x0E32, previous?.value == 0x0E4D {
                out.removeLast()
                out.append("\u{0E33}")
                previous = "\u{0E33}"
                continue
            }
            out.append(scalar)
            previous = scalar
        }
        let joined = String(out)
        return needsCanonicalMapping(joined) ? joined.precomposedStringWithCanonicalMapping : joined
    }

    /// `normalize` with all whitespace removed: the key for matching names and bureau cells
    /// ("สำนัก พัฒนาบุคลากร (สผ.)" and "สำนักพัฒนาบุคลากร(สผ.)" share one key).
    /// Normalized again once the spaces are out, so that the key is its own key: a space between a
    /// nikhahit and sara aa ("ํ า", a fuzzer's find) joins them into sara am only then.
    public static func key(_ s: some StringProtocol) -> String {
        let normal = normalize(s)
        guard normal.unicodeScalars.contains(" ") else { return normal }
        var out = String.UnicodeScalarView()
        for scalar in normal.unicodeScalars where scalar != " " { out.append(scalar) }
        return normalize(String(out))
    }

    /// `s.lowercased()`, without the per-character table look-ups when `s` holds only ASCII and Thai
    /// (Thai letters have no case).
    public static func lowercased(_ s: String) -> String {
        var hasUpper = false
        for scalar in s.unicodeScalars {
            let v = scalar.value
            if v >= 0x41 && v <= 0x5A {
                hasUpper = true
            } else if v >= 0x80 && !(0x0E00...0x0E7F).contains(v) {
                return s.lowercased()
            }
        }
        guard hasUpper else { return s }
        return String(decoding: s.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self)
    }

    /// Thai (๐-๙) and full-width digits → ASCII digits; everything else unchanged.
    public static func arabicDigits(_ s: some StringProtocol) -> String {
        var out = String.UnicodeScalarView()
        for scalar in s.unicodeScalars {
            if let d = ThaiScalar.digit(scalar) {
                out.append(Unicode.Scalar(UInt8(48 + d)))
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// Already normal: no leading, trailing or doubled space, only plain spaces, nothing invisible, no
    /// decomposed sara am, and nothing that NFC could change. The common case, checked without allocating.
    private static func isClean(_ text: Substring) -> Bool {
        var previous: Unicode.Scalar = " "
        var previousClass: UInt8 = 0
        for scalar in text.unicodeScalars {
            if scalar == " " {
                if previous == " " { return false }
            } else if ThaiScalar.isSpace(scalar) || ThaiScalar.isInvisible(scalar) {
                return false
            }
            if scalar.value == 0x0E32 && previous.value == 0x0E4D { return false }
            if scalar.value >= 0x80 {
                let isThai = scalar.value >= 0x0E00 && scalar.value <= 0x0E7F
                if !isThai && scalar.value >= 0x0300 && scalar.value < 0x0370 { return false }
                if !isThai && scalar.value >= 0xC0 && scalar.value < 0x0E00 { return false }
                let combiningClass = ThaiScalar.combiningClass(scalar)
                if combiningClass != 0 && previousClass > combiningClass { return false }
                previousClass = combiningClass
            } else {
                previousClass = 0
            }
            previous = scalar
        }
        return previous != " " || text.isEmpty
    }

    private static func needsCanonicalMapping(_ s: String) -> Bool {
        var previousClass: UInt8 = 0
        for scalar in s.unicodeScalars where scalar.value >= 0xC0 {
            let isThai = scalar.value >= 0x0E00 && scalar.value <= 0x0E7F
            if !isThai { return true }
            let combiningClass = ThaiScalar.combiningClass(scalar)
            if combiningClass != 0 && previousClass > combiningClass { return true }
            previousClass = combiningClass
        }
        return false
    }
}
