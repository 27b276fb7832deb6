/// A Thai government fiscal year, named by its Buddhist Era year: FY 2562 runs 1 Oct 2018 – 30 Sep 2019.
package struct FiscalYear: Hashable, Comparable, Sendable, CustomStringConvertible {
    package let buddhistYear: Int

    package init(buddhistYear: Int) { self.buddhistYear = buddhistYear }

    /// The fiscal year a day falls in (October onwards belongs to the next year's FY).
    package init(containing day: CalendarDay) { self.init(containing: day.yearMonth) }

    package init(containing month: YearMonth) {
        buddhistYear = (month.month >= 10 ? month.year + 1 : month.year) + 543
    }

    /// The CE year in which the fiscal year ends (2019 for FY 2562).
    package var endingYear: Int { buddhistYear - 543 }
    package var firstDay: CalendarDay { CalendarDay(year: endingYear - 1, month: 10, day: 1)! }
    package var lastDay: CalendarDay { CalendarDay(year: endingYear, month: 9, day: 30)! }
    /// October … September.
    package var months: [YearMonth] {
        let october = YearMonth(uncheckedYear: endingYear - 1, month: 10)
        return (0..<12).map { october.adding(months: $0) }
    }

    package func contains(_ day: CalendarDay) -> Bool { firstDay <= day && day <= lastDay }

    /// 0 for October … 11 for September; nil outside this fiscal year.
    package func monthIndex(of month: YearMonth) -> Int? {
        let index = (month.year - (endingYear - 1)) * 12 + month.month - 10
        return (0..<12).contains(index) ? index : nil
    }

    package func monthIndex(of day: CalendarDay) -> Int? { monthIndex(of: day.yearMonth) }

    /// Quarter 1 (ต.ค.–ธ.ค.) … 4 (ก.ค.–ก.ย.); nil outside this fiscal year.
    package func quarter(of month: YearMonth) -> Int? { monthIndex(of: month).map { $0 / 3 + 1 } }

    package func quarter(of day: CalendarDay) -> Int? { quarter(of: day.yearMonth) }

    /// "FY 2562"
    package var description: String { "FY \(buddhistYear)" }

    package static func < (lhs: FiscalYear, rhs: FiscalYear) -> Bool { lhs.buddhistYear < rhs.buddhistYear }
}
