/// A free-text cell as compared for duplicates: its key (Thai digits as Arabic, no spaces or
/// zero-width characters, case folded; a dash or "ไม่มี" for none is the empty cell), hashed to 128 bits.
public struct TextKeyHash: Sendable, Hashable {
    public let high: UInt64
    public let low: UInt64

    /// Cells that say "nothing" (keyed).
    static let noneWords: Set<String> = ["-", "–", "—", "--", "ไม่มี", "n/a"]

    public init(_ text: String) {
        let keyed = ThaiText.lowercased(Keys.name(text))
        self.init(exact: Self.noneWords.contains(keyed) ? "" : keyed)
    }

    /// A hash kept earlier (the read cache), from its two halves.
    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// The hash of `key` as it is (already a key).
    public init(exact key: String) {
        var bytes = Array(key.utf8)
        (high, low) = bytes.withUnsafeMutableBytes { Hash128.of(UnsafeRawBufferPointer($0)) }
    }
}
