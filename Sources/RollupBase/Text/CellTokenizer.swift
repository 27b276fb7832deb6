/// Splits a cell into alternating gaps and digit runs without allocating: gap, number, gap, number, …, gap.
/// A gap records its letters as a `LetterKey` and counts its punctuation, so parsers decide by look-up.
struct CellTokenizer {
    typealias Index = Substring.UnicodeScalarView.Index

    /// A run of digits (any script). `value` saturates past 18 digits; `digits` counts them all.
    struct Number {
        public var value: Int64 = 0
        var digits = 0
        var start: Index
        var end: Index
    }

    /// The text between two digit runs (or before the first, or after the last).
    struct Gap {
        var key = LetterKey()
        var spaces = 0
        var dots = 0
        var commas = 0
        var slashes = 0
        var hyphens = 0
        var colons = 0
        /// Any other character: brackets, %, #, ฿, symbols, letters of other scripts.
        var others = 0
        var start: Index
        var end: Index
        /// True when no digit follows: this is the last gap of the cell.
        var isLast = true

        var punctuationCount: Int { dots + commas + slashes + hyphens + colons + others }
        /// Nothing but spaces (or nothing at all).
        var isBlank: Bool { key.isEmpty && punctuationCount == 0 }
        /// Exactly one separator character (spaces around it allowed) and no letters.
        func isSole(_ separator: UInt8) -> Bool {
            guard key.isEmpty, punctuationCount == 1 else { return false }
            switch separator {
            case UInt8(ascii: "."): return dots == 1
            case UInt8(ascii: ","): return commas == 1
            case UInt8(ascii: "/"): return slashes == 1
            case UInt8(ascii: "-"): return hyphens == 1
            case UInt8(ascii: ":"): return colons == 1
            default: return false
            }
        }
        /// The separator when the gap is exactly one of . / - : , (spaces allowed), else nil.
        var soleSeparator: UInt8? {
            guard key.isEmpty, punctuationCount == 1, others == 0 else { return nil }
            if dots == 1 { return UInt8(ascii: ".") }
            if slashes == 1 { return UInt8(ascii: "/") }
            if hyphens == 1 { return UInt8(ascii: "-") }
            if colons == 1 { return UInt8(ascii: ":") }
            return UInt8(ascii: ",")
        }
    }

    let scalars: Substring.UnicodeScalarView
    private(set) var position: Index

    init(_ text: Substring) {
        scalars = text.unicodeScalars
        position = scalars.startIndex
    }

    var isAtEnd: Bool { position == scalars.endIndex }

    /// Reads up to the next digit or the end.
    mutating func gap() -> Gap {
        var g = Gap(start: position, end: position)
        while position != scalars.endIndex {
            let s = scalars[position]
            if ThaiScalar.digit(s) != nil {
                g.isLast = false
                break
            }
            if ThaiScalar.isSpace(s) {
                g.spaces += 1
            } else if ThaiScalar.isInvisible(s) {
                // prints as nothing: ignored
            } else if let p = ThaiScalar.punctuation(s) {
                switch p {
                case UInt8(ascii: "."): g.dots += 1
                case UInt8(ascii: ","): g.commas += 1
                case UInt8(ascii: "/"): g.slashes += 1
                case UInt8(ascii: "-"): g.hyphens += 1
                case UInt8(ascii: ":"): g.colons += 1
                default: g.others += 1
                }
            } else if s.value == 0x0E33 || ThaiScalar.letterCode(s) != nil {
                g.key.append(s)
            } else {
                g.others += 1
            }
            scalars.formIndex(after: &position)
        }
        g.end = position
        return g
    }

    /// Reads a digit run; nil at the end of the cell.
    mutating func number() -> Number? {
        guard position != scalars.endIndex else { return nil }
        var n = Number(start: position, end: position)
        while position != scalars.endIndex, let d = ThaiScalar.digit(scalars[position]) {
            if n.digits < 18 { n.value = n.value * 10 + Int64(d) }
            n.digits += 1
            scalars.formIndex(after: &position)
        }
        n.end = position
        return n.digits == 0 ? nil : n
    }

    /// The original text of a token, for a refusal message (allocates; refusal path only).
    func text(_ start: Index, _ end: Index) -> String {
        String(String.UnicodeScalarView(scalars[start..<end]))
    }
}
