/// A Thai government fiscal year, named by its Buddhist Era year: FY 2562 runs 1 Oct 2018 – 30 Sep 2019.
public struct FiscalYear: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let buddhistYear: Int

    public init(buddhistYear: Int) { self.buddhistYear = buddhistYear }

    /// The fiscal year a day falls in (October onwards belongs to the next year's FY).
    public init(containing day: CalendarDay) { self.init(containing: day.yearMonth) }

    public init(containing month: YearMonth) {
        buddhistYear = (month.month >= 10 ? month.year + 1 : month.year) + 543
    }

    /// The CE year in which the fiscal year ends (2019 for FY 2562).
    public var endingYear: Int { buddhistYear - 543 }
    public var firstDay: CalendarDay { CalendarDay(year: endingYear - 1, month: 10, day: 1)! }
    public var lastDay: CalendarDay { CalendarDay(year: endingYear, month: 9, day: 30)! }
    /// October … September.
    public var months: [YearMonth] {
        let october = YearMonth(uncheckedYear: endingYear - 1, month: 10)
        return (0..<12).map { october.adding(months: $0) }
    }

    public func contains(_ day: CalendarDay) -> Bool { firstDay <= day && day <= lastDay }

    /// 0 for October … 11 for September; nil outside this fiscal year.
    public func monthIndex(of month: YearMonth) -> Int? {
        let index = (month.year - (endingYear - 1)) * 12 + month.month - 10
        return (0..<12).contains(index) ? index : nil
    }

    public func monthIndex(of day: CalendarDay) -> Int? { monthIndex(of: day.yearMonth) }

    /// Quarter 1 (ต.ค.–ธ.ค.) … 4 (ก.ค.–ก.ย.); nil outside this fiscal year.
    public func quarter(of month: YearMonth) -> Int? { monthIndex(of: month).map { $0 / 3 + 1 } }

    public func quarter(of day: CalendarDay) -> Int? { quarter(of: day.yearMonth) }

    /// "FY 2562"
    public var description: String { "FY \(buddhistYear)" }

    public static func < (lhs: FiscalYear, rhs: FiscalYear) -> Bool { lhs.buddhistYear < rhs.buddhistYear }
}
