import RollupBase
import RollupReading

/// The accepted rows of one bureau's files, by fingerprint, with the file and line each was first
/// seen on: what tells a row repeated within a file from one sent again in a later file.
///
/// A fingerprint is already a hash, so a look-up costs no further hashing: the top 6 bits of its
/// high word pick one of 64 shards, its low bits the slot, and 96 of its bits must match (64 high,
/// 32 low). Each shard is an open-addressed table of 20-byte slots, at most three quarters full,
/// growing on its own: memory is about 30 bytes a row and never doubles all at once.
struct FingerprintTable {
    /// Where a row was first seen: a file (by `fileNames` index) and its physical line.
    struct Seen: Equatable {
        let file: Int32
        /// The spreadsheet row.
        let row: Int32
    }

    private var shards = [Shard](repeating: Shard(), count: 64)
    private(set) var count = 0
    /// Names of the files, by index.
    private(set) var fileNames: [String] = []

    /// Starts a new file; its rows are added under the index returned.
    mutating func beginFile(_ name: String) -> Int32 {
        fileNames.append(name)
        return Int32(fileNames.count - 1)
    }

    private static func shard(_ key: RowFingerprint) -> Int { Int(UInt64(bitPattern: Int64(key.high)) >> 58) }

    subscript(key: RowFingerprint) -> Seen? {
        shards[Self.shard(key)][key]
    }

    /// Adds `key` as seen at `seen` unless it is already there (the first sighting stays).
    mutating func insertIfAbsent(_ key: RowFingerprint, _ seen: Seen) {
        if shards[Self.shard(key)].insertIfAbsent(key, seen) { count += 1 }
    }

    /// Forgets every row of file `file` (a file that could not be read to its end counts for nothing).
    mutating func removeFile(_ file: Int32) {
        count = 0
        for s in shards.indices {
            shards[s].rebuild(capacity: shards[s].capacity) { $0.file != file }
            count += shards[s].count
        }
    }

    private struct Shard {
        private var highs: [Int] = Array(repeating: 0, count: 16)
        private var lows: [Int32] = Array(repeating: 0, count: 16)
        /// File index plus one (0: an empty slot), per slot.
        private var files: [Int32] = Array(repeating: 0, count: 16)
        private var rowNumbers: [Int32] = Array(repeating: 0, count: 16)
        private(set) var count = 0

        var capacity: Int { files.count }

        subscript(key: RowFingerprint) -> Seen? {
            let s = slot(of: key)
            return files[s] == 0 ? nil : Seen(file: files[s] - 1, row: rowNumbers[s])
        }

        /// True when `key` was added.
        mutating func insertIfAbsent(_ key: RowFingerprint, _ seen: Seen) -> Bool {
            let s = slot(of: key)
            guard files[s] == 0 else { return false }
            highs[s] = key.high
            lows[s] = Int32(truncatingIfNeeded: key.low)
            files[s] = seen.file + 1
            rowNumbers[s] = seen.row
            count += 1
            if count * 4 > files.count * 3 { rebuild(capacity: files.count * 2) { _ in true } }
            return true
        }

        /// The slot holding `key`, or the empty slot where it would go.
        private func slot(of key: RowFingerprint) -> Int {
            let mask = files.count - 1
            let low = Int32(truncatingIfNeeded: key.low)
            var s = key.high & mask
            while files[s] != 0, highs[s] != key.high || lows[s] != low {
                s = (s + 1) & mask
            }
            return s
        }

        mutating func rebuild(capacity: Int, keeping keep: (Seen) -> Bool) {
            let old = (highs, lows, files, rowNumbers)
            highs = Array(repeating: 0, count: capacity)
            lows = Array(repeating: 0, count: capacity)
            files = Array(repeating: 0, count: capacity)
            rowNumbers = Array(repeating: 0, count: capacity)
            count = 0
            for s in old.2.indices where old.2[s] != 0 {
                let seen = Seen(file: old.2[s] - 1, row: old.3[s])
                if keep(seen) {
                    _ = insertIfAbsent(RowFingerprint(high: old.0[s], low: Int(old.1[s])), seen)
                }
            }
        }
    }
}
