/// The accepted rows of one bureau's files, by fingerprint, with the file and line each was first
/// seen on: what tells a row repeated within a file from one sent again in a later file.
///
/// Open-addressed and compact (24 bytes a slot, at most three quarters full): a fingerprint is
/// already a 128-bit hash, so a look-up costs no further hashing; its high word picks the slot and
/// both words must match.
struct FingerprintTable {
    /// Where a row was first seen: a file (by `files` index) and its physical line.
    struct Seen: Equatable {
        let file: Int32
        let line: Int32
    }

    private var highs: [Int]
    private var lows: [Int]
    /// File index plus one (0: an empty slot) and line, per slot.
    private var files: [Int32]
    private var lines: [Int32]
    private(set) var count = 0
    /// Names of the files, by index.
    private(set) var fileNames: [String] = []

    init() {
        highs = Array(repeating: 0, count: 16)
        lows = Array(repeating: 0, count: 16)
        files = Array(repeating: 0, count: 16)
        lines = Array(repeating: 0, count: 16)
    }

    /// Starts a new file; its rows are added under the index returned.
    mutating func beginFile(_ name: String) -> Int32 {
        fileNames.append(name)
        return Int32(fileNames.count - 1)
    }

    subscript(key: RowFingerprint) -> Seen? {
        let s = slot(of: key)
        return files[s] == 0 ? nil : Seen(file: files[s] - 1, line: lines[s])
    }

    /// Adds `key` as seen at `seen` unless it is already there (the first sighting stays).
    mutating func insertIfAbsent(_ key: RowFingerprint, _ seen: Seen) {
        let s = slot(of: key)
        guard files[s] == 0 else { return }
        highs[s] = key.high
        lows[s] = key.low
        files[s] = seen.file + 1
        lines[s] = seen.line
        count += 1
        if count * 4 > files.count * 3 { rebuild(capacity: files.count * 2) { _ in true } }
    }

    /// Forgets every row of file `file` (a file that could not be read to its end counts for nothing).
    mutating func removeFile(_ file: Int32) {
        rebuild(capacity: files.count) { $0.file != file }
    }

    /// The slot holding `key`, or the empty slot where it would go.
    private func slot(of key: RowFingerprint) -> Int {
        let mask = files.count - 1
        var s = key.high & mask
        while files[s] != 0, highs[s] != key.high || lows[s] != key.low {
            s = (s + 1) & mask
        }
        return s
    }

    private mutating func rebuild(capacity: Int, keeping keep: (Seen) -> Bool) {
        let old = (highs, lows, files, lines)
        highs = Array(repeating: 0, count: capacity)
        lows = Array(repeating: 0, count: capacity)
        files = Array(repeating: 0, count: capacity)
        lines = Array(repeating: 0, count: capacity)
        count = 0
        for s in old.2.indices where old.2[s] != 0 {
            let seen = Seen(file: old.2[s] - 1, line: old.3[s])
            if keep(seen) { insertIfAbsent(RowFingerprint(high: old.0[s], low: old.1[s]), seen) }
        }
    }
}
