/// A day of the proleptic Gregorian calendar, year in CE, computed with integer arithmetic only.
/// No Foundation `Calendar` is involved, so no locale can switch it to the Buddhist calendar.
public struct CalendarDay: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// The years this type accepts: wide enough for any plan, narrow enough that the arithmetic cannot overflow.
    public static let supportedYears = 1...9999

    /// Validates the date; nil when the month or day is not on the calendar (31 April, 29 February 2019).
    public init?(year: Int, month: Int, day: Int) {
        guard Self.supportedYears.contains(year), (1...12).contains(month),
            day >= 1, day <= CalendarDay.daysIn(month: month, year: year)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The day `days` days after 1970-01-01 (negative before it).
    public init(daysSince1970 days: Int) {
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.month = m
        self.day = d
    }

    /// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
    public var daysSince1970: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The year in the Buddhist Era (CE + 543), as Thai documents write it.
    public var buddhistYear: Int { year + 543 }

    public var yearMonth: YearMonth { YearMonth(uncheckedYear: year, month: month) }

    public var weekday: Weekday {
        // 1970-01-01 was a Thursday (ISO 4).
        let index = ((daysSince1970 % 7) + 7 + 3) % 7  // 0 = Monday
        return Weekday(rawValue: index + 1)!
    }

    /// "2019-02-21": ISO 8601, always Gregorian.
    public var iso: String {
        var out = ""
        out.reserveCapacity(10)
        CalendarDay.appendPadded(year, width: 4, to: &out)
        out.append("-")
        CalendarDay.appendPadded(month, width: 2, to: &out)
        out.append("-")
        CalendarDay.appendPadded(day, width: 2, to: &out)
        return out
    }

    public var description: String { iso }

    /// The day `count` days later (earlier when negative).
    public func adding(days count: Int) -> CalendarDay { CalendarDay(daysSince1970: daysSince1970 + count) }

    public static func < (lhs: CalendarDay, rhs: CalendarDay) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    /// Days in a month of a CE year; 0 for a month outside 1...12.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 1, 3, 5, 7, 8, 10, 12: return 31
        case 4, 6, 9, 11: return 30
        case 2: return isLeap(year) ? 29 : 28
        default: return 0
        }
    }

    static func appendPadded(_ value: Int, width: Int, to out: inout String) {
        let digits = String(value)
        if digits.count < width { out.append(String(repeating: "0", count: width - digits.count)) }
        out.append(digits)
    }
}

/// A day of the week, numbered as ISO 8601 does (Monday = 1).
public enum Weekday: Int, Hashable, Sendable, CaseIterable {
    case monday = 1
    case tuesday, wednesday, thursday, friday, saturday, sunday

    public var englishName: String {
        ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][rawValue - 1]
    }

    /// "จันทร์" … "อาทิตย์", without the "วัน" prefix.
    public var thaiName: String { ThaiCalendarWords.weekdayNames[rawValue - 1] }
}
