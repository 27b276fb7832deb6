import Testing

@testable import PlanRollup
@testable import RollupBase
@testable import RollupCore
@testable import RollupReading

@Suite("Fiscal years, quarters and reporting rounds")
struct FiscalYearTests {
    struct FiscalCase: CustomTestStringConvertible, Sendable {
        let day: String
        let fiscalYear: Int
        let quarter: Int
        let monthIndex: Int
        let latestRound: ReportingRound?
        var testDescription: String { day }
    }

    static let cases: [FiscalCase] = [
        FiscalCase(day: "2018-10-01", fiscalYear: 2562, quarter: 1, monthIndex: 0, latestRound: nil),
        FiscalCase(day: "2018-12-31", fiscalYear: 2562, quarter: 1, monthIndex: 2, latestRound: nil),
        FiscalCase(day: "2019-01-01", fiscalYear: 2562, quarter: 2, monthIndex: 3, latestRound: nil),
        FiscalCase(day: "2019-02-21", fiscalYear: 2562, quarter: 2, monthIndex: 4, latestRound: nil),
        FiscalCase(day: "2019-03-30", fiscalYear: 2562, quarter: 2, monthIndex: 5, latestRound: nil),
        FiscalCase(day: "2019-03-31", fiscalYear: 2562, quarter: 2, monthIndex: 5, latestRound: .six),
        FiscalCase(day: "2019-04-01", fiscalYear: 2562, quarter: 3, monthIndex: 6, latestRound: .six),
        FiscalCase(day: "2019-06-29", fiscalYear: 2562, quarter: 3, monthIndex: 8, latestRound: .six),
        FiscalCase(day: "2019-06-30", fiscalYear: 2562, quarter: 3, monthIndex: 8, latestRound: .nine),
        FiscalCase(day: "2019-07-01", fiscalYear: 2562, quarter: 4, monthIndex: 9, latestRound: .nine),
        FiscalCase(day: "2019-09-29", fiscalYear: 2562, quarter: 4, monthIndex: 11, latestRound: .nine),
        FiscalCase(day: "2019-09-30", fiscalYear: 2562, quarter: 4, monthIndex: 11, latestRound: .twelve),
        FiscalCase(day: "2019-10-01", fiscalYear: 2563, quarter: 1, monthIndex: 0, latestRound: nil),
        FiscalCase(day: "2020-02-29", fiscalYear: 2563, quarter: 2, monthIndex: 4, latestRound: nil),
        FiscalCase(day: "2026-11-26", fiscalYear: 2570, quarter: 1, monthIndex: 1, latestRound: nil),
    ]

    @Test("fiscal year, quarter, month index and latest round of a day", arguments: cases)
    func ofDay(_ c: FiscalCase) throws {
        let day = try ThaiDateParser.parseDay(c.day).get()
        let fy = FiscalYear(containing: day)
        #expect(fy.buddhistYear == c.fiscalYear)
        #expect(fy.quarter(of: day) == c.quarter)
        #expect(fy.monthIndex(of: day) == c.monthIndex)
        #expect(fy.contains(day))
        #expect(FiscalYear(containing: day.yearMonth) == fy)
        let (roundYear, round) = ReportingRound.latest(asOf: day)
        #expect(roundYear == fy)
        #expect(round == c.latestRound)
    }

    @Test("FY 2562 runs 1 October 2018 – 30 September 2019, October first")
    func bounds() {
        let fy = FiscalYear(buddhistYear: 2562)
        #expect(fy.firstDay.iso == "2018-10-01")
        #expect(fy.lastDay.iso == "2019-09-30")
        #expect(
            fy.months.map(\.iso) == [
                "2018-10", "2018-11", "2018-12", "2019-01", "2019-02", "2019-03",
                "2019-04", "2019-05", "2019-06", "2019-07", "2019-08", "2019-09",
            ])
        #expect(fy.quarter(of: YearMonth(year: 2019, month: 10)!) == nil)
        #expect(fy.monthIndex(of: YearMonth(year: 2018, month: 9)!) == nil)
        #expect(!fy.contains(CalendarDay(year: 2019, month: 10, day: 1)!))
        #expect(FiscalYear(buddhistYear: 2561) < fy)
        #expect(fy.description == "FY 2562")
    }

    @Test("cut-offs are 31 March, 30 June and 30 September", arguments: ReportingRound.allCases)
    func cutOffs(_ round: ReportingRound) {
        let expected = [ReportingRound.six: "2019-03-31", .nine: "2019-06-30", .twelve: "2019-09-30"][round]
        #expect(round.cutOff(in: FiscalYear(buddhistYear: 2562)).iso == expected)
    }

    @Test("the first round that reports an activity")
    func firstRound() {
        #expect(ReportingRound.first(reporting: CalendarDay(year: 2018, month: 10, day: 1)!).1 == .six)
        #expect(ReportingRound.first(reporting: CalendarDay(year: 2019, month: 3, day: 31)!).1 == .six)
        #expect(ReportingRound.first(reporting: CalendarDay(year: 2019, month: 4, day: 1)!).1 == .nine)
        #expect(ReportingRound.first(reporting: CalendarDay(year: 2019, month: 9, day: 30)!).1 == .twelve)
        #expect(ReportingRound.nine.thaiName == "รอบ ๙ เดือน")
    }

    @Test("every month of FY 2562 through 2570 has the right quarter")
    func quarters() {
        for be in 2562...2570 {
            let fy = FiscalYear(buddhistYear: be)
            for (i, month) in fy.months.enumerated() {
                #expect(fy.monthIndex(of: month) == i)
                #expect(fy.quarter(of: month) == i / 3 + 1)
                #expect(FiscalYear(containing: month) == fy)
            }
        }
    }
}
