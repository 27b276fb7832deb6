import Foundation
import Testing

@testable import PlanRollup
@testable import RollupBase
@testable import RollupCore
@testable import RollupReading

/// The reject log keeps refusals on disk beyond a few: what goes in comes back exactly, in order,
/// and the reject files written from it are the bytes rendering the whole list in memory gives.
@Suite("Reject log: spilled to disk, read back exactly")
struct RejectLogTests {
    /// `n` rejects spread over `files`, with Thai text, quotes, commas and line breaks in them.
    static func rejects(_ n: Int, files: [String]) -> [Reject] {
        (0..<n).map { i in
            Reject(
                code: RejectCode.allCases[i % RejectCode.allCases.count], file: files[i * files.count / n], line: i + 2,
                row: i + 1, column: "จำนวนผู้เข้าร่วม (คน)", raw: "๑๒,\"๓\"\n\(i)",
                record: ["สผ-62-0\(i % 10)", "โครงการ, \"ทดสอบ\" \(i)", "", String(repeating: "ก", count: i % 97)],
                english: "line \(i): not a number", thai: "บรรทัด \(i) ไม่ใช่ตัวเลข")
        }
    }

    static let files = [
        "exports/b02/a.csv", "exports/b01/x.csv", "exports/b01/y.csv", "plan/plan.csv", "exports/b03/z.csv",
    ]

    @Test("entries come back identical and in order, across the spill to disk", arguments: [0, 1, 3, 2_000])
    func roundTrip(count: Int) {
        let list = Self.rejects(count, files: Self.files)
        let log = RejectLog(list)
        #expect(log.count == count)
        #expect(Array(log) == list)
        #expect(log.first == list.first)
        #expect(log.last == list.last)
        #expect(log.first(5) == Array(list.prefix(5)))
        var counts: [RejectCode: Int] = [:]
        for r in list { counts[r.code, default: 0] += 1 }
        #expect(log.codeCounts == counts)
        if count == 2_000 { #expect(log.byteCount > RejectLog.spillBytes, "the test must reach the spool file") }
    }

    @Test("a log appended to another keeps order, counts and per-file grouping")
    func appendLog() {
        let a = Self.rejects(1_500, files: Self.files)
        let b = Self.rejects(700, files: ["exports/b01/w.csv"])
        let main = RejectLog(a.prefix(100))
        let part = RejectLog(a.dropFirst(100))
        main.append(log: part)
        main.append(log: RejectLog(b))
        #expect(Array(main) == a + b)
        #expect(main.count == a.count + b.count)
        let groups = main.groups { SummaryFiles.bureauFolder(of: $0) }
        #expect(groups.map(\.key) == ["", "b01", "b02", "b03"])
        for (folder, ranges) in groups {
            var got: [Reject] = []
            for range in ranges { main.forEach(in: range) { got.append($0) } }
            #expect(got == (a + b).filter { SummaryFiles.bureauFolder(of: $0.file) == folder }, "\(folder)")
        }
    }

    @Test(
        "a run's log holds at most spillBytes in memory however many small file logs it takes: their bytes in memory are copied and spilled, not kept"
    )
    func appendedLogsSpill() {
        let list = Self.rejects(3_000, files: Self.files)
        let run = RejectLog()
        // 600 files of 5 refusals each, every one well under spillBytes (as most files' logs are).
        for file in 0..<600 {
            let one = RejectLog()
            one.append(contentsOf: list[(file * 5)..<(file * 5 + 5)])
            #expect(one.byteCount < RejectLog.spillBytes)
            run.append(log: one)
        }
        #expect(run.byteCount > 20 * RejectLog.spillBytes, "the test must hold far more than spillBytes")
        #expect(run.bytesInMemory <= RejectLog.spillBytes, "\(run.bytesInMemory) bytes held in memory")
        #expect(Array(run) == list)
    }

    @Test(
        "appending rows, file logs in memory, file logs on disk (as the read cache gives them) and a log itself appended elsewhere, in any order, keeps every entry in order and memory bounded",
        arguments: [1, 2, 3, 4, 5, 6, 7, 8]
    )
    func appendMixed(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let list = Self.rejects(4_000, files: Self.files)
        var at = 0
        func next(_ n: Int) -> ArraySlice<Reject> {
            let slice = list[at..<min(list.count, at + n)]
            at += slice.count
            return slice
        }
        let run = RejectLog()
        let side = RejectLog()
        while at < list.count {
            switch random.next() % 4 {
            case 0:
                run.append(contentsOf: next(Int(random.next() % 5)))
            case 1:
                run.append(log: RejectLog(next(Int(random.next() % 200))))
            case 2:
                // A log whose bytes lie on disk only, read in place.
                let entries = RejectLog(next(1 + Int(random.next() % 100)))
                let buffer = SpillBuffer(spillBytes: 1)
                entries.forEachBlock(in: 0..<entries.byteCount) { block in buffer.append { $0 += block } }
                buffer.seal()
                let onDisk = RejectLog(
                    count: entries.count, codeCounts: entries.codeCounts, segments: entries.segments,
                    byteCount: entries.byteCount, buffer: buffer)!
                #expect(onDisk.bytesInMemory == 0)
                run.append(log: onDisk)
            default:
                // The run's log appended to another, then more taken by both.
                side.append(log: run)
                run.append(contentsOf: next(3))
            }
        }
        #expect(Array(run) == list)
        #expect(run.count == list.count)
        #expect(run.bytesInMemory <= RejectLog.spillBytes, "\(run.bytesInMemory) bytes held in memory")
        var digests = Set<String>()
        for range in run.segmentRanges { digests.insert(run.digest(of: range)) }
        #expect(!digests.isEmpty)
    }

    @Test("a temporary folder that cannot be written keeps the entries in memory, none lost")
    func spoolUnwritable() {
        let list = Self.rejects(2_000, files: Self.files)
        let log = RejectLog(spoolFolder: "/nonexistent-plan-rollup-spool")
        log.append(contentsOf: list)
        #expect(Array(log) == list)
        #expect(log.count == list.count)
    }

    @Test("removeAll empties the log and its spool; it can be used again")
    func removeAll() {
        let log = RejectLog(Self.rejects(1_000, files: Self.files))
        log.removeAll()
        #expect(log.isEmpty && Array(log).isEmpty && log.codeCounts.isEmpty)
        let again = Self.rejects(3, files: ["exports/b09/q.csv"])
        log.append(contentsOf: again)
        #expect(Array(log) == again)
    }

    @Test("streamed reject files are byte for byte the in-memory rendering, per bureau too")
    func streamedFiles() throws {
        let list = Self.rejects(2_500, files: Self.files)
        let files = SummaryFiles.render(summary: try Self.emptySummary(), rejects: RejectLog(list))
        let byName = Dictionary(uniqueKeysWithValues: files.map { ($0.name, $0.bytes) })
        #expect(byName["rejects.csv"] == Tables.rejects.render(list))
        #expect(byName["rejects.csv"]!.count > 3 * 64 * 1024, "more than one streamed piece")
        for folder in ["b01", "b02", "b03"] {
            var expected = Tables.bureauRejects.writer()
            for r in list where SummaryFiles.bureauFolder(of: r.file) == folder {
                Tables.bureauRejects.append(r, to: &expected)
            }
            let summary = try Self.emptySummary()
            for row in BureauProjectList.rows(summary: summary, folder: folder, bureauFolders: [:]) {
                expected.append(row)
            }
            #expect(byName["rejects/\(folder).csv"] == expected.bytes, "\(folder)")
        }
        #expect(
            Set(byName.keys.filter { $0.hasPrefix("rejects/") }) == [
                "rejects/b01.csv", "rejects/b02.csv", "rejects/b03.csv",
            ])
    }

    static func emptySummary() throws -> Summary {
        try Pipeline.compute(
            Pipeline.Options(
                input: Paths.fixture("golden-small/input"), output: makeTemporaryFolder("reject-log").path),
            today: CalendarDay(year: 2019, month: 9, day: 30)!
        ).summary
    }
}
