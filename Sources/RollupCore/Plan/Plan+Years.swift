import RollupBase
import RollupReading

/// Several fiscal years' plans side by side in `input/plan/`: a run reports one year, against that
/// year's projects only.
extension Plan {
    /// The plan of `year` alone: its projects (and those no plan file dates), and the files, rows and
    /// problems of the files that gave them or gave no project at all; `archived` keeps every file read
    /// (the manifest lists them all). The plan itself when it holds no other year's project. A parent in another year's plan is dropped
    /// from its child, which then counts as a top-level project.
    public func only(_ year: FiscalYear) -> Plan {
        guard projects.contains(where: { $0.fiscalYear != nil && $0.fiscalYear != year }) else { return self }
        let kept = projects.filter { $0.fiscalYear == nil || $0.fiscalYear == year }
        let ids = Set(kept.map(\.id))
        let otherFiles = Set(projects.filter { $0.fiscalYear != nil && $0.fiscalYear != year }.map(\.file))
            .subtracting(kept.map(\.file))
        let projects = kept.map { p in
            var p = p
            if let parent = p.parentID, !ids.contains(parent) { p.parentID = nil }
            return p
        }
        let keptFiles = files.filter { !otherFiles.contains($0) }
        var plan = Plan(
            projects: projects, issues: fileIssues.filter { !otherFiles.contains($0.file) },
            rows: keptFiles.reduce(0) { $0 + (rowsByFile[$1] ?? 0) }, files: keptFiles,
            archived: archived.map { ($0.path, $0.file) })
        plan.measureNames = measureNames
        plan.rowsByFile = rowsByFile.filter { !otherFiles.contains($0.key) }
        return plan
    }

    /// The plan's projects grouped by fiscal year, oldest first; projects no plan file dates come last
    /// under nil.
    public var projectsByYear: [(year: FiscalYear?, projects: [PlanProject])] {
        let groups = Dictionary(grouping: projects, by: \.fiscalYear)
        return groups.keys.sorted { a, b in
            switch (a, b) {
            case (let a?, let b?): a < b
            case (_?, nil): true
            default: false
            }
        }.map { (year: $0, projects: groups[$0]!) }
    }

    /// The fiscal year (BE) of each project's id, for the projects a plan file dates.
    public var yearOfID: [String: Int] {
        Dictionary(
            projects.compactMap { p in p.fiscalYear.map { (p.id, $0.buddhistYear) } }, uniquingKeysWith: { a, _ in a })
    }

    /// The fiscal year a project id encodes, when it does: the id reads `<prefix>-<yy>-<number>` (its
    /// second part exactly two digits, as in สผ-62-001), and BE 25yy is a fiscal year the plan covers.
    /// Any other id (P-001, สผ-2562-001, สผ-61-001 with no FY 2561 plan) encodes no year.
    public static func yearEncoded(in id: String, planYears: Set<Int>) -> Int? {
        // Read over the bytes, without splitting: a row's id is looked at once per row.
        let dash = UInt8(ascii: "-")
        let zero = UInt8(ascii: "0")
        let bytes = id.utf8
        guard let first = bytes.firstIndex(of: dash), first != bytes.startIndex else { return nil }
        var i = bytes.index(after: first)
        var yy = 0
        for _ in 0..<2 {
            guard i != bytes.endIndex, (zero...zero + 9).contains(bytes[i]) else { return nil }
            yy = yy * 10 + Int(bytes[i] - zero)
            i = bytes.index(after: i)
        }
        guard i != bytes.endIndex, bytes[i] == dash, bytes.index(after: i) != bytes.endIndex,
            bytes[bytes.index(after: i)] != dash
        else { return nil }
        return planYears.contains(2500 + yy) ? 2500 + yy : nil
    }
}
