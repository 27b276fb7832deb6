/// The parts of a date (year, month, day, weekday, serial day number), each checked, with the
/// refusal that names the part that is wrong.
extension ThaiDateParser {
    /// CE year from a year token, by the rule in the type's documentation.
    static func resolveYear(_ n: Number, era: Era?, _ near: ClosedRange<Int>?, _ t: CellTokenizer) throws(Refusal)
        -> Int
    {
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
                english:
                    "the 2-digit year “\(written)” is neither 25\(written) (BE, \(buddhist)) nor 20\(written) (CE) "
                    + "near the fiscal year reported (\(near.lowerBound + 1)–\(near.upperBound - 1)): "
                    + "write all 4 digits",
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
                english:
                    "the year “\(written)” is neither a Buddhist Era year "
                    + "(2400–2699) nor a Christian Era year (1900–2199)",
                thai: "ปี “\(written)” ไม่อยู่ในช่วงปี พ.ศ. (๒๔๐๐–๒๖๙๙) หรือ ค.ศ. (1900–2199)")
        default:
            throw Refusal(
                code: "date.year_digits",
                english:
                    "the year “\(written)” has \(n.digits) digit\(n.digits == 1 ? "" : "s"): write 2 (๖๒) or 4 (๒๕๖๒)",
                thai:
                    "ปี “\(written)” มี \(ThaiDisplay.digits(String(n.digits))) หลัก กรุณาเขียน ๒ หลัก (๖๒) หรือ ๔ หลัก (๒๕๖๒)")
        }
    }

    private static func eraMismatch(_ written: String, marked: String, reads: String) -> Refusal {
        Refusal(
            code: "date.era_mismatch",
            english: "the year “\(written)” is marked \(marked) but reads as \(reads): correct the year or the marker",
            thai: "ปี “\(written)” ระบุ \(marked) แต่ตัวเลขปีไม่ตรงกับศักราชนั้น กรุณาแก้ปีหรือศักราช")
    }

    static func monthNumber(_ n: Number, _ t: CellTokenizer) throws(Refusal) -> Int {
        guard n.digits <= 2, (1...12).contains(n.value) else {
            let written = t.text(n.start, n.end)
            throw Refusal(
                code: "date.bad_month",
                english: "the month “\(written)” is not 1–12 (Thai numeric dates put the day first: 21/02/2562)",
                thai: "เดือน “\(written)” ไม่อยู่ในช่วง ๑–๑๒ (วันที่แบบตัวเลขเขียนวันก่อนเดือน เช่น ๒๑/๐๒/๒๕๖๒)")
        }
        return Int(n.value)
    }

    static func calendarDay(year: Int, month: Int, day n: Number, _ t: CellTokenizer) throws(Refusal)
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

    static func check(_ weekday: Weekday?, _ day: CalendarDay) throws(Refusal) {
        guard let weekday, weekday != day.weekday else { return }
        throw Refusal(
            code: "date.weekday_mismatch",
            english:
                "the cell says \(weekday.englishName), but \(ThaiDisplay.englishDay(day.year, day.month, day.day)) "
                + "is a \(day.weekday.englishName)",
            thai:
                "ระบุวัน\(weekday.thaiName) แต่วันที่ \(ThaiDisplay.thaiDay(day.year, day.month, day.day)) "
                + "ตรงกับวัน\(day.weekday.thaiName)"
        )
    }

    static func serial(_ n: Number, _ cell: Substring) throws(Refusal) -> CalendarDay {
        if n.digits == 4 && ((2400...2699).contains(n.value) || (1900...2199).contains(n.value)) {
            throw Refusal(
                code: "date.year_only",
                english: "“\(cell)” is only a year: write the day and month as well",
                thai: "“\(cell)” ระบุเพียงปี กรุณาระบุวันและเดือนด้วย")
        }
        guard n.digits <= 6, serialRange.contains(n.value) else {
            throw Refusal(
                code: "date.serial_out_of_range",
                english:
                    "“\(cell)” is a bare number; as a spreadsheet day number it must lie between "
                    + "\(serialRange.lowerBound) (2000-01-01) and \(serialRange.upperBound) (2099-12-31)",
                thai:
                    "“\(cell)” เป็นตัวเลขล้วน หากเป็นเลขวันที่ของสเปรดชีตต้องอยู่ระหว่าง \(serialRange.lowerBound) "
                    + "(๑ ม.ค. ๒๕๔๓) ถึง \(serialRange.upperBound) (๓๑ ธ.ค. ๒๖๔๒)"
            )
        }
        return CalendarDay(daysSince1970: Int(n.value - serialOf1970))
    }
}
