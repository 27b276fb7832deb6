import RollupBase
import RollupReading

/// How much of each planned figure a project brings to roll-ups, once parents and sub-projects are known.
///
/// A parent's figure is its approved total. Its sub-projects' figures count under them; what they do
/// not account for (the parent's figure minus their totals) is the parent's own share and counts
/// under the parent, once, so every roll-up adds up to the approved totals. Sub-projects that add
/// up to more than their parent are a plan issue: the parent's own share is then 0.
public struct PlanShare: Sendable, Hashable {
    /// What roll-ups count for the project: a leaf's whole figure, a parent's own share.
    public var own = FigureAmounts()
    /// The project's figure with its sub-projects: its own statement, or their sum when that is larger.
    public var total = FigureAmounts()
    /// The sum of the sub-projects' totals, when any of them carries the figure.
    public var subprojects = FigureAmounts()

    /// Shares of every project (aligned with `projects`, whose parents must all be in it), and the
    /// plan issues found: sub-projects adding up to more than their parent.
    static func compute(_ projects: [PlanProject]) -> (shares: [PlanShare], issues: [PlanIssue]) {
        var index: [String: Int] = [:]
        for (i, p) in projects.enumerated() { index[p.id] = i }
        var children = Array(repeating: [Int](), count: projects.count)
        for (i, p) in projects.enumerated() {
            if let parent = p.parentID, let j = index[parent] { children[j].append(i) }
        }
        var shares = Array(repeating: PlanShare(), count: projects.count)
        var issues: [PlanIssue] = []
        var done = Array(repeating: false, count: projects.count)
        func visit(_ i: Int) {
            guard !done[i] else { return }
            done[i] = true  // parent links are acyclic (the loader drops cycles); this guards anyway
            for c in children[i] { visit(c) }
            let p = projects[i]
            for kind in PlanFigureKind.allCases {
                let stated = p.figures[kind].value
                let kids = children[i].compactMap { shares[$0].total[kind] }
                // Each stated figure is at most its ceiling, so a sum over the plan never overflows.
                let sum: Int64? = kids.isEmpty ? nil : kids.reduce(0, +)
                shares[i].subprojects[kind] = sum
                switch (stated, sum) {
                case (nil, nil):
                    break
                case (let s?, nil):
                    shares[i].own[kind] = s
                    shares[i].total[kind] = s
                case (nil, let c?):
                    shares[i].total[kind] = c
                case (let s?, let c?):
                    shares[i].own[kind] = max(0, s - c)
                    shares[i].total[kind] = max(s, c)
                    if c > s {
                        issues.append(
                            PlanIssue(
                                severity: .warning, file: p.file, line: p.line, field: kind.rawValue,
                                message:
                                    "sub-projects' \(kind.rawValue) add up to \(show(c, kind)), more than the parent's "
                                    + "\(show(s, kind)); the parent's own share is "
                                    + "taken as 0 and the sub-projects' sum counts"
                            ))
                    }
                }
            }
        }
        for i in projects.indices { visit(i) }
        return (shares, issues)
    }

    static func show(_ value: Int64, _ kind: PlanFigureKind) -> String {
        kind == .budget ? Money.baht(value) + " baht" : String(value)
    }
}
