/// Reads a date cell as Thai exports write it, and refuses, with the reason, whatever is not one date.
///
/// Forms read (Thai, Arabic and full-width digits mix freely; dots and spaces in month names are optional):
/// - day, Thai month name (full, abbreviated, or a known slip such as "ด.ค."/"ค.ค." for ต.ค.), year:
///   "๒๖ ก.พ. ๖๒", "26ก.พ.62", "๒๖ กพ ๖๒", "๒๑ กุมภาพันธ์ พ.ศ. ๒๕๖๒", "21-ก.พ.-2562";
///   optionally after "วันที่", "ณ วันที่", "ลงวันที่" or a weekday ("วันจันทร์ที่ ๑๘ กุมภาพันธ์ ๒๕๖๒"),
///   which must agree with the date;
/// - numeric, day before month: d/m/yyyy, dd/mm/yy, with "/", "-" or "." ("21/02/2562", "๑/๒/๖๒");
/// - ISO 8601: yyyy-mm-dd (also yyyy/mm/dd), optionally with a time ("2019-02-21T10:30:00");
/// - a month only: "ต.ค. ๖๑", "เดือนตุลาคม ๒๕๖๑", "10/2561", "2018-10" → `.month`;
/// - a spreadsheet serial day number (days since 1899-12-30), accepted only from 36526 (2000-01-01)
///   to 73050 (2099-12-31), optionally with a time fraction ("43517.5").
/// A trailing time ("๑๐.๓๐ น.", "เวลา 10:30", "13:45:00", a time range) is read past and dropped.
///
/// Years: a 2-digit year is Buddhist Era 25yy ("๖๒" = 2562 BE = 2019 CE); read for a fiscal year
/// (`near:`), it is whichever of 25yy (BE) and 20yy (CE) falls within a year of that fiscal year, and
/// refused when neither does ("01-02-23" for FY 2562 is neither 2023 nor 1980). A 4-digit year from 2400 to 2699
/// is BE (CE = BE − 543); from 1900 to 2199 it is CE. Any other year, a year of 1, 3 or 5+ digits, and an era
/// marker that contradicts the year ("พ.ศ. 2019", "ค.ศ. 2562") are refused. Output is always CE.
///
/// Refused, with a `Refusal` naming the offending part: empty cells (`date.empty`), a dash
/// (`date.dash`), spreadsheet errors, a day not on the calendar (29 ก.พ. ๒๕๖๒, 31 เม.ย.), a weekday that
/// contradicts the date, ranges and two dates in one cell, unknown month words, trailing text, and
/// anything else that is not exactly one date. Nothing is rolled over or guessed.
public enum ThaiDateParser {
    /// A day or a month-only value.
    /// `near`: the fiscal year the cell is read for, which settles a 2-digit year. `order`: how the
    /// cell's column writes numeric dates (decided for the whole column, `DateOrder`).
    public static func parse(
        _ text: some StringProtocol, near: FiscalYear? = nil, order: DateOrder = .dayFirst
    ) -> Result<ThaiDateValue, Refusal> {
        let cell = Substring(cell: text)
        do {
            return .success(try read(cell, near.map { ($0.firstDay.year - 1)...($0.lastDay.year + 1) }, order))
        } catch {
            return .failure(error)
        }
    }

    /// A whole day; a month-only value is refused (`date.month_only`).
    public static func parseDay(
        _ text: some StringProtocol, near: FiscalYear? = nil, order: DateOrder = .dayFirst
    ) -> Result<CalendarDay, Refusal> {
        switch parse(text, near: near, order: order) {
        case .success(.day(let d)): return .success(d)
        case .success(.month(let m)):
            return .failure(
                Refusal(
                    code: "date.month_only",
                    english: "“\(String(text))” gives a month (\(m.iso)) but no day: write the day as well",
                    thai: "“\(String(text))” ระบุเพียงเดือน ไม่ได้ระบุวันที่ กรุณาระบุวันที่ด้วย"
                ))
        case .failure(let r): return .failure(r)
        }
    }

    /// What a numeric day-month-year cell ("2/3/2019") says of its column's order: nil for any other
    /// form (month names, ISO, serials), which read the same either way.
    public static func orderEvidence(_ text: some StringProtocol) -> DateOrder.Evidence? {
        let cell = Substring(cell: text)
        var t = CellTokenizer(cell)
        let g0 = t.gap()
        guard g0.key.isEmpty, let n0 = t.number() else { return nil }
        let g1 = t.gap()
        guard let sep = g1.soleSeparator,
            sep == UInt8(ascii: "/") || sep == UInt8(ascii: "-") || sep == UInt8(ascii: "."),
            n0.digits <= 2, let n1 = t.number(), n1.digits <= 2
        else { return nil }
        let g2 = t.gap()
        guard g2.isSole(sep), !g2.isLast, let n2 = t.number() else { return nil }
        let (a, b) = (Int(n0.value), Int(n1.value))
        switch (a <= 12, b <= 12) {
        case (true, true):
            // A Buddhist Era year is the Thai way of writing, which puts the day first.
            if n2.digits == 4, (2400...2699).contains(Int(n2.value)), a != b { return .dayFirst }
            return a == b ? .same : .either
        case (false, true): return .dayFirst
        case (true, false): return .monthFirst
        case (false, false): return .neither
        }
    }

    /// The first and last day of the serial-number range accepted (2000-01-01 … 2099-12-31).
    public static let serialRange: ClosedRange<Int64> = 36526...73050
    /// Serial day number of 1970-01-01 (serial 0 is 1899-12-30).
    static let serialOf1970: Int64 = 25569

    // MARK: - Reading

    typealias Gap = CellTokenizer.Gap
    typealias Number = CellTokenizer.Number

    /// `near`: the CE years a 2-digit year may fall in, when reading for a fiscal year.
    private static func read(
        _ cell: Substring, _ near: ClosedRange<Int>?, _ order: DateOrder = .dayFirst
    ) throws(Refusal) -> ThaiDateValue {
        var t = CellTokenizer(cell)
        let g0 = t.gap()
        guard let n0 = t.number() else { throw withoutDigits(g0, cell) }
        let g1 = t.gap()

        // "ต.ค. ๖๑": a month name before a lone year.
        if case .month(let m, let era)? = monthWord(g0, allowingMonthPrefix: true) {
            let year = try resolveYear(n0, era: era, near, t)
            return try finish(.month(YearMonth(uncheckedYear: year, month: m)), rest: g1, &t, cell)
        }
        let weekday = try prefixWeekday(g0, cell, t)

        if g1.isLast {
            guard g1.isBlank else {
                if monthWord(g1, allowingMonthPrefix: false) != nil {
                    throw Refusal(
                        code: "date.no_year",
                        english: "“\(cell)” has a day and a month but no year: add the year (๖๒ or ๒๕๖๒)",
                        thai: "“\(cell)” ไม่ได้ระบุปี กรุณาเติมปี เช่น ๖๒ หรือ ๒๕๖๒")
                }
                throw unknownText(g1, cell, t)
            }
            guard g0.isBlank else { throw incomplete(cell) }
            if n0.digits == 8 { return .day(try compact(n0, cell)) }
            return .day(try serial(n0, cell))
        }

        // "๒๖ ก.พ. ๖๒": day, month name, year.
        if !g1.key.isEmpty {
            // "๒๑ เดือน กุมภาพันธ์ พ.ศ. ๒๕๖๒": the formal form names the month after "เดือน".
            guard case .month(let m, let era)? = monthWord(g1, allowingMonthPrefix: true) else {
                if isRangeOrList(g1) { throw classifyExtra(cell) }
                if hasMonthKey(g1) { throw classifyExtra(cell) }
                throw unknownMonth(g1, cell, t)
            }
            let n1 = t.number()!
            let year = try resolveYear(n1, era: era, near, t)
            let day = try calendarDay(year: year, month: m, day: n0, t)
            try check(weekday, day)
            let g2 = t.gap()
            return try finish(.day(day), rest: g2, &t, cell)
        }

        // Numeric forms.
        if let sep = g1.soleSeparator, sep != UInt8(ascii: ","), sep != UInt8(ascii: ":") {
            let n1 = t.number()!
            let g2 = t.gap()
            if g2.isSole(sep), !g2.isLast {
                let n2 = t.number()!
                let g3 = t.gap()
                let day: CalendarDay
                if n0.digits == 4 && sep != UInt8(ascii: ".") {
                    let year = try resolveYear(n0, era: nil, near, t)
                    day = try calendarDay(year: year, month: try monthNumber(n1, t), day: n2, t)
                } else {
                    let year = try resolveYear(n2, era: nil, near, t)
                    let (d, m) = order == .monthFirst ? (n1, n0) : (n0, n1)
                    day = try calendarDay(year: year, month: try monthNumber(m, t), day: d, t)
                }
                try check(weekday, day)
                return try finish(.day(day), rest: g3, &t, cell)
            }
            if sep == UInt8(ascii: "."), g0.isBlank, n0.digits == 5, g2.isLast, g2.isBlank {
                return .day(try serial(n0, cell))  // "43517.5": a serial with a time of day
            }
            if sep != UInt8(ascii: "."), weekday == nil, g0.isBlank {
                if n0.digits <= 2 && n1.digits == 4 {
                    let year = try resolveYear(n1, era: nil, near, t)
                    let month = try monthNumber(n0, t)
                    return try finish(.month(YearMonth(uncheckedYear: year, month: month)), rest: g2, &t, cell)
                }
                if n0.digits == 4 && n1.digits <= 2 {
                    let year = try resolveYear(n0, era: nil, near, t)
                    let month = try monthNumber(n1, t)
                    return try finish(.month(YearMonth(uncheckedYear: year, month: month)), rest: g2, &t, cell)
                }
            }
        }
        throw classifyExtra(cell)
    }

    /// "25620226" or "20190226": year, month and day run together. The year's 4 digits must be a
    /// Buddhist Era (2400–2699) or Christian Era (1900–2199) year, so the form cannot be misread.
    private static func compact(_ n: Number, _ cell: Substring) throws(Refusal) -> CalendarDay {
        let v = Int(n.value)
        let (y, m, d) = (v / 10_000, v / 100 % 100, v % 100)
        let year: Int
        if (2400...2699).contains(y) {
            year = y - 543
        } else if (1900...2199).contains(y) {
            year = y
        } else {
            throw Refusal(
                code: "date.compact_year",
                english: "“\(cell)” has 8 digits but does not start with a year (2400–2699 BE or 1900–2199 CE): "
                    + "write it as 21/02/2562 or 2019-02-21",
                thai: "“\(cell)” มีตัวเลข ๘ หลักแต่ไม่ได้ขึ้นต้นด้วยปี กรุณาเขียนเป็น 21/02/2562 หรือ 2019-02-21")
        }
        guard let day = CalendarDay(year: year, month: m, day: d) else {
            throw Refusal(
                code: "date.not_on_calendar",
                english: "“\(cell)” read as year \(y), month \(m), day \(d) is not on the calendar",
                thai: "“\(cell)” อ่านเป็นปี \(y) เดือน \(m) วันที่ \(d) ซึ่งไม่มีในปฏิทิน")
        }
        return day
    }

    /// After a complete date: nothing, a time, or a refusal for what follows.
    private static func finish(
        _ value: ThaiDateValue, rest: Gap, _ t: inout CellTokenizer, _ cell: Substring
    ) throws(Refusal) -> ThaiDateValue {
        if rest.isLast {
            if rest.key.isEmpty && rest.punctuationCount == rest.dots { return value }  // "21/02/2562."
            throw trailingText(rest, cell, t)
        }
        var probe = t
        switch readTime(after: rest, &probe) {
        case .time: return value
        case .badTime:
            throw Refusal(
                code: "date.bad_time",
                english: "the time after the date in “\(cell)” is not a time of day (hours 0–23, minutes 0–59)",
                thai: "เวลาท้ายวันที่ใน “\(cell)” ไม่ถูกต้อง (ชั่วโมง ๐–๒๓ นาที ๐–๕๙)")
        case .notTime:
            throw classifyExtra(cell)
        }
    }
}
