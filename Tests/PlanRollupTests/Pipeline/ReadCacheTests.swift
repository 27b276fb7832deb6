import Foundation
import Synchronization
import Testing

@testable import PlanRollup
@testable import RollupBase
@testable import RollupCore
@testable import RollupReading

/// The read cache: a run that takes unchanged files from `<output>/cache/` publishes exactly what a
/// run reading every file publishes, night after night, and a damaged entry is never trusted.
@Suite("Read cache")
struct ReadCacheTests {
    /// One night into `output`: the real pipeline and publisher, with or without the cache; the
    /// files read (not taken from the cache) by their path.
    /// `cache` configures the run's cache (none when nil); `starting` is told each file's start (how
    /// many started before it, of how many).
    func night(
        input: URL, output: URL, asOf: (Int, Int, Int), started: Int, cache: Bool,
        configure: (inout Pipeline.Options) -> Void = { _ in },
        starting: (@Sendable (_ started: Int, _ total: Int) -> Void)? = nil
    ) throws -> (run: PublishedRun, read: [String], report: ReadCache.Report?) {
        var options = Pipeline.Options(
            input: input.path, output: output.path, asOf: CalendarDay(year: asOf.0, month: asOf.1, day: asOf.2))
        options.previousRun = { PreviousRunLoader(outputFolder: output.path).load(fiscalYear: $0) }
        if cache { options.cache = ReadCache(folder: output.path + "/cache") }
        configure(&options)
        let read = Mutex<[String]>([])
        options.events = { event in
            if case .exportRead(_, _, let account, _, _, let cached) = event, !cached {
                read.withLock { $0.append(account.path) }
            }
            if case .exportStarted(_, let started, let total, _) = event { starting?(started, total) }
        }
        let outcome = try Pipeline.compute(options, today: PublishedRun.today)
        // With the cache, the run's lists and workbook are copied from the previous run where the same.
        let reuse = cache ? OutputReuse(outputFolder: output.path) : nil
        let run = try PublishedRun.publish(outcome, output: output, started: startTime(started), reuse: reuse)
        _ = reuse?.save(run: run.folder.lastPathComponent)
        return (run, read.withLock { $0.sorted() }, outcome.cache)
    }

    /// Every file of both runs but the manifest (which records times and the command line), byte for byte.
    func expectSame(_ full: PublishedRun, _ incremental: PublishedRun, _ night: String) throws {
        #expect(full.fileNames == incremental.fileNames, "\(night)")
        for name in full.fileNames where name != "manifest.json" {
            #expect(try full.bytes(name) == incremental.bytes(name), "\(night): \(name)")
        }
        let accounts = { (run: PublishedRun) in run.outcome.accounts.map { a -> FileAccount in a } }
        #expect(accounts(full) == accounts(incremental), "\(night): the manifest's file accounts")
    }

    func entries(_ output: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: output.path + "/cache")) ?? []).filter {
            ReadCache.Session.isEntryName($0)
        }
    }

    func write(_ text: String, to url: URL) throws {
        try Data(text.utf8).write(to: url)
    }

    static let april = """
        project_id,date,project,activities,participants,spent,result_pct,status,bureau,evidence,note
        สผ-62-017,2019-04-10,,1,20,"1,000",50,อยู่ระหว่างดำเนินการ,สำนักนโยบายและแผน (สผ.),,ครั้งที่ ๒
        สผ-62-017,2019-04-17,,1,30,"2,000",60,อยู่ระหว่างดำเนินการ,สำนักนโยบายและแผน (สผ.),,ครั้งที่ ๓
        สผ-62-017,2019-05-02,,1,40,"3,000",70,อยู่ระหว่างดำเนินการ,สำนักนโยบายและแผน (สผ.),,ครั้งที่ ๔

        """

    @Test(
        "seven nights of files added, changed, re-sent and removed and the as-of date moving: full and incremental runs publish the same bytes"
    )
    func nights() throws {
        let root = try makeTemporaryFolder("read-cache-nights")
        defer { try? FileManager.default.removeItem(at: root) }
        let input = root.appendingPathComponent("input")
        try FileManager.default.copyItem(atPath: PublishedRun.shippedInput, toPath: input.path)
        let exports = input.appendingPathComponent("exports")
        try write(Self.april, to: exports.appendingPathComponent("hr-policy/zz-april.csv"))
        let full = root.appendingPathComponent("full")
        let incremental = root.appendingPathComponent("incremental")
        let files = 12

        func both(_ n: Int, _ asOf: (Int, Int, Int)) throws -> (read: [String], report: ReadCache.Report) {
            let a = try night(input: input, output: full, asOf: asOf, started: n * 100, cache: false)
            let b = try night(input: input, output: incremental, asOf: asOf, started: n * 100, cache: true)
            try expectSame(a.run, b.run, "night \(n)")
            #expect(a.report == nil)
            let report = try #require(b.report)
            #expect(report.damaged == 0 && report.notKept == 0 && report.unused == nil, "night \(n): \(report)")
            #expect(
                entries(incremental).count == report.reused + report.read, "night \(n): only entries in use are kept")
            return (b.read, report)
        }

        // 1: nothing kept yet; the April file's 17 April and 2 May rows are after the as-of date.
        var n = try both(1, (2019, 4, 15))
        #expect(n.read.count == files && n.report.reused == 0)
        // 2: nothing changed, the as-of date moves a day with no row dated between: nothing is read.
        n = try both(2, (2019, 4, 16))
        #expect(n.read.isEmpty && n.report.reused == files, "\(n)")
        // 3: the as-of date passes 17 April: the April file is read again (its row now counts); files with no
        // row dated between 16 and 20 April are not.
        n = try both(3, (2019, 4, 20))
        #expect(n.read.contains("exports/hr-policy/zz-april.csv"), "\(n.read)")
        #expect(n.report.reused >= files - 3, "\(n)")
        // 4: a file added to one folder (after the folder's other file) and a figure changed in another.
        try write(
            Self.april.replacingOccurrences(of: "สผ-62-017", with: "สว-62-001").replacingOccurrences(
                of: "สำนักนโยบายและแผน (สผ.)", with: "สำนักงานเลขาธิการวุฒิสภา"),
            to: exports.appendingPathComponent("senate-ict/zz-added.csv"))
        let admin = exports.appendingPathComponent("hr-admin/hr-admin_2562.csv")
        let adminText = try String(contentsOf: admin, encoding: .utf8)
        try write(adminText.replacingOccurrences(of: "เผยแพร่ ๕ เรื่อง", with: "เผยแพร่ ๖ เรื่อง"), to: admin)
        n = try both(4, (2019, 4, 20))
        #expect(n.read == ["exports/hr-admin/hr-admin_2562.csv", "exports/senate-ict/zz-added.csv"], "\(n.read)")
        // 5: a file re-sent under another name, byte for byte: it counts once, under the first.
        try FileManager.default.copyItem(
            at: exports.appendingPathComponent("hr-it/hr-it_progress.csv"),
            to: exports.appendingPathComponent("hr-it/hr-it_progress_resent.csv"))
        // And a cumulative export: the April rows again (counted once, under the file taken from the cache) and one more.
        try write(
            Self.april + "สผ-62-017,2019-04-18,,1,50,\"4,000\",65,อยู่ระหว่างดำเนินการ,สำนักนโยบายและแผน (สผ.),,ครั้งที่ ๕\n",
            to: exports.appendingPathComponent("hr-policy/zz-april2.csv"))
        n = try both(5, (2019, 4, 20))
        #expect(n.read == ["exports/hr-it/hr-it_progress_resent.csv", "exports/hr-policy/zz-april2.csv"], "\(n.read)")
        #expect(n.report.reused == files + 1, "\(n): every file of night 4 unchanged")
        // 6: the first of a folder's two files removed: the second was checked against it, so it is read again.
        try FileManager.default.removeItem(
            at: exports.appendingPathComponent("hr-personnel/progress_hr-personnel_12m.csv"))
        n = try both(6, (2019, 4, 20))
        #expect(n.read == ["exports/hr-personnel/progress_hr-personnel_6m.csv"], "\(n.read)")
        // 7: the year's end.
        n = try both(7, (2019, 9, 30))
        #expect(n.read.contains("exports/hr-policy/zz-april.csv"))
    }

    @Test("a damaged entry (a byte changed, cut short, a link, garbage under an entry's name) is ignored and rewritten")
    func damagedEntries() throws {
        let root = try makeTemporaryFolder("read-cache-damage")
        defer { try? FileManager.default.removeItem(at: root) }
        let input = URL(fileURLWithPath: PublishedRun.shippedInput)
        let full = root.appendingPathComponent("full")
        let incremental = root.appendingPathComponent("incremental")
        _ = try night(input: input, output: full, asOf: (2019, 3, 31), started: 0, cache: false)
        _ = try night(input: input, output: incremental, asOf: (2019, 3, 31), started: 0, cache: true)
        let cache = incremental.path + "/cache/"
        try #require(entries(incremental).count == 11)
        // Entries of files alone in their folder (an entry whose folder's earlier file is read is not even
        // looked at), told by the file name each holds.
        let names = try entries(incremental).sorted().filter { name in
            let bytes = try Data(contentsOf: URL(fileURLWithPath: cache + name))
            return !["exports/hr-personnel/", "exports/senate-hrd/"].contains { bytes.range(of: Data($0.utf8)) != nil }
        }
        try #require(names.count == 7)
        // A byte changed in the middle of the figures.
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: cache + names[0])))
        bytes[bytes.count / 2] ^= 0x01
        try Data(bytes).write(to: URL(fileURLWithPath: cache + names[0]))
        // Cut short.
        bytes = Array(try Data(contentsOf: URL(fileURLWithPath: cache + names[1])))
        try Data(bytes.prefix(bytes.count - 100)).write(to: URL(fileURLWithPath: cache + names[1]))
        // A link to a good copy of itself: never followed.
        try FileManager.default.moveItem(atPath: cache + names[2], toPath: root.path + "/kept")
        try FileManager.default.createSymbolicLink(atPath: cache + names[2], withDestinationPath: root.path + "/kept")
        // Another entry's bytes under this one's name: its checksum holds, its key does not.
        try FileManager.default.removeItem(atPath: cache + names[3])
        try FileManager.default.copyItem(atPath: cache + names[4], toPath: cache + names[3])

        let a = try night(input: input, output: full, asOf: (2019, 3, 31), started: 100, cache: false)
        let b = try night(input: input, output: incremental, asOf: (2019, 3, 31), started: 100, cache: true)
        try expectSame(a.run, b.run, "after damage")
        #expect(b.report?.damaged == 4 && b.report?.reused == 7 && b.read.count == 4, "\(String(describing: b.report))")
        // Rewritten: the next night takes every file from the cache.
        let c = try night(input: input, output: incremental, asOf: (2019, 3, 31), started: 200, cache: true)
        #expect(c.report?.reused == 11 && c.report?.damaged == 0 && c.read.isEmpty, "\(String(describing: c.report))")
        var st = stat()
        #expect(lstat(cache + names[2], &st) == 0 && st.st_mode & S_IFMT == S_IFREG, "the link was replaced")
    }

    @Test("a file rewritten in place with its size and modification time kept is read again, not taken as unchanged")
    func sameSizeSameTime() throws {
        let root = try makeTemporaryFolder("read-cache-touch")
        defer { try? FileManager.default.removeItem(at: root) }
        let input = root.appendingPathComponent("input")
        try FileManager.default.copyItem(atPath: PublishedRun.shippedInput, toPath: input.path)
        let file = input.appendingPathComponent("exports/hr-admin/hr-admin_2562.csv")
        // Old enough that the first run trusts the file's status next time instead of hashing it.
        Thread.sleep(forTimeInterval: Double(InputIdentity.settled) / 1e9 + 0.2)
        let incremental = root.appendingPathComponent("incremental")
        let full = root.appendingPathComponent("full")
        _ = try night(input: input, output: full, asOf: (2019, 9, 30), started: 0, cache: false)
        _ = try night(input: input, output: incremental, asOf: (2019, 9, 30), started: 0, cache: true)
        var st = stat()
        try #require(stat(file.path, &st) == 0)
        let text = try String(contentsOf: file, encoding: .utf8)
        let changed = text.replacingOccurrences(of: "เผยแพร่ ๕ เรื่อง", with: "เผยแพร่ ๖ เรื่อง")
        try #require(changed != text && changed.utf8.count == text.utf8.count)
        try write(changed, to: file)
        var times = [st.st_atim, st.st_mtim]
        try #require(utimensat(AT_FDCWD, file.path, &times, 0) == 0)
        let a = try night(input: input, output: full, asOf: (2019, 9, 30), started: 100, cache: false)
        let b = try night(input: input, output: incremental, asOf: (2019, 9, 30), started: 100, cache: true)
        try expectSame(a.run, b.run, "rewritten in place")
        #expect(b.read == ["exports/hr-admin/hr-admin_2562.csv"], "\(b.read)")
    }

    @Test("no entry is written where it would leave the output's file system short of room for publishing")
    func freeSpaceFirst() throws {
        let root = try makeTemporaryFolder("read-cache-space")
        defer { try? FileManager.default.removeItem(at: root) }
        var options = Pipeline.Options(
            input: PublishedRun.shippedInput, output: root.path, asOf: CalendarDay(year: 2019, month: 9, day: 30))
        var cache = ReadCache(folder: root.path + "/cache")
        cache.freeSpaceReserve = Int.max / 2
        options.cache = cache
        let outcome = try Pipeline.compute(options, today: PublishedRun.today)
        #expect(outcome.cache?.notKept == 11 && outcome.cache?.read == 11, "\(String(describing: outcome.cache))")
        #expect(entries(root).isEmpty)
    }

    @Test("the build ID that keys the cache to this build is the one readelf shows for the running program")
    func buildID() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["readelf", "-n", URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let shown = try #require(
            text.split(separator: "\n").first { $0.contains("Build ID:") }?.split(separator: " ").last.map(String.init))
        #expect(ExecutableIdentity.buildID() == shown)
        #expect(ExecutableIdentity.current == "build-id:" + shown)
    }

    @Test(
        "the as-of window: a kept result serves an as-of date only on the same side of every date compared",
        arguments: [
            ([], "2019-04-15", true),
            (["2019-04-10", "2019-04-17"], "2019-04-10", true),
            (["2019-04-10", "2019-04-17"], "2019-04-16", true),
            (["2019-04-10", "2019-04-17"], "2019-04-17", false),
            (["2019-04-10", "2019-04-17"], "2019-04-09", false),
            (["2019-04-10"], "2020-09-30", true),
            (["2019-04-17"], "2019-01-01", true),
        ])
    func window(dates: [String], asOf: String, holds: Bool) throws {
        func day(_ iso: String) throws -> CalendarDay {
            let p = iso.split(separator: "-").map { Int($0)! }
            return try #require(CalendarDay(year: p[0], month: p[1], day: p[2]))
        }
        var window = AsOfWindow()
        for d in dates { window.note(try day(d), asOf: try day("2019-04-15")) }
        #expect(window.holds(for: try day(asOf)) == holds)
    }

    @Test(
        "the cache folder removed while the run holds results taken from it: the run goes on and publishes what reading every file gives",
        arguments: [nil, 0])
    func cacheRemovedDuringRun(maxOpenEntries: Int?) throws {
        let root = try makeTemporaryFolder("read-cache-removed")
        defer { try? FileManager.default.removeItem(at: root) }
        let input = URL(fileURLWithPath: PublishedRun.shippedInput)
        let full = root.appendingPathComponent("full")
        let incremental = root.appendingPathComponent("incremental")
        let configure = { (options: inout Pipeline.Options) in
            options.threads = 1
            options.cache?.maxOpenEntries = maxOpenEntries
        }
        _ = try night(input: input, output: full, asOf: (2019, 3, 31), started: 0, cache: false)
        _ = try night(
            input: input, output: incremental, asOf: (2019, 3, 31), started: 0, cache: true, configure: configure)
        try #require(entries(incremental).count == 11)
        let cache = incremental.path + "/cache"
        let a = try night(input: input, output: full, asOf: (2019, 3, 31), started: 100, cache: false)
        // As the last file starts, every other file's result has been taken from the cache, and is
        // merged only after it.
        let b = try night(
            input: input, output: incremental, asOf: (2019, 3, 31), started: 100, cache: true, configure: configure
        ) { started, total in
            if started == total - 1 { try? FileManager.default.removeItem(atPath: cache) }
        }
        try expectSame(a.run, b.run, "cache removed during the run")
        #expect(b.report?.reused == 10 && b.read.count == 1, "\(String(describing: b.report))")
    }

    @Test(
        "every key changing (another limit): the run never holds more than maxBytes of entries, and keeps the new ones")
    func boundedWhileEveryKeyChanges() throws {
        let root = try makeTemporaryFolder("read-cache-bound")
        defer { try? FileManager.default.removeItem(at: root) }
        let input = URL(fileURLWithPath: PublishedRun.shippedInput)
        let output = root.appendingPathComponent("incremental")
        let cache = output.path + "/cache"
        @Sendable func entryBytes() -> Int {
            entries(output).reduce(0) { total, name in
                var st = stat()
                return total + (lstat(cache + "/" + name, &st) == 0 ? Int(st.st_size) : 0)
            }
        }
        _ = try night(input: input, output: output, asOf: (2019, 3, 31), started: 0, cache: true)
        let filled = entryBytes()
        try #require(filled > 0 && entries(output).count == 11)
        // Room for one night's entries and a fifth more: never for two nights'.
        let maxBytes = filled + filled / 5
        let most = Mutex(0)
        let b = try night(
            input: input, output: output, asOf: (2019, 3, 31), started: 100, cache: true,
            configure: {
                $0.cache?.maxBytes = maxBytes
                $0.limits.maxCellBytes -= 1  // a new key for every file
            },
            starting: { _, _ in
                let now = entryBytes()
                most.withLock { $0 = max($0, now) }
            })
        #expect(b.report?.read == 11 && b.report?.notKept == 0, "\(String(describing: b.report))")
        #expect(
            most.withLock { $0 } <= maxBytes,
            "the entries of two runs side by side: \(most.withLock { $0 }) > \(maxBytes)")
        #expect(entryBytes() <= maxBytes && entries(output).count == 11)
    }

    @Test("a file whose status changes while its first bytes are read is refused, and that refusal is never kept")
    func changedWhileSampled() throws {
        let root = try makeTemporaryFolder("read-cache-changed")
        defer { try? FileManager.default.removeItem(at: root) }
        let plan = try PlanLoader().load(folder: PublishedRun.shippedInput + "/plan")
        // /proc/self/status says it holds 0 bytes and then gives more: to the reader, a file that
        // changed while it was read, as one touched during the run is.
        let path = "/proc/self/status"
        var reader = ExportReader(
            plan: plan, matcher: ProjectMatcher(plan: plan), fiscalYear: FiscalYear(buddhistYear: 2562),
            asOf: try #require(CalendarDay(year: 2019, month: 3, day: 31)), limits: CSVLimits(),
            archive: RawArchive(folder: root.path + "/archive"), tableReader: TableReader(aliases: .standard),
            pathGuard: PathGuard(roots: ["/proc/self"]))
        let account = try reader.read(path: path, relative: "exports/hr-it/status.csv", bureau: "hr-it")
        try #require(
            account.refusal?.contains("changed while being read") == true, "\(String(describing: account.refusal))")
        #expect(!reader.dependsOnlyOnBytes, "a refusal the bytes alone do not decide must not be kept for them")
    }

    @Test("an entry left half written by a killed run is removed, also when this run has the killed one's process id")
    func leftoversRemoved() throws {
        let root = try makeTemporaryFolder("read-cache-leftovers")
        defer { try? FileManager.default.removeItem(at: root) }
        let input = URL(fileURLWithPath: PublishedRun.shippedInput)
        let output = root.appendingPathComponent("incremental")
        _ = try night(input: input, output: output, asOf: (2019, 3, 31), started: 0, cache: true)
        let cache = output.path + "/cache/"
        // Process ids of no process: 2^22 + 1 is past Linux's largest.
        let leftovers = [".incoming-\(getpid())-17", ".incoming-4194305-17"]
        for name in leftovers { try write("half an entry", to: URL(fileURLWithPath: cache + name)) }
        _ = try night(input: input, output: output, asOf: (2019, 3, 31), started: 100, cache: true)
        for name in leftovers { #expect(!FileManager.default.fileExists(atPath: cache + name), "\(name)") }
    }

    @Test("the key names the shared libraries the job reads with: one replaced (an upgrade) changes every key")
    func librariesInKey() throws {
        let maps = try #require(ReadCache.Session.processMaps())
        let identity = ReadCache.Session.librariesIdentity(maps: maps)
        #expect(identity.contains("/libcsv.so"), "libcsv parses every CSV")
        #expect(identity.contains("/libz.so"), "zlib inflates every workbook")
        #expect(
            !identity.contains("/gconv/"), "iconv's modules load on demand: the key would follow the process's history")

        let root = try makeTemporaryFolder("read-cache-libraries")
        defer { try? FileManager.default.removeItem(at: root) }
        let library = root.path + "/libcsv.so.3"
        try write("version 1", to: URL(fileURLWithPath: library))
        let line = "7f0000000000-7f0000001000 r-xp 00000000 08:01 1234    \(library)\n"
        let before = ReadCache.Session.librariesIdentity(maps: line)
        #expect(before.hasPrefix(library + "\t"))
        // Upgraded: a new file under the same name.
        try FileManager.default.removeItem(atPath: library)
        try write("version 2", to: URL(fileURLWithPath: library))
        #expect(ReadCache.Session.librariesIdentity(maps: line) != before)
    }
}
