import Testing

@testable import PlanRollup
@testable import RollupBase
@testable import RollupCore
@testable import RollupReading

@Suite("Thai dates")
struct ThaiDateParserTests {
    static let accepted: [CellCase] = [
        // The formal form, Thai Windows' date and time, run-together dates, spoken month names.
        CellCase("วันที่ ๒๑ เดือน กุมภาพันธ์ พ.ศ. ๒๕๖๒", "2019-02-21"), CellCase("๒๑ เดือนกุมภาพันธ์ ๒๕๖๒", "2019-02-21"),
        CellCase("26/02/2562 08:28 ก่อนเที่ยง", "2019-02-26"), CellCase("26/02/2562 8:28 หลังเที่ยง", "2019-02-26"),
        CellCase("26/02/2562 8:28 PM", "2019-02-26"), CellCase("26/02/2562 20:28", "2019-02-26"),
        CellCase("25620226", "2019-02-26"), CellCase("20190226", "2019-02-26"), CellCase("๒๕๖๒๐๒๒๖", "2019-02-26"),
        CellCase("21 กุมภา 2562", "2019-02-21"), CellCase("๕ ตุลา ๖๑", "2018-10-05"),
        CellCase("1 ธันวา 2561", "2018-12-01"),
        CellCase("3 พฤศจิกา 61", "2018-11-03"), CellCase("๑๕ มกรา ๖๒", "2019-01-15"),
        CellCase("๑ สิงหา ๖๒", "2019-08-01"),
        // The seed document's own dates.
        CellCase("๒๖ ก.พ. ๖๒", "2019-02-26"),
        CellCase("วันที่ ๒๖ ก.พ. ๖๒", "2019-02-26"),
        CellCase("วันที่ ๒๒ ก.พ. ๖๒", "2019-02-22"),
        CellCase("๒๑ กุมภาพันธ์ ๒๕๖๒", "2019-02-21"),
        CellCase("วันจันทร์ที่ ๑๘ กุมภาพันธ์ ๒๕๖๒", "2019-02-18"),
        CellCase("วันที่ ๑๓ พฤศจิกายน ๒๕๖๑", "2018-11-13"),
        CellCase("วันที่ ๓๑ ตุลาคม ๒๕๖๒", "2019-10-31"),
        CellCase("ต.ค. ๖๑", "2018-10"),
        CellCase("ด.ค. ๖๑", "2018-10"),
        CellCase("ค.ค. ๖๑", "2018-10"),
        CellCase("พ.ย. ๖๑", "2018-11"),
        CellCase("ธ.ค. ๖๑", "2018-12"),
        CellCase("ม.ค. ๖๒", "2019-01"),
        CellCase("มิ.ย. ๖๒", "2019-06"),
        CellCase("ก.ย. ๖๒", "2019-09"),
        // The benchmark generator's 14 forms, for 21 (or 26 / 1) February 2019.
        CellCase("26 ก.พ. 62", "2019-02-26"),
        CellCase("๒๖ กพ ๖๒", "2019-02-26"),
        CellCase("26ก.พ.62", "2019-02-26"),
        CellCase("๒๖ ก.พ. ๒๕๖๒", "2019-02-26"),
        CellCase("21/02/2562", "2019-02-21"),
        CellCase("1/2/2562", "2019-02-01"),
        CellCase("๒๑/๐๒/๒๕๖๒", "2019-02-21"),
        CellCase("21 กุมภาพันธ์ 2562", "2019-02-21"),
        CellCase("๒๑ กุมภาพันธ์ พ.ศ. ๒๕๖๒", "2019-02-21"),
        CellCase("วันพฤหัสบดีที่ ๒๑ กุมภาพันธ์ ๒๕๖๒", "2019-02-21"),
        CellCase("2019-02-21", "2019-02-21"),
        CellCase("43517", "2019-02-21"),
        // Abbreviations with and without dots and spaces.
        CellCase("๒๖ ก.พ ๖๒", "2019-02-26"),
        CellCase("๒๖ ก. พ. ๖๒", "2019-02-26"),
        CellCase("๒๖ กพ. ๖๒", "2019-02-26"),
        CellCase("1 ม.ค. 62", "2019-01-01"),
        CellCase("1 มค 62", "2019-01-01"),
        CellCase("15 มี.ค. 62", "2019-03-15"),
        CellCase("15 มีค 62", "2019-03-15"),
        CellCase("30 เม.ย. 62", "2019-04-30"),
        CellCase("30 เมย 62", "2019-04-30"),
        CellCase("31 พ.ค. 62", "2019-05-31"),
        CellCase("30 มิ.ย. 62", "2019-06-30"),
        CellCase("31 ก.ค. 62", "2019-07-31"),
        CellCase("31 ส.ค. 62", "2019-08-31"),
        CellCase("30 ก.ย. 62", "2019-09-30"),
        CellCase("1 ต.ค. 61", "2018-10-01"),
        CellCase("1 ต. ค. 61", "2018-10-01"),
        CellCase("30 พ.ย. 61", "2018-11-30"),
        CellCase("31 ธ.ค. 61", "2018-12-31"),
        CellCase("๑ ด.ค. ๖๑", "2018-10-01"),
        // Full month names.
        CellCase("๑ มกราคม ๒๕๖๒", "2019-01-01"),
        CellCase("๒๘ กุมภาพันธ์ ๒๕๖๒", "2019-02-28"),
        CellCase("๓๑ มีนาคม ๒๕๖๒", "2019-03-31"),
        CellCase("๑๓ เมษายน ๒๕๖๒", "2019-04-13"),
        CellCase("๑ พฤษภาคม ๒๕๖๒", "2019-05-01"),
        CellCase("๓๐ มิถุนายน ๒๕๖๒", "2019-06-30"),
        CellCase("๒๘ กรกฎาคม ๒๕๖๒", "2019-07-28"),
        CellCase("๒๘ กรกฏาคม ๒๕๖๒", "2019-07-28"),
        CellCase("๑๒ สิงหาคม ๒๕๖๒", "2019-08-12"),
        CellCase("๓๐ กันยายน ๒๕๖๒", "2019-09-30"),
        CellCase("๒๓ ตุลาคม ๒๕๖๑", "2018-10-23"),
        CellCase("๕ ธันวาคม ๒๕๖๑", "2018-12-05"),
        CellCase("๕ธันวาคม๒๕๖๑", "2018-12-05"),
        // Mixed digits, full-width digits, stray spaces and zero-width characters.
        CellCase("๒1 ก.พ. ๖2", "2019-02-21"),
        CellCase("２１/０２/２５６２", "2019-02-21"),
        CellCase("  ๒๖ ก.พ. ๖๒  ", "2019-02-26"),
        CellCase("๒๖\u{200B} ก.พ. ๖๒", "2019-02-26"),
        CellCase("\u{FEFF}21/02/2562", "2019-02-21"),
        CellCase("๒๖  ก.พ.   ๖๒", "2019-02-26"),
        CellCase("21 / 02 / 2562", "2019-02-21"),
        // Era markers and Christian Era years.
        CellCase("21 ก.พ. พ.ศ. 2562", "2019-02-21"),
        CellCase("21 ก.พ. พศ 2562", "2019-02-21"),
        CellCase("21 กุมภาพันธ์ 2019", "2019-02-21"),
        CellCase("21 กุมภาพันธ์ ค.ศ. 2019", "2019-02-21"),
        CellCase("21/02/2019", "2019-02-21"),
        CellCase("๒๑ กุมภาพันธ์ ๒๔๙๙", "1956-02-21"),
        // Numeric forms: day before month, BE years of 2 and 4 digits.
        CellCase("21/02/62", "2019-02-21"),
        CellCase("1/2/62", "2019-02-01"),
        CellCase("๑/๒/๖๒", "2019-02-01"),
        CellCase("21-02-2562", "2019-02-21"),
        CellCase("21.02.2562", "2019-02-21"),
        CellCase("21.02.62", "2019-02-21"),
        CellCase("12/01/2562", "2019-01-12"),
        CellCase("01/12/2561", "2018-12-01"),
        CellCase("21-ก.พ.-2562", "2019-02-21"),
        CellCase("21/ก.พ./62", "2019-02-21"),
        // ISO 8601.
        CellCase("2018-10-01", "2018-10-01"),
        CellCase("2019/02/21", "2019-02-21"),
        CellCase("2019-02-21T10:30:00", "2019-02-21"),
        CellCase("2019-02-21T10:30:00Z", "2019-02-21"),
        CellCase("2019-02-21 10:30:00.000", "2019-02-21"),
        CellCase("๒๕๖๒-๐๒-๒๑", "2019-02-21"),
        // Prefixes: วันที่, ณ วันที่, ลงวันที่, weekdays with and without วัน/ที่.
        CellCase("ณ วันที่ ๓๑ มีนาคม ๒๕๖๒", "2019-03-31"),
        CellCase("ลงวันที่ ๒๑ ก.พ. ๖๒", "2019-02-21"),
        CellCase("วันจันทร์ ๑๘ กุมภาพันธ์ ๒๕๖๒", "2019-02-18"),
        CellCase("จันทร์ที่ ๑๘ ก.พ. ๖๒", "2019-02-18"),
        CellCase("วันอังคารที่ ๑๙ ก.พ. ๖๒", "2019-02-19"),
        CellCase("วันพุธที่ ๒๐ ก.พ. ๖๒", "2019-02-20"),
        CellCase("วันพฤหัสที่ ๒๑ ก.พ. ๖๒", "2019-02-21"),
        CellCase("วันศุกร์ที่ ๒๒ ก.พ. ๖๒", "2019-02-22"),
        CellCase("วันเสาร์ที่ ๒๓ ก.พ. ๖๒", "2019-02-23"),
        CellCase("วันอาทิตย์ที่ ๒๔ ก.พ. ๖๒", "2019-02-24"),
        CellCase("วันจันทร์ที่ 18/02/2562", "2019-02-18"),
        // A trailing time does not stop the date.
        CellCase("๒๒ ก.พ. ๖๒ เวลา ๑๐.๑๐ น.", "2019-02-22"),
        CellCase("๒๖ ก.พ. ๖๒ ๑๕.๕๑ น.", "2019-02-26"),
        CellCase("๒๖ ก.พ. ๖๒ เวลา ๑๕.๕๑ นาฬิกา", "2019-02-26"),
        CellCase("21/02/2562 13:45", "2019-02-21"),
        CellCase("21/02/2562 13:45:10", "2019-02-21"),
        CellCase("21/02/2562, 09:00", "2019-02-21"),
        CellCase("๒๑ ก.พ. ๖๒ เวลา ๐๙.๐๐ - ๑๒.๐๐ น.", "2019-02-21"),
        CellCase("๒๑ ก.พ. ๖๒ ๒๔.๐๐ น.", "2019-02-21"),
        CellCase("21/02/2562.", "2019-02-21"),
        // Calendar truth: leap days that exist.
        CellCase("29 ก.พ. ๒๕๖๓", "2020-02-29"),
        CellCase("29/02/2563", "2020-02-29"),
        CellCase("29 ก.พ. 67", "2024-02-29"),
        CellCase("2000-02-29", "2000-02-29"),
        CellCase("29 กุมภาพันธ์ 2543", "2000-02-29"),
        // Spreadsheet serial day numbers.
        CellCase("43374", "2018-10-01"),
        CellCase("43738", "2019-09-30"),
        CellCase("36526", "2000-01-01"),
        CellCase("73050", "2099-12-31"),
        CellCase("๔๓๕๑๗", "2019-02-21"),
        CellCase("43517.5", "2019-02-21"),
        // Month-only values.
        CellCase("ตุลาคม ๒๕๖๑", "2018-10"),
        CellCase("ตุลาคม พ.ศ. ๒๕๖๑", "2018-10"),
        CellCase("เดือนตุลาคม ๒๕๖๑", "2018-10"),
        CellCase("ประจำเดือนมีนาคม ๒๕๖๒", "2019-03"),
        CellCase("ต.ค.61", "2018-10"),
        CellCase("ตค ๖๑", "2018-10"),
        CellCase("ก.พ. 2562", "2019-02"),
        CellCase("10/2561", "2018-10"),
        CellCase("2/2562", "2019-02"),
        CellCase("2018-10", "2018-10"),
        CellCase("๒๐๑๙-๐๙", "2019-09"),
    ]

    @Test("reads the forms real exports use", arguments: accepted)
    func reads(_ c: CellCase) throws {
        let value = try ThaiDateParser.parse(c.cell).get()
        #expect(value.iso == c.expected)
        if c.expected.count == 7 {
            #expect(value == .month(value.yearMonth))
        }
    }

    static let refused: [CellCase] = [
        CellCase("12345678", "date.compact_year"), CellCase("25621302", "date.not_on_calendar"),
        CellCase("26/02/2562 25:28 PM", "date.bad_time"),
        CellCase("", "date.empty"),
        CellCase("   ", "date.empty"),
        CellCase("\u{200B}", "date.empty"),
        CellCase("-", "date.dash"),
        CellCase("–", "date.dash"),
        CellCase("#VALUE!", "date.spreadsheet_error"),
        CellCase("#N/A", "date.spreadsheet_error"),
        CellCase("#REF!", "date.spreadsheet_error"),
        CellCase("ไม่ระบุ", "date.unrecognised"),
        CellCase("รอข้อมูล", "date.unrecognised"),
        // Not on the calendar: refused, never rolled over.
        CellCase("29 ก.พ. ๒๕๖๒", "date.not_on_calendar"),
        CellCase("29/02/2562", "date.not_on_calendar"),
        CellCase("2019-02-29", "date.not_on_calendar"),
        CellCase("31 เม.ย. ๖๒", "date.not_on_calendar"),
        CellCase("31 มิถุนายน 2562", "date.not_on_calendar"),
        CellCase("31/09/2562", "date.not_on_calendar"),
        CellCase("31 พ.ย. 61", "date.not_on_calendar"),
        CellCase("32 ม.ค. 62", "date.not_on_calendar"),
        CellCase("0 ม.ค. 62", "date.not_on_calendar"),
        CellCase("30 ก.พ. 2563", "date.not_on_calendar"),
        CellCase("29 ก.พ. 2443", "date.not_on_calendar"),
        // A weekday that contradicts the date.
        CellCase("วันจันทร์ที่ ๑๙ กุมภาพันธ์ ๒๕๖๒", "date.weekday_mismatch"),
        CellCase("วันศุกร์ที่ ๒๑ กุมภาพันธ์ ๒๕๖๒", "date.weekday_mismatch"),
        CellCase("วันอาทิตย์ที่ 18/02/2562", "date.weekday_mismatch"),
        // Ranges and two dates in one cell.
        CellCase("๑-๓ ก.พ. ๖๒", "date.range"),
        CellCase("๑ - ๓ ก.พ. ๖๒", "date.range"),
        CellCase("๑ ก.พ. - ๓ มี.ค. ๖๒", "date.range"),
        CellCase("๑ ต.ค. ๖๑ - ๓๐ ก.ย. ๖๒", "date.range"),
        CellCase("๑ ต.ค. ๖๑ ถึง ๓๐ ก.ย. ๖๒", "date.range"),
        CellCase("1/2/2562 - 5/2/2562", "date.range"),
        CellCase("ต.ค. ๖๑ - ก.ย. ๖๒", "date.range"),
        CellCase("๑ ก.พ. ๖๒, ๕ ก.พ. ๖๒", "date.multiple_dates"),
        CellCase("๑ ก.พ. ๖๒ และ ๕ ก.พ. ๖๒", "date.multiple_dates"),
        CellCase("๑ ก.พ. ๖๒ ๕ มี.ค. ๖๒", "date.multiple_dates"),
        CellCase("๑, ๕ ก.พ. ๖๒", "date.multiple_dates"),
        CellCase("21-02-2562 22-02-2562", "date.multiple_dates"),
        CellCase("2019-02-21/2019-02-25", "date.multiple_dates"),
        // Years: too many or too few digits, out of range, contradicting the era.
        CellCase("๒๑ ก.พ. ๒๕๖๒๒", "date.year_digits"),
        CellCase("๒๑ ก.พ. ๒๕๖", "date.year_digits"),
        CellCase("๒๑ ก.พ. ๒", "date.year_digits"),
        CellCase("21/02/25622", "date.year_digits"),
        CellCase("21 ก.พ. 2800", "date.year_out_of_range"),
        CellCase("21 ก.พ. 1800", "date.year_out_of_range"),
        CellCase("21 ก.พ. 2300", "date.year_out_of_range"),
        CellCase("21 กุมภาพันธ์ พ.ศ. 2019", "date.era_mismatch"),
        CellCase("21 กุมภาพันธ์ ค.ศ. 2562", "date.era_mismatch"),
        CellCase("21 กุมภาพันธ์ ค.ศ. 19", "date.ambiguous_year"),
        // Incomplete or malformed.
        CellCase("๒๑ ก.พ.", "date.no_year"),
        CellCase("กุมภาพันธ์", "date.no_year"),
        CellCase("๒๕๖๒", "date.year_only"),
        CellCase("2019", "date.year_only"),
        CellCase("12345", "date.serial_out_of_range"),
        CellCase("80000", "date.serial_out_of_range"),
        CellCase("7", "date.serial_out_of_range"),
        CellCase("วันที่ ๒๑", "date.incomplete"),
        CellCase("21/13/2562", "date.bad_month"),
        CellCase("13/21/2562", "date.bad_month"),
        CellCase("2019-13-01", "date.bad_month"),
        CellCase("๐๐๑ ก.พ. ๖๒", "date.bad_day"),
        CellCase("๒๑ กพฟ ๖๒", "date.unknown_month"),
        CellCase("21 Feb 2019", "date.unknown_month"),
        CellCase("สัปดาห์ที่ ๒ ก.พ. ๖๒", "date.unexpected_text"),
        CellCase("๒๑ ก.พ. ๖๒ (ประชุม)", "date.trailing_text"),
        CellCase("๒๑ ก.พ. ๖๒ ๒๕.๗๐ น.", "date.bad_time"),
        CellCase("21/02/2562 10:75", "date.bad_time"),
        CellCase("(๒๑ ก.พ. ๖๒)", "date.unrecognised"),
    ]

    @Test("refuses, with a stable code, what is not exactly one date", arguments: refused)
    func refuses(_ c: CellCase) {
        switch ThaiDateParser.parse(c.cell) {
        case .success(let value): Issue.record("read as \(value.iso)")
        case .failure(let refusal):
            #expect(refusal.code == c.expected)
            #expect(!refusal.english.isEmpty && !refusal.thai.isEmpty)
        }
    }

    /// The generator's impossible dates (gen_exports.py IMPOSSIBLE × IMPOSSIBLE_FORMS), written as it writes them.
    static let impossible: [CellCase] = {
        let days = [
            (2019, 2, 31), (2019, 2, 30), (2019, 2, 29), (2019, 4, 31), (2019, 6, 31), (2019, 9, 31),
            (2018, 11, 31), (2019, 1, 32),
        ]
        let abbreviated = [
            "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
        ]
        let full = [
            "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม", "สิงหาคม", "กันยายน",
            "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
        ]
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        var cases: [CellCase] = []
        for (y, m, d) in days {
            let be = y + 543
            for cell in [
                ThaiDisplay.digits("\(d) \(abbreviated[m - 1]) \(be)"),
                ThaiDisplay.digits("\(d) \(abbreviated[m - 1]) \(two(be % 100))"),
                "\(two(d))/\(two(m))/\(be)",
                ThaiDisplay.digits("\(d) \(full[m - 1]) \(be)"),
                "\(y)-\(two(m))-\(two(d))",
                "\(d) \(full[m - 1]) \(be)",
                ThaiDisplay.digits("\(two(d))/\(two(m))/\(be)"),
            ] {
                cases.append(CellCase(cell, "date.not_on_calendar"))
            }
        }
        return cases
    }()

    @Test("refuses the benchmark's impossible dates", arguments: impossible)
    func refusesImpossible(_ c: CellCase) {
        #expect((try? ThaiDateParser.parse(c.cell).get()) == nil)
        if case .failure(let r) = ThaiDateParser.parse(c.cell) { #expect(r.code == c.expected) }
    }

    @Test("refusals name the offending part in both languages")
    func refusalWording() throws {
        guard case .failure(let leap) = ThaiDateParser.parse("29 ก.พ. ๒๕๖๒") else { throw Failure() }
        #expect(leap.english == "29 February 2562 BE (2019) is not on the calendar: 2019 is not a leap year")
        #expect(leap.thai.contains("๒๙ กุมภาพันธ์ ๒๕๖๒"))
        guard case .failure(let april) = ThaiDateParser.parse("31 เม.ย. ๖๒") else { throw Failure() }
        #expect(april.english.contains("31 April 2562 BE (2019)") && april.english.contains("30 days"))
        guard case .failure(let weekday) = ThaiDateParser.parse("วันจันทร์ที่ ๑๙ กุมภาพันธ์ ๒๕๖๒") else {
            throw Failure()
        }
        #expect(weekday.english.contains("Monday") && weekday.english.contains("Tuesday"))
        #expect(weekday.thai.contains("วันอังคาร"))
        guard case .failure(let year) = ThaiDateParser.parse("๒๑ ก.พ. ๒๕๖๒๒") else { throw Failure() }
        #expect(year.english.contains("๒๕๖๒๒") && year.english.contains("5 digits"))
        guard case .failure(let month) = ThaiDateParser.parse("๒๑ กพฟ ๖๒") else { throw Failure() }
        #expect(month.english.contains("“กพฟ”"))
        #expect(leap.description == "date.not_on_calendar: \(leap.english)")
    }

    @Test("parseDay refuses a month-only value and passes days through")
    func parseDay() throws {
        #expect(try ThaiDateParser.parseDay("๒๖ ก.พ. ๖๒").get() == CalendarDay(year: 2019, month: 2, day: 26))
        guard case .failure(let r) = ThaiDateParser.parseDay("ต.ค. ๖๑") else {
            Issue.record("a month was read as a day")
            return
        }
        #expect(r.code == "date.month_only")
        guard case .failure(let empty) = ThaiDateParser.parseDay("") else { return }
        #expect(empty.code == "date.empty")
    }

    @Test("every day of 2015–2024, in every form, reads back as itself", arguments: ThaiDateForm.allCases)
    func roundTrip(_ form: ThaiDateForm) {
        var day = CalendarDay(year: 2015, month: 1, day: 1)!
        let last = CalendarDay(year: 2024, month: 12, day: 31)!
        var checked = 0
        while day <= last {
            let cell = form.render(day)
            let read = try? ThaiDateParser.parseDay(cell).get()
            if read != day {
                Issue.record("\(form): “\(cell)” read as \(read?.iso ?? "a refusal"), expected \(day.iso)")
                return
            }
            checked += 1
            day = day.adding(days: 1)
        }
        #expect(checked == 3653)
    }

    @Test("every month of 2000–2040 in display form reads back as that month")
    func monthRoundTrip() throws {
        var month = YearMonth(year: 2000, month: 1)!
        while month.year <= 2040 {
            #expect(try ThaiDateParser.parse(ThaiDisplay.month(month)).get() == .month(month))
            #expect(try ThaiDateParser.parse(ThaiDisplay.date(month.lastDay)).get() == .day(month.lastDay))
            month = month.adding(months: 1)
        }
    }

    struct Failure: Error {}
}

@Suite("Two-digit years read for a fiscal year")
struct TwoDigitYearTests {
    @Test(
        "25yy (BE) or 20yy (CE), whichever falls near the fiscal year; neither is refused",
        arguments: [
            // cell, fiscal year (BE), expected ISO date or the refusal code
            ("1/2/62", 2562, "2019-02-01"), ("๒๖ ก.พ. ๖๒", 2562, "2019-02-26"), ("26/02/19", 2562, "2019-02-26"),
            ("1/10/61", 2562, "2018-10-01"), ("1/10/18", 2562, "2018-10-01"), ("30/9/20", 2562, "2020-09-30"),
            ("01-02-23", 2562, "date.two_digit_year"), ("1/2/40", 2562, "date.two_digit_year"),
            ("1/2/99", 2562, "date.two_digit_year"), ("1/2/63", 2563, "2020-02-01"), ("1/2/20", 2563, "2020-02-01"),
            ("1 ก.พ. พ.ศ. ๖๒", 2562, "2019-02-01"), ("1/2/2562", 2562, "2019-02-01"), ("1/2/2019", 2562, "2019-02-01"),
        ] as [(String, Int, String)])
    func nearTheYear(cell: String, fiscalYear: Int, expected: String) {
        switch ThaiDateParser.parseDay(cell, near: FiscalYear(buddhistYear: fiscalYear)) {
        case .success(let day): #expect(day.iso == expected)
        case .failure(let r): #expect(r.code == expected, "\(r.english)")
        }
    }

    @Test("without a fiscal year a 2-digit year stays Buddhist Era, as the seed writes it")
    func withoutContext() throws {
        #expect(try ThaiDateParser.parseDay("1/2/23").get().iso == "1980-02-01")
        #expect(
            NormalizeOutput.format("1/2/23", as: .date, fiscalYear: FiscalYear(buddhistYear: 2562))
                .hasPrefix("ERROR: date.two_digit_year"))
    }
}
