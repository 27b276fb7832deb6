/// The refusals for a cell that is not exactly one date, naming what is wrong with it.
extension ThaiDateParser {
    static func withoutDigits(_ g0: Gap, _ cell: Substring) -> Refusal {
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

    static func incomplete(_ cell: Substring) -> Refusal {
        Refusal(
            code: "date.incomplete", english: "“\(cell)” has a day but no month and year",
            thai: "“\(cell)” ระบุเพียงวันที่ ไม่มีเดือนและปี")
    }

    static func unknownMonth(_ g: Gap, _ cell: Substring, _ t: CellTokenizer) -> Refusal {
        let word = t.text(g.start, g.end).trimmingSpaces()
        return Refusal(
            code: "date.unknown_month",
            english: "“\(word)” in “\(cell)” is not a Thai month name (such as ก.พ. or กุมภาพันธ์)",
            thai: "“\(word)” ใน “\(cell)” ไม่ใช่ชื่อเดือน (เช่น ก.พ. หรือ กุมภาพันธ์)")
    }

    static func unknownText(_ g: Gap, _ cell: Substring, _ t: CellTokenizer) -> Refusal {
        let word = t.text(g.start, g.end).trimmingSpaces()
        return Refusal(
            code: "date.unexpected_text",
            english: "“\(word)” in “\(cell)” is not part of a date: leave only the date in the cell",
            thai: "“\(word)” ใน “\(cell)” ไม่ใช่ส่วนของวันที่ กรุณาใส่เฉพาะวันที่")
    }

    static func trailingText(_ g: Gap, _ cell: Substring, _ t: CellTokenizer) -> Refusal {
        let word = t.text(g.start, g.end).trimmingSpaces()
        return Refusal(
            code: "date.trailing_text",
            english: "“\(word)” after the date in “\(cell)” is not part of a date: move it to the remarks",
            thai: "“\(word)” ต่อท้ายวันที่ใน “\(cell)” ไม่ใช่ส่วนของวันที่ กรุณาย้ายไปช่องหมายเหตุ")
    }

    /// A cell that is not one date: a range, two dates, or something unreadable.
    static func classifyExtra(_ cell: Substring) -> Refusal {
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
                english:
                    "“\(cell)” is a range of dates, not one date: put the start date (or each date) in its own row",
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
