import Foundation
import RollupBase

/// A refusal of a published run, as its rejects.csv gives it back: each cell's text as read.
public struct PreviousReject: Sendable, Hashable {
    public var code: String
    public var file: String
    public var row: Int
    public var column: String
    public var raw: String
    public var thai: String
    public var english: String
    public var record: String

    public init(
        code: String, file: String, row: Int, column: String, raw: String, thai: String, english: String,
        record: String
    ) {
        (self.code, self.file, self.row, self.column) = (code, file, row, column)
        (self.raw, self.thai, self.english, self.record) = (raw, thai, english, record)
    }
}

/// The refusals of the previous run, read from its rejects.csv each time `forEach` is called (the
/// comparison reads them twice and never holds them all).
public struct PreviousRejects: Sendable {
    /// Refusals per code as the previous run's summary.json counts them: the file must hold as many.
    public let counted: [String: Int]?
    /// Calls `body` with each refusal in the file's order; throws when the file cannot be read to its
    /// end or is not the job's rejects list.
    public let forEach: @Sendable (_ body: (PreviousReject) throws -> Void) throws -> Void
    /// The file's bytes as `forEach` reads them, hashed, or nil when it cannot be read (or is not a
    /// file): with the current refusals, what decides the comparison (`RejectChanges.compare`).
    public let hashes: (@Sendable () -> FileHashes?)?
    /// The file's pieces as the output memo describes them, when it names that run (`Pieces`).
    public let pieces: Pieces?

    /// A previous rejects.csv written from pieces (`OutputMemo.Entry`): the comparison reads only the
    /// pieces of the bureau folders whose refusals changed, when the file's checksum is the one the
    /// memo gives.
    public struct Pieces: Sendable {
        public let entry: OutputMemo.Entry
        /// Calls `body` with each refusal of the file's byte ranges `ranges` (the header's first), in order.
        public let forEachIn: @Sendable (_ ranges: [Range<Int>], _ body: (PreviousReject) throws -> Void) throws -> Void

        public init(
            entry: OutputMemo.Entry,
            forEachIn:
                @escaping @Sendable (_ ranges: [Range<Int>], _ body: (PreviousReject) throws -> Void) throws
                -> Void
        ) {
            self.entry = entry
            self.forEachIn = forEachIn
        }
    }

    public init(
        counted: [String: Int]? = nil,
        hashes: (@Sendable () -> FileHashes?)? = nil,
        pieces: Pieces? = nil,
        forEach: @escaping @Sendable (_ body: (PreviousReject) throws -> Void) throws -> Void
    ) {
        self.counted = counted
        self.hashes = hashes
        self.pieces = pieces
        self.forEach = forEach
    }
}

/// A file's bytes hashed two ways at once: SHA-256, which keys what is remembered of it
/// (`NothingChanged`), and the checksum the output memo keeps of the files the job wrote
/// (`ContentChecksum`), which vouches that it is the file the memo describes.
public struct FileHashes: Sendable, Equatable {
    public let sha256: String
    public let checksum: String

    public init(sha256: String, checksum: String) {
        self.sha256 = sha256
        self.checksum = checksum
    }
}

/// Refusals new since the previous run and refusals fixed, matched one by one.
///
/// A refusal is the same one when its code, its bureau folder, the column, the cell as received and
/// the whole row agree (for a whole file: its code, path and reason), as the rejects.csv cells read
/// back: so a row re-sent unchanged in a file of another name is not new, a row the clerk corrected
/// is fixed (and, if still wrong in another way, new), and two identical bad rows count twice.
/// Memory holds one 128-bit key and a count per distinct refusal of the previous run, at most
/// `maxCompared` of them; the lines listed are at most `listedPerBureau` each way per bureau.
public enum RejectChanges {
    public static let maxCompared = 200_000
    public static let listedPerBureau = 100

    public struct Result: Sendable {
        /// One line per bureau with new or fixed refusals, then the rows, at most `listedPerBureau`.
        public var items: [ChangeItem] = []
        /// New refusals per bureau folder.
        public var newByFolder: [String: Int] = [:]
    }

    struct Disagrees: Error, CustomStringConvertible {
        let file: Int
        let summary: Int
        var description: String {
            "its rejects.csv holds \(file) refusals where its summary.json counts \(summary) (per code they differ)"
        }
    }

    struct TooMany: Error, CustomStringConvertible {
        var description: String { "its rejects.csv holds more than \(RejectChanges.maxCompared) refusals" }
    }

    /// The changes from `previous` to `current`; `suffix` names the previous run. With `memoFolder` (the
    /// read cache's folder), a comparison that found nothing is remembered by what decided it (the
    /// previous file's SHA-256, its summary's counts, the current refusals' bytes and this build), and
    /// the same comparison the next night is not read again: it finds nothing.
    public static func compare(
        previous: PreviousRejects, current: RejectLog, suffix: String, memoFolder: String?
    ) throws -> Result {
        let hashes = memoFolder.flatMap { _ in previous.hashes?() }
        let proof = hashes.flatMap {
            NothingChanged.key(previousSHA256: $0.sha256, counted: previous.counted, current: current)
        }
        if let proof, let memoFolder, NothingChanged.holds(proof, in: memoFolder) { return Result() }
        let piecewise = try hashes.flatMap { hashes in
            try previous.pieces.flatMap {
                try comparePieces(previous: previous, pieces: $0, hashes: hashes, current: current, suffix: suffix)
            }
        }
        let result = try piecewise ?? compare(previous: previous, current: current, suffix: suffix)
        // Kept only when the file still hashes as it did before it was read: one replaced meanwhile may
        // have given the comparison other bytes than those the memo would name.
        if let proof, let memoFolder, result.items.isEmpty, result.newByFolder.isEmpty,
            previous.hashes?() == hashes
        {
            NothingChanged.save(proof, in: memoFolder)
        }
        return result
    }

    /// The changes from `previous` to `current`, read one by one; `suffix` names the previous run.
    public static func compare(previous: PreviousRejects, current: RejectLog, suffix: String) throws -> Result {
        try compare(
            previousRows: previous.forEach, skipped: (0, [:]), counted: previous.counted,
            currentRows: { current.forEachEntry($0) }, suffix: suffix)
    }

    /// The comparison of the refusals `previousRows` gives (twice, in the file's order) with those
    /// `currentRows` gives (in the log's order); `skipped`: how many refusals, and of which codes, were
    /// left out of both as the same rows (whole bureau folders that did not change), which count
    /// towards `maxCompared` and the check against `counted` as if read.
    static func compare(
        previousRows: (_ body: (PreviousReject) throws -> Void) throws -> Void,
        skipped: (entries: Int, codes: [String: Int]), counted: [String: Int]?,
        currentRows: (_ body: (Reject) -> Void) -> Void, suffix: String
    ) throws -> Result {
        var left: [TextKeyHash: Int] = [:]
        var before: [String: Int] = [:]
        var codes = skipped.codes
        var entries = skipped.entries
        guard entries <= maxCompared else { throw TooMany() }
        try previousRows { r in
            entries += 1
            guard entries <= maxCompared else { throw TooMany() }
            left[key(r), default: 0] += 1
            before[group(file: r.file), default: 0] += 1
            codes[r.code, default: 0] += 1
        }
        // A file cut short or with rows taken out is not the list the run published.
        if let counted, counted != codes {
            throw Disagrees(file: codes.values.reduce(0, +), summary: counted.values.reduce(0, +))
        }
        var after: [String: Int] = [:]
        var new: [String: [ChangeItem]] = [:]
        var newCount: [String: Int] = [:]
        // Streamed from the log (its spool file), never held whole.
        currentRows { r in
            let written = PreviousReject(
                code: text(r, "code"), file: text(r, "file"), row: r.row, column: text(r, "column"),
                raw: text(r, "raw"), thai: text(r, "reason_th"), english: text(r, "reason_en"),
                record: text(r, "record"))
            let folder = group(file: r.file)
            after[folder, default: 0] += 1
            let k = key(written)
            if let n = left[k], n > 0 {
                left[k] = n - 1
                return
            }
            newCount[folder, default: 0] += 1
            if new[folder, default: []].count < listedPerBureau {
                new[folder, default: []].append(
                    rowItem(
                        .rejectsNew, folder: folder, file: r.file, row: r.row, column: r.column, before: "",
                        after: r.raw, thai: "ไม่รับ: \(r.thai)", english: "newly refused: \(r.english)" + suffix))
            }
        }
        var fixed: [String: [ChangeItem]] = [:]
        var fixedCount: [String: Int] = [:]
        try previousRows { r in
            let k = key(r)
            guard let n = left[k], n > 0 else { return }
            left[k] = n - 1
            let folder = group(file: r.file)
            fixedCount[folder, default: 0] += 1
            guard fixed[folder, default: []].count < listedPerBureau else { return }
            fixed[folder, default: []].append(
                rowItem(
                    .rejectsFixed, folder: folder, file: readBack(r.file), row: r.row, column: readBack(r.column),
                    before: readBack(r.raw), after: "", thai: "แก้ไขแล้ว (เดิม: \(readBack(r.thai)))",
                    english: "no longer refused (was: \(readBack(r.english)))" + suffix))
        }
        var result = Result(newByFolder: newCount)
        for (kind, counts, rows) in [(ChangeItem.Kind.rejectsNew, newCount, new), (.rejectsFixed, fixedCount, fixed)] {
            for folder in counts.keys.sorted() {
                let n = counts[folder]!
                let (thai, english) =
                    kind == .rejectsNew
                    ? ("ไม่รับใหม่ \(n) รายการ", "\(n) new \(n == 1 ? "refusal" : "refusals")")
                    : ("แก้ไขแล้ว \(n) รายการ", "\(n) \(n == 1 ? "refusal" : "refusals") fixed")
                let cut = n > listedPerBureau
                result.items.append(
                    ChangeItem(
                        kind: kind, scope: "bureau", key: folder, name: folder, field: "rejects",
                        before: String(before[folder] ?? 0), after: String(after[folder] ?? 0),
                        thai: thai + (cut ? " (แสดง \(listedPerBureau) รายการแรก)" : ""),
                        english: english + (cut ? " (the first \(listedPerBureau) listed)" : "") + suffix))
                result.items += rows[folder] ?? []
            }
        }
        return result
    }

    /// The identity of a refusal, from its cells as written.
    static func key(_ r: PreviousReject) -> TextKeyHash {
        let parts =
            r.row == 0
            ? ["file", r.code, r.file] : ["row", r.code, group(file: r.file), r.column, r.raw, r.record]
        // Spaces and tabs at either end are not compared: a CSV reader may drop them from an unquoted
        // cell. Trimmed on the UTF-8 bytes (Foundation's trimming cost an eighth of a run that read nothing).
        var bytes: [UInt8] = []
        for (i, part) in parts.enumerated() {
            if i > 0 { bytes.append(0x1F) }
            var u = part.utf8[...]
            while let b = u.first, b == 0x20 || b == 0x09 { u = u.dropFirst() }
            while let b = u.last, b == 0x20 || b == 0x09 { u = u.dropLast() }
            bytes.append(contentsOf: u)
        }
        return TextKeyHash(exact: String(decoding: bytes, as: UTF8.self))
    }

    /// The bureau folder of a file, or the file itself when it lies in none.
    static func group(file: String) -> String {
        let folder = SummaryFiles.bureauFolder(of: readBack(file))
        return folder.isEmpty ? readBack(file) : folder
    }

    private static func text(_ r: Reject, _ column: String) -> String {
        Tables.rejects.writtenText(r, column: column) ?? ""
    }

    private static func readBack(_ written: String) -> String { SpreadsheetCSV.readBack(written) }

    private static func rowItem(
        _ kind: ChangeItem.Kind, folder: String, file: String, row: Int, column: String, before: String,
        after: String, thai: String, english: String
    ) -> ChangeItem {
        let at = row == 0 ? "ทั้งไฟล์" : "แถวที่ \(row)"
        let atEnglish = row == 0 ? "the whole file" : "row \(row)"
        return ChangeItem(
            kind: kind, scope: "row", key: file, name: folder, field: column, before: before, after: after,
            thai: "\(at): \(thai)", english: "\(atEnglish): \(english)", row: row == 0 ? nil : row)
    }
}
