import Dispatch
import Foundation
import RollupBase
import RollupReading
import Synchronization

extension Pipeline {
    /// Stages 2 to 5 over every export: each bureau folder's files in order on one thread (a folder's
    /// later files are checked against its earlier ones for rows sent again), folders side by side
    /// on all cores. Results merge in file order, so the figures never depend on the threads: every
    /// sum is an exact integer, a byte-identical file counts once (under the first), and a row that
    /// is the same as a row of an earlier file of another folder (`RowFingerprint`, once each cell is
    /// normalized) is taken back out of its file's figures and listed as a notice naming both files.
    struct ExportsRead {
        var rollup: Rollup
        let rejects = RejectLog()
        let notices = RejectLog()
        var accounts: [FileAccount] = []
        /// What the read cache did, when the run has one.
        var cache: ReadCache.Report?
    }

    static func readExports(
        _ exports: [ExportFile], plan: Plan, planYears: [FiscalYear]? = nil, idYears: [String: Int] = [:],
        fiscalYear: FiscalYear,
        asOf: CalendarDay, options: Options
    ) throws -> ExportsRead {
        let matcher = ProjectMatcher(plan: plan)
        // Files are read only from the input folder, the pull stage's copies and (when a past round
        // is replayed) the raw archive.
        let pathGuard = PathGuard(
            roots: [options.input, options.output + "/pulled", options.archive.folder] + options.extraReadRoots)
        var groups: [[(Int, ExportFile)]] = []
        for (index, export) in exports.enumerated() {
            if let last = groups.last?.last, last.1.bureau == export.bureau {
                groups[groups.count - 1].append((index, export))
            } else {
                groups.append([(index, export)])
            }
        }
        let bureaus = groups
        let cache = CacheUse(options.cache, plan: plan, fiscalYear: fiscalYear, options: options)
        let events = EventRelay(options.events)
        let slots = ResultSlots(count: bureaus.count)
        let workers = max(1, min(options.threads ?? ProcessInfo.processInfo.activeProcessorCount, bureaus.count))
        let queue = WorkQueue(order: largestFirst(bureaus.map { $0.map(\.1.path) }))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let g = queue.next() { readBureau(g) }
        }

        /// One bureau's files, in order, on the calling thread: taken from the read cache up to the
        /// first that is not there, read from then on. A kept file's row records are checked only when
        /// they are used: before the folder's later files are checked against them, or with
        /// `rowsChecked` (the folder taken again because a kept file's rows were found damaged), as each
        /// is taken, a damaged one read instead.
        @Sendable func readBureau(_ g: Int, rowsChecked: Bool = false) {
            var results: [FileResult] = []
            var bureauRows = FingerprintTable()
            var hashes: [String: String] = [:]
            // The key of the last file, which the next one's is chained from; nil once a file's result
            // depends on more than its bytes (the folder's later files are then not cached).
            var chain = cache.session.map { $0.folderKey(bureaus[g][0].1.bureau) }
            var reading = false
            /// The earlier file of the folder with the same bytes, if any; else `path` is noted as the first.
            func earlierWithBytes(_ sha: String, _ path: String) -> String? {
                guard !sha.isEmpty else { return nil }
                if let first = hashes[sha] { return first }
                hashes[sha] = path
                return nil
            }
            do {
                for (index, export) in bureaus[g] {
                    let clock = Date()
                    StagePause.reached("reading")
                    events.sendStarted(index: index, total: exports.count, file: export)
                    // A file the cache may hold: a regular file the job may read, after files of its folder
                    // whose results do not depend on more than their bytes.
                    let eligible =
                        chain != nil && pathGuard.refusal(for: export.path) == nil
                        && !(export.displayPath.split(separator: "/").last ?? "").hasPrefix(".")
                    var identity: InputIdentity?
                    if eligible, !reading, let session = cache.session, let previous = chain {
                        identity = session.identify(path: export.path, maxBytes: options.limits.maxFileBytes)
                        if let identity {
                            let key = session.key(after: previous, export: export, sha256: identity.sha256)
                            if var kept = session.load(
                                key: key, export: export, index: index, plan: plan, asOf: asOf,
                                archiveFolder: options.archive.folder),
                                !rowsChecked || Self.rowsIntact(kept, session)
                            {
                                session.remember(path: export.path, identity)
                                session.count { $0.reused += 1 }
                                chain = key
                                _ = earlierWithBytes(kept.account.sha256, export.displayPath)
                                kept.seconds = -clock.timeIntervalSinceNow
                                results.append(kept)
                                continue
                            }
                        }
                    }
                    if !reading {
                        // The folder's later files are checked against the rows of the files taken
                        // from the cache, as if they had been read: rows that are not those kept send
                        // the folder back to be taken again, that file read.
                        if !rowsChecked, let session = cache.session,
                            results.contains(where: { !$0.records.isIntact() })
                        {
                            session.count { $0.reused -= results.count }
                            return readBureau(g, rowsChecked: true)
                        }
                        reading = true
                        bureauRows = Self.rows(of: results)
                    }
                    let observed = FileStatus.now()
                    let before = eligible && cache.session != nil ? FileStatus(path: export.path) : nil
                    var reader = ExportReader(
                        plan: plan, planYears: planYears, idYears: idYears, matcher: matcher, fiscalYear: fiscalYear,
                        asOf: asOf,
                        limits: options.limits,
                        archive: options.archive, tableReader: TableReader(aliases: options.aliases),
                        pathGuard: pathGuard, bureauRows: bureauRows)
                    bureauRows = FingerprintTable()  // the reader's copy is then the only one: no copy on write
                    let account = try reader.read(
                        path: export.path, relative: export.displayPath, bureau: export.bureau,
                        bureauName: export.bureauName, bureauAgency: export.bureauAgency, sheet: export.sheet)
                    let first = earlierWithBytes(account.sha256, export.displayPath)
                    bureauRows = reader.takeBureauRows()
                    reader.records.seal()
                    let result = FileResult(
                        index: index, account: account, rollup: reader.rollup, rejects: reader.rejects,
                        notices: reader.notices, records: reader.records, duplicateOf: first,
                        seconds: -clock.timeIntervalSinceNow)
                    if let session = cache.session {
                        session.count { $0.read += 1 }
                        if eligible, let previous = chain, reader.dependsOnlyOnBytes, !account.sha256.isEmpty {
                            // Kept under the hash of the bytes read; the file's status is remembered only
                            // when it did not change while read.
                            let key = session.key(after: previous, export: export, sha256: account.sha256)
                            session.store(key: key, result: result, window: reader.asOfWindow)
                            if identity?.sha256 == account.sha256, let identity {
                                session.remember(path: export.path, identity)
                            } else if let before, FileStatus(path: export.path) == before {
                                session.remember(
                                    path: export.path,
                                    InputIdentity(sha256: account.sha256, status: before, observed: observed))
                            }
                            chain = key
                        } else {
                            chain = nil
                        }
                    }
                    results.append(result)
                }
                bureauRows.endLookups()
                slots.set(g, .success(results))
            } catch {
                slots.set(g, .failure(error))
            }
        }

        var read = ExportsRead(rollup: Rollup(projectCount: plan.projects.count))
        var ordered = try slots.all().flatMap { try $0.get() }.sorted { $0.index < $1.index }
        var filesByHash: [String: String] = [:]
        /// Rows naming a bureau that rows of another folder name too, by fingerprint: only they can be
        /// the same row sent from two folders (a row's identity includes the bureau it names, and
        /// each folder's own files were checked against each other when read).
        var rows = FingerprintTable()
        var sharedNames = Self.sharedNames(ordered, exports)
        // The merge reads the rows of files naming those: a file taken from the cache whose rows are not
        // those kept sends its folder back to be taken again, that file read.
        let group = Dictionary(
            uniqueKeysWithValues: bureaus.enumerated().flatMap { g, files in files.map { ($0.0, g) } })
        let damaged = Set(
            ordered.filter { r in
                r.cached && r.records.named.contains(where: sharedNames.contains) && !r.records.isIntact()
            }
            .compactMap { group[$0.index] })
        if let session = cache.session, !damaged.isEmpty {
            for g in damaged.sorted() {
                let taken = ordered.filter { group[$0.index] == g }
                let cachedCount = taken.filter(\.cached).count
                session.count {
                    $0.reused -= cachedCount
                    $0.read -= taken.count - cachedCount
                }
                readBureau(g, rowsChecked: true)
            }
            ordered = try slots.all().flatMap { try $0.get() }.sorted { $0.index < $1.index }
            sharedNames = Self.sharedNames(ordered, exports)
        }
        /// Each record of `result` naming a bureau that rows of another folder name too, with its index, after
        /// the file is begun in `rows` (its folder the unit: a folder's files were compared when read).
        func sightShared(_ result: FileResult, _ body: (Int32, Int, RowRecord) -> Void) {
            let file = rows.beginFile(
                exports[result.index].displayPath, records: result.records, unit: exports[result.index].bureau)
            let named = result.records.named
            let shared = Set(named.indices.filter { sharedNames.contains(named[$0]) }.map(Int32.init))
            guard !shared.isEmpty else { return }
            var index = -1
            result.records.forEach { r in
                index += 1
                if shared.contains(r.named) { body(file, index, r) }
            }
        }
        for var result in ordered {
            let relative = exports[result.index].displayPath
            if let first = result.duplicateOf
                ?? (result.account.sha256.isEmpty ? nil : filesByHash[result.account.sha256])
            {
                // Byte for byte a file already read: its rows count once, under the first file.
                // Its refused rows are the first file's refused rows: listed there, once.
                result.account.duplicates += result.account.accepted + result.account.rejected
                result.account.accepted = 0
                result.account.rejected = 0
                read.notices.append(
                    Reject(
                        code: .duplicateFile, file: relative, line: 0, row: 0,
                        english: "byte for byte the same file as \(first); its rows are counted once, under \(first)",
                        thai: "ไฟล์นี้เหมือนกับ \(first) ทุกไบต์ นับข้อมูลเพียงครั้งเดียว"))
                // Counted under the first file, but held by its folder too: the folder's later files' extra
                // copies of its rows are compared with them.
                sightShared(result) { file, index, r in _ = rows.sight(r.fingerprint, file: file, index: index) }
            } else if !read.rollup.canMerge(result.rollup) {
                // Counted, its figures would carry a sum past 64 bits: the file counts for nothing.
                result.account = Self.refusedWhole(result.account, file: relative, into: read.rejects)
            } else {
                if !result.account.sha256.isEmpty { filesByHash[result.account.sha256] = relative }
                var rollup = result.rollup
                let sameRows = RejectLog()
                let bureaus = result.records.bureaus
                sightShared(result) { file, index, r in
                    // New, repeated within the folder (counted and flagged when read), or held more often
                    // by this folder than by any earlier one: counted.
                    guard case .duplicate(let seen) = rows.sight(r.fingerprint, file: file, index: index) else {
                        return
                    }
                    let earlier = rows.fileNames[Int(seen.file)]
                    rollup.remove(
                        r.tally, project: Int(r.project), bureau: bureaus[Int(r.bureau)],
                        month: AgencyMonth(
                            month: YearMonth(year: Int(r.month) / 100, month: Int(r.month) % 100)!,
                            agency: plan.projects[Int(r.project)].agency))
                    result.account.accepted -= 1
                    result.account.duplicates += 1
                    sameRows.append(
                        Reject(
                            code: .duplicateRow, file: relative, line: Int(r.line), row: Int(r.row),
                            english:
                                "the same as row \(seen.row) of \(earlier) once each cell is normalised; "
                                + "counted once, under \(earlier)",
                            thai: "ข้อมูลซ้ำกับแถวที่ \(seen.row) ในไฟล์ \(earlier) เมื่อปรับรูปแบบแล้ว นับเพียงครั้งเดียว"))
                }
                read.rollup.merge(rollup)
                read.rejects.append(log: result.rejects)
                read.notices.append(log: result.notices)
                if !sameRows.isEmpty { read.notices.append(log: sameRows) }
            }
            read.accounts.append(result.account)
            events.send(
                .exportRead(
                    index: result.index, total: exports.count, account: result.account, rejects: result.rejects,
                    seconds: result.seconds, cached: result.cached))
        }
        rows.endLookups()
        cache.session?.finish()
        read.cache = cache.report
        return read
    }

    /// The run's read cache, when it has one, and why not when it cannot be used.
    private struct CacheUse: Sendable {
        let session: ReadCache.Session?
        let unused: String?

        init(_ cache: ReadCache?, plan: Plan, fiscalYear: FiscalYear, options: Options) {
            guard let cache else {
                (session, unused) = (nil, nil)
                return
            }
            switch ReadCache.Session.open(
                cache, plan: plan, fiscalYear: fiscalYear, limits: options.limits, aliases: options.aliases)
            {
            case .success(let s): (session, unused) = (s, nil)
            case .failure(let u): (session, unused) = (nil, u.reason)
            }
        }

        var report: ReadCache.Report? {
            if let session { return session.report }
            return unused.map { ReadCache.Report(unused: $0) }
        }
    }

    /// `account` with every record refused, and the one reason logged in `rejects`: the file's figures
    /// would carry the run's sums past what 64-bit integers hold (its own refused rows go with it).
    static func refusedWhole(_ account: FileAccount, file: String, into rejects: RejectLog) -> FileAccount {
        var account = account
        let english =
            "the file's figures would carry the run's totals past what the job adds exactly (64-bit sums), so "
            + "nothing of it is counted: check its figures (each row is within its ceiling, but together they are not) "
            + "and send it again"
        account.refuseAll(english)
        rejects.append(
            Reject(
                code: .sumTooLarge, file: file, line: 0, row: 0, english: english,
                thai: "ยอดรวมของไฟล์นี้เมื่อรวมกับไฟล์อื่นเกินกว่าที่ระบบรวมได้อย่างถูกต้อง จึงไม่นับข้อมูลใดของไฟล์นี้ "
                    + "กรุณาตรวจสอบตัวเลขแล้วส่งไฟล์ใหม่"))
        return account
    }

    /// One result slot per bureau, filled by the worker threads.
    private final class ResultSlots: Sendable {
        private let slots: Mutex<[Result<[FileResult], any Error>?]>

        init(count: Int) { slots = Mutex(Array(repeating: nil, count: count)) }

        func set(_ index: Int, _ value: Result<[FileResult], any Error>) {
            slots.withLock { $0[index] = value }
        }

        func all() -> [Result<[FileResult], any Error>] {
            slots.withLock { $0.map { $0! } }
        }
    }

    /// Bureau indices, the bureau with the most bytes first: a big bureau started last would keep
    /// one core busy while the others wait. Only the order of work changes, never the results.
    static func largestFirst(_ bureaus: [[String]]) -> [Int] {
        let sizes = bureaus.map { paths in
            paths.reduce(0) { total, path in
                var st = stat()
                return total + (stat(path, &st) == 0 ? Int(st.st_size) : 0)
            }
        }
        return bureaus.indices.sorted { sizes[$0] != sizes[$1] ? sizes[$0] > sizes[$1] : $0 < $1 }
    }

    /// Hands out bureau indices to the worker threads, each once, in the order given.
    private final class WorkQueue: Sendable {
        private let order: [Int]
        private let nextIndex = Mutex(0)

        init(order: [Int]) { self.order = order }

        func next() -> Int? {
            nextIndex.withLock { nextIndex in
                guard nextIndex < order.count else { return nil }
                nextIndex += 1
                return order[nextIndex - 1]
            }
        }
    }

    /// Hands events to the caller's callback one at a time, whichever thread sends them.
    private final class EventRelay: Sendable {
        private let callback: (@Sendable (Event) -> Void)?
        /// Held while the callback runs, so events never overlap; counts the files started.
        private let started = Mutex(0)

        init(_ callback: (@Sendable (Event) -> Void)?) { self.callback = callback }

        func send(_ event: Event) {
            guard let callback else { return }
            started.withLock { _ in callback(event) }
        }

        /// `.exportStarted`, numbered in the order files start.
        func sendStarted(index: Int, total: Int, file: ExportFile) {
            started.withLock { started in
                callback?(.exportStarted(index: index, started: started, total: total, file: file))
                started += 1
            }
        }
    }
}
