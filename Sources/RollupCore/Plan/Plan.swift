import RollupBase
import RollupReading

/// The approved plan of one or more agencies: projects by id, with parents and children resolved.
public struct Plan: Sendable {
    /// Projects in id order.
    public let projects: [PlanProject]
    public let issues: [PlanIssue]
    /// Plan rows read, counting a project's repeated rows (one per extra link).
    public let rows: Int
    public let files: [String]
    /// Each plan file's path and where the raw archive keeps it (empty when read without an archive).
    public let archived: [(path: String, file: ArchivedFile)]
    /// What each project brings to roll-ups (own share) and its figures with sub-projects, aligned with `projects`.
    public let shares: [PlanShare]
    /// Each measure's name where the plan gives one (ชื่อมาตรการ).
    public internal(set) var measureNames: [PlanLink: String] = [:]
    /// Plan rows read per file (as `rows` counts them), so one year's plan counts its own files' rows.
    var rowsByFile: [String: Int] = [:]
    /// The problems the plan files showed when read (`issues` adds those of the shares computed here).
    let fileIssues: [PlanIssue]
    private let indexByID: [String: Int]
    private let childrenByID: [String: [String]]

    init(
        projects: [PlanProject], issues: [PlanIssue], rows: Int, files: [String],
        archived: [(String, ArchivedFile)] = []
    ) {
        self.archived = archived.map { (path: $0.0, file: $0.1) }
        let sorted = projects.sorted { $0.id < $1.id }
        self.projects = sorted
        let (shares, shareIssues) = PlanShare.compute(sorted)
        self.shares = shares
        self.fileIssues = issues
        self.issues = issues + shareIssues
        self.rows = rows
        self.files = files
        var index: [String: Int] = [:]
        var children: [String: [String]] = [:]
        for (i, p) in sorted.enumerated() {
            index[p.id] = i
            if let parent = p.parentID { children[parent, default: []].append(p.id) }
        }
        indexByID = index
        childrenByID = children
    }

    public subscript(id: String) -> PlanProject? {
        indexByID[id].map { projects[$0] }
    }

    public func index(of id: String) -> Int? { indexByID[id] }

    public func children(of id: String) -> [String] { childrenByID[id] ?? [] }

    /// The fiscal years the plan covers: each project's (`PlanProject.fiscalYear`) and those its schedules fall in.
    public var fiscalYears: [FiscalYear] {
        let months = Set(projects.flatMap { $0.plannedActivities.keys })
        return Set(months.map { FiscalYear(containing: $0) }).union(projects.compactMap(\.fiscalYear)).sorted()
    }

    /// Bureaus named in the plan, by key, with the name as first written.
    public var bureaus: [(key: String, name: String, agency: String)] {
        var seen: [String: (String, String)] = [:]
        for p in projects where seen[p.bureauKey] == nil { seen[p.bureauKey] = (p.bureau, p.agency) }
        return seen.map { (key: $0.key, name: $0.value.0, agency: $0.value.1) }.sorted { $0.key < $1.key }
    }

    /// The share of `project` (which must be one of this plan's projects).
    public func share(of project: PlanProject) -> PlanShare { shares[indexByID[project.id]!] }
}
