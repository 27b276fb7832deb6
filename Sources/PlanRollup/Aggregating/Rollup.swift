import Foundation

/// The accepted progress rows summed per project, bureau and month. Partial rollups of separate
/// files merge exactly, so files can be read in any order or in parallel.
public struct Rollup: Sendable {
    /// Per project, aligned with `plan.projects`.
    public var byProject: [Tally]
    /// Per bureau key (the หน่วยงาน cell, or the project's bureau when the cell is empty).
    public var byBureau: [String: Tally] = [:]
    /// The bureau's name as first seen, per key.
    public var bureauNames: [String: String] = [:]
    public var byMonth: [YearMonth: Tally] = [:]
    /// Latest report of status and result per project index.
    public var latest: [Int: Report] = [:]

    /// What a project's newest row said.
    public struct Report: Sendable, Hashable {
        public var date: CalendarDay
        public var status: ProjectStatus?
        public var resultPercent: Decimal?
    }

    public init(projectCount: Int) {
        byProject = Array(repeating: Tally(), count: projectCount)
    }

    public mutating func add(_ row: ProgressRow, project index: Int, plan: Plan) {
        byProject[index].add(row)
        let key = row.bureauKey.isEmpty ? plan.projects[index].bureauKey : row.bureauKey
        byBureau[key, default: Tally()].add(row)
        if bureauNames[key] == nil || (bureauNames[key]! > row.bureau && !row.bureau.isEmpty) {
            bureauNames[key] = row.bureau.isEmpty ? plan.projects[index].bureau : row.bureau
        }
        byMonth[row.date.yearMonth, default: Tally()].add(row)
        if row.status != nil || row.resultPercent != nil {
            let report = Report(date: row.date, status: row.status, resultPercent: row.resultPercent)
            if let old = latest[index] {
                latest[index] = Self.newer(old, report)
            } else {
                latest[index] = report
            }
        }
    }

    /// Merges another file's rollup: sums add, the newer report wins.
    public mutating func merge(_ other: Rollup) {
        for i in other.byProject.indices { byProject[i] += other.byProject[i] }
        for (k, t) in other.byBureau { byBureau[k, default: Tally()] += t }
        for (k, n) in other.bureauNames where bureauNames[k] == nil || bureauNames[k]! > n { bureauNames[k] = n }
        for (k, t) in other.byMonth { byMonth[k, default: Tally()] += t }
        for (k, r) in other.latest { latest[k] = latest[k].map { Self.newer($0, r) } ?? r }
    }

    /// The later report; on the same day the more advanced status, then the higher result, so the
    /// outcome does not depend on the order rows arrive in.
    static func newer(_ a: Report, _ b: Report) -> Report {
        if a.date != b.date { return a.date > b.date ? a : b }
        let ka = (a.status?.rank ?? -1, a.resultPercent ?? -1)
        let kb = (b.status?.rank ?? -1, b.resultPercent ?? -1)
        return ka >= kb ? a : b
    }
}
