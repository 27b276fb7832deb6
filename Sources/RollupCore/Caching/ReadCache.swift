import Foundation
import Glibc
import RollupBase
import RollupReading
import Synchronization

/// Where the read stage keeps what each export file gave (`<output>/cache/`), so a file unchanged
/// since the last run is not read again: the next run merges its kept result instead, and every
/// output is byte for byte what reading it would give.
///
/// A file's entry is named by a key: the SHA-256 of everything its result depends on: this build
/// (`ExecutableIdentity`), the shared libraries reading uses, the plan files' hashes, the fiscal year,
/// the limits and the header names (`Session.runKey`), then the bureau, the file's name, its registry entry and its SHA-256, chained
/// with the keys of the files before it in its bureau folder (a file's rows are checked against the
/// earlier files' rows for rows sent again). The as-of date is not in the key: the entry keeps the
/// dates its rows were compared with (`AsOfWindow`) and serves only as-of dates on the same side of
/// each. Files of a folder are taken from the cache up to the first that is not; from there on the
/// folder's files are read.
public struct ReadCache: Sendable {
    public let folder: String
    /// Entries are not written past this many bytes in all (the run's files are then read every night).
    public var maxBytes: Int
    /// Entries whose bytes a run reads in place, each through a descriptor held open until the merge;
    /// the parts of further entries are copied out instead. Nil: half the descriptors the process may
    /// open beyond 256 (the readers' own files must always find one).
    public var maxOpenEntries: Int?

    /// Entries are written only while the output's file system keeps this much free beside them, for
    /// the run's own outputs: the cache never costs a night its publishing.
    public var freeSpaceReserve = 512 << 20

    public init(folder: String, maxBytes: Int = 2 << 30, maxOpenEntries: Int? = nil) {
        self.folder = folder
        self.maxBytes = maxBytes
        self.maxOpenEntries = maxOpenEntries
    }

    /// Half the descriptors this process may open beyond 256.
    static var defaultOpenEntries: Int {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return 0 }
        let soft = Int(clamping: limit.rlim_cur)  // no limit: the largest Int
        return max(0, (soft - 256) / 2)
    }

    /// What the cache did in one run, for the log and the terminal.
    public struct Report: Sendable, Hashable {
        /// Files taken from the cache, and files read.
        public var reused = 0
        public var read = 0
        /// Entries found damaged or not the job's, ignored (their files read).
        public var damaged = 0
        /// Results not kept because the cache reached `maxBytes`, or its folder could not take them.
        public var notKept = 0
        /// Bytes of the entries the run used or wrote.
        public var bytes = 0
        /// Why the cache was not used at all, when it was not.
        public var unused: String?
    }
}

extension ReadCache {
    /// One run's use of the cache: thread-safe; entries used or written are kept, the rest removed
    /// at `finish`.
    final class Session: Sendable {
        let cache: ReadCache
        let runKey: String
        private let memo: InputMemo
        private struct State {
            var used: Set<String> = []
            /// The identities of this run's files, the next run's memo.
            var seen = InputMemo()
            var report = Report()
            /// Entries read in place so far (each holds a descriptor open).
            var openEntries = 0
            /// Every entry in the folder and its size: those found at `open`, then those written.
            var onDisk: [String: Int] = [:]
            /// Entries found at `open` that this run has not used yet: removed first when a new one
            /// needs room, so the folder never holds more than `maxBytes` of entries.
            var stale: Set<String> = []
            /// The bytes `report.bytes` counts for each entry used or written: an entry used, then
            /// written again (its rows found damaged), counts with the size written.
            var counted: [String: Int] = [:]

            /// Counts entry `name` as `bytes` in the report, in place of what it counted before.
            mutating func count(_ name: String, bytes: Int?) {
                report.bytes += (bytes ?? 0) - (counted[name] ?? 0)
                counted[name] = bytes
            }
        }
        private let state = Mutex(State())

        /// The session, or nil with the reason when the cache cannot be used (`report.unused`).
        static func open(
            _ cache: ReadCache, plan: Plan, fiscalYear: FiscalYear, limits: CSVLimits, aliases: HeaderAliases
        ) -> Result<Session, Unusable> {
            guard !plan.archived.isEmpty else {
                return .failure(Unusable(reason: "the plan was read without an archive"))
            }
            guard let executable = ExecutableIdentity.current else {
                return .failure(Unusable(reason: "the job's own executable cannot be read"))
            }
            guard let maps = Self.processMaps() else {
                return .failure(Unusable(reason: "the job's libraries cannot be listed (/proc/self/maps)"))
            }
            var st = stat()
            if lstat(cache.folder, &st) != 0 {
                guard errno == ENOENT, mkdir(cache.folder, 0o700) == 0 || errno == EEXIST,
                    lstat(cache.folder, &st) == 0
                else { return .failure(Unusable(reason: "\(cache.folder) cannot be made")) }
            }
            guard st.st_mode & S_IFMT == S_IFDIR, st.st_uid == getuid() else {
                return .failure(
                    Unusable(reason: "\(cache.folder) is not a folder of this user (a link is never followed)"))
            }
            // Left by processes no longer alive, this one's id included: no entry is written before this
            // point, so one named with this process's id was left by an earlier process that had it (a
            // container's job often has the same id every night).
            ProcessLiveness.removeDeadLeftovers(in: cache.folder, prefix: ".incoming-")
            ProcessLiveness.removeFiles(in: cache.folder, prefix: ".incoming-") { $0 == getpid() }
            var e = CacheEncoder()
            e.string("plan-rollup read cache 1")
            e.string(executable)
            e.string(Self.librariesIdentity(maps: maps))
            e.list(plan.archived.map { "\($0.path)\t\($0.file.sha256)" }.sorted()) { $0.string($1) }
            e.int(fiscalYear.buddhistYear)
            for n in [limits.maxCellBytes, limits.maxCells, limits.maxRecordBytes, limits.maxFileBytes] { e.int(n) }
            e.string(aliases.identity)
            var memo = InputMemo()
            if let opened = try? CacheFile.open(folder: cache.folder, name: "inputs"),
                let bytes = try? opened.read(0..<opened.contentSize)
            {
                var d = CacheDecoder(bytes)
                memo = (try? InputMemo(decoding: &d)) ?? InputMemo()
            }
            let session = Session(cache: cache, runKey: Self.sha256(e.bytes), memo: memo)
            session.state.withLock { state in
                for name in (try? FileManager.default.contentsOfDirectory(atPath: cache.folder)) ?? []
                where Self.isEntryName(name) {
                    var st = stat()
                    guard lstat(cache.folder + "/" + name, &st) == 0, st.st_mode & S_IFMT == S_IFREG else { continue }
                    state.onDisk[name] = Int(st.st_size)
                    state.stale.insert(name)
                }
            }
            return .success(session)
        }

        struct Unusable: Error { let reason: String }

        private init(cache: ReadCache, runKey: String, memo: InputMemo) {
            self.cache = cache
            self.runKey = runKey
            self.memo = memo
        }

        /// What a cache key says of the shared libraries reading a file depends on, as on the
        /// executable, and an upgrade replaces without touching it (libcsv parses the CSV, zlib
        /// inflates workbooks, OpenSSL hashes, glibc's iconv decodes Thai encodings, Foundation and the
        /// Swift runtime read decimals and text): of those mapped into the process (`maps`, as
        /// /proc/self/maps gives it), each file's path, device, inode, size, modification and change
        /// time, one per line in path order. Only these named ones: libraries loaded later on demand
        /// (glibc's iconv modules, name service) come with the process's history, not the files'.
        static func librariesIdentity(maps: String, named: [String] = readingLibraries) -> String {
            var paths = Set<String>()
            // On the bytes: Foundation's trimming and searching cost more than the rest of a run's start.
            let gconv = Array("/gconv/".utf8)
            for line in maps.utf8.split(separator: UInt8(ascii: "\n")) {
                // address perms offset dev inode path: the path is what follows the fifth field.
                let fields = line.split(separator: UInt8(ascii: " "), maxSplits: 5, omittingEmptySubsequences: true)
                guard fields.count == 6 else { continue }
                var bytes = fields[5][...]
                while let b = bytes.first, b == 0x20 || b == 0x09 { bytes = bytes.dropFirst() }
                while let b = bytes.last, b == 0x20 || b == 0x09 { bytes = bytes.dropLast() }
                guard bytes.first == UInt8(ascii: "/"),
                    !bytes.indices.contains(where: { bytes[$0...].starts(with: gconv) })
                else { continue }
                let path = String(decoding: bytes, as: UTF8.self)
                let name = path.split(separator: "/").last.map(String.init) ?? ""
                if named.contains(where: name.hasPrefix) { paths.insert(path) }
            }
            return paths.sorted().map { path in
                guard let s = FileStatus(path: path) else { return "\(path)\tgone\n" }
                return "\(path)\t\(s.device)\t\(s.inode)\t\(s.size)\t\(s.modified)\t\(s.changed)\n"
            }.joined()
        }

        /// /proc/self/maps, read to its end (its status says it is empty, so it is read until the
        /// system says there is no more); nil when it cannot be read.
        static func processMaps() -> String? {
            let fd = Glibc.open("/proc/self/maps", O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { return nil }
            defer { close(fd) }
            var bytes: [UInt8] = []
            var block = [UInt8](repeating: 0, count: 64 * 1024)
            while true {
                let n = block.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
                if n < 0 && errno == EINTR { continue }
                guard n >= 0 else { return nil }
                if n == 0 { break }
                bytes += block[0..<n]
            }
            return String(decoding: bytes, as: UTF8.self)
        }

        /// The beginnings of the names of the libraries `librariesIdentity` names.
        static let readingLibraries = [
            "libcsv.", "libz.", "libcrypto.", "libc.so", "libFoundation", "lib_FoundationICU", "libswift",
        ]

        static func sha256(_ bytes: [UInt8]) -> String {
            let hasher = SHA256Hasher()
            bytes.withUnsafeBytes { hasher.update($0) }
            return hasher.finish()
        }

        /// The key of the first file of a bureau folder is chained from this.
        func folderKey(_ bureau: String) -> String {
            var e = CacheEncoder()
            e.string(runKey)
            e.string(bureau)
            return Self.sha256(e.bytes)
        }

        /// The key of `export`, whose bytes hash to `sha256`, after the file whose key is `previous`.
        func key(after previous: String, export: Pipeline.ExportFile, sha256: String) -> String {
            var e = CacheEncoder()
            e.string(previous)
            e.string(sha256)
            e.string(export.displayPath)
            e.string(export.bureau)
            for part in [export.bureauName, export.bureauAgency, export.sheet] { e.optional(part) { $0.string($1) } }
            return Self.sha256(e.bytes)
        }

        /// The file's SHA-256 before it is read, when the last run kept a result for its path (no
        /// entry can exist for a path the memo does not know): from the memo when the file's status
        /// stands for it, else by hashing it. Nil when the file is new here (it is read, and its key
        /// made from the hash the reading computes) or cannot be hashed.
        func identify(path: String, maxBytes: Int) -> InputIdentity? {
            guard let known = memo[path], let status = FileStatus(path: path), status.size <= maxBytes else {
                return nil
            }
            if known.stands(for: status), FileStatus.changeTimeIsKept(path) { return known }
            return InputIdentity.hashing(path: path, maxBytes: maxBytes)
        }

        /// Remembers the identity of a file whose result this run used or kept.
        func remember(path: String, _ identity: InputIdentity) {
            state.withLock { $0.seen[path] = identity }
        }

        func count(_ update: (inout Report) -> Void) {
            state.withLock { update(&$0.report) }
        }

        var report: Report { state.withLock { $0.report } }

        /// Marks entry `name` as this run's (kept at `finish`), with its size (0 when `reserve` counted it).
        func use(_ name: String, bytes: Int) {
            state.withLock {
                $0.stale.remove(name)
                $0.used.insert(name)
                if $0.counted[name] == nil { $0.count(name, bytes: bytes) }
            }
        }

        /// Whether one more entry may be read in place (its descriptor held open); if so it is counted.
        func holdOpen() -> Bool {
            let limit = cache.maxOpenEntries ?? ReadCache.defaultOpenEntries
            return state.withLock {
                guard $0.openEntries < limit else { return false }
                $0.openEntries += 1
                return true
            }
        }

        /// Whether an entry of `bytes` may be written as `name`: the folder's entries, with it in place
        /// of the one it replaces, must stay within `maxBytes`, after removing entries found at `open`
        /// that this run has not used (their files are read if they come later). If so it is counted
        /// as written; `unreserve` takes that back when the writing fails.
        func reserve(_ bytes: Int, name: String) -> Bool {
            let (fits, removing) = state.withLock { state -> (Bool, [String]) in
                let replaced = state.onDisk[name] ?? 0
                var total = state.onDisk.values.reduce(0, +) - replaced + bytes
                var removing: [String] = []
                for victim in state.stale.sorted() where total > cache.maxBytes && victim != name {
                    total -= state.onDisk[victim] ?? 0
                    state.onDisk[victim] = nil
                    state.stale.remove(victim)
                    removing.append(victim)
                }
                guard total <= cache.maxBytes else { return (false, removing) }
                state.onDisk[name] = bytes
                state.stale.remove(name)
                state.count(name, bytes: bytes)
                return (true, removing)
            }
            for victim in removing { unlink(cache.folder + "/" + victim) }
            return fits
        }

        /// Takes back `reserve` of `bytes` as `name`, whose writing failed: the folder holds under that
        /// name what it held before, if anything.
        func unreserve(_ bytes: Int, name: String) {
            var st = stat()
            let left =
                lstat(cache.folder + "/" + name, &st) == 0 && st.st_mode & S_IFMT == S_IFREG ? Int(st.st_size) : nil
            state.withLock {
                $0.onDisk[name] = left
                // An entry this run used keeps its old bytes (the file written was never renamed in).
                $0.count(name, bytes: $0.used.contains(name) ? left : nil)
            }
        }

        /// Writes the memo of input identities and removes every entry this run did not use.
        func finish() {
            let (used, memo) = state.withLock { ($0.used, $0.seen) }
            _ = CacheFile.write(folder: cache.folder, name: "inputs", head: memo.encode().bytes)
            for name in (try? FileManager.default.contentsOfDirectory(atPath: cache.folder)) ?? []
            where Self.isEntryName(name) && !used.contains(name) {
                var st = stat()
                if lstat(cache.folder + "/" + name, &st) == 0, st.st_mode & S_IFMT == S_IFREG {
                    unlink(cache.folder + "/" + name)
                }
            }
        }

        /// An entry's name: 64 lowercase hex digits (its key).
        static func isEntryName(_ name: String) -> Bool {
            name.utf8.count == 64 && name.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
        }
    }
}
