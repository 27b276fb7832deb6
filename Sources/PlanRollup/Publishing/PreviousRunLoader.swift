import Foundation
import Glibc
import RollupBase
import RollupCore
import RollupReading

/// Finds and reads the previous published run of a fiscal year, for `changes.csv`: the newest run
/// under `runs/` (by the time it started) whose summary names that fiscal year. Its files are opened
/// without following links and read within a size limit; a file that is missing, too large, not the
/// job's JSON or of another schema version means "not compared", with the reason, never a change
/// read from a file the job cannot trust.
struct PreviousRunLoader {
    let outputFolder: String
    /// summary.json and manifest.json of a run are far smaller than this.
    static let maxBytes = 64 << 20
    /// A previous rejects.csv larger than this is not compared row by row.
    static let maxRejectsBytes = 2 << 30

    func load(fiscalYear: FiscalYear) -> RunComparison {
        let runs = outputFolder + "/runs"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: runs) else {
            return .none(reason: "no run was published before")
        }
        var ordered = names.compactMap(RunName.init).sorted { ($0.started, $0.asOf) > ($1.started, $1.asOf) }
        // The published latest run first (a run folder whose publishing stopped before the swap was
        // never published, however new), then the others newest first.
        if let latest = latestPublished(), let at = ordered.firstIndex(where: { $0.text == latest }) {
            ordered.insert(ordered.remove(at: at), at: 0)
        }
        var reasons: [String] = []
        for run in ordered {
            switch read(run: run.text, folder: runs + "/" + run.text, fiscalYear: fiscalYear) {
            case .success(let previous?): return .previous(previous)
            case .success(nil): continue
            case .failure(let unreadable): reasons.append("\(run.text): \(unreadable.reason)")
            }
            if reasons.count >= 3 { break }
        }
        let year = fiscalYear.buddhistYear
        return .none(
            reason: reasons.isEmpty
                ? "no run of fiscal year \(year) was published before"
                : "no readable run of fiscal year \(year) to compare with (\(reasons.joined(separator: "; ")))")
    }

    /// The run `LATEST.json` names ("runs/<run>"), read without following links; nil when none.
    private func latestPublished() -> String? {
        guard let pointer = try? object(outputFolder + "/LATEST.json"), let path = pointer["path"] as? String,
            path.hasPrefix("runs/")
        else { return nil }
        return String(path.dropFirst(5))
    }

    private struct Unreadable: Error, CustomStringConvertible {
        let reason: String
        var description: String { reason }
    }

    /// The run's figures; nil when it reports another fiscal year.
    private func read(run: String, folder: String, fiscalYear: FiscalYear) -> Result<PreviousRun?, Unreadable> {
        do {
            let summary = try object(folder + "/summary.json")
            guard summary["schema_version"] as? String == SummaryJSON.schemaVersion else {
                throw Unreadable(reason: "summary.json is of another schema version")
            }
            guard (summary["fiscal_year"] as? NSNumber)?.intValue == fiscalYear.buddhistYear else {
                return .success(nil)
            }
            var previous = PreviousRun(run: run, asOf: summary["as_of"] as? String ?? "")
            for p in summary["projects"] as? [[String: Any]] ?? [] {
                guard let id = p["project_id"] as? String else { throw Unreadable(reason: "a project without an id") }
                previous.projects[id] = PreviousRun.Project(
                    name: p["project"] as? String ?? "", activities: Self.int(p["activities_with_subprojects"]),
                    participants: Self.int(p["participants_with_subprojects"]),
                    spentSatang: Self.satang(p["spent_with_subprojects_baht"]), status: p["status"] as? String ?? "",
                    pace: p["pace"] as? String ?? "")
            }
            for b in summary["bureaus"] as? [[String: Any]] ?? [] {
                guard let name = b["bureau"] as? String else { throw Unreadable(reason: "a bureau without a name") }
                previous.bureaus[name] = PreviousRun.Bureau(
                    activities: Self.int(b["activities_actual"]), participants: Self.int(b["participants_actual"]),
                    spentSatang: Self.satang(b["spent_baht"]), reporting: b["reporting"] as? String)
            }
            let manifest = try object(folder + "/manifest.json")
            for input in manifest["inputs"] as? [[String: Any]] ?? [] {
                guard let bureau = input["bureau_folder"] as? String, !bureau.isEmpty,
                    let rejected = Self.int(input["rejected"])
                else { continue }
                previous.rejectsByFolder[bureau, default: 0] += Int(rejected)
            }
            // What its summary.json counts per code: its rejects.csv must hold as many, or it is not trusted.
            var counted: [String: Int] = [:]
            for (code, n) in summary["rejects"] as? [String: Any] ?? [:] { counted[code] = (n as? NSNumber)?.intValue }
            // The pieces of the rejects.csv the output memo describes, only when the memo describes this
            // run: its checksum (XXH3, no defence against a forger) then vouches only that the file is still
            // the one this run wrote. Whether another run's list is the same as this one (bureaus' cells
            // decide most of its bytes) is never left to it: such a list is compared whole.
            let memo = OutputMemo.load(cacheFolder: outputFolder + "/cache")
            let pieces = memo?.run == run ? memo?.entries[Tables.rejects.file] : nil
            previous.rejects = Self.rejects(at: folder + "/" + Tables.rejects.file, counted: counted, pieces: pieces)
            return .success(previous)
        } catch let error as Unreadable {
            return .failure(error)
        } catch {
            return .failure(Unreadable(reason: "\(error)"))
        }
    }

    /// The run's refusals, read from its rejects.csv each time they are asked for: a regular file, not
    /// through a link, UTF-8 with commas and the columns the job writes, or not compared (with why).
    /// `pieces`: what the output memo says of the file, when it describes it (see `PreviousRejects.Pieces`).
    static func rejects(at path: String, counted: [String: Int]? = nil, pieces: OutputMemo.Entry? = nil) -> Result<
        PreviousRejects, PreviousRejectsUnread
    > {
        do {
            _ = try FileByteSource(path: path, maxBytes: Self.maxRejectsBytes, followingLinks: false)
        } catch {
            return .failure(PreviousRejectsUnread(reason: "its rejects.csv cannot be opened (\(error))"))
        }
        let hashes: @Sendable () -> FileHashes? = {
            guard var source = try? FileByteSource(path: path, maxBytes: Self.maxRejectsBytes, followingLinks: false)
            else { return nil }
            let sha256 = SHA256Hasher()
            let checksum = ContentChecksum()
            guard
                (try? source.forEachBlock {
                    sha256.update($0)
                    checksum.update($0)
                }) != nil
            else { return nil }
            return FileHashes(sha256: sha256.finish(), checksum: checksum.finish())
        }
        let piecewise = pieces.flatMap { entry in
            entry.pieces.isEmpty
                ? nil
                : PreviousRejects.Pieces(entry: entry) { ranges, body in
                    try Self.readRejects(path, source: FileRangesSource(path: path, ranges: ranges), body)
                }
        }
        return .success(
            PreviousRejects(counted: counted, hashes: hashes, pieces: piecewise) { body in
                try Self.readRejects(
                    path, source: FileByteSource(path: path, maxBytes: Self.maxRejectsBytes, followingLinks: false),
                    body)
            })
    }

    /// The refusals `source` (the file at `path`, or ranges of it starting with its header) gives.
    private static func readRejects(
        _ path: String, source: any ByteSource & AnyObject, _ body: (PreviousReject) throws -> Void
    ) throws {
        // The job's own file: as large a cell and record as the job writes (a whole refused row).
        let limits = CSVLimits(
            maxCellBytes: Self.maxRejectsBytes, maxCells: 64, maxRecordBytes: Self.maxRejectsBytes,
            maxFileBytes: Self.maxRejectsBytes)
        let file = try InputFile(source: source, path: path, displayPath: Tables.rejects.file, limits: limits)
        guard file.encoding == .utf8BOM, file.dialect == .comma else {
            throw Unreadable(reason: "its rejects.csv is not the job's CSV (not UTF-8 with a BOM and commas)")
        }
        let names = ["code", "file", "row", "column", "raw", "reason_th", "reason_en", "record"]
        var at: [Int]?
        try file.forEach { event in
            guard case .record(let r) = event else {
                throw Unreadable(reason: "its rejects.csv is not the job's CSV (a malformed record)")
            }
            guard let at else {
                let header = (0..<r.count).map { r.text($0) ?? "" }
                let found = names.compactMap { header.firstIndex(of: $0) }
                guard found.count == names.count else {
                    throw Unreadable(reason: "its rejects.csv lacks the columns \(names.joined(separator: ", "))")
                }
                at = found
                return
            }
            let cells = at.map { r.text($0) ?? "" }
            guard let row = Int(cells[2]), row >= 0 else {
                throw Unreadable(reason: "its rejects.csv has a row number that is not one, at line \(r.line)")
            }
            try body(
                PreviousReject(
                    code: cells[0], file: cells[1], row: row, column: cells[3], raw: cells[4], thai: cells[5],
                    english: cells[6], record: cells[7]))
        }
        guard at != nil else { throw Unreadable(reason: "its rejects.csv is empty") }
    }

    /// A JSON object from a regular file of the run, not through a link, within `maxBytes`.
    private func object(_ path: String) throws -> [String: Any] {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
        guard fd >= 0 else { throw Unreadable(reason: "\((path as NSString).lastPathComponent) cannot be opened") }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, Int(st.st_size) <= Self.maxBytes else {
            throw Unreadable(reason: "\((path as NSString).lastPathComponent) is not a file of the job's size")
        }
        var bytes = [UInt8](repeating: 0, count: Int(st.st_size))
        var at = 0
        while at < bytes.count {
            let n = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + at, $0.count - at) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { break }
            at += n
        }
        guard at == bytes.count,
            let object = (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any]
        else { throw Unreadable(reason: "\((path as NSString).lastPathComponent) is not the job's JSON") }
        return object
    }

    private static func int(_ value: Any?) -> Int64? {
        guard let n = value as? NSNumber else { return nil }
        return n.int64Value
    }

    /// Baht with satang ("439200.00" as the job writes it) as exact satang.
    private static func satang(_ value: Any?) -> Int64? {
        guard let n = value as? NSNumber else { return nil }
        var scaled = n.decimalValue * 100
        var rounded = Decimal()
        NSDecimalRound(&rounded, &scaled, 0, .plain)
        return Int64(exactly: NSDecimalNumber(decimal: rounded).int64Value)
    }
}
