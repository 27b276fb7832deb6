/// Accepted rows' fingerprints with a value each (the file or line a row was first seen in), in an
/// open-addressed table. A fingerprint is already a 128-bit hash, so a look-up costs no further
/// hashing: its high word picks the slot, both words must match.
struct FingerprintTable<Value> {
    private var highs: [Int]
    private var lows: [Int]
    private var values: [Value?]
    private(set) var count = 0

    init() {
        highs = Array(repeating: 0, count: 16)
        lows = Array(repeating: 0, count: 16)
        values = Array(repeating: nil, count: 16)
    }

    subscript(key: RowFingerprint) -> Value? {
        values[slot(of: key)]
    }

    /// Adds `key` with `value` unless it is already there (the first value stays).
    mutating func insertIfAbsent(_ key: RowFingerprint, _ value: Value) {
        let s = slot(of: key)
        guard values[s] == nil else { return }
        highs[s] = key.high
        lows[s] = key.low
        values[s] = value
        count += 1
        if count * 2 > values.count { grow() }
    }

    /// Every entry, in no particular order.
    func forEach(_ body: (RowFingerprint, Value) -> Void) {
        for s in values.indices {
            if let v = values[s] { body(RowFingerprint(high: highs[s], low: lows[s]), v) }
        }
    }

    /// The slot holding `key`, or the empty slot where it would go.
    private func slot(of key: RowFingerprint) -> Int {
        let mask = values.count - 1
        var s = key.high & mask
        while values[s] != nil, highs[s] != key.high || lows[s] != key.low {
            s = (s + 1) & mask
        }
        return s
    }

    private mutating func grow() {
        let old = (highs, lows, values)
        let capacity = values.count * 2
        highs = Array(repeating: 0, count: capacity)
        lows = Array(repeating: 0, count: capacity)
        values = Array(repeating: nil, count: capacity)
        count = 0
        for s in old.2.indices {
            if let v = old.2[s] { insertIfAbsent(RowFingerprint(high: old.0[s], low: old.1[s]), v) }
        }
    }
}
