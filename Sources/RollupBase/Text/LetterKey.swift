/// The letters of a run of Thai (or Latin) text packed into two integers, dots and spaces left out, so that
/// "ก.พ.", "ก. พ." and "กพ" are one key and a table look-up costs no allocation.
/// Holds 18 letters; a longer run is marked `overflowed` and matches no table entry.
struct LetterKey: Hashable, Sendable {
    private var low: UInt64 = 0
    private var high: UInt64 = 0
    public private(set) var count: UInt8 = 0
    private(set) var overflowed = false

    static let capacity: UInt8 = 18

    init() {}

    /// The key of a table word, read with the same rules as cells.
    init(_ word: String) {
        for s in word.unicodeScalars { append(s) }
    }

    var isEmpty: Bool { count == 0 && !overflowed }

    /// Adds a scalar if it is a letter; sara am (U+0E33) is stored decomposed, so both spellings match.
    @inline(__always)
    public mutating func append(_ s: Unicode.Scalar) {
        if s.value == 0x0E33 {
            append(code: 0x4D)
            append(code: 0x32)
        } else if let code = ThaiScalar.letterCode(s) {
            append(code: code)
        }
    }

    @inline(__always)
    public mutating func append(code: UInt64) {
        guard count < LetterKey.capacity else {
            overflowed = true
            return
        }
        if count < 9 {
            low |= code << (7 * UInt64(count))
        } else {
            high |= code << (7 * UInt64(count - 9))
        }
        count += 1
    }
}
