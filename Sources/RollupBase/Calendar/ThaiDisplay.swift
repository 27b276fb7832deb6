/// Thai text for people: Thai digits, abbreviated month names and Buddhist Era years.
/// The only place that writes BE years; machine output uses `CalendarDay.iso`, which is always Gregorian.
public enum ThaiDisplay {
    /// "๒๑ ก.พ. ๒๕๖๒"
    public static func date(_ d: CalendarDay) -> String {
        digits("\(d.day) \(ThaiCalendarWords.abbreviatedMonthNames[d.month - 1]) \(d.buddhistYear)")
    }

    /// "๒๑ กุมภาพันธ์ ๒๕๖๒"
    public static func longDate(_ d: CalendarDay) -> String {
        digits("\(d.day) \(ThaiCalendarWords.fullMonthNames[d.month - 1]) \(d.buddhistYear)")
    }

    /// "ก.พ. ๖๒": month and two-digit BE year, as the plan's schedule headers write it.
    public static func month(_ m: YearMonth) -> String {
        let yy = m.buddhistYear % 100
        return digits("\(ThaiCalendarWords.abbreviatedMonthNames[m.month - 1]) \(yy < 10 ? "0" : "")\(yy)")
    }

    /// Arabic digits → Thai digits; everything else unchanged.
    public static func digits(_ s: some StringProtocol) -> String {
        var out = String.UnicodeScalarView()
        for scalar in s.unicodeScalars {
            if scalar.value >= 0x30 && scalar.value <= 0x39 {
                out.append(Unicode.Scalar(scalar.value - 0x30 + 0x0E50)!)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// "29 February 2562 BE (2019)" and "๒๙ กุมภาพันธ์ ๒๕๖๒": how refusal messages name a day.
    static func englishDay(_ year: Int, _ month: Int, _ day: Int) -> String {
        "\(day) \(englishMonthNames[month - 1]) \(year + 543) BE (\(year))"
    }

    static func thaiDay(_ year: Int, _ month: Int, _ day: Int) -> String {
        digits("\(day) \(ThaiCalendarWords.fullMonthNames[month - 1]) \(year + 543)")
    }

    static let englishMonthNames = [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ]
}
