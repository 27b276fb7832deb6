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
        guard let sep = g1.soleSeparator, sep == UInt8(ascii: "/") || sep == UInt8(ascii: "-") || sep == UInt8(ascii: "."),
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

    private typealias Gap = CellTokenizer.Gap
    private typealias Number = CellTokenizer.Number

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

    // MARK: - Times

    private enum TimeReading { case time, badTime, notTime }

    private static func readTime(after lead: Gap, _ t: inout CellTokenizer) -> TimeReading {
        let marker = words[lead.key]
        guard lead.key.isEmpty || marker == .timeMarker,
            lead.others == 0, lead.slashes == 0, lead.hyphens == 0, lead.dots == 0, lead.colons == 0,
            lead.commas <= 1
        else { return .notTime }
        var valid = true
        guard readClock(&t, &valid) else { return .notTime }
        var g = t.gap()
        if !g.isLast, (g.key.isEmpty && g.hyphens == 1 && g.punctuationCount == 1) || words[g.key] == .rangeWord {
            guard readClock(&t, &valid) else { return .notTime }
            g = t.gap()
        }
        guard g.isLast, g.key.isEmpty || words[g.key] == .hourUnit,
            g.punctuationCount == g.dots
        else { return .notTime }
        return valid ? .time : .badTime
    }

    /// h.mm, h:mm, h:mm:ss, h:mm:ss.fff; sets `valid` false for an hour or minute out of range.
    private static func readClock(_ t: inout CellTokenizer, _ valid: inout Bool) -> Bool {
        guard let h = t.number(), h.digits <= 2 else { return false }
        let g1 = t.gap()
        guard g1.isSole(UInt8(ascii: ":")) || g1.isSole(UInt8(ascii: ".")), !g1.isLast,
            let m = t.number(), m.digits == 2
        else { return false }
        var probe = t
        let g2 = probe.gap()
        var seconds: Int64 = 0
        if g2.isSole(UInt8(ascii: ":")), !g2.isLast, let s = probe.number(), s.digits == 2 {
            seconds = s.value
            t = probe
            var fraction = t
            let g3 = fraction.gap()
            if g3.isSole(UInt8(ascii: ".")), !g3.isLast, fraction.number() != nil { t = fraction }
        }
        if !(h.value <= 23 && m.value <= 59 && seconds <= 60) && !(h.value == 24 && m.value == 0 && seconds == 0) {
            valid = false
        }
        return true
    }

    // MARK: - Parts

    /// CE year from a year token, by the rule in the type's documentation.
    private static func resolveYear(_ n: Number, era: Era?, _ near: ClosedRange<Int>?, _ t: CellTokenizer) throws(Refusal) -> Int {
        var written: String { t.text(n.start, n.end) }  // for refusals only
        switch n.digits {
        case 2:
            if era == .christian {
                throw Refusal(
                    code: "date.ambiguous_year",
                    english: "the year “\(written)” is marked ค.ศ. but has only 2 digits: write all 4 (2019)",
                    thai: "ปี “\(written)” ระบุ ค.ศ. แต่มีเพียง ๒ หลัก กรุณาเขียนปีเต็ม ๔ หลัก")
            }
            let buddhist = 2500 + Int(n.value) - 543
            guard let near, era != .buddhist else { return buddhist }
            if near.contains(buddhist) { return buddhist }
            if near.contains(2000 + Int(n.value)) { return 2000 + Int(n.value) }
            throw Refusal(
                code: "date.two_digit_year",
                english: "the 2-digit year “\(written)” is neither 25\(written) (BE, \(buddhist)) nor 20\(written) (CE) "
                    + "near the fiscal year reported (\(near.lowerBound + 1)–\(near.upperBound - 1)): write all 4 digits",
                thai: "ปี ๒ หลัก “\(written)” ไม่ตรงกับปีงบประมาณที่รายงาน ทั้งแบบ พ.ศ. และ ค.ศ. กรุณาเขียนปีเต็ม ๔ หลัก")
        case 4:
            let v = Int(n.value)
            if (2400...2699).contains(v) {
                if era == .christian { throw eraMismatch(written, marked: "ค.ศ.", reads: "a Buddhist Era year") }
                return v - 543
            }
            if (1900...2199).contains(v) {
                if era == .buddhist { throw eraMismatch(written, marked: "พ.ศ.", reads: "a Christian Era year") }
                return v
            }
            throw Refusal(
                code: "date.year_out_of_range",
                english: "the year “\(written)” is neither a Buddhist Era year (2400–2699) nor a Christian Era year (1900–2199)",
                thai: "ปี “\(written)” ไม่อยู่ในช่วงปี พ.ศ. (๒๔๐๐–๒๖๙๙) หรือ ค.ศ. (1900–2199)")
        default:
            throw Refusal(
                code: "date.year_digits",
                english: "the year “\(written)” has \(n.digits) digit\(n.digits == 1 ? "" : "s"): write 2 (๖๒) or 4 (๒๕๖๒)",
                thai: "ปี “\(written)” มี \(ThaiDisplay.digits(String(n.digits))) หลัก กรุณาเขียน ๒ หลัก (๖๒) หรือ ๔ หลัก (๒๕๖๒)")
        }
    }

    private static func eraMismatch(_ written: String, marked: String, reads: String) -> Refusal {
        Refusal(
            code: "date.era_mismatch",
            english: "the year “\(written)” is marked \(marked) but reads as \(reads): correct the year or the marker",
            thai: "ปี “\(written)” ระบุ \(marked) แต่ตัวเลขปีไม่ตรงกับศักราชนั้น กรุณาแก้ปีหรือศักราช")
    }

    private static func monthNumber(_ n: Number, _ t: CellTokenizer) throws(Refusal) -> Int {
        guard n.digits <= 2, (1...12).contains(n.value) else {
            let written = t.text(n.start, n.end)
            throw Refusal(
                code: "date.bad_month",
                english: "the month “\(written)” is not 1–12 (Thai numeric dates put the day first: 21/02/2562)",
                thai: "เดือน “\(written)” ไม่อยู่ในช่วง ๑–๑๒ (วันที่แบบตัวเลขเขียนวันก่อนเดือน เช่น ๒๑/๐๒/๒๕๖๒)")
        }
        return Int(n.value)
    }

    private static func calendarDay(year: Int, month: Int, day n: Number, _ t: CellTokenizer) throws(Refusal)
        -> CalendarDay
    {
        guard n.digits <= 2 else {
            let written = t.text(n.start, n.end)
            throw Refusal(
                code: "date.bad_day",
                english: "the day “\(written)” has \(n.digits) digits: a day of the month has 1 or 2",
                thai: "วันที่ “\(written)” มีหลายหลักเกินไป วันที่ของเดือนมี ๑ หรือ ๒ หลัก")
        }
        let day = Int(n.value)
        if let d = CalendarDay(year: year, month: month, day: day) { return d }
        let monthName = ThaiDisplay.englishMonthNames[month - 1]
        let thaiMonth = ThaiCalendarWords.fullMonthNames[month - 1]
        let why: String
        let thaiWhy: String
        if day == 0 {
            why = "there is no day 0"
            thaiWhy = "ไม่มีวันที่ ๐"
        } else if month == 2 && day == 29 {
            why = "\(year) is not a leap year"
            thaiWhy = "ปี \(ThaiDisplay.digits(String(year + 543))) ไม่ใช่ปีอธิกสุรทิน (ก.พ. มี ๒๘ วัน)"
        } else {
            let days = CalendarDay.daysIn(month: month, year: year)
            why = "\(monthName) \(year + 543) has \(days) days"
            thaiWhy = "เดือน\(thaiMonth)มี \(ThaiDisplay.digits(String(days))) วัน"
        }
        throw Refusal(
            code: "date.not_on_calendar",
            english: "\(ThaiDisplay.englishDay(year, month, day)) is not on the calendar: \(why)",
            thai: "วันที่ \(ThaiDisplay.thaiDay(year, month, day)) ไม่มีในปฏิทิน: \(thaiWhy)")
    }

    private static func check(_ weekday: Weekday?, _ day: CalendarDay) throws(Refusal) {
        guard let weekday, weekday != day.weekday else { return }
        throw Refusal(
            code: "date.weekday_mismatch",
            english: "the cell says \(weekday.englishName), but \(ThaiDisplay.englishDay(day.year, day.month, day.day)) is a \(day.weekday.englishName)",
            thai: "ระบุวัน\(weekday.thaiName) แต่วันที่ \(ThaiDisplay.thaiDay(day.year, day.month, day.day)) ตรงกับวัน\(day.weekday.thaiName)")
    }

    private static func serial(_ n: Number, _ cell: Substring) throws(Refusal) -> CalendarDay {
        if n.digits == 4 && ((2400...2699).contains(n.value) || (1900...2199).contains(n.value)) {
            throw Refusal(
                code: "date.year_only",
                english: "“\(cell)” is only a year: write the day and month as well",
                thai: "“\(cell)” ระบุเพียงปี กรุณาระบุวันและเดือนด้วย")
        }
        guard n.digits <= 6, serialRange.contains(n.value) else {
            throw Refusal(
                code: "date.serial_out_of_range",
                english: "“\(cell)” is a bare number; as a spreadsheet day number it must lie between \(serialRange.lowerBound) (2000-01-01) and \(serialRange.upperBound) (2099-12-31)",
                thai: "“\(cell)” เป็นตัวเลขล้วน หากเป็นเลขวันที่ของสเปรดชีตต้องอยู่ระหว่าง \(serialRange.lowerBound) (๑ ม.ค. ๒๕๔๓) ถึง \(serialRange.upperBound) (๓๑ ธ.ค. ๒๖๔๒)")
        }
        return CalendarDay(daysSince1970: Int(n.value - serialOf1970))
    }

    // MARK: - Words

    enum Era: Hashable, Sendable { case buddhist, christian }

    enum Word: Hashable, Sendable {
        case month(Int, era: Era?)
        case prefixedMonth(Int, era: Era?)  // "เดือนตุลาคม": only before a lone year
        case prefix(Weekday?)
        case timeMarker, hourUnit, rangeWord, andWord
    }

    /// Every word a date cell may hold, keyed by its letters.
    static let words: [LetterKey: Word] = {
        var table: [LetterKey: Word] = [:]
        func add(_ text: String, _ word: Word) { table[LetterKey(text)] = word }
        var months: [(String, Int)] = []
        for (i, name) in ThaiCalendarWords.fullMonthNames.enumerated() { months.append((name, i + 1)) }
        for (i, name) in ThaiCalendarWords.abbreviatedMonthNames.enumerated() { months.append((name, i + 1)) }
        months += ThaiCalendarWords.monthSlips
        let eras: [(String, Era?)] = [("", nil), ("พ.ศ.", .buddhist), ("ค.ศ.", .christian)]
        for (name, m) in months {
            for (marker, era) in eras {
                add(name + marker, .month(m, era: era))
                add("เดือน" + name + marker, .prefixedMonth(m, era: era))
                add("ประจำเดือน" + name + marker, .prefixedMonth(m, era: era))
            }
        }
        var weekdays: [(String, Int)] = []
        for (i, name) in ThaiCalendarWords.weekdayNames.enumerated() { weekdays.append((name, i + 1)) }
        weekdays += ThaiCalendarWords.weekdaySlips
        for lead in ["", "ณ"] {
            add(lead + "วันที่", .prefix(nil))
            for (name, w) in weekdays {
                let weekday = Weekday(rawValue: w)
                for form in ["วัน\(name)ที่", "วัน\(name)", "\(name)ที่", "วัน\(name)วันที่", "วัน\(name)ที่วันที่"] {
                    add(lead + form, .prefix(weekday))
                }
            }
        }
        add("ลงวันที่", .prefix(nil))
        add("เวลา", .timeMarker)
        add("T", .timeMarker)
        for unit in ["น.", "นาฬิกา", "Z", "น.เศษ"] { add(unit, .hourUnit) }
        // Thai Windows writes a 12-hour clock with ก่อนเที่ยง / หลังเที่ยง (AM / PM).
        for unit in ["ก่อนเที่ยง", "หลังเที่ยง", "AM", "PM", "am", "pm", "a.m.", "p.m.", "A.M.", "P.M."] { add(unit, .hourUnit) }
        for word in ["ถึง", "ถึงวันที่", "จนถึง", "จนถึงวันที่", "ถึงเดือน"] { add(word, .rangeWord) }
        for word in ["และ", "กับ", "หรือ", "และวันที่"] { add(word, .andWord) }
        return table
    }()

    /// The month a gap names, when the gap is a month name with nothing else but dots, spaces, and either no
    /// separators or the same separator on both sides ("-ก.พ.-").
    private static func monthWord(_ g: Gap, allowingMonthPrefix: Bool) -> Word? {
        guard g.others == 0, g.colons == 0, g.commas <= 1,
            (g.slashes == 0 && g.hyphens == 0) || (g.slashes == 2 && g.hyphens == 0)
                || (g.slashes == 0 && g.hyphens == 2)
        else { return nil }
        switch words[g.key] {
        case .month(let m, let era)?: return .month(m, era: era)
        case .prefixedMonth(let m, let era)? where allowingMonthPrefix: return .month(m, era: era)
        default: return nil
        }
    }

    private static func hasMonthKey(_ g: Gap) -> Bool {
        switch words[g.key] {
        case .month?, .prefixedMonth?: return true
        default: return false
        }
    }

    private static func isRangeOrList(_ g: Gap) -> Bool {
        switch words[g.key] {
        case .rangeWord?, .andWord?: return true
        default: return false
        }
    }

    /// The weekday a leading "วันจันทร์ที่" names; nil for no prefix or "วันที่".
    private static func prefixWeekday(_ g0: Gap, _ cell: Substring, _ t: CellTokenizer) throws(Refusal) -> Weekday? {
        if g0.isBlank { return nil }
        if g0.others == 0, g0.slashes == 0, g0.hyphens == 0, g0.colons == 0, case .prefix(let w)? = words[g0.key] {
            return w
        }
        if SpreadsheetError.name(in: cell) != nil || g0.punctuationCount > 0 && g0.key.isEmpty {
            throw classifyExtra(cell)
        }
        throw unknownText(g0, cell, t)
    }

    // MARK: - Refusals

    private static func withoutDigits(_ g0: Gap, _ cell: Substring) -> Refusal {
        if g0.isBlank {
            return Refusal(code: "date.empty", english: "the date cell is empty", thai: "ไม่ได้กรอกวันที่")
        }
        if let name = SpreadsheetError.name(in: cell) { return SpreadsheetError.refusal(name, field: "date") }
        if g0.key.isEmpty && g0.hyphens == g0.punctuationCount {
            return Refusal(
                code: "date.dash", english: "the date cell holds only a dash, not a date",
                thai: "ช่องวันที่มีเพียงเครื่องหมายขีด ไม่ใช่วันที่")
        }
        if hasMonthKey(g0) {
            return Refusal(
                code: "date.no_year", english: "“\(cell)” names a month but no year or day: add them",
                thai: "“\(cell)” ระบุเพียงชื่อเดือน ไม่มีปี กรุณาระบุวันที่และปี")
        }
        return Refusal(
            code: "date.unrecognised",
            english: "“\(cell)” is not a date: write it as ๒๑ ก.พ. ๖๒, 21/02/2562 or 2019-02-21",
            thai: "“\(cell)” ไม่ใช่วันที่ กรุณาเขียนเช่น ๒๑ ก.พ. ๖๒ หรือ ๒๑/๐๒/๒๕๖๒")
    }

    private static func incomplete(_ cell: Substring) -> Refusal {
        Refusal(
            code: "date.incomplete", english: "“\(cell)” has a day but no month and year",
            thai: "“\(cell)” ระบุเพียงวันที่ ไม่มีเดือนและปี")
    }

    private static func unknownMonth(_ g: Gap, _ cell: Substring, _ t: CellTokenizer) -> Refusal {
        let word = t.text(g.start, g.end).trimmingSpaces()
        return Refusal(
            code: "date.unknown_month",
            english: "“\(word)” in “\(cell)” is not a Thai month name (such as ก.พ. or กุมภาพันธ์)",
            thai: "“\(word)” ใน “\(cell)” ไม่ใช่ชื่อเดือน (เช่น ก.พ. หรือ กุมภาพันธ์)")
    }

    private static func unknownText(_ g: Gap, _ cell: Substring, _ t: CellTokenizer) -> Refusal {
        let word = t.text(g.start, g.end).trimmingSpaces()
        return Refusal(
            code: "date.unexpected_text",
            english: "“\(word)” in “\(cell)” is not part of a date: leave only the date in the cell",
            thai: "“\(word)” ใน “\(cell)” ไม่ใช่ส่วนของวันที่ กรุณาใส่เฉพาะวันที่")
    }

    private static func trailingText(_ g: Gap, _ cell: Substring, _ t: CellTokenizer) -> Refusal {
        let word = t.text(g.start, g.end).trimmingSpaces()
        return Refusal(
            code: "date.trailing_text",
            english: "“\(word)” after the date in “\(cell)” is not part of a date: move it to the remarks",
            thai: "“\(word)” ต่อท้ายวันที่ใน “\(cell)” ไม่ใช่ส่วนของวันที่ กรุณาย้ายไปช่องหมายเหตุ")
    }

    /// A cell that is not one date: a range, two dates, or something unreadable.
    private static func classifyExtra(_ cell: Substring) -> Refusal {
        if let name = SpreadsheetError.name(in: cell) { return SpreadsheetError.refusal(name, field: "date") }
        var t = CellTokenizer(cell)
        var numbers = 0
        var monthNames = 0
        var rangeMarks = 0
        var listMarks = 0
        var previousWasTightHyphen = false
        while true {
            let g = t.gap()
            if hasMonthKey(g) {
                monthNames += 1
                if previousWasTightHyphen { rangeMarks += 1 }  // "๑-๓ ก.พ. ๖๒"
            }
            switch words[g.key] {
            case .rangeWord?: rangeMarks += 1
            case .andWord?: listMarks += 1
            default: break
            }
            if numbers > 0 && !g.isLast {
                if g.hyphens > 0 && (g.spaces > 0 || !g.key.isEmpty) { rangeMarks += 1 }  // "… ๖๑ - ๓๐ …"
                if g.commas > 0 { listMarks += 1 }
            }
            previousWasTightHyphen = g.isSole(UInt8(ascii: "-")) && g.spaces == 0
            guard t.number() != nil else { break }
            numbers += 1
        }
        if rangeMarks > 0 && numbers >= 2 {
            return Refusal(
                code: "date.range",
                english: "“\(cell)” is a range of dates, not one date: put the start date (or each date) in its own row",
                thai: "“\(cell)” เป็นช่วงวันที่ ไม่ใช่วันเดียว กรุณาแยกเป็นวันละแถว")
        }
        if (listMarks > 0 && numbers >= 2) || monthNames >= 2 || numbers > 3 {
            return Refusal(
                code: "date.multiple_dates",
                english: "“\(cell)” holds more than one date: put each date in its own row",
                thai: "“\(cell)” มีหลายวันที่ในช่องเดียว กรุณาแยกเป็นวันละแถว")
        }
        return Refusal(
            code: "date.unrecognised",
            english: "“\(cell)” is not a date form this job reads: write it as ๒๑ ก.พ. ๖๒, 21/02/2562 or 2019-02-21",
            thai: "“\(cell)” ไม่ใช่รูปแบบวันที่ที่อ่านได้ กรุณาเขียนเช่น ๒๑ ก.พ. ๖๒ หรือ ๒๑/๐๒/๒๕๖๒")
    }
}
