/// What an accepted row added to its file's rollup, kept so the merge can take it back out when
/// the row turns out to be the same row as one of an earlier file of another folder (`RowFingerprint`).
struct RowRecord: Sendable, Hashable {
    let fingerprint: RowFingerprint
    let line: Int32
    let row: Int32
    let project: Int32
    /// The row's month, year × 100 + month.
    let month: Int32
    /// Index of the bureau the row counted for, in the log's `bureaus`.
    let bureau: Int32
    /// Index of the bureau the row names (part of its identity), in the log's `bureaus`.
    let named: Int32
    let tally: Tally

    static let size = 8 * 2 + 4 * 6 + 8 * 8

    func encode(into out: inout [UInt8]) {
        func put<T: FixedWidthInteger>(_ v: T) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        put(fingerprint.high)
        put(fingerprint.low)
        put(line)
        put(row)
        put(project)
        put(month)
        put(bureau)
        put(named)
        put(tally.rows)
        put(tally.activities)
        put(tally.items)
        put(tally.participants)
        put(tally.spentSatang)
        put(tally.activitiesCancelled)
        put(tally.itemsCancelled)
        put(tally.participantsCancelled)
    }

    init(
        fingerprint: RowFingerprint, line: Int32, row: Int32, project: Int32, month: Int32, bureau: Int32,
        named: Int32, tally: Tally
    ) {
        self.fingerprint = fingerprint
        self.line = line
        self.row = row
        self.project = project
        self.month = month
        self.bureau = bureau
        self.named = named
        self.tally = tally
    }

    init(decoding bytes: UnsafeRawBufferPointer) {
        var at = 0
        func take<T: FixedWidthInteger>(_: T.Type) -> T {
            defer { at += MemoryLayout<T>.size }
            return T(littleEndian: bytes.loadUnaligned(fromByteOffset: at, as: T.self))
        }
        fingerprint = RowFingerprint(high: take(Int.self), low: take(Int.self))
        line = take(Int32.self)
        row = take(Int32.self)
        project = take(Int32.self)
        month = take(Int32.self)
        bureau = take(Int32.self)
        named = take(Int32.self)
        tally = Tally(
            rows: take(Int64.self), activities: take(Int64.self), items: take(Int64.self),
            participants: take(Int64.self), spentSatang: take(Int64.self), activitiesCancelled: take(Int64.self),
            itemsCancelled: take(Int64.self), participantsCancelled: take(Int64.self))
    }
}

/// The records of one file's accepted rows, in line order, on disk beyond 256 KiB (`SpillBuffer`):
/// a million rows cost disk, not memory, until the merge reads them back once.
final class RowRecordLog: @unchecked Sendable {
    private let buffer = SpillBuffer(spillBytes: 256 * 1024)
    private(set) var count = 0
    /// The bureaus rows counted for and named, by the indices records carry.
    private(set) var bureaus: [String] = []

    func append(_ record: RowRecord) {
        buffer.append { record.encode(into: &$0) }
        count += 1
    }

    /// The index of bureau `key` (rows of a file nearly always share one: the last is checked first).
    func bureauIndex(_ key: String) -> Int32 {
        if let last = bureaus.last, last == key { return Int32(bureaus.count - 1) }
        if let i = bureaus.firstIndex(of: key) { return Int32(i) }
        bureaus.append(key)
        return Int32(bureaus.count - 1)
    }

    /// The file is read: what is pending goes to disk, so a log waiting for the merge holds no memory.
    func seal() { buffer.seal() }

    func removeAll() {
        buffer.removeAll()
        count = 0
        bureaus = []
    }

    /// Calls `body` with each record, in order.
    func forEach(_ body: (RowRecord) -> Void) {
        var carry: [UInt8] = []
        buffer.forEachBlock(in: 0..<buffer.byteCount) { block in
            var at = 0
            if !carry.isEmpty {
                let need = RowRecord.size - carry.count
                carry.append(contentsOf: block[0..<Swift.min(need, block.count)])
                at = Swift.min(need, block.count)
                guard carry.count == RowRecord.size else { return }
                carry.withUnsafeBytes { body(RowRecord(decoding: $0)) }
                carry = []
            }
            while at + RowRecord.size <= block.count {
                body(RowRecord(decoding: UnsafeRawBufferPointer(rebasing: block[at..<(at + RowRecord.size)])))
                at += RowRecord.size
            }
            carry.append(contentsOf: block[at...])
        }
    }
}
