import Testing

@testable import PlanRollup
@testable import RollupBase
@testable import RollupCore
@testable import RollupReading

@Suite("Calendar arithmetic")
struct CalendarDayTests {
    struct DayCase: CustomTestStringConvertible, Sendable {
        let year: Int, month: Int, day: Int
        let daysSince1970: Int
        let weekday: Weekday
        var testDescription: String { "\(year)-\(month)-\(day)" }
    }

    static let known: [DayCase] = [
        DayCase(year: 1970, month: 1, day: 1, daysSince1970: 0, weekday: .thursday),
        DayCase(year: 1969, month: 12, day: 31, daysSince1970: -1, weekday: .wednesday),
        DayCase(year: 1899, month: 12, day: 30, daysSince1970: -25569, weekday: .saturday),
        DayCase(year: 2000, month: 2, day: 29, daysSince1970: 11016, weekday: .tuesday),
        DayCase(year: 2000, month: 3, day: 1, daysSince1970: 11017, weekday: .wednesday),
        DayCase(year: 2018, month: 10, day: 1, daysSince1970: 17805, weekday: .monday),
        DayCase(year: 2019, month: 2, day: 18, daysSince1970: 17945, weekday: .monday),
        DayCase(year: 2019, month: 2, day: 21, daysSince1970: 17948, weekday: .thursday),
        DayCase(year: 2019, month: 9, day: 30, daysSince1970: 18169, weekday: .monday),
        DayCase(year: 2020, month: 2, day: 29, daysSince1970: 18321, weekday: .saturday),
        DayCase(year: 2026, month: 11, day: 26, daysSince1970: 20783, weekday: .thursday),
        DayCase(year: 2100, month: 3, day: 1, daysSince1970: 47541, weekday: .monday),
    ]

    @Test("days since 1970 and weekday of known days", arguments: known)
    func knownDays(_ c: DayCase) throws {
        let day = try #require(CalendarDay(year: c.year, month: c.month, day: c.day))
        #expect(day.daysSince1970 == c.daysSince1970)
        #expect(CalendarDay(daysSince1970: c.daysSince1970) == day)
        #expect(day.weekday == c.weekday)
    }

    @Test("day numbers and dates convert both ways over 1900–2200, in order")
    func roundTrip() {
        var previous = CalendarDay(year: 1899, month: 12, day: 31)!
        for n in CalendarDay(year: 1900, month: 1, day: 1)!
            .daysSince1970...CalendarDay(year: 2200, month: 1, day: 1)!.daysSince1970
        {
            let day = CalendarDay(daysSince1970: n)
            #expect(day.daysSince1970 == n)
            #expect(previous < day)
            #expect(CalendarDay(year: day.year, month: day.month, day: day.day) == day)
            if day.day == 1 { #expect(previous.day == CalendarDay.daysIn(month: previous.month, year: previous.year)) }
            previous = day
        }
    }

    @Test(
        "validation rejects days that are not on the calendar",
        arguments: [
            (2019, 2, 29), (2100, 2, 29), (1900, 2, 29), (2019, 4, 31), (2019, 13, 1), (2019, 0, 1),
            (2019, 1, 0), (2019, 1, 32), (0, 1, 1), (10000, 1, 1),
        ])
    func invalid(year: Int, month: Int, day: Int) {
        #expect(CalendarDay(year: year, month: month, day: day) == nil)
    }

    @Test(
        "leap years",
        arguments: [(2000, true), (2020, true), (2024, true), (1900, false), (2019, false), (2100, false)])
    func leap(year: Int, isLeap: Bool) {
        #expect(CalendarDay.isLeap(year) == isLeap)
        #expect((CalendarDay(year: year, month: 2, day: 29) != nil) == isLeap)
    }

    @Test("ISO text is Gregorian and zero-padded")
    func iso() {
        #expect(CalendarDay(year: 2019, month: 2, day: 1)!.iso == "2019-02-01")
        #expect(CalendarDay(year: 2018, month: 10, day: 31)!.description == "2018-10-31")
        #expect(CalendarDay(year: 2019, month: 2, day: 1)!.yearMonth.iso == "2019-02")
        #expect(YearMonth(year: 987, month: 3)!.iso == "0987-03")
        #expect(CalendarDay(year: 2019, month: 2, day: 1)!.buddhistYear == 2562)
    }

    @Test("months add across year ends")
    func months() {
        let october = YearMonth(year: 2018, month: 10)!
        #expect(october.adding(months: 3) == YearMonth(year: 2019, month: 1))
        #expect(october.adding(months: -10) == YearMonth(year: 2017, month: 12))
        #expect(YearMonth(year: 2020, month: 2)!.lastDay == CalendarDay(year: 2020, month: 2, day: 29))
        #expect(YearMonth(year: 2019, month: 2)!.lastDay == CalendarDay(year: 2019, month: 2, day: 28))
        #expect(YearMonth(year: 2019, month: 13) == nil)
    }
}
