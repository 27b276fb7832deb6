/// A calendar month, year in CE: what a month-only cell such as "ต.ค. ๖๑" names.
package struct YearMonth: Hashable, Comparable, Sendable, CustomStringConvertible {
    package let year: Int
    package let month: Int

    /// Validates the month (1...12) and the year (as `CalendarDay.supportedYears`).
    package init?(year: Int, month: Int) {
        guard CalendarDay.supportedYears.contains(year), (1...12).contains(month) else { return nil }
        self.init(uncheckedYear: year, month: month)
    }

    init(uncheckedYear year: Int, month: Int) {
        self.year = year
        self.month = month
    }

    /// "2018-10": ISO 8601, always Gregorian.
    package var iso: String {
        var out = ""
        out.reserveCapacity(7)
        CalendarDay.appendPadded(year, width: 4, to: &out)
        out.append("-")
        CalendarDay.appendPadded(month, width: 2, to: &out)
        return out
    }

    package var description: String { iso }
    package var buddhistYear: Int { year + 543 }
    package var firstDay: CalendarDay { CalendarDay(year: year, month: month, day: 1)! }
    package var lastDay: CalendarDay {
        CalendarDay(year: year, month: month, day: CalendarDay.daysIn(month: month, year: year))!
    }

    /// The month `count` months later (earlier when negative).
    package func adding(months count: Int) -> YearMonth {
        let index = year * 12 + (month - 1) + count
        let y = index >= 0 ? index / 12 : (index - 11) / 12
        return YearMonth(uncheckedYear: y, month: index - y * 12 + 1)
    }

    package static func < (lhs: YearMonth, rhs: YearMonth) -> Bool { (lhs.year, lhs.month) < (rhs.year, rhs.month) }
}
