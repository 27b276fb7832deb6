/// The progress reports due at 6, 9 and 12 months of a fiscal year (รอบ ๖ / ๙ / ๑๒ เดือน).
public enum ReportingRound: Int, Hashable, Sendable, CaseIterable, Comparable {
    case six = 6
    case nine = 9
    case twelve = 12

    /// 31 March, 30 June or 30 September of the fiscal year's ending CE year.
    public func cutOff(in fiscalYear: FiscalYear) -> CalendarDay {
        switch self {
        case .six: return CalendarDay(year: fiscalYear.endingYear, month: 3, day: 31)!
        case .nine: return CalendarDay(year: fiscalYear.endingYear, month: 6, day: 30)!
        case .twelve: return CalendarDay(year: fiscalYear.endingYear, month: 9, day: 30)!
        }
    }

    /// The fiscal year of `date` and its latest round whose cut-off is on or before `date`;
    /// nil from 1 October to 30 March, before the first cut-off.
    public static func latest(asOf date: CalendarDay) -> (FiscalYear, ReportingRound?) {
        let fiscalYear = FiscalYear(containing: date)
        let round = allCases.last { $0.cutOff(in: fiscalYear) <= date }
        return (fiscalYear, round)
    }

    /// The round a dated activity is first reported in: the earliest cut-off on or after the date.
    public static func first(reporting date: CalendarDay) -> (FiscalYear, ReportingRound) {
        let fiscalYear = FiscalYear(containing: date)
        return (fiscalYear, allCases.first { date <= $0.cutOff(in: fiscalYear) }!)
    }

    /// "รอบ ๖ เดือน"
    public var thaiName: String { "รอบ \(ThaiDisplay.digits(String(rawValue))) เดือน" }

    public static func < (lhs: ReportingRound, rhs: ReportingRound) -> Bool { lhs.rawValue < rhs.rawValue }
}
