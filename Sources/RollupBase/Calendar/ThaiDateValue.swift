/// What a date cell holds once read: a whole day, or only a month ("ต.ค. ๖๑").
public enum ThaiDateValue: Hashable, Sendable, CustomStringConvertible {
    case day(CalendarDay)
    case month(YearMonth)

    /// The month either way, for monthly roll-ups.
    public var yearMonth: YearMonth {
        switch self {
        case .day(let d): return d.yearMonth
        case .month(let m): return m
        }
    }

    /// "2019-02-21" for a day, "2018-10" for a month.
    public var iso: String {
        switch self {
        case .day(let d): return d.iso
        case .month(let m): return m.iso
        }
    }

    public var description: String { iso }
}
