import Foundation
import RollupBase
import RollupReading

/// The accepted progress rows summed per project, bureau and month. Partial rollups of separate
/// files merge exactly, so files can be read in any order or in parallel.
public struct Rollup: Sendable {
    /// Per project, aligned with `plan.projects`.
    public var byProject: [Tally]
    /// Per bureau key (the หน่วยงาน cell, or the project's bureau when the cell is empty).
    public var byBureau: [String: Tally] = [:]
    /// The bureau's name as first seen (in file order), per key; the plan's spelling wins in the summaries.
    public var bureauNames: [String: String] = [:]
    /// Per month and agency (the project's): the month tables add up the agencies, the HTML report
    /// draws each agency's money line.
    public var byMonth: [AgencyMonth: Tally] = [:]
    /// Latest report of status and result per project index (nil: no row said anything).
    public var latest: [Report?]
    /// The bureau of the previous row: rows of one file nearly always share it, and the same
    /// string compares equal at once, so the per-row dictionary look-up (hashing Thai text) is
    /// skipped; its rows wait in `pendingBureau` until the bureau changes or the rollup is read.
    private var lastBureau: String?
    private var pendingBureau = Tally()
    /// Months of rows not yet in `byMonth`, side by side with their tallies: a year has twelve, so a
    /// short linear search beats hashing on every row.
    private var pendingMonths: [AgencyMonth] = []
    private var pendingMonthTallies: [Tally] = []

    /// What a project's rows said last: for each field, the newest row that gives it.
    public struct Report: Sendable, Hashable {
        public var status: Dated<ProjectStatus>?
        /// The newest status other than cancelled: what a project whose session was cancelled stands at.
        public var activeStatus: Dated<ProjectStatus>?
        public var resultPercent: Dated<Decimal>?
        public var evidence: Dated<String>?
        public var note: Dated<String>?
        public var problems: Dated<String>?

        init(_ row: ProgressRow) {
            absorb(row)
        }

        /// A report that says nothing yet (the read cache fills it field by field).
        init() {}

        /// `merged(Report(row))`, in place.
        mutating func absorb(_ row: ProgressRow) {
            let day = row.date
            if let v = row.status {
                Dated.keepNewer(&status, day, v)
                if v != .cancelled { Dated.keepNewer(&activeStatus, day, v) }
            }
            if let v = row.resultPercent { Dated.keepNewer(&resultPercent, day, v) }
            if !row.evidence.isEmpty { Dated.keepNewer(&evidence, day, row.evidence) }
            if !row.note.isEmpty { Dated.keepNewer(&note, day, row.note) }
            if !row.problems.isEmpty { Dated.keepNewer(&problems, day, row.problems) }
        }

        /// Field by field, the newer value; on the same day the larger, so order never matters.
        func merged(_ other: Report) -> Report {
            var r = self
            r.status = Dated.newer(status, other.status)
            r.activeStatus = Dated.newer(activeStatus, other.activeStatus)
            r.resultPercent = Dated.newer(resultPercent, other.resultPercent)
            r.evidence = Dated.newer(evidence, other.evidence)
            r.note = Dated.newer(note, other.note)
            r.problems = Dated.newer(problems, other.problems)
            return r
        }
    }

    /// A value with the date of the row that gave it.
    public struct Dated<Value: Comparable & Hashable & Sendable>: Sendable, Hashable {
        public let date: CalendarDay
        public let value: Value

        /// `slot = newer(slot, Dated(date: date, value: value))`, in place: nothing is copied or built
        /// when the value held is newer (every row of a project comes here).
        static func keepNewer(_ slot: inout Dated?, _ date: CalendarDay, _ value: Value) {
            if let held = slot?.date {
                if held > date { return }
                if held == date, slot!.value >= value { return }
            }
            slot = Dated(date: date, value: value)
        }

        static func newer(_ a: Dated?, _ b: Dated?) -> Dated? {
            guard let a else { return b }
            guard let b else { return a }
            if a.date != b.date { return a.date > b.date ? a : b }
            return a.value >= b.value ? a : b
        }
    }

    public init(projectCount: Int) {
        byProject = Array(repeating: Tally(), count: projectCount)
        latest = Array(repeating: nil, count: projectCount)
    }

    /// Adds a row for the bureau its หน่วยงาน cell names (the project's bureau when the cell is empty).
    public mutating func add(_ row: ProgressRow, project index: Int, plan: Plan) {
        let p = plan.projects[index]
        add(
            row, project: index, bureauKey: row.bureauKey.isEmpty ? p.bureauKey : row.bureauKey,
            bureauName: row.bureau.isEmpty ? p.bureau : row.bureau, plan: plan)
    }

    /// Adds a row for project `index`, counted for the bureau `bureauKey` (its name as first seen: `bureauName`).
    public mutating func add(
        _ row: ProgressRow, project index: Int, bureauKey key: String, bureauName: String, plan: Plan
    ) {
        let asItems = plan.projects[index].countsItems
        byProject[index].add(row, asItems: asItems)
        if key != lastBureau {
            flushBureau()
            lastBureau = key
            if bureauNames[key] == nil { bureauNames[key] = bureauName }
        }
        pendingBureau.add(row, asItems: asItems)
        let month = AgencyMonth(month: row.date.yearMonth, agency: plan.projects[index].agency)
        if let m = pendingMonths.firstIndex(of: month) {
            pendingMonthTallies[m].add(row, asItems: asItems)
        } else {
            pendingMonths.append(month)
            var t = Tally()
            t.add(row, asItems: asItems)
            pendingMonthTallies.append(t)
        }
        if row.status != nil || row.resultPercent != nil || !row.evidence.isEmpty || !row.note.isEmpty
            || !row.problems.isEmpty
        {
            // A pattern, not `== nil`: Equatable's == copied both reports into a tuple on every row.
            if case nil = latest[index] { latest[index] = Report(row) } else { latest[index]!.absorb(row) }
        }
    }

    /// Adds the rows waiting for the previous bureau, and the months' pending tallies, to the totals.
    mutating func flushBureau() {
        if let last = lastBureau, pendingBureau.rows > 0 {
            byBureau[last, default: Tally()] += pendingBureau
        }
        pendingBureau = Tally()
        lastBureau = nil
        for (m, t) in zip(pendingMonths, pendingMonthTallies) { byMonth[m, default: Tally()] += t }
        pendingMonths = []
        pendingMonthTallies = []
    }

    /// The rollup with every row in `byBureau`: call before reading it.
    public func flushed() -> Rollup {
        var copy = self
        copy.flushBureau()
        return copy
    }

    /// Takes back out what one row added: `tally` of project `index`, bureau `bureau`, month `month`
    /// (of the project's agency).
    /// The row's report is left in place: a row taken out is the same as one counted, so its
    /// status, result, evidence and remarks are already there.
    mutating func remove(_ tally: Tally, project index: Int, bureau: String, month: AgencyMonth) {
        flushBureau()
        byProject[index] -= tally
        byBureau[bureau, default: Tally()] -= tally
        byMonth[month, default: Tally()] -= tally
    }

    /// The month's tally over every agency. The sum cannot pass 64 bits: it is at most the total,
    /// which `canMerge` checks.
    public func month(_ month: YearMonth) -> Tally {
        byMonth.filter { $0.key.month == month }.values.reduce(Tally(), +)
    }

    /// Whether `other` merges without any sum passing 64 bits: by project, bureau, agency's month and in total
    /// (the agency, issue and measure tables add up projects, so their sums are at most the total).
    /// Within one file no sum can: a file is at most 1 GiB (`CSVLimits.maxFileBytes`), so at most
    /// about 54 million rows of at least 20 bytes, each within its ceiling (1,000,000,000 baht), and
    /// 54 million × 10^11 satang is under 2^63. Across files it can, so each file's merge is checked.
    public func canMerge(_ other: Rollup) -> Bool {
        let mine = flushed()
        let other = other.flushed()
        var total = mine.byProject.reduce(Tally()) { Tally.checkedSum($0, $1) ?? $0 }
        for (i, t) in other.byProject.enumerated() {
            guard Tally.checkedSum(mine.byProject[i], t) != nil, let sum = Tally.checkedSum(total, t) else {
                return false
            }
            total = sum
        }
        for (k, t) in other.byBureau where Tally.checkedSum(mine.byBureau[k] ?? Tally(), t) == nil { return false }
        for (k, t) in other.byMonth where Tally.checkedSum(mine.byMonth[k] ?? Tally(), t) == nil { return false }
        return true
    }

    /// Merges another file's rollup: sums add, the newer report wins.
    public mutating func merge(_ other: Rollup) {
        flushBureau()
        let other = other.flushed()
        for i in other.byProject.indices { byProject[i] += other.byProject[i] }
        for (k, t) in other.byBureau { byBureau[k, default: Tally()] += t }
        // Files merge in file order, so a bureau's name is the first spelling the files show.
        for (k, n) in other.bureauNames where bureauNames[k] == nil { bureauNames[k] = n }
        for (k, t) in other.byMonth { byMonth[k, default: Tally()] += t }
        for (k, r) in other.latest.enumerated() {
            if let r { latest[k] = latest[k]?.merged(r) ?? r }
        }
    }
}

/// A calendar month of one agency's rows.
public struct AgencyMonth: Hashable, Sendable {
    public let month: YearMonth
    public let agency: String

    public init(month: YearMonth, agency: String) {
        self.month = month
        self.agency = agency
    }
}
