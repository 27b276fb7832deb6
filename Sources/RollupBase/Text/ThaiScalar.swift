/// Classifies the Unicode scalars that cells are made of, with no allocation: digits of three scripts,
/// spaces, zero-width characters, punctuation and the letters that make up Thai words.
public enum ThaiScalar {
    /// 0...9 for an Arabic, Thai (๐-๙) or full-width digit.
    @inline(__always)
    static func digit(_ s: Unicode.Scalar) -> Int? {
        let v = s.value
        if v >= 0x30 && v <= 0x39 { return Int(v &- 0x30) }
        if v >= 0x0E50 && v <= 0x0E59 { return Int(v &- 0x0E50) }
        if v >= 0xFF10 && v <= 0xFF19 { return Int(v &- 0xFF10) }
        return nil
    }

    /// Spaces of every width, tabs and line breaks (a multi-line cell reads as one line).
    @inline(__always)
    static func isSpace(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F,
            0x3000:
            return true
        default: return false
        }
    }

    /// Characters that print as nothing: U+200B…U+200D, U+2060, U+FEFF (a stray BOM), U+00AD (soft hyphen).
    @inline(__always)
    static func isInvisible(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x200B...0x200D, 0x2060, 0xFEFF, 0xAD: return true
        default: return false
        }
    }

    /// Punctuation that date and number cells use, with full-width and dash variants folded to ASCII.
    @inline(__always)
    static func punctuation(_ s: Unicode.Scalar) -> UInt8? {
        switch s.value {
        case 0x2E, 0xFF0E: return UInt8(ascii: ".")
        case 0x2C, 0xFF0C: return UInt8(ascii: ",")
        case 0x2F, 0xFF0F: return UInt8(ascii: "/")
        case 0x2D, 0x2010...0x2015, 0x2212, 0xFF0D: return UInt8(ascii: "-")
        case 0x3A, 0xFF1A: return UInt8(ascii: ":")
        case 0x25, 0xFF05: return UInt8(ascii: "%")
        case 0x28, 0xFF08: return UInt8(ascii: "(")
        case 0x29, 0xFF09: return UInt8(ascii: ")")
        case 0x0E3F: return UInt8(ascii: "B")  // ฿, the baht sign
        case 0x23: return UInt8(ascii: "#")
        case 0x2B: return UInt8(ascii: "+")
        default: return nil
        }
    }

    /// A 7-bit code for a letter that belongs in a word key: Thai letters and marks 1...91, Latin a-z 92...117
    /// (case folded); nil for anything else. The baht sign and Thai digits are not letters.
    @inline(__always)
    static func letterCode(_ s: Unicode.Scalar) -> UInt64? {
        let v = s.value
        if v >= 0x0E01 && v <= 0x0E4E && v != 0x0E3F { return UInt64(v &- 0x0E00) }
        if v >= 0x61 && v <= 0x7A { return UInt64(v &- 0x61 &+ 92) }
        if v >= 0x41 && v <= 0x5A { return UInt64(v &- 0x41 &+ 92) }
        return nil
    }

    /// Canonical combining class (what NFC orders marks by). In the Thai block only sara u, sara uu
    /// (103), phinthu (9) and the four tone marks (107) have one, so Thai text needs no table look-up.
    @inline(__always)
    public static func combiningClass(_ s: Unicode.Scalar) -> UInt8 {
        switch s.value {
        case 0..<0x0300: return 0
        case 0x0E00...0x0E7F:
            switch s.value {
            case 0x0E38, 0x0E39: return 103
            case 0x0E3A: return 9
            case 0x0E48...0x0E4B: return 107
            default: return 0
            }
        default: return s.properties.canonicalCombiningClass.rawValue
        }
    }
}
