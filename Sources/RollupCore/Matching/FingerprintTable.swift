import Glibc
import RollupBase
import RollupReading

/// The accepted rows of one bureau's files (or, in the merge, of every folder's files), by
/// fingerprint, with the file and row each was first seen on: what tells a row repeated within a
/// file from one sent again in a later file.
///
/// Twelve bytes a slot: the fingerprint's high word and the row's ordinal (its file's first ordinal
/// plus its index in the file's `RowRecordLog`). A slot whose high word matches is a candidate only:
/// the row's record is read back from its log and its whole 128-bit fingerprint compared, which also
/// gives the row's number. A fingerprint is already a hash, so a look-up costs no further hashing: the
/// top 6 bits of its high word pick one of 64 shards, its low bits the slot. Each shard is an
/// open-addressed table at most three quarters full, growing on its own: 16 to 32 bytes a row, and
/// memory never doubles all at once.
///
/// A row counts as many times as the file that holds it most often: the k-th copy in a later file is
/// the k-th copy of an earlier file (not counted again), a copy beyond what every earlier file holds is
/// counted (`sight`). So a row repeated in a cumulative export counts the same whatever the order of
/// the files.
struct FingerprintTable {
    /// What a row's sighting means.
    enum Sighting: Equatable {
        /// Not seen before: counted.
        case new
        /// Seen before and counted too: repeated within its file, or one copy more than any earlier file holds.
        case again(Seen)
        /// A copy an earlier file holds as often: counted once, under it.
        case duplicate(Seen)
    }

    /// Where a row was first seen: a file (by `fileNames` index) and its spreadsheet row.
    struct Seen: Equatable {
        let file: Int32
        let row: Int32
    }

    private var shards = [Shard](repeating: Shard(), count: 64)
    private(set) var count = 0
    /// Names of the files, by index.
    private(set) var fileNames: [String] = []
    /// Each file's row records, and its first ordinal.
    private var logs: [RowRecordLog] = []
    private var starts: [Int] = []
    /// The log last read for a candidate, which alone keeps its spool file open.
    private let cursor = Cursor()
    /// How many copies of a row count, by ordinal, where more than one (the most any one file holds).
    private var copies: [UInt32: UInt32] = [:]
    /// The current file's copies of earlier files' rows: a bit per ordinal for the first, counts past it.
    private var matched: [UInt64] = []
    private var matchedMore: [UInt32: UInt32] = [:]
    /// Ordinals whose count the current unit raised (undone if its file is forgotten).
    private var raised: [UInt32] = []
    /// Each file's unit (nil: the file alone), and the first file of the current unit.
    private var units: [String?] = []
    private var unitStart: Int32 = 0

    private final class Cursor {
        var file = -1
    }

    /// Starts a new file whose accepted rows are the records of `records` (added there in order, as
    /// they are added here); the previous file must be complete. Copies are compared between units:
    /// each file is its own (a folder's files, as read), unless `unit` names one it shares with the
    /// files before it (the merge, where a folder's files were already compared with one another, and
    /// the folder is the unit).
    mutating func beginFile(_ name: String, records: RowRecordLog, unit: String? = nil) -> Int32 {
        let start = (starts.last ?? 0) + (logs.last?.count ?? 0)
        precondition(start + records.count <= Int(UInt32.max) - 1, "more rows in one folder than the table counts")
        let sameUnit = unit != nil && unit == units.last
        fileNames.append(name)
        logs.append(records)
        starts.append(start)
        units.append(unit)
        unitStart = sameUnit ? unitStart : Int32(fileNames.count - 1)
        if !sameUnit { (matched, matchedMore, raised) = ([], [:], []) }
        return Int32(fileNames.count - 1)
    }

    /// Sights `key` in the record `index` of file `file` (the current one): new (added), seen again and
    /// counted, or a copy an earlier file holds.
    mutating func sight(_ key: RowFingerprint, file: Int32, index: Int) -> Sighting {
        guard let (seen, ordinal) = shards[Self.shard(key)].find(key, record: { record($0) }) else {
            insert(key, file: file, index: index)
            return .new
        }
        let counted = copies[ordinal] ?? 1
        if seen.file >= unitStart {
            raise(ordinal, to: counted + 1)
            return .again(seen)
        }
        let word = Int(ordinal / 64)
        let bit = UInt64(1) << UInt64(ordinal % 64)
        if matched.count <= word { matched += Array(repeating: 0, count: word + 1 - matched.count) }
        let here: UInt32
        if matched[word] & bit == 0 {
            matched[word] |= bit
            here = 1
        } else {
            here = (matchedMore[ordinal] ?? 1) + 1
            matchedMore[ordinal] = here
        }
        guard here > counted else { return .duplicate(seen) }
        raise(ordinal, to: here)
        return .again(seen)
    }

    /// Replays a row that was counted (a file's records, taken from the cache): new, or one copy more.
    mutating func replay(_ key: RowFingerprint, file: Int32, index: Int) {
        if let (_, ordinal) = shards[Self.shard(key)].find(key, record: { record($0) }) {
            raise(ordinal, to: (copies[ordinal] ?? 1) + 1)
        } else {
            insert(key, file: file, index: index)
        }
    }

    private mutating func raise(_ ordinal: UInt32, to count: UInt32) {
        copies[ordinal] = count
        raised.append(ordinal)
    }

    private mutating func insert(_ key: RowFingerprint, file: Int32, index: Int) {
        let ordinal = starts[Int(file)] + index
        precondition(index >= 0 && ordinal < starts[Int(file)] + logs[Int(file)].count + 1)
        shards[Self.shard(key)].insert(key.high, ordinal: UInt32(ordinal))
        count += 1
    }

    private static func shard(_ key: RowFingerprint) -> Int { Int(UInt64(bitPattern: Int64(key.high)) >> 58) }

    /// Where `key` was first seen, or nil.
    func find(_ key: RowFingerprint) -> Seen? {
        shards[Self.shard(key)].find(key) { record($0) }?.seen
    }

    /// The record of ordinal `ordinal`: its file, spreadsheet row and whole fingerprint.
    private func record(_ ordinal: Int) -> (file: Int32, row: Int32, fingerprint: RowFingerprint) {
        // The last file whose first ordinal is at most `ordinal`.
        var (low, high) = (0, starts.count - 1)
        while low < high {
            let mid = (low + high + 1) / 2
            if starts[mid] <= ordinal { low = mid } else { high = mid - 1 }
        }
        if cursor.file != low, cursor.file >= 0 { logs[cursor.file].endLookups() }
        cursor.file = low
        let r = logs[low].record(at: ordinal - starts[low])
        return (Int32(low), r.row, r.fingerprint)
    }

    /// Forgets every row of file `file`, the last begun (a file that could not be read to its end
    /// counts for nothing; its records are dropped with it).
    mutating func removeFile(_ file: Int32) {
        let first = starts[Int(file)]
        for ordinal in raised.reversed() {
            let n = (copies[ordinal] ?? 1) - 1
            copies[ordinal] = n > 1 && Int(ordinal) < first ? n : nil
        }
        (matched, matchedMore, raised) = ([], [:], [])
        count = 0
        for s in shards.indices {
            shards[s].rebuild(capacity: shards[s].capacity) { $0 < first }
            count += shards[s].count
        }
    }

    /// Closes what look-ups keep open.
    func endLookups() {
        if cursor.file >= 0 { logs[cursor.file].endLookups() }
        cursor.file = -1
    }

    private struct Shard {
        private var highs: [Int] = Array(repeating: 0, count: 16)
        /// Ordinal plus one (0: an empty slot), per slot.
        private var ordinals: [UInt32] = Array(repeating: 0, count: 16)
        private(set) var count = 0

        var capacity: Int { ordinals.count }

        /// The first sighting of `key`, its candidates confirmed by `record`.
        func find(
            _ key: RowFingerprint, record: (Int) -> (file: Int32, row: Int32, fingerprint: RowFingerprint)
        ) -> (seen: Seen, ordinal: UInt32)? {
            let mask = ordinals.count - 1
            var s = key.high & mask
            while ordinals[s] != 0 {
                if highs[s] == key.high {
                    let r = record(Int(ordinals[s]) - 1)
                    if r.fingerprint == key { return (Seen(file: r.file, row: r.row), ordinals[s] - 1) }
                }
                s = (s + 1) & mask
            }
            return nil
        }

        mutating func insert(_ high: Int, ordinal: UInt32) {
            let mask = ordinals.count - 1
            var s = high & mask
            while ordinals[s] != 0 { s = (s + 1) & mask }
            highs[s] = high
            ordinals[s] = ordinal + 1
            count += 1
            if count * 4 > ordinals.count * 3 { rebuild(capacity: ordinals.count * 2) { _ in true } }
        }

        mutating func rebuild(capacity: Int, keeping keep: (Int) -> Bool) {
            let old = (highs, ordinals)
            highs = Array(repeating: 0, count: capacity)
            ordinals = Array(repeating: 0, count: capacity)
            count = 0
            for s in old.1.indices where old.1[s] != 0 && keep(Int(old.1[s]) - 1) {
                insert(old.0[s], ordinal: old.1[s] - 1)
            }
        }
    }
}
