/// The words a date cell may hold (month names, eras, weekday prefixes, time and range words).
extension ThaiDateParser {
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
        for unit in ["ก่อนเที่ยง", "หลังเที่ยง", "AM", "PM", "am", "pm", "a.m.", "p.m.", "A.M.", "P.M."] {
            add(unit, .hourUnit)
        }
        for word in ["ถึง", "ถึงวันที่", "จนถึง", "จนถึงวันที่", "ถึงเดือน"] { add(word, .rangeWord) }
        for word in ["และ", "กับ", "หรือ", "และวันที่"] { add(word, .andWord) }
        return table
    }()

    /// The month a gap names, when the gap is a month name with nothing else but dots, spaces, and either no
    /// separators or the same separator on both sides ("-ก.พ.-").
    static func monthWord(_ g: Gap, allowingMonthPrefix: Bool) -> Word? {
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

    static func hasMonthKey(_ g: Gap) -> Bool {
        switch words[g.key] {
        case .month?, .prefixedMonth?: return true
        default: return false
        }
    }

    static func isRangeOrList(_ g: Gap) -> Bool {
        switch words[g.key] {
        case .rangeWord?, .andWord?: return true
        default: return false
        }
    }

    /// The weekday a leading "วันจันทร์ที่" names; nil for no prefix or "วันที่".
    static func prefixWeekday(_ g0: Gap, _ cell: Substring, _ t: CellTokenizer) throws(Refusal) -> Weekday? {
        if g0.isBlank { return nil }
        if g0.others == 0, g0.slashes == 0, g0.hyphens == 0, g0.colons == 0, case .prefix(let w)? = words[g0.key] {
            return w
        }
        if SpreadsheetError.name(in: cell) != nil || g0.punctuationCount > 0 && g0.key.isEmpty {
            throw classifyExtra(cell)
        }
        throw unknownText(g0, cell, t)
    }
}
