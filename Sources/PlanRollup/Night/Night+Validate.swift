import Foundation
import Logging
import RollupBase
import RollupCore
import RollupReading

extension Night {
    /// What `validate` found: the figures as `run` would compute them, the pull's view of the
    /// bureaus, and the warning `run` would stop on.
    public struct Checked: Sendable {
        public let outcome: Pipeline.Outcome
        public let pulled: PullResult
        public let registry: BureauRegistry
        /// The plan shrank against the latest published run's: `run` would publish nothing.
        public let shrink: PlanShrank?
        /// With `markedCopies`: what became of each file read (copies written, not made, removed).
        public var markedCopies: [MarkedCopyResult]?
        /// Why the marked copies stopped (a link at a copy's name, no room): the command prints the
        /// report and the copies written, then ends with this error.
        public var markedCopyFailure: (any Error)?

        /// Rejects and failed pulls, and with `strict` missing and stale bureaus: exit 65 when above 0.
        public func problems(strict: Bool) -> Int {
            outcome.rejects.count + pulled.failedPulls.count + (strict ? pulled.missing.count + pulled.stale.count : 0)
        }
    }

    /// What `validate` reads: every bureau, one bureau's files (as the registry finds them), or the
    /// files a clerk names (of the bureau given, or of the bureau folder they lie in).
    public enum Scope: Sendable, Equatable {
        case everything
        case bureau(String)
        case files([String], bureau: String?)
    }

    /// Stages 0 to 6 into a scratch folder (removed afterwards): never touches the output folder,
    /// so it can run beside the nightly job. A narrower `scope` reads and reports only that bureau or
    /// those files: no other bureau is missing or stale, and the plan-size warning is left to the
    /// operator's whole check.
    ///
    /// With `markedCopies` (`validate --format xlsx`) it writes one thing under the output folder: a
    /// marked copy of each file with a refusal or a notice, in `checked/<bureau>/` (`CheckedFolder`,
    /// `writeMarkedCopies`), read from the scratch archive before it is removed. A link planted at
    /// `checked` or a bureau's folder there stops it before anything is read (exit 78).
    public func validate(_ scope: Scope = .everything, markedCopies: Bool = false) throws -> Checked {
        MemoryPolicy.apply()
        let configuration = try JobConfiguration(input: settings.input, aliasesFile: settings.aliasesFile)
        let scratch = Self.scratchFolder("validate")
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        // SIGTERM or SIGINT removes the scratch folder too, and exits 128 + the signal.
        let signals =
            settings.handlesSignals
            ? JobSignals.install(log: log) { try? FileManager.default.removeItem(atPath: scratch) } : []
        defer { withExtendedLifetime(signals) {} }

        var registry = configuration.registry
        var named: [Pipeline.ExportFile]?
        switch scope {
        case .everything: break
        case .bureau(let code):
            registry.bureaus = [try Self.entry(code, in: registry)]
        case .files(let files, let code):
            named = try files.map { file in
                var st = stat()
                guard stat(file, &st) == 0, st.st_mode & S_IFMT != S_IFDIR else {
                    throw UnknownBureau(
                        what: "\(file): no such file (or a folder): give the path of the export to check",
                        codes: registry.bureaus.map(\.code))
                }
                let entry = try code.map { try Self.entry($0, in: registry) } ?? Self.entry(of: file, in: registry)
                return Pipeline.ExportFile(
                    bureau: entry.code, path: file, displayPath: Self.shown(file, input: settings.input),
                    bureauName: entry.name, bureauAgency: entry.agency)
            }
            registry.bureaus = []
        }
        if markedCopies {
            try CheckedFolder(output: settings.output).preflight(
                bureaus: registry.bureaus.map(\.code) + (named ?? []).map(\.bureau))
        }
        let pulled = PullStage(registry: registry, input: settings.input, pulledFolder: scratch + "/pulled")
            .withAliases(configuration.aliases).run(log: log)
        var options = pipelineOptions(input: settings.input, output: scratch, configuration, pulled)
        options.archiveFolder = scratch + "/archive"
        if let named {
            options.exports = named
            options.extraReadRoots = named.map(\.path)
            options.bureauFolders = Dictionary(
                configuration.registry.bureaus.filter { !$0.name.isEmpty }.map { (Keys.name($0.name), $0.code) },
                uniquingKeysWith: { a, _ in a })
        }
        let outcome = try Pipeline.compute(options, today: settings.today ?? CalendarDay.today())
        var shrink: PlanShrank?
        if scope == .everything,
            case .shrank(let shrank) = PlanShrinkGuard(outputFolder: settings.output).compare(outcome.plan)
        {
            shrink = shrank
        }
        var checked = Checked(outcome: outcome, pulled: pulled, registry: configuration.registry, shrink: shrink)
        if markedCopies {
            (checked.markedCopies, checked.markedCopyFailure) = writeMarkedCopies(
                outcome, archive: scratch + "/archive", aliases: configuration.aliases)
        }
        return checked
    }

    /// The registry's bureau `code`, or a usage error naming the codes there are.
    static func entry(_ code: String, in registry: BureauRegistry) throws -> BureauEntry {
        guard let entry = registry.bureaus.first(where: { $0.code == code }) else {
            throw UnknownBureau(
                what: "--bureau \(code): no bureau has that code",
                codes: registry.bureaus.map(\.code))
        }
        return entry
    }

    /// The bureau whose folder holds `file` (exports/<code>/… under the input, or a folder named as a
    /// registry code), or a usage error asking for --bureau.
    static func entry(of file: String, in registry: BureauRegistry) throws -> BureauEntry {
        let parent = (URL(fileURLWithPath: file).standardizedFileURL.deletingLastPathComponent().lastPathComponent)
        if let entry = registry.bureaus.first(where: { $0.code == parent }) { return entry }
        throw UnknownBureau(
            what: "\(file): which bureau sent it? give --bureau CODE (its folder is named after no bureau)",
            codes: registry.bureaus.map(\.code))
    }

    /// The path as messages show it: relative to the input folder when it lies inside it.
    static func shown(_ file: String, input: String) -> String {
        let real = URL(fileURLWithPath: file).standardizedFileURL.resolvingSymlinksInPath().path
        let root = URL(fileURLWithPath: input).standardizedFileURL.resolvingSymlinksInPath().path + "/"
        return real.hasPrefix(root) ? String(real.dropFirst(root.count)) : file
    }
}
