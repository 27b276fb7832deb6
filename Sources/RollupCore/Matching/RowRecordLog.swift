import RollupBase
import RollupReading

/// What an accepted row added to its file's rollup, kept so the merge can take it back out when
/// the row turns out to be the same row as one of an earlier file of another folder (`RowFingerprint`).
///
/// 64 bytes: a row's tally (`Tally.add` of one row) is held as its three figures and two flags, its
/// month as months since year 0 (any month of `CalendarDay.supportedYears`), rather than as the eight
/// sums of a `Tally` (a million rows are written to the spool and the read cache, and read back, as
/// these bytes).
struct RowRecord: Sendable, Hashable {
    let fingerprint: RowFingerprint
    let spentSatang: Int64
    /// Activities, or items for a project counted in items; cancelled ones when `cancelled`.
    let count: Int64
    let participants: Int64
    let line: Int32
    let row: Int32
    let project: Int32
    /// Index of the bureau the row counted for, in the log's `bureaus`.
    let bureau: Int32
    /// Index of the bureau the row names (part of its identity), in the log's `bureaus`.
    let named: Int32
    /// (Year × 12 + month − 1) × 4, plus the flags in the two low bits; the record's last 4 bytes, so
    /// its size is its stride: every byte written is the record's own, never padding.
    private let monthAndFlags: UInt32

    private static let cancelledFlag: UInt32 = 1
    private static let itemsFlag: UInt32 = 2

    /// Records are written and read back by the same process, as their in-memory bytes (no padding:
    /// the size is the stride).
    static let size = MemoryLayout<RowRecord>.stride

    func encode(into out: inout [UInt8]) {
        withUnsafeBytes(of: self) { out.append(contentsOf: $0) }
    }

    /// `tally` must be one row's (`Tally.add`) and `month` (year × 100 + month) a month of a year
    /// `CalendarDay` accepts (1 to 9999): a record that could not give them back exactly stops the
    /// process rather than count a figure wrong.
    init(
        fingerprint: RowFingerprint, line: Int32, row: Int32, project: Int32, month: Int32, bureau: Int32,
        named: Int32, tally: Tally
    ) {
        self.fingerprint = fingerprint
        self.line = line
        self.row = row
        self.project = project
        self.bureau = bureau
        self.named = named
        let (year, monthOfYear) = (Int(month) / 100, Int(month) % 100)
        let months = UInt32(clamping: max(0, year * 12 + monthOfYear - 1))
        spentSatang = tally.spentSatang
        count = tally.activities + tally.items + tally.activitiesCancelled + tally.itemsCancelled
        participants = tally.participants + tally.participantsCancelled
        let flags =
            (tally.activitiesCancelled != 0 || tally.itemsCancelled != 0 || tally.participantsCancelled != 0
                ? Self.cancelledFlag : 0) | (tally.items != 0 || tally.itemsCancelled != 0 ? Self.itemsFlag : 0)
        monthAndFlags = (months & 0x3FFF_FFFF) << 2 | flags
        precondition(
            self.tally == tally && self.month == month, "a row record must give back its row's tally and month")
    }

    init(decoding bytes: UnsafeRawBufferPointer) {
        self = bytes.loadUnaligned(as: RowRecord.self)
    }

    /// The row's month, year × 100 + month.
    var month: Int32 {
        let months = monthAndFlags >> 2
        return Int32(months / 12) * 100 + Int32(months % 12) + 1
    }

    /// What the row added: `Tally.add` of the row.
    var tally: Tally {
        var t = Tally()
        t.rows = 1
        t.spentSatang = spentSatang
        switch (monthAndFlags & Self.cancelledFlag != 0, monthAndFlags & Self.itemsFlag != 0) {
        case (false, false): (t.activities, t.participants) = (count, participants)
        case (false, true): (t.items, t.participants) = (count, participants)
        case (true, false): (t.activitiesCancelled, t.participantsCancelled) = (count, participants)
        case (true, true): (t.itemsCancelled, t.participantsCancelled) = (count, participants)
        }
        return t
    }
}

/// The records of one file's accepted rows, in line order, on disk beyond 256 KiB (`SpillBuffer`):
/// a million rows cost disk, not memory, until the merge reads them back once.
///
/// Why `@unchecked Sendable` is safe: a log has one owner at a time, and only its owner calls it;
/// there is no lock, because `append` runs once per accepted row. An `ExportReader`'s `records`
/// are made, filled and sealed by the worker thread reading that file (`Pipeline.readExports`),
/// which never touches them again once it has put the file's `FileResult` into its `ResultSlots`
/// slot. The slot's `Mutex` (unlocked by the worker, locked by the merging thread in `all()`), and
/// `DispatchQueue.concurrentPerform` returning only when every worker is done, order every write
/// before the merge, which then only reads the log (`forEach`, `bureaus`, `named`) on its one thread.
/// Conforming is needed only because `FileResult` carries the log across that hand-off.
final class RowRecordLog: @unchecked Sendable {
    private let buffer: SpillBuffer
    /// The checksum (`ContentChecksum`) the bytes of a log taken from the read cache must have; nil
    /// for a log this run filled.
    private var expectedChecksum: String?
    private var checked: Bool?
    private(set) var count = 0
    /// The bureaus rows counted for (keys, and their hashes), and the bureaus rows named (hashed
    /// loose keys), by the indices records carry.
    private(set) var bureaus: [String] = []
    private(set) var bureauHashes: [TextKeyHash] = []
    private(set) var named: [TextKeyHash] = []

    init() { buffer = SpillBuffer(spillBytes: 256 * 1024) }

    /// A complete log whose records lie in `buffer` (a read cache entry's tail, read in place), whose
    /// bytes must have `checksum` (checked by `isIntact` before the records are used); nil when the
    /// counts do not fit the bytes. The records themselves are not looked at: their indices are trusted
    /// once the checksum vouches for them.
    init?(
        count: Int, bureaus: [String], bureauHashes: [TextKeyHash], named: [TextKeyHash], buffer: SpillBuffer,
        checksum: String
    ) {
        guard count >= 0, buffer.byteCount == count * RowRecord.size, bureaus.count == bureauHashes.count else {
            return nil
        }
        self.buffer = buffer
        expectedChecksum = checksum
        self.count = count
        self.bureaus = bureaus
        self.bureauHashes = bureauHashes
        self.named = named
    }

    /// Whether the records are those the read cache kept (their bytes have the checksum written with
    /// them; checked once): a log taken from the cache must be before its records are used. Always
    /// true for a log this run filled.
    func isIntact() -> Bool {
        guard let expectedChecksum else { return true }
        if let checked { return checked }
        let checksum = ContentChecksum()
        forEachBlock { checksum.update($0) }
        let intact = checksum.finish() == expectedChecksum
        checked = intact
        return intact
    }

    /// Size of the records' encoding.
    var byteCount: Int { buffer.byteCount }

    /// Reads the records' encoding in blocks, in order.
    func forEachBlock(_ body: (UnsafeRawBufferPointer) -> Void) {
        buffer.forEachBlock(in: 0..<buffer.byteCount, body)
    }

    func append(_ record: RowRecord) {
        buffer.append { record.encode(into: &$0) }
        count += 1
    }

    /// The index of the bureau hashed `hash` (key `key`); rows of a file nearly always share one.
    func bureauIndex(_ hash: TextKeyHash, key: String) -> Int32 {
        if let last = bureauHashes.last, last == hash { return Int32(bureauHashes.count - 1) }
        if let i = bureauHashes.firstIndex(of: hash) { return Int32(i) }
        bureauHashes.append(hash)
        bureaus.append(key)
        return Int32(bureaus.count - 1)
    }

    /// The index of the named bureau hashed `hash`.
    func namedIndex(_ hash: TextKeyHash) -> Int32 {
        if let last = named.last, last == hash { return Int32(named.count - 1) }
        if let i = named.firstIndex(of: hash) { return Int32(i) }
        named.append(hash)
        return Int32(named.count - 1)
    }

    /// The file is read: what is pending goes to disk, so a log waiting for the merge holds no memory.
    func seal() { buffer.seal() }

    func removeAll() {
        buffer.removeAll()
        count = 0
        bureaus = []
        bureauHashes = []
        named = []
    }

    /// The record at `index` (0 is the first appended): read from memory or the spool file, which stays
    /// open until `endLookups` (`FingerprintTable` keeps one log open at a time).
    func record(at index: Int) -> RowRecord {
        precondition(index >= 0 && index < count)
        return withUnsafeTemporaryAllocation(byteCount: RowRecord.size, alignment: 16) { bytes in
            buffer.copy(from: index * RowRecord.size, into: bytes)
            return RowRecord(decoding: UnsafeRawBufferPointer(bytes))
        }
    }

    /// Closes what `record(at:)` keeps open.
    func endLookups() { buffer.endReads() }

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
