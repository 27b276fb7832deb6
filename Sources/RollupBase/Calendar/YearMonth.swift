/// A calendar month, year in CE: what a month-only cell such as "ต.ค. ๖๑" names.
public struct YearMonth: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int

    /// Validates the month (1...12) and the year (as `CalendarDay.supportedYears`).
    public init?(year: Int, month: Int) {
        guard CalendarDay.supportedYears.contains(year), (1...12).contains(month) else { return nil }
        self.init(uncheckedYear: year, month: month)
    }

    init(uncheckedYear year: Int, month: Int) {
        self.year = year
        self.month = month
    }

    /// "2018-10": ISO 8601, always Gregorian.
    public var iso: String {
        var out = ""
        out.reserveCapacity(7)
        CalendarDay.appendPadded(year, width: 4, to: &out)
        out.append("-")
        CalendarDay.appendPadded(month, width: 2, to: &out)
        return out
    }

    public var description: String { iso }
    public var buddhistYear: Int { year + 543 }
    public var firstDay: CalendarDay { CalendarDay(year: year, month: month, day: 1)! }
    public var lastDay: CalendarDay {
        CalendarDay(year: year, month: month, day: CalendarDay.daysIn(month: month, year: year))!
    }

    /// The month `count` months later (earlier when negative).
    public func adding(months count: Int) -> YearMonth {
        let index = year * 12 + (month - 1) + count
        let y = index >= 0 ? index / 12 : (index - 11) / 12
        return YearMonth(uncheckedYear: y, month: index - y * 12 + 1)
    }

    public static func < (lhs: YearMonth, rhs: YearMonth) -> Bool { (lhs.year, lhs.month) < (rhs.year, rhs.month) }
}
