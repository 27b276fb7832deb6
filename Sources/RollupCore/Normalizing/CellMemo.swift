import Glibc

/// A per-file memo of what a cell's bytes normalize to, for cells that repeat from row to row
/// (ids, names, bureaus, dates, counts, amounts, status words): each distinct text is read once
/// and later rows cost a hash and a byte comparison, never a String.
///
/// Bounded in entries and in remembered bytes, so a hostile file with a million distinct values
/// only stops benefiting from it. Keys are compared byte for byte: a hash collision costs a
/// comparison, never a wrong value.
public struct CellMemo<Value> {
    static var capacity: Int { 4_096 }
    /// Most bytes of cell text remembered in all.
    static var arenaLimit: Int { 1 << 20 }
    private static var slotCount: Int { 8_192 }

    /// Open-addressed table of entry numbers plus one (0 is an empty slot).
    private var slots = [Int32](repeating: 0, count: Self.slotCount)
    private var hashes: [UInt64] = []
    private var starts: [Int] = []
    private var lengths: [Int] = []
    private var values: [Value] = []
    private var arena: [UInt8] = []

    public init() {}

    /// The value for `bytes`: remembered, or computed by `compute`, which may decline to have it
    /// remembered (for bytes that are not valid text, so their refusal is reported every time).
    public mutating func value(for bytes: UnsafeBufferPointer<UInt8>, _ compute: () -> (value: Value, remember: Bool))
        -> Value
    {
        let place = find(bytes)
        if let known = place.value { return known }
        let (value, remember) = compute()
        if remember { self.remember(bytes, value, at: place) }
        return value
    }

    /// Where `bytes` stand in the memo: their remembered value, or the empty slot a value for them
    /// would take (`remember`, with the same bytes and no other change in between).
    public struct Place {
        public let value: Value?
        let hash: UInt64
        let slot: Int
    }

    /// Looks `bytes` up. Split from `remember` so a caller computes a value without handing the memo
    /// a closure (a closure that captures a row copies it).
    public func find(_ bytes: UnsafeBufferPointer<UInt8>) -> Place {
        let hash = Self.hash(bytes)
        let mask = Self.slotCount - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = Int(slots[slot]) - 1
            if entry < 0 { break }
            if hashes[entry] == hash, lengths[entry] == bytes.count, equal(entry, bytes) {
                return Place(value: values[entry], hash: hash, slot: slot)
            }
            slot = (slot + 1) & mask
        }
        return Place(value: nil, hash: hash, slot: slot)
    }

    /// Remembers `value` for `bytes` at `place` (what `find` gave for these bytes), within the bounds.
    public mutating func remember(_ bytes: UnsafeBufferPointer<UInt8>, _ value: Value, at place: Place) {
        guard place.value == nil, values.count < Self.capacity, arena.count + bytes.count <= Self.arenaLimit else {
            return
        }
        slots[place.slot] = Int32(values.count + 1)
        hashes.append(place.hash)
        starts.append(arena.count)
        lengths.append(bytes.count)
        arena.append(contentsOf: bytes)
        values.append(value)
    }

    private func equal(_ entry: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return true }
        return arena.withUnsafeBufferPointer { all in memcmp(all.baseAddress! + starts[entry], base, bytes.count) == 0 }
    }

    /// A fast 64-bit hash, eight bytes at a time, with a final avalanche (murmur3's fmix64). Only
    /// the memo's speed depends on it: equal hashes are always compared byte for byte.
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        guard let base = bytes.baseAddress else { return h }
        let raw = UnsafeRawPointer(base)
        var i = 0
        while i + 8 <= bytes.count {
            h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
            h ^= h >> 29
            i += 8
        }
        // The last 0 to 7 bytes without a loop: two overlapping 4-byte loads, or the first, middle
        // and last byte of 1 to 3 (the length is in the seed, so every byte still counts).
        var tail: UInt64 = 0
        let left = bytes.count - i
        if left >= 4 {
            tail =
                UInt64(raw.loadUnaligned(fromByteOffset: i, as: UInt32.self))
                | UInt64(raw.loadUnaligned(fromByteOffset: bytes.count - 4, as: UInt32.self)) << 32
        } else if left > 0 {
            tail = UInt64(base[i]) | UInt64(base[i + left / 2]) << 8 | UInt64(base[bytes.count - 1]) << 16
        }
        h = (h ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 33
        h = h &* 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        return h
    }
}
