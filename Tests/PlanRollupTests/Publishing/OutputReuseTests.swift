import Foundation
import Synchronization
import Testing

@testable import PlanRollup
@testable import RollupBase
@testable import RollupCore
@testable import RollupReading

/// A run copies from the previous run the files it would write again byte for byte (its reject and
/// notice lists, its workbook) and finds an unchanged refusal comparison without reading it again:
/// what it publishes is what writing every file gives, and a previous file changed since is never
/// copied.
@Suite("Outputs taken from the previous run")
struct OutputReuseTests {
    /// One night into `output` with the read cache and the copies (`reuse`), or neither.
    func night(input: URL, output: URL, asOf: (Int, Int, Int), started: Int, reuse: Bool) throws -> (
        run: PublishedRun, counts: (copied: Int, written: Int, piecesCopied: Int)?
    ) {
        var options = Pipeline.Options(
            input: input.path, output: output.path, asOf: CalendarDay(year: asOf.0, month: asOf.1, day: asOf.2))
        options.previousRun = { PreviousRunLoader(outputFolder: output.path).load(fiscalYear: $0) }
        if reuse { options.cache = ReadCache(folder: output.path + "/cache") }
        let outcome = try Pipeline.compute(options, today: PublishedRun.today)
        let copies = reuse ? OutputReuse(outputFolder: output.path) : nil
        let run = try PublishedRun.publish(outcome, output: output, started: startTime(started), reuse: copies)
        if let copies { #expect(copies.save(run: run.folder.lastPathComponent)) }
        return (run, copies?.counts)
    }

    typealias Counts = (copied: Int, written: Int, piecesCopied: Int)

    /// Night `n` into `full` without the cache and into `copied` with it: the same files published;
    /// what the cached night copied and wrote.
    func bothNights(_ n: Int, input: URL, full: URL, copied: URL, asOf: (Int, Int, Int) = (2019, 4, 15)) throws
        -> Counts
    {
        let a = try night(input: input, output: full, asOf: asOf, started: n * 100, reuse: false)
        let b = try night(input: input, output: copied, asOf: asOf, started: n * 100, reuse: true)
        try expectSame(a.run, b.run, "night \(n)")
        return try #require(b.counts)
    }

    func expectSame(_ full: PublishedRun, _ copied: PublishedRun, _ night: String) throws {
        #expect(full.fileNames == copied.fileNames, "\(night)")
        for name in full.fileNames where name != "manifest.json" {
            #expect(try full.bytes(name) == copied.bytes(name), "\(night): \(name)")
        }
    }

    /// The shipped input with one row refused in two folders (so there are lists to copy).
    func input(_ root: URL) throws -> URL {
        let input = root.appendingPathComponent("input")
        try FileManager.default.copyItem(atPath: PublishedRun.shippedInput, toPath: input.path)
        let bad = """
            project_id,date,project,activities,participants,spent,result_pct,status,bureau,evidence,note
            สผ-62-017,2019-02-31,,1,20,"1,000",50,อยู่ระหว่างดำเนินการ,สำนักนโยบายและแผน (สผ.),,วันที่ไม่มีจริง
            สผ-62-999,2019-02-10,,1,20,"1,000",50,อยู่ระหว่างดำเนินการ,สำนักนโยบายและแผน (สผ.),,รหัสผิด

            """
        try Data(bad.utf8).write(to: input.appendingPathComponent("exports/hr-policy/zz-bad.csv"))
        try Data(bad.utf8).write(to: input.appendingPathComponent("exports/hr-it/zz-bad.csv"))
        return input
    }

    @Test(
        "nights with nothing changed copy every list and the workbook; a changed file, a moved as-of date or a previous file altered since are written anew, and every night publishes what writing every file publishes"
    )
    func copiedWhenTheSame() throws {
        let root = try makeTemporaryFolder("output-reuse")
        defer { try? FileManager.default.removeItem(at: root) }
        let input = try input(root)
        let full = root.appendingPathComponent("full")
        let copied = root.appendingPathComponent("copied")
        func both(_ n: Int, _ asOf: (Int, Int, Int)) throws -> Counts {
            try bothNights(n, input: input, full: full, copied: copied, asOf: asOf)
        }
        // Files made from a source: rejects.csv, notices.csv, one rejects and one notices list per
        // folder with any, and the workbook.
        let first = try both(1, (2019, 4, 15))
        #expect(first.copied == 0 && first.written > 4, "\(first)")
        let sourced = first.written
        // Night 2 compares with night 1 (the workbook's changes sheet differs from night 1's, which had no
        // previous run); the lists are copied.
        var n = try both(2, (2019, 4, 15))
        #expect(n.copied == sourced - 1 && n.written == 1, "\(n)")
        n = try both(3, (2019, 4, 15))
        #expect(n.copied == sourced && n.written == 0, "\(n)")

        // A previous file altered after it was published (a byte changed, or cut short) is not copied.
        // (Not rejects.csv: the next night compares its refusals with it.)
        let latest = copied.appendingPathComponent("latest")
        let notices = latest.appendingPathComponent("notices.csv")
        var bytes = try Data(contentsOf: notices)
        bytes[bytes.count - 3] ^= 0x01
        try bytes.write(to: notices)
        let bureau = latest.appendingPathComponent("rejects/hr-it.csv")
        let whole = try Data(contentsOf: bureau)
        try whole.prefix(whole.count / 2).write(to: bureau)
        n = try both(4, (2019, 4, 15))
        #expect(n.copied == sourced - 2 && n.written == 2, "\(n)")

        // A damaged memo is not trusted: everything is written.
        try Data("plan-rollup read cache 1\ngarbage".utf8).write(
            to: copied.appendingPathComponent("cache/" + OutputMemo.name))
        n = try both(5, (2019, 4, 15))
        #expect(n.copied == 0 && n.written == sourced, "\(n)")

        // The as-of date moves: the summary changes, so the workbook is written; the lists are copied.
        n = try both(6, (2019, 4, 16))
        #expect(n.written == 1, "\(n)")

        // One folder's file changes: its own lists and the whole-run ones are written, the others copied.
        let policy = input.appendingPathComponent("exports/hr-policy/zz-bad.csv")
        try (try String(contentsOf: policy, encoding: .utf8) + "สผ-62-998,2019-02-11,,1,20,1,50,,,,\n").write(
            to: policy, atomically: true, encoding: .utf8)
        n = try both(7, (2019, 4, 16))
        #expect(n.copied > 0 && n.written >= 3, "\(n)")
        // The whole-run lists are written from pieces: the other folder's rows and the headers copied.
        #expect(n.piecesCopied >= 3, "\(n)")
        try expectPiecesDescribe(copied)
    }

    /// The memo's pieces of each whole-run list cover its published file end to end, each with the
    /// checksum of its bytes.
    func expectPiecesDescribe(_ output: URL) throws {
        let memo = try #require(OutputMemo.load(cacheFolder: output.path + "/cache"))
        for name in [Tables.rejects.file, Tables.notices.file] {
            let entry = try #require(memo.entries[name])
            let bytes = try Data(contentsOf: output.appendingPathComponent("runs/\(memo.run)/\(name)"))
            #expect(entry.size == bytes.count && entry.pieces.count >= 2, "\(name): \(entry.pieces.count)")
            var offset = 0
            for piece in entry.pieces {
                #expect(piece.offset == offset, "\(name)")
                let checksum = bytes[piece.offset..<piece.offset + piece.size].withUnsafeBytes {
                    ContentChecksum.of($0)
                }
                #expect(checksum == piece.checksum, "\(name) at \(piece.offset)")
                offset += piece.size
            }
            #expect(offset == bytes.count, "\(name)")
        }
    }

    @Test(
        "a whole-run list whose previous file was altered in a piece that did not change is written anew, never with the altered bytes; its other pieces are copied when intact"
    )
    func alteredPieceNotCopied() throws {
        let root = try makeTemporaryFolder("output-reuse-pieces")
        defer { try? FileManager.default.removeItem(at: root) }
        let input = try input(root)
        let full = root.appendingPathComponent("full")
        let copied = root.appendingPathComponent("copied")
        func both(_ n: Int) throws -> Counts { try bothNights(n, input: input, full: full, copied: copied) }
        func changeFolder(_ folder: String, _ id: Int) throws {
            let file = input.appendingPathComponent("exports/\(folder)/zz-bad.csv")
            try (try String(contentsOf: file, encoding: .utf8) + "สผ-62-\(id),2019-02-11,,1,20,1,50,,,,\n").write(
                to: file, atomically: true, encoding: .utf8)
        }
        _ = try both(1)
        _ = try both(2)
        // hr-policy changes: hr-it's rows of rejects.csv are copied.
        try changeFolder("hr-policy", 901)
        let intact = try both(3)
        #expect(intact.piecesCopied >= 3, "\(intact)")
        // In the published rejects.csv, a byte of hr-it's rows (a piece the next night would copy) is
        // altered; hr-policy changes again.
        let memo = try #require(OutputMemo.load(cacheFolder: copied.path + "/cache"))
        let entry = try #require(memo.entries[Tables.rejects.file])
        let path = copied.appendingPathComponent("runs/\(memo.run)/\(Tables.rejects.file)")
        var bytes = try Data(contentsOf: path)
        let text = String(decoding: bytes, as: UTF8.self)
        let hrIT = try #require(text.range(of: "exports/hr-it/zz-bad.csv"))
        let at = text.utf8.distance(from: text.startIndex, to: hrIT.lowerBound) + 8
        #expect(entry.pieces.contains { ($0.offset..<$0.offset + $0.size).contains(at) })
        bytes[at] ^= 0x01
        try bytes.write(to: path)
        // The run that writes every file reads the same altered list as the previous refusals.
        let fullPath = full.appendingPathComponent("latest/\(Tables.rejects.file)")
        #expect(try Data(contentsOf: fullPath).count == bytes.count)
        try bytes.write(to: fullPath)
        try changeFolder("hr-policy", 902)
        let altered = try both(4)
        // The same bytes as a run that wrote every file (expectSame), and the memo describes them.
        #expect(altered.piecesCopied < intact.piecesCopied, "\(altered) \(intact)")
        try expectPiecesDescribe(copied)
    }

    @Test(
        "a previous run folder, or a folder within it, replaced by a link is not copied from: the files are written"
    )
    func noCopyThroughLinks() throws {
        let root = try makeTemporaryFolder("output-reuse-links")
        defer { try? FileManager.default.removeItem(at: root) }
        let input = try input(root)
        let full = root.appendingPathComponent("full")
        let copied = root.appendingPathComponent("copied")
        let fm = FileManager.default
        func both(_ n: Int) throws -> Counts { try bothNights(n, input: input, full: full, copied: copied) }
        _ = try both(1)
        _ = try both(2)
        let sourced = try both(3).copied
        #expect(sourced > 4)
        // The run the memo names becomes a link to a copy of itself, byte for byte the same.
        func previousRun() throws -> URL {
            let memo = try #require(OutputMemo.load(cacheFolder: copied.path + "/cache"))
            return copied.appendingPathComponent("runs/" + memo.run)
        }
        var run = try previousRun()
        let elsewhere = root.appendingPathComponent("elsewhere")
        try fm.copyItem(at: run, to: elsewhere)
        try fm.removeItem(at: run)
        try fm.createSymbolicLink(at: run, withDestinationURL: elsewhere)
        var n = try both(4)
        #expect(n.copied == 0 && n.written == sourced, "\(n)")
        // Its folder of bureau lists becomes a link: those lists are written, the others copied.
        run = try previousRun()
        let lists = try fm.contentsOfDirectory(atPath: run.path + "/rejects").count
        #expect(lists > 0)
        let listsElsewhere = root.appendingPathComponent("lists-elsewhere")
        try fm.copyItem(at: run.appendingPathComponent("rejects"), to: listsElsewhere)
        try fm.removeItem(at: run.appendingPathComponent("rejects"))
        try fm.createSymbolicLink(at: run.appendingPathComponent("rejects"), withDestinationURL: listsElsewhere)
        n = try both(5)
        #expect(n.copied == sourced - lists && n.written == lists, "\(n)")
    }

    /// `previous` written as rejects.csv, read back as a run reads it.
    func previous(_ rejects: [Reject], in folder: URL) throws -> PreviousRejects {
        let path = folder.appendingPathComponent("rejects.csv").path
        try Data(Tables.rejects.render(rejects)).write(to: URL(fileURLWithPath: path))
        return try PreviousRunLoader.rejects(at: path).get()
    }

    @Test(
        "a refusal comparison that found nothing is not read again while the previous list, its counts and the current refusals are the same; any of them changed, it is"
    )
    func comparisonRemembered() throws {
        let folder = try makeTemporaryFolder("nothing-changed")
        defer { try? FileManager.default.removeItem(at: folder) }
        let memo = folder.appendingPathComponent("cache")
        try FileManager.default.createDirectory(at: memo, withIntermediateDirectories: true)
        let refused = [RejectChangesTests.unknown, RejectChangesTests.leapDay]
        let same = try previous(refused, in: folder)
        let first = try RejectChanges.compare(
            previous: same, current: RejectLog(refused), suffix: "", memoFolder: memo.path)
        #expect(first.items.isEmpty && first.newByFolder.isEmpty)
        #expect(FileManager.default.fileExists(atPath: memo.path + "/" + NothingChanged.name))

        // The same file (its SHA-256) and the same refusals: the list is not read (reading it would throw).
        struct Unread: Error {}
        let unreadable = PreviousRejects(counted: same.counted, hashes: same.hashes) { _ in throw Unread() }
        let again = try RejectChanges.compare(
            previous: unreadable, current: RejectLog(refused), suffix: "", memoFolder: memo.path)
        #expect(again.items.isEmpty && again.newByFolder.isEmpty)
        // Without the memo folder it is read.
        #expect(throws: Unread.self) {
            try RejectChanges.compare(previous: unreadable, current: RejectLog(refused), suffix: "", memoFolder: nil)
        }
        // Another current list: compared one by one (a refusal fixed is found).
        let fewer = try RejectChanges.compare(
            previous: same, current: RejectLog([RejectChangesTests.unknown]), suffix: "", memoFolder: memo.path)
        #expect(fewer.items.contains { $0.kind == .rejectsFixed })
        // Another previous file (a refusal more): compared one by one.
        let other = try previous(refused + [RejectChangesTests.wholeFile], in: folder)
        let more = try RejectChanges.compare(
            previous: other, current: RejectLog(refused), suffix: "", memoFolder: memo.path)
        #expect(more.items.contains { $0.kind == .rejectsFixed })
        // The file replaced while it was compared (it hashes otherwise after the comparison than before):
        // what the comparison read may not be the bytes the memo would name, so nothing is remembered.
        try FileManager.default.removeItem(atPath: memo.path + "/" + NothingChanged.name)
        let written = try previous(refused, in: folder)
        let hashed = Mutex(0)
        let replaced = PreviousRejects(
            counted: written.counted,
            hashes: {
                hashed.withLock { $0 += 1 }
                return hashed.withLock { $0 } == 1
                    ? written.hashes?() : FileHashes(sha256: String(repeating: "0", count: 64), checksum: "")
            }, forEach: written.forEach)
        let during = try RejectChanges.compare(
            previous: replaced, current: RejectLog(refused), suffix: "", memoFolder: memo.path)
        #expect(during.items.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: memo.path + "/" + NothingChanged.name))
        // Other counts from the previous summary: compared one by one (and found not to agree).
        let miscounted = PreviousRejects(counted: ["date.invalid": 5], hashes: same.hashes) { _ in throw Unread() }
        #expect(throws: Unread.self) {
            try RejectChanges.compare(
                previous: miscounted, current: RejectLog(refused), suffix: "", memoFolder: memo.path)
        }
    }

    @Test(
        "the next night compares its refusals with the published list by its pieces: with nothing changed, no row of it is read; a list altered since is read whole"
    )
    func comparedByPieces() throws {
        let root = try makeTemporaryFolder("compared-by-pieces")
        defer { try? FileManager.default.removeItem(at: root) }
        let input = try input(root)
        let output = root.appendingPathComponent("output")
        let first = try night(input: input, output: output, asOf: (2019, 4, 15), started: 0, reuse: true)
        let cache = output.path + "/cache"
        let refused = first.run.outcome.rejects
        try #require(refused.count > 0)
        // As the next night loads the published run.
        let loaded = PreviousRunLoader(outputFolder: output.path).load(fiscalYear: first.run.outcome.summary.fiscalYear)
        guard case .previous(let previous) = loaded, case .success(let published) = previous.rejects else {
            Issue.record("the published run is not loaded: \(loaded)")
            return
        }
        let pieces = try #require(published.pieces)
        struct Unread: Error {}
        // Neither the whole list nor any piece of it may be read.
        let noRows = PreviousRejects.Pieces(entry: pieces.entry) { _, _ in throw Unread() }
        let unreadable = PreviousRejects(counted: published.counted, hashes: published.hashes, pieces: noRows) { _ in
            throw Unread()
        }
        let found = try RejectChanges.compare(previous: unreadable, current: refused, suffix: "", memoFolder: cache)
        #expect(found.items.isEmpty && found.newByFolder.isEmpty)
        // The published list changed since: its pieces are not trusted, and the whole list is read.
        let path = first.run.folder.appendingPathComponent(Tables.rejects.file)
        try (try Data(contentsOf: path) + Data("x\r\n".utf8)).write(to: path)
        let changed = try PreviousRunLoader.rejects(at: path.path, counted: published.counted, pieces: pieces.entry)
            .get()
        let otherBytes = PreviousRejects(counted: changed.counted, hashes: changed.hashes, pieces: noRows) { _ in
            throw Unread()
        }
        #expect(throws: Unread.self) {
            try RejectChanges.compare(previous: otherBytes, current: refused, suffix: "", memoFolder: cache)
        }
    }

    @Test(
        "a memo describing another run is not taken to describe the previous run's list, byte for byte the same or not: that list is compared whole"
    )
    func piecesOnlyOfTheMemosRun() throws {
        let root = try makeTemporaryFolder("pieces-of-memo-run")
        defer { try? FileManager.default.removeItem(at: root) }
        let input = try input(root)
        let output = root.appendingPathComponent("output")
        // The first night saves the memo; the second, run without the cache, publishes the same lists
        // but leaves the memo naming the first.
        let first = try night(input: input, output: output, asOf: (2019, 4, 15), started: 0, reuse: true)
        let second = try night(input: input, output: output, asOf: (2019, 4, 15), started: 100, reuse: false)
        let memo = try #require(OutputMemo.load(cacheFolder: output.path + "/cache"))
        #expect(memo.run == first.run.folder.lastPathComponent)
        let file = Tables.rejects.file
        #expect(try first.run.bytes(file) == second.run.bytes(file), "the same bytes: the same checksum")
        let loaded = PreviousRunLoader(outputFolder: output.path).load(
            fiscalYear: second.run.outcome.summary.fiscalYear)
        guard case .previous(let previous) = loaded, case .success(let published) = previous.rejects else {
            Issue.record("the published run is not loaded: \(loaded)")
            return
        }
        #expect(previous.run == second.run.folder.lastPathComponent)
        // Its checksum (not made to resist a forger) would match; the memo's pieces are still not its.
        #expect(published.pieces == nil)
        #expect(published.hashes?()?.checksum == memo.entries[file]?.checksum)
        let found = try RejectChanges.compare(
            previous: published, current: second.run.outcome.rejects, suffix: "", memoFolder: output.path + "/cache")
        #expect(found.items.isEmpty && found.newByFolder.isEmpty)
    }

    enum Case: CustomStringConvertible {
        case one, two
        var description: String { "the same text" }
    }

    final class Box { let n = 1 }

    @Test(
        "a memo whose pieces overlap, leave a gap, run past the file or stop short of it is not read: every file is written"
    )
    func memoPiecesMustTile() throws {
        let cache = try makeTemporaryFolder("output-memo-pieces")
        defer { try? FileManager.default.removeItem(at: cache) }
        let checksum = String(repeating: "a", count: 32)
        func piece(_ offset: Int, _ size: Int) -> OutputMemo.Piece {
            OutputMemo.Piece(key: "k\(offset)", offset: offset, size: size, checksum: checksum)
        }
        func loaded(_ pieces: [OutputMemo.Piece], size: Int = 30) -> Bool {
            let entry = OutputMemo.Entry(key: "k", size: size, checksum: checksum, pieces: pieces)
            #expect(OutputMemo(run: "r", entries: ["rejects.csv": entry]).save(cacheFolder: cache.path))
            return OutputMemo.load(cacheFolder: cache.path)?.entries["rejects.csv"] == entry
        }
        #expect(loaded([piece(0, 10), piece(10, 0), piece(10, 20)]))
        #expect(loaded([]))
        #expect(!loaded([piece(0, 10), piece(5, 25)]), "overlapping")
        #expect(!loaded([piece(0, 10), piece(12, 18)]), "a gap")
        #expect(!loaded([piece(0, 10), piece(10, 40)]), "past the end")
        #expect(!loaded([piece(0, 10), piece(10, 10)]), "short of the end")
        #expect(!loaded([piece(5, 25)]), "not from the first byte")
    }

    @Test("what a file is made from is told apart whole: cases, order, where text splits; dictionaries in any order")
    func sourceDigest() throws {
        func digest(_ value: Any) -> [UInt8]? {
            var source = OutputSource("test")
            source.add(value)
            return source.digest
        }
        #expect(digest(Case.one) != nil)
        #expect(digest(Case.one) != digest(Case.two))
        #expect(digest([1, 2]) != digest([2, 1]))
        #expect(digest(("a", "bc")) != digest(("ab", "c")))
        #expect(digest(Optional<Int>.none) != digest(Optional(0)))
        #expect(digest(1) != digest("1"))
        #expect(digest(Optional(1)) != digest(1))
        #expect(digest(Optional("")) != digest(Optional<String>.none))
        #expect(digest(Decimal(string: "1.5")!) != digest(Decimal(string: "1.25")!))
        // The arrays and optionals read without a Mirror: every element and the case count.
        #expect(digest([Int64(1), 2]) != digest([Int64(2), 1]))
        #expect(digest([Int64(1), 2]) != digest([Int64(1), 2, 0]))
        #expect(digest([Int64]()) != digest([Int64(0)]))
        #expect(digest([Int64(1)]) != digest([1]))
        #expect(digest(Optional(Int64(0))) != digest(Int64?.none))
        #expect(digest(Optional(Int64(5))) != digest(Optional(Int64(6))))
        #expect(digest(Optional(Int64(5))) != digest(Optional(5)))
        #expect(digest(Optional("a")) != digest(Optional("b")))
        #expect(digest(Optional(Decimal(1))) != digest(Optional(Decimal(2))))
        #expect(digest(Optional(Decimal(1))) != digest(Decimal?.none))
        #expect(digest(([Int64(1)], Optional("x"))) == digest(([Int64(1)], Optional("x"))))
        var forward: [String: Int] = [:]
        var backward: [String: Int] = [:]
        for i in 0..<50 { forward["k\(i)"] = i }
        for i in (0..<50).reversed() { backward["k\(i)"] = i }
        #expect(digest(forward) == digest(backward))
        #expect(digest(forward) != digest(forward.merging(["k0": 7]) { $1 }))
        // What cannot be seen whole gives no digest: the file is written.
        #expect(digest(Box()) == nil)
        // A custom mirror that does not show the contents: Data of 64 bytes or more reflects its count
        // and address, so a change in place kept the digest; a pointer reflects its address.
        var data = Data(repeating: 1, count: 100)
        let unchanged = digest(data)
        data[0] = 2
        #expect(unchanged == nil || digest(data) != unchanged)
        #expect(digest(data) == nil)
        #expect(digest(UnsafeRawPointer(bitPattern: 64)!) == nil)
        #expect(digest([Data(count: 80)]) == nil)
        // Leaves with a custom mirror of no children are still taken by their text.
        #expect(digest(1.5) != nil && digest(1.5) != digest(1.25))
        #expect(digest(Character("ก")) != nil)
        #expect(digest([{ 1 }]) == nil)
    }
}
