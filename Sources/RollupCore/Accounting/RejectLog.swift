import Foundation
import Glibc
import RollupBase
import RollupReading
import Synchronization

/// Refused rows and files (or notices), in the order they were found, kept on disk once more than a
/// few are held: memory holds the counts per code, where each input file's entries lie, and at most
/// `spillBytes` of entries not yet written. A night with a million bad rows costs disk, not memory.
///
/// Entries spill to a file in a private temporary folder (`$TMPDIR/plan-rollup-spool-*`), opened for
/// each write or read and removed when the log goes away (the folder at exit). When the folder
/// cannot be written the entries stay in memory.
///
/// Why `@unchecked Sendable` is safe: a log has one owner at a time, and only its owner calls it;
/// there is no lock, because `append` runs once per refused row on the reading path.
/// - An `ExportReader`'s `rejects` and `notices` are made and filled by the worker thread reading
///   that file (`Pipeline.readExports`), and that thread never touches them again once it has put
///   the file's `FileResult` into its `ResultSlots` slot. The slot's `Mutex` (unlocked by the
///   worker, locked by the merging thread in `all()`), and `DispatchQueue.concurrentPerform`
///   returning only when every worker is done, order each append before every read by the merge.
/// - The merge then only reads those logs (appending them with `append(log:)`, which keeps their
///   buffers on disk as parts and copies their bytes in memory, handing them to the `.exportRead`
///   event callback, which runs synchronously on the merging thread), and fills the run's own logs,
///   which no other thread has seen.
/// - The run's logs reach the caller inside `Pipeline.Outcome` complete: from then on they are only
///   read (reading never writes: the spool file is read with `pread`), so threads that are handed
///   an outcome (through a lock, a task or a queue, which order the writes before) may read at once.
/// Conforming is needed because `Pipeline.Outcome`, `Pipeline.Event` and the per-file results
/// carry logs across those hand-offs; writing to a log from two threads at once is a data race.
public final class RejectLog: Sequence, @unchecked Sendable {
    /// Entries held in memory before they are written to the spool file.
    static let spillBytes = 16 * 1024

    public private(set) var count = 0
    public private(set) var codeCounts: [RejectCode: Int] = [:]
    /// Consecutive entries of one input file: its name and the byte range of their encoding.
    private(set) var segments: [(file: String, range: Range<Int>)] = []
    /// The entries' encoding in parts, in order: buffers whose bytes all lie on disk (of logs appended
    /// whole, `append(log:)`, shared with them and only read, or this log's own earlier tails, sealed),
    /// each with the offset where it starts here and its length, then `tail`, this log's own, which
    /// takes new entries from `tailStart` on.
    private var parts: [(buffer: SpillBuffer, start: Int, count: Int)] = []
    /// The entries appended one by one since the last log appended whole, spilled to disk beyond
    /// `spillBytes`.
    private var tail: SpillBuffer
    private var tailStart = 0
    private let spoolFolder: String?
    private let digests = Mutex<[Range<Int>: String]>([:])

    public init() {
        spoolFolder = nil
        tail = SpillBuffer(spillBytes: Self.spillBytes)
    }

    init(spoolFolder: String) {
        self.spoolFolder = spoolFolder
        tail = SpillBuffer(spillBytes: Self.spillBytes, spoolFolder: spoolFolder)
    }

    /// A complete log whose encoding lies in `buffer` (a read cache entry, read in place), with the
    /// counts and file segments it was written with; nil when they do not describe `byteCount` bytes.
    init?(
        count: Int, codeCounts: [RejectCode: Int], segments: [(file: String, range: Range<Int>)], byteCount: Int,
        buffer: SpillBuffer
    ) {
        guard codeCounts.values.reduce(0, +) == count, codeCounts.values.allSatisfy({ $0 > 0 }),
            buffer.byteCount == byteCount
        else { return nil }
        var at = 0
        for s in segments {
            guard s.range.lowerBound == at, !s.range.isEmpty else { return nil }
            at = s.range.upperBound
        }
        guard at == byteCount, (count == 0) == (byteCount == 0) else { return nil }
        spoolFolder = nil
        parts = byteCount > 0 ? [(buffer, 0, byteCount)] : []
        tail = SpillBuffer(spillBytes: Self.spillBytes)
        tailStart = byteCount
        self.count = count
        self.codeCounts = codeCounts
        self.segments = segments
    }

    public convenience init(_ rejects: some Sequence<Reject>) {
        self.init()
        for r in rejects { append(r) }
    }

    public var isEmpty: Bool { count == 0 }

    /// The first entry, if any.
    public var first: Reject? { first(where: { _ in true }) }

    /// The last entry, if any (reads the whole log).
    public var last: Reject? { reduce(nil) { $1 } }

    /// Total size of the entries' encoding.
    var byteCount: Int { tailStart + tail.byteCount }

    public func append(_ reject: Reject) {
        let start = byteCount
        tail.append { RejectCoding.encode(reject, into: &$0) }
        note(file: reject.file, code: reject.code, range: start..<byteCount)
    }

    public func append(contentsOf rejects: some Sequence<Reject>) {
        for r in rejects { append(r) }
    }

    /// Appends another log's entries. A buffer of `other` whose bytes all lie on disk (a read cache
    /// entry, a sealed copy) becomes a part of this log, read where it is; one holding bytes in memory
    /// (a file's log just read) is copied into `tail`, which spills them as its own: sharing it would
    /// keep every such log's memory for the whole run. `other` is complete: what it takes later is not
    /// part of this log.
    public func append(log other: RejectLog) {
        precondition(other !== self)
        guard other.byteCount > 0 else { return }
        let offset = byteCount
        for part in other.parts + [(other.tail, other.tailStart, other.tail.byteCount)] where part.count > 0 {
            take(part.buffer, count: part.count)
        }
        precondition(byteCount == offset + other.byteCount)
        for segment in other.segments {
            extend(file: segment.file, (offset + segment.range.lowerBound)..<(offset + segment.range.upperBound))
        }
        count += other.count
        for (code, n) in other.codeCounts { codeCounts[code, default: 0] += n }
    }

    /// Takes bytes `0..<count` of `buffer` as this log's next bytes: shared when they all lie on disk
    /// (`tail` is then sealed and becomes a part before it, so it gives its memory back), else copied.
    private func take(_ buffer: SpillBuffer, count: Int) {
        // This log's own tail shared back through `other`: it is read, so it takes no more.
        if buffer === tail { sealTail() }
        guard buffer.bytesInMemory == 0 else {
            buffer.forEachBlock(in: 0..<count) { block in tail.append { $0.append(contentsOf: block) } }
            return
        }
        sealTail()
        parts.append((buffer, tailStart, count))
        tailStart += count
    }

    /// Makes `tail` (when it holds any) a part, written to the spool file, and starts a new one.
    private func sealTail() {
        guard tail.byteCount > 0 else { return }
        tail.seal()
        parts.append((tail, tailStart, tail.byteCount))
        tailStart += tail.byteCount
        tail = SpillBuffer(spillBytes: Self.spillBytes, spoolFolder: spoolFolder)
    }

    /// Bytes of the encoding this log holds in memory (at most `spillBytes` while the spool folder
    /// takes what spills).
    var bytesInMemory: Int { parts.reduce(tail.bytesInMemory) { $0 + $1.buffer.bytesInMemory } }

    /// Each input file's byte range, in order: the whole log.
    var segmentRanges: [Range<Int>] { segments.map(\.range) }

    /// The SHA-256 of bytes `range` of the encoding, hashed once per range (the log only grows, and
    /// `removeAll` forgets them).
    func digest(of range: Range<Int>) -> String {
        if let known = digests.withLock({ $0[range] }) { return known }
        let hasher = SHA256Hasher()
        forEachBlock(in: range) { hasher.update($0) }
        let digest = hasher.finish()
        digests.withLock { $0[range] = digest }
        return digest
    }

    /// Drops every entry (a file that could not be read to its end is refused whole instead).
    public func removeAll() {
        digests.withLock { $0.removeAll() }
        count = 0
        codeCounts = [:]
        segments = []
        // Shared buffers are let go, never emptied: the logs they came from still read them.
        parts = []
        tail = SpillBuffer(spillBytes: Self.spillBytes, spoolFolder: spoolFolder)
        tailStart = 0
    }

    private func note(file: String, code: RejectCode, range: Range<Int>) {
        count += 1
        codeCounts[code, default: 0] += 1
        extend(file: file, range)
    }

    private func extend(file: String, _ range: Range<Int>) {
        if let last = segments.last, last.file == file, last.range.upperBound == range.lowerBound {
            segments[segments.count - 1].range = last.range.lowerBound..<range.upperBound
        } else {
            segments.append((file, range))
        }
    }

    /// Reads bytes `range` of the encoding in blocks, from the spool file and then from memory.
    func forEachBlock(in range: Range<Int>, _ body: (UnsafeRawBufferPointer) -> Void) {
        for part in parts where part.start < range.upperBound && part.start + part.count > range.lowerBound {
            let lower = Swift.max(range.lowerBound, part.start) - part.start
            let upper = Swift.min(range.upperBound, part.start + part.count) - part.start
            part.buffer.forEachBlock(in: lower..<upper, body)
        }
        if range.upperBound > tailStart {
            tail.forEachBlock(
                in: Swift.max(range.lowerBound, tailStart) - tailStart..<range.upperBound - tailStart, body)
        }
    }

    /// Calls `body` with each entry of byte range `range` (a union of whole entries), in order; with
    /// `only`, with the entries of that code alone (the others are stepped over, not decoded).
    func forEach(in range: Range<Int>, only code: RejectCode? = nil, _ body: (Reject) -> Void) {
        var carry: [UInt8] = []
        forEachBlock(in: range) { block in
            carry.append(contentsOf: block)
            var at = 0
            while true {
                if let code, let (other, length) = RejectCoding.code(carry, from: at), other != code {
                    at += length
                    continue
                }
                guard let (reject, length) = RejectCoding.decode(carry, from: at) else { break }
                body(reject)
                at += length
            }
            carry.removeFirst(at)
        }
    }

    /// The entries of each input file, grouped by `key` (files with the same key in log order),
    /// keys in ascending order: one pass over the log in all.
    func groups(by key: (String) -> String) -> [(key: String, ranges: [Range<Int>])] {
        var byKey: [String: [Range<Int>]] = [:]
        for s in segments { byKey[key(s.file), default: []].append(s.range) }
        return byKey.keys.sorted().map { ($0, byKey[$0]!) }
    }

    /// Calls `body` with every entry in order, read from the spool file block by block: never the
    /// whole log in memory (as iterating it as a `Sequence` holds it).
    public func forEachEntry(_ body: (Reject) -> Void) {
        forEach(in: 0..<byteCount, body)
    }

    public func makeIterator() -> Array<Reject>.Iterator {
        // Tests and small logs: the whole log as an array. The pipeline streams with `forEach(in:)`.
        var all: [Reject] = []
        forEach(in: 0..<byteCount) { all.append($0) }
        return all.makeIterator()
    }

    /// Counts per code, codes in order.
    public var sortedCodeCounts: [(code: RejectCode, count: Int)] {
        codeCounts.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// The entries of input file `file` in log order, without their whole records, or nil when it
    /// has more than `limit`: only that file's segments are read, and at most `limit` are held.
    public func entries(ofFile file: String, limit: Int) -> [Reject]? {
        var out: [Reject] = []
        for s in segments where s.file == file {
            forEach(in: s.range) { r in
                guard out.count <= limit else { return }
                out.append(
                    Reject(
                        code: r.code, file: r.file, line: r.line, row: r.row, column: r.column, raw: r.raw,
                        english: r.english, thai: r.thai))
            }
            if out.count > limit { return nil }
        }
        return out
    }

    /// The first `n` entries, reading file segment by file segment until they are found.
    public func first(_ n: Int) -> [Reject] {
        var out: [Reject] = []
        guard n > 0 else { return out }
        for s in segments {
            forEach(in: s.range) { if out.count < n { out.append($0) } }
            if out.count >= n { break }
        }
        return out
    }
}

/// A reject as bytes: length-prefixed fields, so a log can be read back exactly.
enum RejectCoding {
    static func encode(_ r: Reject, into out: inout [UInt8]) {
        let start = out.count
        out.append(contentsOf: [0, 0, 0, 0])
        out.append(UInt8(RejectCode.allCases.firstIndex(of: r.code)!))
        int(r.line, &out)
        int(r.row, &out)
        for s in [r.file, r.column, r.raw, r.english, r.thai, r.sheet] { string(s, &out) }
        int(r.record.count, &out)
        for s in r.record { string(s, &out) }
        let length = UInt32(out.count - start)
        withUnsafeBytes(of: length.littleEndian) { out.replaceSubrange(start..<start + 4, with: $0) }
    }

    /// The code of the entry at `offset` and the entry's length, or nil when `bytes` ends before it does.
    static func code(_ bytes: [UInt8], from offset: Int) -> (RejectCode, Int)? {
        guard offset + 5 <= bytes.count else { return nil }
        let length = bytes.withUnsafeBytes {
            Int(UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
        }
        guard offset + length <= bytes.count else { return nil }
        return (RejectCode.allCases[Int(bytes[offset + 4])], length)
    }

    /// The entry at `offset` and its length, or nil when `bytes` ends before it does.
    static func decode(_ bytes: [UInt8], from offset: Int) -> (Reject, Int)? {
        guard offset + 4 <= bytes.count else { return nil }
        let length = bytes.withUnsafeBytes {
            Int(UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
        }
        guard offset + length <= bytes.count else { return nil }
        var at = offset + 4
        let code = RejectCode.allCases[Int(bytes[at])]
        at += 1
        let line = readInt(bytes, &at)
        let row = readInt(bytes, &at)
        let file = readString(bytes, &at)
        let column = readString(bytes, &at)
        let raw = readString(bytes, &at)
        let english = readString(bytes, &at)
        let thai = readString(bytes, &at)
        let sheet = readString(bytes, &at)
        let cells = readInt(bytes, &at)
        var record: [String] = []
        record.reserveCapacity(cells)
        for _ in 0..<cells { record.append(readString(bytes, &at)) }
        var reject = Reject(
            code: code, file: file, line: line, row: row, column: column, raw: raw, record: record,
            english: english, thai: thai)
        reject.sheet = sheet
        return (reject, length)
    }

    private static func int(_ n: Int, _ out: inout [UInt8]) {
        withUnsafeBytes(of: Int64(n).littleEndian) { out.append(contentsOf: $0) }
    }

    private static func string(_ s: String, _ out: inout [UInt8]) {
        int(s.utf8.count, &out)
        out.append(contentsOf: s.utf8)
    }

    private static func readInt(_ bytes: [UInt8], _ at: inout Int) -> Int {
        defer { at += 8 }
        return bytes.withUnsafeBytes { Int(Int64(littleEndian: $0.loadUnaligned(fromByteOffset: at, as: Int64.self))) }
    }

    private static func readString(_ bytes: [UInt8], _ at: inout Int) -> String {
        let n = readInt(bytes, &at)
        defer { at += n }
        return String(decoding: bytes[at..<at + n], as: UTF8.self)
    }
}
