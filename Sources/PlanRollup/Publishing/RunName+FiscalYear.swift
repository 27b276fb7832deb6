import RollupBase

/// The fiscal year a published run reports, read from its name, and the runs retention keeps for good.
extension RunName {
    /// The as-of date the name starts with; nil when it is not a calendar day.
    public var asOfDay: CalendarDay? {
        let parts = asOf.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        return CalendarDay(year: parts[0], month: parts[1], day: parts[2])
    }

    /// The fiscal year (Buddhist Era) the run reports: the one its as-of date falls in.
    public var fiscalYear: Int? { asOfDay.map { FiscalYear(containing: $0).buddhistYear } }

    /// True when the run is as of its fiscal year's last day (30 September): the year's final
    /// 12-month round.
    public var isFinalRound: Bool { asOfDay.map { $0 == FiscalYear(containing: $0).lastDay } ?? false }

    /// Each fiscal year's final run: of the runs as of the year's last day, the one started last.
    /// Retention never removes them, so every year's closing figures stay in `runs/`.
    public static func finalRuns(_ runs: [RunName]) -> [RunName] {
        var newest: [Int: RunName] = [:]
        for run in runs where run.isFinalRound {
            guard let year = run.fiscalYear else { continue }
            if let kept = newest[year], kept.started >= run.started { continue }
            newest[year] = run
        }
        return newest.keys.sorted().map { newest[$0]! }
    }
}
