import Foundation
import Testing

@testable import PlanRollup
@testable import RollupBase
@testable import RollupCore
@testable import RollupReading

/// A read cache entry's row records are checked only when a run uses them (a night with nothing
/// changed seldom does): found damaged then, the folder is taken again and that file read, and the
/// run publishes what reading every file publishes.
@Suite("Read cache: row records checked when used")
struct CachedRowsTests {
    let nights = ReadCacheTests()

    /// The entry kept for `file` (its path as the manifest gives it), with a byte of its row records
    /// changed (the records are the entry's tail, before its checksum and length).
    func damageRows(of file: String, in output: URL) throws {
        let cache = output.path + "/cache/"
        let names = nights.entries(output).filter { name in
            (try? Data(contentsOf: URL(fileURLWithPath: cache + name)))?.range(of: Data(file.utf8)) != nil
        }
        let name = try #require(names.count == 1 ? names[0] : nil, "one entry for \(file): \(names)")
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: cache + name)))
        let tail = bytes.suffix(8).withUnsafeBytes { Int(Int64(littleEndian: $0.loadUnaligned(as: Int64.self))) }
        try #require(tail > 0, "\(file) has row records")
        bytes[bytes.count - CacheFile.tailTrailer - tail / 2] ^= 0x01
        try Data(bytes).write(to: URL(fileURLWithPath: cache + name))
    }

    /// Bytes of the entries in the cache folder: what a run's report counts as the entries it used or
    /// wrote (the others are removed when it finishes), an entry rewritten by the run counted once.
    func entryBytes(_ output: URL) -> Int {
        nights.entries(output).reduce(0) { total, name in
            var st = stat()
            return total + (stat(output.path + "/cache/" + name, &st) == 0 ? Int(st.st_size) : 0)
        }
    }

    @Test("rows damaged in the file before a changed one of its folder: the folder is taken again, that file read")
    func damagedBeforeAChangedFile() throws {
        let root = try makeTemporaryFolder("cached-rows-folder")
        defer { try? FileManager.default.removeItem(at: root) }
        let input = root.appendingPathComponent("input")
        try FileManager.default.copyItem(atPath: PublishedRun.shippedInput, toPath: input.path)
        let full = root.appendingPathComponent("full")
        let incremental = root.appendingPathComponent("incremental")
        _ = try nights.night(input: input, output: full, asOf: (2019, 9, 30), started: 0, cache: false)
        _ = try nights.night(input: input, output: incremental, asOf: (2019, 9, 30), started: 0, cache: true)
        try damageRows(of: "exports/hr-personnel/progress_hr-personnel_12m.csv", in: incremental)
        // The folder's later file changes (a byte of its title): it is read, checked against the first's rows.
        let later = input.appendingPathComponent("exports/hr-personnel/progress_hr-personnel_6m.csv")
        var bytes = Array(try Data(contentsOf: later))
        bytes[0] ^= 0x01
        try Data(bytes).write(to: later)
        let a = try nights.night(input: input, output: full, asOf: (2019, 9, 30), started: 100, cache: false)
        let b = try nights.night(input: input, output: incremental, asOf: (2019, 9, 30), started: 100, cache: true)
        try nights.expectSame(a.run, b.run, "after damage")
        #expect(
            b.read == [
                "exports/hr-personnel/progress_hr-personnel_12m.csv",
                "exports/hr-personnel/progress_hr-personnel_6m.csv",
            ], "\(b.read)")
        #expect(
            b.report?.damaged == 1 && b.report?.reused == 9 && b.report?.read == 2, "\(String(describing: b.report))")
        #expect(b.report?.bytes == entryBytes(incremental), "\(String(describing: b.report))")
    }

    @Test("rows damaged in a file whose rows the merge compares with another folder's: that folder is taken again")
    func damagedRowsTheMergeReads() throws {
        let root = try makeTemporaryFolder("cached-rows-merge")
        defer { try? FileManager.default.removeItem(at: root) }
        let input = root.appendingPathComponent("input")
        try FileManager.default.copyItem(atPath: PublishedRun.shippedInput, toPath: input.path)
        // Rows of two folders naming the same bureau: the merge compares them.
        let exports = input.appendingPathComponent("exports")
        try Data(ReadCacheTests.april.utf8).write(to: exports.appendingPathComponent("hr-policy/zz-april.csv"))
        try Data(ReadCacheTests.april.replacingOccurrences(of: "ครั้งที่", with: "รอบที่").utf8).write(
            to: exports.appendingPathComponent("hr-it/zz-april.csv"))
        let full = root.appendingPathComponent("full")
        let incremental = root.appendingPathComponent("incremental")
        _ = try nights.night(input: input, output: full, asOf: (2019, 9, 30), started: 0, cache: false)
        _ = try nights.night(input: input, output: incremental, asOf: (2019, 9, 30), started: 0, cache: true)
        try damageRows(of: "exports/hr-it/zz-april.csv", in: incremental)
        let a = try nights.night(input: input, output: full, asOf: (2019, 9, 30), started: 100, cache: false)
        let b = try nights.night(input: input, output: incremental, asOf: (2019, 9, 30), started: 100, cache: true)
        try nights.expectSame(a.run, b.run, "after damage")
        #expect(b.read == ["exports/hr-it/zz-april.csv"], "\(b.read)")
        #expect(b.report?.damaged == 1 && b.report?.read == 1, "\(String(describing: b.report))")
        #expect(b.report?.bytes == entryBytes(incremental), "\(String(describing: b.report))")
        // Rewritten: the next night takes every file from the cache, and checks the rows it compares.
        let c = try nights.night(input: input, output: incremental, asOf: (2019, 9, 30), started: 200, cache: true)
        #expect(c.read.isEmpty && c.report?.damaged == 0, "\(String(describing: c.report))")
        #expect(c.report?.bytes == entryBytes(incremental), "\(String(describing: c.report))")
    }
}
