import CFileSystem
import Dispatch
import Foundation
import Glibc
import RollupBase
import RollupCore
import RollupReading
import Synchronization

/// Publishes a run's files so that readers see the newest complete run or the one before, never a
/// half-written one: files go into a staging folder, are synced, the folder is renamed into
/// `runs/`, and `latest` (a symlink) and `LATEST.json` (for Windows shares) are swapped by rename.
/// Then the oldest runs beyond `keepRuns` are removed; the run `latest` names always stays, and so does
/// each fiscal year's final 12-month run (`RunName.finalRuns`), for good.
public struct Publisher {
    public static let defaultKeepRuns = 30
    /// Months whose newest run is kept beyond `keepRuns`.
    public static let monthlySnapshots = 12

    public let outputFolder: String
    /// How many runs `runs/` keeps, newest by start time; below 1 counts as 1.
    public let keepRuns: Int
    /// At most this many files are written at once (`--threads`; nil: two).
    public var threads: Int?
    /// Told what could not be done but does not fail the run (an old run that cannot be removed).
    let warn: @Sendable (String) -> Void
    /// Deletes a run folder; replaced in tests to make a deletion fail.
    var removeFolder: (String) throws -> Void = { try FileManager.default.removeItem(atPath: $0) }

    public init(
        outputFolder: String, keepRuns: Int = Publisher.defaultKeepRuns,
        warn: @escaping @Sendable (String) -> Void = Publisher.warnOnStandardError
    ) {
        self.outputFolder = outputFolder
        self.keepRuns = keepRuns
        self.warn = warn
    }

    public var runsFolder: String { outputFolder + "/runs" }
    public var latestLink: String { outputFolder + "/latest" }
    public var pointerFile: String { outputFolder + "/LATEST.json" }

    /// Writes `files` as run `runID` and makes it the latest, then applies retention. Returns the
    /// run's folder. `runID` must be a `RunName`; a run already published under it is never replaced.
    /// A failure's message says which run is the latest, as read back from disk after it.
    @discardableResult
    public func publish(runID requested: String, files: [OutputFile]) throws -> String {
        try publish(runID: requested, files: files, reuse: nil)
    }

    /// `publish(runID:files:)`, copying from the previous run the files `reuse` finds it wrote the same.
    func publish(runID requested: String, files: [OutputFile], reuse: OutputReuse?) throws -> String {
        do {
            return try publishRun(requested, files, reuse)
        } catch var error as PublishError {
            error.latestReadBack = latestReadBack()
            throw error
        }
    }

    /// Which run `latest` and `LATEST.json` name now, read from disk: "runs/<id>", "none", or both when
    /// they disagree.
    public func latestReadBack() -> String {
        let link = latestRun()
        let pointer = pointerRun()
        switch (link, pointer) {
        case (nil, nil): return "none yet"
        case (let l?, let p?) where l == p: return "runs/" + l
        default:
            return
                "latest → \(link.map { "runs/" + $0 } ?? "none"), LATEST.json "
                + "→ \(pointer.map { "runs/" + $0 } ?? "none")"
        }
    }

    private func publishRun(_ requested: String, _ files: [OutputFile], _ reuse: OutputReuse?) throws -> String {
        guard var run = RunName(requested) else {
            throw PublishError(path: requested, reason: "not a run name of the form <as-of>_<YYYYMMDDTHHMMSSZ>")
        }
        try makeFolder(outputFolder)
        try makeFolder(runsFolder)
        removeLeftovers()
        // A run started in the same second as a published one gets the next number: published runs are never replaced.
        var sequence = 1
        while exists(runsFolder + "/" + run.text) {
            sequence += 1
            guard let next = RunName(requested)?.numbered(sequence) else {
                throw PublishError(
                    path: runsFolder + "/" + requested, reason: "too many runs started in the same second")
            }
            run = next
        }
        let runID = run.text
        let final = runsFolder + "/" + runID
        let staging = outputFolder + "/.staging-" + runID
        try? FileManager.default.removeItem(atPath: staging)
        do {
            try stage(files, in: staging, reuse: reuse)
            StagePause.reached("publishing")
            try check(rename(staging, final), "rename", staging)
        } catch {
            // What was staged is incomplete: remove it rather than leave it for a reader to find.
            try? FileManager.default.removeItem(atPath: staging)
            throw error
        }
        try syncFolder(runsFolder)
        StagePause.reached("swapping")

        // Both pointers are written whole before either is swapped, so a full disk or a failure
        // leaves `latest` and `LATEST.json` naming the same run: the two renames need no new space.
        let pointer = JSONValue.object([
            ("run", .string(runID)), ("path", .string("runs/" + runID)), ("as_of", .string(run.asOf)),
            ("fiscal_year", run.fiscalYear.map { .int($0) } ?? .null),
        ]).rendered()
        let tempPointer = outputFolder + "/.LATEST.json-" + runID
        let tempLink = outputFolder + "/.latest-" + runID
        do {
            try SyncedFile.write(path: tempPointer, bytes: Array(pointer.utf8))
            unlink(tempLink)
            try check(symlink("runs/" + runID, tempLink), "symlink", tempLink)
            try syncFolder(outputFolder)
        } catch {
            unlink(tempPointer)
            unlink(tempLink)
            throw error
        }
        try check(rename(tempLink, latestLink), "rename", latestLink)
        do {
            try check(rename(tempPointer, pointerFile), "rename", pointerFile)
        } catch {
            // Put `latest` back on the run LATEST.json still names, so the two never disagree.
            if let previous = pointerRun() {
                let back = outputFolder + "/.latest-back-" + runID
                if symlink("runs/" + previous, back) == 0 { rename(back, latestLink) }
            }
            unlink(tempPointer)
            throw error
        }
        try syncFolder(outputFolder)
        removeOldRuns()
        return final
    }

    /// Removes run folders beyond the newest `keepRuns` (by start time), never the one `latest` or
    /// `LATEST.json` names, nor the newest of each month's runs (last `monthlySnapshots` months) or
    /// each fiscal year's final run (`RunName.finalRuns`), and nothing in `runs/` that is not a folder named like a run. A folder
    /// that cannot be removed is reported through `warn` and left. Returns the names removed.
    @discardableResult
    public func removeOldRuns() -> [String] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: runsFolder)
        } catch {
            warn(
                "\(runsFolder): cannot list the runs to apply retention "
                    + "(\(error.localizedDescription)); nothing removed"
            )
            return []
        }
        let runs = names.compactMap(RunName.init).filter { isFolder(runsFolder + "/" + $0.text) }
            .sorted { ($0.started, $0.asOf) > ($1.started, $1.asOf) }
        // The newest run of each of the last `monthlySnapshots` months (by start time) stays too, so
        // "since last month" can always be answered.
        var newestOfMonth: [String: String] = [:]
        for run in runs where newestOfMonth[String(run.started.prefix(6))] == nil {
            newestOfMonth[String(run.started.prefix(6))] = run.text
        }
        let snapshots = newestOfMonth.keys.sorted(by: >).prefix(Self.monthlySnapshots).compactMap { newestOfMonth[$0] }
        let kept = Set(runs.prefix(max(keepRuns, 1)).map(\.text)).union(snapshots)
            .union(RunName.finalRuns(runs).map(\.text))
            .union([latestRun(), pointerRun()].compactMap { $0 })
        var removed: [String] = []
        for run in runs where !kept.contains(run.text) {
            let path = runsFolder + "/" + run.text
            do {
                try removeFolder(path)
                removed.append(run.text)
            } catch {
                warn(
                    "\(path): cannot remove this old run (\(error.localizedDescription)); "
                        + "it stays, and the new run is published"
                )
            }
        }
        return removed
    }

    /// Before any work, the output tree's own entries must be what the job made them: `runs`,
    /// `archive`, `pulled` and each `pulled/<bureau>`, `logs` real folders; `LATEST.json` and the lock
    /// a real file; `latest` the job's link. A link or an entry of the wrong type there (a folder
    /// restored from a backup, a link planted to make the job write or delete elsewhere) stops the
    /// run with what to do, before anything is read or written.
    public func preflight() throws {
        func kind(_ path: String) -> mode_t? {
            var st = stat()
            return lstat(path, &st) == 0 ? st.st_mode & S_IFMT : nil
        }
        func refuse(_ path: String, _ found: mode_t, expected: String) -> ConfigurationError {
            let what =
                found == S_IFLNK
                ? "a link" : found == S_IFDIR ? "a folder" : found == S_IFREG ? "a file" : "a special file"
            return ConfigurationError(
                path: path,
                reason: "is \(what), not \(expected): the job writes only inside its output folder and never through a "
                    + "link; move it out of the output folder and run again; nothing was read or published")
        }
        if let found = kind(latestLink), found != S_IFLNK {
            throw refuse(latestLink, found, expected: "the link the job swaps to the newest run")
        }
        var folders = ["runs", "archive", "pulled", "logs", "cache"].map { outputFolder + "/" + $0 }
        if kind(outputFolder + "/pulled") == S_IFDIR {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: outputFolder + "/pulled")) ?? []
            folders += names.filter { !$0.hasPrefix(".") }.sorted().map { outputFolder + "/pulled/" + $0 }
        }
        for folder in folders {
            if let found = kind(folder), found != S_IFDIR { throw refuse(folder, found, expected: "a folder") }
        }
        for file in [pointerFile, outputFolder + "/" + OutputLock.fileName] {
            if let found = kind(file), found != S_IFREG { throw refuse(file, found, expected: "a file") }
        }
    }

    /// The run the `latest` symlink points to, if it points into `runs/`.
    public func latestRun() -> String? {
        guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: latestLink),
            target.hasPrefix("runs/")
        else { return nil }
        return String(target.dropFirst(5))
    }

    /// The run `LATEST.json` names.
    public func pointerRun() -> String? {
        guard let data = FileManager.default.contents(atPath: pointerFile),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return nil }
        return object["run"] as? String
    }

    /// Writes every file into a fresh `staging` folder and syncs the files and the folders: the files'
    /// writeback is started as each is written, and one sync of the file system (syncfs(2)) then waits
    /// for all of them behind one flush, where a sync of each file flushed the disk once per file. The
    /// folder is opened before the first file is written, so the sync reports any writeback error
    /// on the file system since.
    private func stage(_ files: [OutputFile], in staging: String, reuse: OutputReuse?) throws {
        try makeFolder(staging)
        let stagingFD = open(staging, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW)
        try check(stagingFD, "open", staging)
        defer { close(stagingFD) }
        var folders: Set<String> = [staging]
        for file in files {
            let path = staging + "/" + file.name
            if let slash = path.lastIndex(of: "/"), !folders.contains(String(path[..<slash])) {
                let folder = String(path[..<slash])
                try makeFolder(folder)
                folders.insert(folder)
            }
        }
        // Two files at a time (one with `--threads 1`), the costliest first (the workbook, then the notices and rejects): each is
        // a file of its own, and what they are made from is only read. A failure is reported for the
        // first failing file in the run's order, as writing them one by one would.
        let order = files.indices.sorted { a, b in
            let (wa, wb) = (Self.weight(files[a].name), Self.weight(files[b].name))
            return wa != wb ? wa > wb : a < b
        }
        let next = Mutex(0)
        let failures = Mutex<[Int: any Error]>([:])
        DispatchQueue.concurrentPerform(iterations: max(1, min(threads ?? 2, 2, files.count))) { _ in
            while let i = next.withLock({ n -> Int? in
                guard n < order.count else { return nil }
                n += 1
                return order[n - 1]
            }) {
                do {
                    let path = staging + "/" + files[i].name
                    if let reuse {
                        try reuse.write(files[i], to: path)
                    } else {
                        try SyncedFile.write(path: path, files[i], sync: .later)
                    }
                } catch {
                    failures.withLock { $0[i] = error }
                }
            }
        }
        if let first = failures.withLock({ $0.min { $0.key < $1.key } }) { throw first.value }
        try check(syncfs(stagingFD), "syncfs", staging)
        for folder in folders.sorted(by: >) { try syncFolder(folder) }
    }

    /// How long a file takes to write, roughly: the workbook, then the whole-record logs, then the rest.
    private static func weight(_ name: String) -> Int {
        switch name {
        case "summary.xlsx": 3
        case "notices.csv": 2
        case "rejects.csv": 1
        default: 0
        }
    }

    private func exists(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0
    }

    private func isFolder(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    /// Staging folders and temporary links of a run that was killed before it could clean up.
    /// Only one run publishes at a time (the output lock), so any that exist are stale.
    private func removeLeftovers() {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: outputFolder) else { return }
        for name in names
        where name.hasPrefix(".staging-") || name.hasPrefix(".latest-") || name.hasPrefix(".LATEST.json-") {
            try? FileManager.default.removeItem(atPath: outputFolder + "/" + name)
        }
    }

    private func makeFolder(_ path: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw PublishError(path: path, reason: "cannot create the folder (\(error.localizedDescription))")
        }
    }

    private func syncFolder(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        try check(fd, "open", path)
        defer { close(fd) }
        try check(fsync(fd), "fsync", path)
    }

    private func check(_ result: Int32, _ operation: String, _ path: String) throws {
        if result < 0 {
            throw PublishError(path: path, reason: "\(operation) failed: \(String(cString: strerror(errno)))")
        }
    }

    private func check(_ result: Int, _ operation: String, _ path: String) throws {
        try check(Int32(clamping: result), operation, path)
    }

    /// The default `warn`: one line on standard error.
    public static let warnOnStandardError: @Sendable (String) -> Void = { message in
        FileHandle.standardError.write(Data("plan-rollup: warning: \(message)\n".utf8))
    }
}

/// Publishing failed: nothing new became `latest`.
public struct PublishError: Error, CustomStringConvertible, Sendable {
    public let path: String
    public let reason: String
    /// The run `latest` and `LATEST.json` name after the failure, read back from disk.
    public var latestReadBack: String?

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String {
        "\(path): \(reason); nothing was published, the latest run "
            + "is \(latestReadBack ?? "unchanged") (read back from disk)"
    }
}
