/// A per-file memo of what a cell's bytes normalise to, for cells that repeat on every row (ids,
/// names, bureaus, status words): each distinct text is normalised once. Bounded, so a hostile
/// file with a million distinct values only stops benefiting from it.
struct CellMemo<Value> {
    private var table: [Int: [(bytes: [UInt8], value: Value)]] = [:]
    private var count = 0
    static var capacity: Int { 4_096 }

    /// The value for `bytes`: remembered, or computed by `compute`, which may decline to have it
    /// remembered (for bytes that are not valid text, so their refusal is reported every time).
    mutating func value(for bytes: UnsafeBufferPointer<UInt8>, _ compute: () -> (value: Value, remember: Bool)) -> Value {
        var hasher = Hasher()
        hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
        let key = hasher.finalize()
        if let entries = table[key], let hit = entries.first(where: { $0.bytes.elementsEqual(bytes) }) {
            return hit.value
        }
        let (value, remember) = compute()
        if remember && count < Self.capacity {
            table[key, default: []].append((Array(bytes), value))
            count += 1
        }
        return value
    }
}
