import Foundation
import Glibc
import RollupBase
import RollupCore
import RollupReading

/// Compares this run's plan with the plan of the newest published run, so that a truncated or
/// half-saved plan file cannot quietly shrink the summaries.
public struct PlanShrinkGuard: Sendable {
    /// A plan with fewer projects than this percentage of the previous run's is refused.
    public static let minimumPercent = 80
    /// A larger `summary.json` is not read (a plan of a few hundred projects gives well under 1 MiB).
    static let maxJSONBytes = 64 << 20

    public let outputFolder: String

    public init(outputFolder: String) {
        self.outputFolder = outputFolder
    }

    /// The plan read this run against the latest published run's: `.shrank` when it has fewer than
    /// `minimumPercent` of that run's distinct projects, or an agency that had projects there has
    /// none now. The previous run is the one `<output>/LATEST.json` names (else the `latest` link);
    /// its `summary.json` gives its projects, its `manifest.json` (when readable) its plan files'
    /// sizes. Nothing is read through a link that leads out of the output folder.
    public func compare(_ plan: Plan) -> PlanComparison {
        let previous: PublishedPlan
        do {
            previous = try previousPlan()
        } catch {
            return .nothingToCompare(reason: error.reason)
        }
        if let shrink = Self.judge(previous: previous, plan: plan) { return .shrank(shrink) }
        return .kept(previous: previous, projects: Set(plan.projects.map(\.id)).count)
    }

    /// True when `current` projects are fewer than `minimumPercent` of `previous`.
    public static func tooFew(current: Int, previous: Int) -> Bool {
        Int64(current) * 100 < Int64(previous) * Int64(minimumPercent)
    }

    /// The refusal for `plan` against `previous`, or nil when the plan may be published.
    static func judge(previous: PublishedPlan, plan: Plan) -> PlanShrank? {
        let current = Set(plan.projects.map(\.id)).count
        var now: [String: Int] = [:]
        for p in plan.projects { now[p.agency, default: 0] += 1 }
        let gone = previous.projectsByAgency.filter { now[$0.key, default: 0] == 0 && $0.value > 0 }
        guard tooFew(current: current, previous: previous.projects) || !gone.isEmpty else { return nil }

        var projectsByFile: [String: Int] = [:]
        for p in plan.projects { projectsByFile[p.file, default: 0] += 1 }
        let bytesNow = Dictionary(plan.archived.map { ($0.path, $0.file.bytes) }) { first, _ in first }
        let files = Set(plan.files).union(previous.planFileBytes.keys).sorted().map { path in
            PlanShrank.FileChange(
                path: path, projects: projectsByFile[path, default: 0], bytes: bytesNow[path],
                previousBytes: previous.planFileBytes[path], isGone: !plan.files.contains(path))
        }
        return PlanShrank(
            previousRun: previous.run, previousProjects: previous.projects, projects: current,
            agenciesGone: gone, files: files)
    }

    /// What the latest published run's plan held. Throws `Unreadable` (with the reason) when
    /// there is no such run or it cannot be read.
    public func previousPlan() throws(Unreadable) -> PublishedPlan {
        guard let root = Self.realPath(outputFolder) else {
            throw Unreadable(reason: "\(outputFolder) does not exist yet: no run was published before")
        }
        let run = try latestRun(root: root)
        let folder = root + "/runs/" + run
        let summary = try readJSON(folder + "/summary.json", root: root)
        guard let projects = summary["projects"] as? [Any] else {
            throw Unreadable(reason: "\(folder)/summary.json has no \"projects\" list")
        }
        var ids: Set<String> = []
        var byAgency: [String: Set<String>] = [:]
        for case let project as [String: Any] in projects {
            guard let id = project["project_id"] as? String else { continue }
            ids.insert(id)
            byAgency[project["agency"] as? String ?? "", default: []].insert(id)
        }
        guard !ids.isEmpty else { throw Unreadable(reason: "\(folder)/summary.json lists no project") }
        // The plan files' sizes help name the file that shrank; a run without them still compares.
        var fileBytes: [String: Int] = [:]
        if let manifest = try? readJSON(folder + "/manifest.json", root: root),
            let files = manifest["plan_files"] as? [Any]
        {
            for case let file as [String: Any] in files {
                if let path = file["path"] as? String, let bytes = file["bytes"] as? NSNumber {
                    fileBytes[path] = bytes.intValue
                }
            }
        }
        return PublishedPlan(
            run: "runs/" + run, projects: ids.count, projectsByAgency: byAgency.mapValues(\.count),
            planFileBytes: fileBytes)
    }

    /// The run named by `LATEST.json`'s `path` ("runs/<run>"), else by the `latest` link.
    private func latestRun(root: String) throws(Unreadable) -> String {
        let pointer = root + "/LATEST.json"
        let named: String
        if Self.exists(pointer) {
            guard let path = try readJSON(pointer, root: root)["path"] as? String else {
                throw Unreadable(reason: "\(pointer) names no \"path\"")
            }
            named = path
        } else if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: root + "/latest") {
            named = target
        } else {
            throw Unreadable(reason: "\(pointer) and \(root)/latest do not exist: no run was published before")
        }
        guard named.hasPrefix("runs/"), let run = RunName(String(named.dropFirst(5))) else {
            throw Unreadable(reason: "the latest run \"\(named)\" is not a folder runs/<run> of the output folder")
        }
        return run.text
    }

    /// A JSON object read from `path`, which (links resolved) must lie inside `root`.
    private func readJSON(_ path: String, root: String) throws(Unreadable) -> [String: Any] {
        guard let real = Self.realPath(path) else {
            throw Unreadable(reason: "\(path): \(String(cString: strerror(errno)))")
        }
        guard real.hasPrefix(root + "/") else {
            throw Unreadable(reason: "\(path) leads out of the output folder (to \(real)); not followed")
        }
        var st = stat()
        guard stat(real, &st) == 0, st.st_mode & S_IFMT == S_IFREG, Int(st.st_size) <= Self.maxJSONBytes else {
            throw Unreadable(reason: "\(path) is not a regular file of at most \(Self.maxJSONBytes >> 20) MiB")
        }
        guard let data = FileManager.default.contents(atPath: real) else {
            throw Unreadable(reason: "\(path) cannot be read")
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw Unreadable(reason: "\(path) is not a JSON object")
        }
        return object
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private static func exists(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0
    }

    /// Why there is nothing to compare with.
    public struct Unreadable: Error, Sendable {
        public let reason: String
    }
}

/// The plan of a published run, as its `summary.json` and `manifest.json` give it.
public struct PublishedPlan: Sendable, Hashable {
    /// "runs/<run>", relative to the output folder.
    public let run: String
    /// Distinct project ids.
    public let projects: Int
    public let projectsByAgency: [String: Int]
    /// Each plan file's size in bytes by its path ("plan/plan.csv"); empty when the manifest is unreadable.
    public let planFileBytes: [String: Int]
}

/// What `PlanShrinkGuard.compare` found.
public enum PlanComparison: Sendable {
    /// No previous run, or it could not be read: the plan is not compared.
    case nothingToCompare(reason: String)
    /// The plan may be published: `projects` now against the previous run's.
    case kept(previous: PublishedPlan, projects: Int)
    /// The plan has far fewer projects than the previous run's: `run` publishes nothing without
    /// `--accept-plan-change`.
    case shrank(PlanShrank)
}

/// The plan read this run has far fewer projects than the latest published run's: a truncated or
/// half-saved plan file, most likely. `run` stops before publishing (exit 77, `JobExit.planShrank`).
public struct PlanShrank: Error, CustomStringConvertible, Sendable, Hashable {
    /// The flag that confirms a plan change and publishes all the same.
    public static let flag = "--accept-plan-change"

    /// A plan file now and in the previous run.
    public struct FileChange: Sendable, Hashable {
        public let path: String
        /// Projects first read from this file now.
        public let projects: Int
        /// Its size now (nil: unknown or gone) and in the previous run (nil: unknown).
        public let bytes: Int?
        public let previousBytes: Int?
        public let isGone: Bool

        /// Gone, or smaller than in the previous run.
        public var shrank: Bool { isGone || (bytes ?? 0) < (previousBytes ?? 0) }
    }

    public let previousRun: String
    public let previousProjects: Int
    public let projects: Int
    /// Agencies with projects in the previous run and none now, with their previous count.
    public let agenciesGone: [String: Int]
    public let files: [FileChange]

    /// The files to name: those that shrank or are gone, else every current plan file.
    public var named: [FileChange] {
        let shrank = files.filter(\.shrank)
        return shrank.isEmpty ? files.filter { !$0.isGone } : shrank
    }

    /// What is wrong, in English.
    public var english: String {
        let files = named.map { f in
            if f.isGone { return "\(f.path) is gone" }
            let before = f.previousBytes.map { " (\($0) in that run)" } ?? ""
            return "\(f.path) gives \(f.projects) projects" + (f.bytes.map { ", \($0) bytes" + before } ?? "")
        }
        let agencies = agenciesGone.sorted { $0.key < $1.key }.map {
            "agency \($0.key) had \($0.value) projects there and has none now"
        }
        let share =
            PlanShrinkGuard.tooFew(current: projects, previous: previousProjects)
            ? ", fewer than \(PlanShrinkGuard.minimumPercent)% of them" : ""
        return "the plan has shrunk: \(projects) projects now against \(previousProjects) in the latest published run "
            + "(\(previousRun))\(share); " + (agencies + files).joined(separator: "; ")
    }

    /// What is wrong, in Thai.
    public var thai: String {
        let files = named.map { f in
            if f.isGone { return "ไม่พบไฟล์ \(f.path)" }
            let before = f.previousBytes.map { " (รอบก่อน \($0) ไบต์)" } ?? ""
            return "ไฟล์ \(f.path) มี \(f.projects) โครงการ" + (f.bytes.map { " ขนาด \($0) ไบต์" + before } ?? "")
        }
        let agencies = agenciesGone.sorted { $0.key < $1.key }.map {
            "ส่วนราชการ \($0.key) เคยมี \($0.value) โครงการ แต่ครั้งนี้ไม่มีเลย"
        }
        return "แผนงานมีโครงการลดลงมาก: ครั้งนี้มี \(projects) โครงการ จากเดิม \(previousProjects) โครงการ"
            + "ในรอบที่เผยแพร่ล่าสุด (\(previousRun)) " + (agencies + files).joined(separator: " ")
    }

    public var description: String {
        english + ". Nothing was published; the previous run stays the latest. If the plan really changed, run again"
            + " with \(Self.flag).\n" + thai + " ระบบจึงไม่เผยแพร่ผลรอบนี้ ผลรอบก่อนยังคงเป็นผลล่าสุด"
            + " หากแผนงานเปลี่ยนจริง ให้สั่งรันใหม่พร้อม \(Self.flag)"
    }
}
