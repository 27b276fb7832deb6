import Foundation
import Glibc
import Logging
import RollupBase
import RollupCore
import RollupReading
import Synchronization

/// Stage 0, pull: brings each registry bureau's exports within reach (HTTP sources into
/// `<output>/pulled/<code>/`, keeping the last good copy when a pull fails), lists the files to
/// read, and judges each bureau's freshness. A failed pull is reported for its bureau; the others go on.
public struct PullStage: Sendable {
    public var registry: BureauRegistry
    public var input: String
    /// Where HTTP sources land, one folder per bureau code; normally `<output>/pulled`.
    public var pulledFolder: String
    /// The run's clock, against which export ages are measured.
    public var now: Date
    /// The header names the job reads: a pulled copy must have a header they recognise.
    public var aliases: HeaderAliases = .standard

    public init(registry: BureauRegistry, input: String, pulledFolder: String, now: Date = Date()) {
        self.registry = registry
        self.input = input
        self.pulledFolder = pulledFolder
        self.now = now
    }

    /// This stage, checking pulled copies' headers against `aliases`.
    public func withAliases(_ aliases: HeaderAliases) -> PullStage {
        var stage = self
        stage.aliases = aliases
        return stage
    }

    public func run(log: Logger) -> PullResult {
        var result = PullResult()
        let pulls = pullAll()
        for bureau in registry.bureaus {
            var failure: PullFailure?
            let files: [Pipeline.ExportFile]
            switch bureau.source {
            case .folder(let folder):
                let names = (try? InputFolder.bureauEntries(in: input + "/" + folder)) ?? []
                files = names.map {
                    Pipeline.ExportFile(
                        bureau: bureau.code, path: input + "/" + folder + "/" + $0, displayPath: folder + "/" + $0)
                }
            case .glob(let pattern):
                files = Self.glob(input + "/" + pattern).map {
                    Pipeline.ExportFile(
                        bureau: bureau.code, path: $0, displayPath: String($0.dropFirst(input.count + 1)))
                }
            case .url(let url):
                let folder = pulledFolder + "/" + bureau.code
                let name = HTTPPuller.fileName(for: url, code: bureau.code)
                let (outcome, milliseconds) = pulls[bureau.code]!
                switch outcome {
                case .success(let pulled):
                    log.info(
                        "pulled",
                        metadata: [
                            "bureau": "\(bureau.code)", "url": "\(ExportSource.redacted(url))",
                            "bytes": "\(pulled.bytes)",
                            "attempts": "\(pulled.attempts)", "ms": "\(milliseconds)",
                        ])
                case .failure(var f):
                    let kept = (try? InputFolder.csvFiles(in: folder)) ?? []
                    f.keptCopy = kept.first.map { "pulled/\(bureau.code)/\($0)" }
                    failure = f
                    log.warning(
                        "pull failed",
                        metadata: [
                            "bureau": "\(bureau.code)", "url": "\(ExportSource.redacted(url))",
                            "attempts": "\(f.attempts)",
                            "reason": "\(f.reason)", "kept": "\(f.keptCopy ?? "none")", "ms": "\(milliseconds)",
                        ])
                }
                let names = (try? InputFolder.csvFiles(in: folder)) ?? []
                files = names.map {
                    Pipeline.ExportFile(
                        bureau: bureau.code, path: folder + "/" + $0, displayPath: "pulled/\(bureau.code)/\($0)")
                }
            }
            let named = files.map {
                var file = Pipeline.ExportFile(
                    bureau: $0.bureau, path: $0.path, displayPath: $0.displayPath, bureauName: bureau.name,
                    bureauAgency: bureau.agency)
                file.sheet = bureau.sheet
                return file
            }
            // Only exports say a bureau reported: a stray document in its folder does not.
            let dates = files.filter { InputFolder.isCSVName($0.path) }.compactMap { Self.modificationDate($0.path) }
            let freshness = BureauFreshness(
                bureau: bureau, files: dates, now: now, maxAgeDays: bureau.maxAgeDays ?? registry.maxAgeDays,
                pullFailure: failure)
            let metadata: Logger.Metadata = [
                "bureau": "\(bureau.code)", "state": "\(freshness.state.rawValue)", "files": "\(files.count)",
                "age_days": "\(freshness.ageDays.map(String.init) ?? "-")",
            ]
            if freshness.state == .fresh {
                log.info("source", metadata: metadata)
            } else {
                log.warning("source", metadata: metadata)
            }
            result.exports += named
            result.bureaus.append(freshness)
        }
        return result
    }

    /// Pulls every URL source, up to `http.parallel` bureaus side by side (each into its own
    /// `pulled/<code>` folder, so they never meet); each outcome with how long its pull took, by code.
    /// What the log and the freshness say is then written in registry order, whatever finished first.
    func pullAll() -> [String: (Result<PulledFile, PullFailure>, milliseconds: Int)] {
        var puller = HTTPPuller(policy: registry.http)
        puller.aliases = aliases
        let sources = registry.bureaus.compactMap { bureau -> (BureauEntry, URL)? in
            if case .url(let url) = bureau.source { return (bureau, url) }
            return nil
        }
        let outcomes = PullOutcomes()
        let gate = DispatchSemaphore(value: max(1, registry.http.parallel))
        let group = DispatchGroup()
        for (bureau, url) in sources {
            gate.wait()
            group.enter()
            let folder = pulledFolder + "/" + bureau.code
            let name = HTTPPuller.fileName(for: url, code: bureau.code)
            Thread.detachNewThread { [puller] in
                defer {
                    gate.signal()
                    group.leave()
                }
                let started = Date()
                let outcome = puller.pull(
                    url, bureau: bureau.code, into: folder, fileName: name, allowShrink: bureau.allowShrink)
                outcomes.set(bureau.code, (outcome, Self.milliseconds(since: started)))
            }
        }
        group.wait()
        return outcomes.all
    }

    /// Regular files matching a glob(3) pattern, in name order.
    static func glob(_ pattern: String) -> [String] {
        var matches = glob_t()
        defer { globfree(&matches) }
        guard Glibc.glob(pattern, 0, nil, &matches) == 0 else { return [] }
        var paths: [String] = []
        for i in 0..<Int(matches.gl_pathc) {
            guard let p = matches.gl_pathv[i] else { continue }
            let path = String(cString: p)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                paths.append(path)
            }
        }
        return paths.sorted()
    }

    /// When the file at `path` (not a link's target) was last modified; from lstat(2) itself (Foundation's
    /// attributes also look up the owner's name in /etc/passwd and /etc/group, for every file).
    static func modificationDate(_ path: String) -> Date? {
        var st = stat()
        guard lstat(path, &st) == 0 else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(st.st_mtim.tv_sec) + TimeInterval(st.st_mtim.tv_nsec) / 1e9)
    }

    static func milliseconds(since start: Date) -> Int { Int(Date().timeIntervalSince(start) * 1000) }
}

/// What the pull stage found: the files to read and every registry bureau's freshness.
public struct PullResult: Sendable {
    public var exports: [Pipeline.ExportFile] = []
    public var bureaus: [BureauFreshness] = []

    public init() {}

    public var missing: [BureauFreshness] { bureaus.filter { $0.state == .missing } }
    /// Bureaus that sent nothing ("missing") or whose newest export is too old ("stale"), by bureau
    /// key, for `Pipeline.Options.reporting`: the summaries show both beside the bureau and its
    /// projects. Staleness is judged by the pull stage's clock; the manifest and freshness.json say
    /// when, so a rerun on the same day with the same files gives the same summaries.
    public var reporting: [String: String] {
        Dictionary(
            bureaus.filter { $0.state != .fresh }.map { (Keys.name($0.bureau.name), $0.state.rawValue) },
            uniquingKeysWith: { a, _ in a })
    }
    public var stale: [BureauFreshness] { bureaus.filter { $0.state == .stale } }
    /// Each named registry bureau's code, by the key of its name, for `Pipeline.Options.bureauFolders`.
    public var bureauFolders: [String: String] {
        Dictionary(
            bureaus.filter { !$0.bureau.name.isEmpty }.map { (Keys.name($0.bureau.name), $0.bureau.code) },
            uniquingKeysWith: { a, _ in a })
    }
    public var failedPulls: [PullFailure] { bureaus.compactMap(\.pullFailure) }

    /// The freshness of the bureau the plan calls `name` (its หน่วยงาน cell), for marking summaries.
    public func freshness(ofBureauNamed name: String) -> BureauFreshness? {
        let key = Keys.name(name)
        return bureaus.first { !$0.bureau.name.isEmpty && Keys.name($0.bureau.name) == key }
    }

    /// Bureau names of the plan that no registry entry names (only when the registry gives names).
    public func unlisted(planBureauNames names: [String]) -> [String] {
        guard bureaus.contains(where: { !$0.bureau.name.isEmpty }) else { return [] }
        return names.filter { freshness(ofBureauNamed: $0) == nil }
    }
}

/// The pull outcomes, filled by the pulling threads.
private final class PullOutcomes: Sendable {
    private let outcomes = Mutex<[String: (Result<PulledFile, PullFailure>, milliseconds: Int)]>([:])

    func set(_ code: String, _ outcome: (Result<PulledFile, PullFailure>, milliseconds: Int)) {
        outcomes.withLock { $0[code] = outcome }
    }

    var all: [String: (Result<PulledFile, PullFailure>, milliseconds: Int)] { outcomes.withLock { $0 } }
}
