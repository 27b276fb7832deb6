import Foundation
import Synchronization
import Testing

@testable import PlanRollup
@testable import RollupBase
@testable import RollupCore
@testable import RollupReading

/// The refusal comparison that reads, of a previous rejects.csv written in pieces, only the bureau
/// folders that changed: always the result of reading the whole list.
@Suite("Refusals compared by the pieces that changed")
struct RejectChangesPiecesTests {
    typealias Night = [(file: String, rows: [Reject])]

    /// A refusal with few distinct cells, so that rows repeat within a file and across a folder's files;
    /// cells a spreadsheet would run, quoted ones, spaces at the ends, Thai.
    static func refusal(_ rng: inout SplitMix64, file: String, row: Int) -> Reject {
        if rng.chance(5) {
            return Reject(code: .undecodableFile, file: file, line: 0, row: 0, english: "not text", thai: "ไม่ใช่ข้อความ")
        }
        let code = rng.pick([RejectCode.unknownProject, .badDate, .badParticipants])
        let raw = rng.pick(["สผ-62-099", "=1+2", " ไม่ระบุ ", "29/02/2562", "a,\"b\"\nc", "-5"])
        return Reject(
            code: code, file: file, line: row + 1, row: row, column: rng.pick(["รหัสโครงการ", "วันที่"]), raw: raw,
            record: [raw, rng.pick(["1", "x"])], english: "why \(code.rawValue)", thai: "เหตุ \(code.rawValue)")
    }

    static func night(_ rng: inout SplitMix64) -> Night {
        var night: Night = []
        for folder in ["hr", "it", "law", "plan"] {
            for f in 0..<rng.int(1...3) {
                let file = "exports/\(folder)/f\(f).csv"
                night.append((file, (0..<rng.int(1...6)).map { refusal(&rng, file: file, row: 2 + $0 * 3) }))
            }
        }
        // Files in no bureau folder (a plan file, one beside the folders): each is a folder of its own.
        for file in ["plan/plan_2562.csv", "exports/stray.csv"] where rng.chance(50) {
            night.append((file, (0..<rng.int(1...4)).map { refusal(&rng, file: file, row: 2 + $0) }))
        }
        return night
    }

    /// The next night: most files as they were; some changed, re-sent under another name, removed or added.
    static func next(_ previous: Night, _ rng: inout SplitMix64) -> Night {
        var night: Night = []
        for (i, (file, rows)) in previous.enumerated() {
            switch rng.int(0...9) {
            case 0: continue
            case 1:
                var changed = rows
                changed[rng.int(0...rows.count - 1)] = refusal(&rng, file: file, row: 99)
                night.append((file, changed))
            case 2: night.append((file, rows + [rows[0]]))
            case 3:
                let renamed = file.replacingOccurrences(of: ".csv", with: "-again\(i).csv")
                night.append(
                    (
                        renamed,
                        rows.map { r in
                            Reject(
                                code: r.code, file: r.row == 0 ? r.file : renamed, line: r.line, row: r.row,
                                column: r.column,
                                raw: r.raw, record: r.record, english: r.english, thai: r.thai)
                        }
                    ))
            default: night.append((file, rows))
            }
        }
        if rng.chance(30) {
            let file = "exports/\(rng.pick(["hr", "it", "new"]))/added.csv"
            night.append((file, (0..<rng.int(1...3)).map { refusal(&rng, file: file, row: 2 + $0) }))
        }
        return night
    }

    static func log(_ night: Night) -> RejectLog {
        let log = RejectLog()
        for (_, rows) in night { log.append(contentsOf: rows) }
        return log
    }

    /// `previous` written as a run writes rejects.csv (in pieces, its memo entry kept), read back.
    func written(_ previous: RejectLog, in folder: URL) throws -> PreviousRejects {
        let path = folder.appendingPathComponent(Tables.rejects.file).path
        let file = SummaryFiles.wholeRunList(Tables.rejects, previous)
        let (entry, _) = try OutputReuse(outputFolder: folder.path).write(
            try #require(file.pieces), of: file.name, key: "k", previous: nil, run: nil, to: path)
        var counted: [String: Int] = [:]
        for (code, n) in previous.codeCounts { counted[code.rawValue] = n }
        return try PreviousRunLoader.rejects(at: path, counted: counted, pieces: entry).get()
    }

    /// Compared both ways; returns the piecewise result and how many previous rows it read.
    func bothWays(_ previous: PreviousRejects, _ current: RejectLog) throws -> (RejectChanges.Result, read: Int) {
        let full = try RejectChanges.compare(previous: previous, current: current, suffix: " (since R)")
        let pieces = try #require(previous.pieces)
        let read = Mutex(0)
        let counting = PreviousRejects.Pieces(entry: pieces.entry) { ranges, body in
            try pieces.forEachIn(ranges) { r in
                read.withLock { $0 += 1 }
                try body(r)
            }
        }
        let hashes = try #require(previous.hashes?())
        let piecewise = try #require(
            try RejectChanges.comparePieces(
                previous: previous, pieces: counting, hashes: hashes, current: current, suffix: " (since R)"))
        #expect(piecewise.items == full.items)
        #expect(piecewise.newByFolder == full.newByFolder)
        return (piecewise, read.withLock { $0 })
    }

    @Test("over 200 generated pairs of nights, reading the changed folders gives what reading the whole list gives")
    func sameAsWhole() throws {
        let folder = try makeTemporaryFolder("reject-pieces")
        defer { try? FileManager.default.removeItem(at: folder) }
        var rng = SplitMix64(seed: 22)
        var compared = 0
        for _ in 0..<200 {
            let before = Self.night(&rng)
            let after = Self.next(before, &rng)
            let previous = try written(Self.log(before), in: folder)
            let (result, _) = try bothWays(previous, Self.log(after))
            if !result.items.isEmpty { compared += 1 }
        }
        #expect(compared > 100, "most pairs have changes to list")
    }

    @Test("nothing changed: no row is read; one folder changed: only its rows are")
    func readsOnlyWhatChanged() throws {
        let folder = try makeTemporaryFolder("reject-pieces-read")
        defer { try? FileManager.default.removeItem(at: folder) }
        var rng = SplitMix64(seed: 7)
        let before = Self.night(&rng)
        let previous = try written(Self.log(before), in: folder)
        let same = try bothWays(previous, Self.log(before))
        #expect(same.0.items.isEmpty && same.read == 0)
        var after = before
        let it = try #require(after.firstIndex { $0.file.hasPrefix("exports/it/") })
        after[it].rows.append(Self.refusal(&rng, file: after[it].file, row: 500))
        let one = try bothWays(previous, Self.log(after))
        let itRows = before.filter { $0.file.hasPrefix("exports/it/") }.reduce(0) { $0 + $1.rows.count }
        #expect(one.0.newByFolder == ["it": 1])
        let allRows = before.reduce(0) { $0 + $1.rows.count }
        // The changed piece once to find its folder, then the folder's rows twice, as the whole list is read.
        #expect(one.read > 0 && one.read <= 3 * itRows, "\(one.read) rows read; the folder has \(itRows)")
        #expect(itRows < allRows)
    }

    @Test(
        "a previous list altered since it was written is not read by pieces; one holding fewer rows than its summary counted is refused as when read whole"
    )
    func untrusted() throws {
        let folder = try makeTemporaryFolder("reject-pieces-untrusted")
        defer { try? FileManager.default.removeItem(at: folder) }
        var rng = SplitMix64(seed: 9)
        let before = Self.night(&rng)
        let log = Self.log(before)
        let previous = try written(log, in: folder)
        let pieces = try #require(previous.pieces)
        // Another checksum than the memo's: not by pieces (the caller reads the whole list).
        let hashes = try #require(previous.hashes?())
        let otherChecksum = FileHashes(sha256: hashes.sha256, checksum: String(repeating: "0", count: 32))
        #expect(
            try RejectChanges.comparePieces(
                previous: previous, pieces: pieces, hashes: otherChecksum, current: log, suffix: "") == nil)
        // Pieces that overlap (a memo that does not describe the file, though its checksum is the file's):
        // not by pieces.
        var shifted = pieces.entry.pieces
        let last = shifted.count - 2
        shifted[last] = OutputMemo.Piece(
            key: shifted[last].key, offset: shifted[last].offset - 1, size: shifted[last].size + 1,
            checksum: shifted[last].checksum)
        let overlapping = PreviousRejects.Pieces(
            entry: OutputMemo.Entry(
                key: pieces.entry.key, size: pieces.entry.size, checksum: pieces.entry.checksum, pieces: shifted),
            forEachIn: pieces.forEachIn)
        var changed = before
        changed[changed.count - 1].rows.append(Self.refusal(&rng, file: changed[changed.count - 1].file, row: 400))
        #expect(
            try RejectChanges.comparePieces(
                previous: previous, pieces: overlapping, hashes: hashes, current: Self.log(changed), suffix: "")
                == nil)
        // The summary counted one more than the list holds: refused though every folder is skipped.
        var counted = try #require(previous.counted)
        counted[RejectCode.badDate.rawValue, default: 0] += 1
        let overCounted = PreviousRejects(
            counted: counted, hashes: previous.hashes, pieces: pieces, forEach: previous.forEach)
        #expect(throws: RejectChanges.Disagrees.self) {
            try RejectChanges.comparePieces(
                previous: overCounted, pieces: pieces, hashes: hashes, current: log, suffix: "")
        }
    }
}
