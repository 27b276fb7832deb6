import Foundation
import Testing

@testable import PlanRollup
@testable import RollupBase
@testable import RollupCore
@testable import RollupReading

@Suite("Thai numbers")
struct ThaiNumberParserTests {
    /// Expected: satang as a number, or NONE / EMPTY / SOURCE:<text>.
    static let amounts: [CellCase] = [
        // The seed's budgets.
        CellCase("๔๓๙,๒๐๐", "43920000"),
        CellCase("๑๐๐,๐๐๐", "10000000"),
        CellCase("๑๕๐,๐๐๐", "15000000"),
        CellCase("๘๒,๐๐๐", "8200000"),
        CellCase("๗๒,๐๐๐", "7200000"),
        CellCase("๖๐,๕๐๐", "6050000"),
        CellCase("๑๒๐,๐๐๐", "12000000"),
        CellCase("๓๖,๐๐๐", "3600000"),
        CellCase("๖๘,๐๐๐", "6800000"),
        CellCase("๕๐,๐๐๐", "5000000"),
        CellCase("๓๐,๐๐๐", "3000000"),
        CellCase("๑,๐๐๐", "100000"),
        // Digits of every script, separators, decimals.
        CellCase("439,200", "43920000"),
        CellCase("439200", "43920000"),
        CellCase("๔๓๙๒๐๐", "43920000"),
        CellCase("４３９，２００", "43920000"),
        CellCase("๔๓๙,๒๐๐.๕๐", "43920050"),
        CellCase("1,234.5", "123450"),
        CellCase("1,234.50", "123450"),
        CellCase("1,234.05", "123405"),
        CellCase("0.25", "25"),
        CellCase("1,234,567.89", "123456789"),
        CellCase("0", "0"),
        CellCase("๐", "0"),
        CellCase("0.00", "0"),
        // A leading or trailing point, a sign: once read as 5, now what they say.
        CellCase(".5", "50"), CellCase("-.5", "-50"), CellCase("- .50", "-50"), CellCase("(.5)", "-50"),
        CellCase("5.", "500"), CellCase("+5", "500"), CellCase("+ 1,200", "120000"), CellCase("+๑๒๐ บาท", "12000"),
        // Spaces as thousands separators, between groups of exactly three digits.
        CellCase("12 345", "1234500"), CellCase("1 000", "100000"), CellCase("1 234 567.50", "123456750"),
        CellCase("12\u{A0}345", "1234500"),
        CellCase("12\u{2009}345", "1234500"), CellCase("๑๒ ๓๔๕ บาท", "1234500"),
        // Baht and satang written apart; the amount again in words, which must agree.
        CellCase("๑๒,๓๔๕ บาท ๕๐ สตางค์", "1234550"), CellCase("12 บาท 5 สตางค์", "1205"),
        CellCase("๓๐,๐๐๐ บาท (สามหมื่นบาทถ้วน)", "3000000"), CellCase("30,000 (สามหมื่นบาท)", "3000000"),
        // Currency words and signs, ".-", stray spaces.
        CellCase("๔๓๙,๒๐๐ บาท", "43920000"),
        CellCase("439,200บาท", "43920000"),
        CellCase("๔๓๙,๒๐๐ บาทถ้วน", "43920000"),
        CellCase("๔๓๙,๒๐๐ บ.", "43920000"),
        CellCase("฿439,200", "43920000"),
        CellCase("฿ 439,200.00", "43920000"),
        CellCase("439,200.-", "43920000"),
        CellCase("๔๓๙,๒๐๐.- บาท", "43920000"),
        CellCase("  439,200  ", "43920000"),
        CellCase("๔๓๙, ๒๐๐", "43920000"),
        CellCase("439,200\u{200B}", "43920000"),
        CellCase("จำนวน ๔๓๙,๒๐๐ บาท", "43920000"),
        CellCase("เป็นเงิน 5,000 บาท", "500000"),
        // Multiplier words.
        CellCase("๑.๕ ล้านบาท", "150000000"),
        CellCase("1.5 ล้าน", "150000000"),
        CellCase("2 ล้านบาท", "200000000"),
        CellCase("๓ แสนบาท", "30000000"),
        CellCase("4.5 หมื่นบาท", "4500000"),
        CellCase("12 พันบาท", "1200000"),
        CellCase("1.23456789 ล้าน", "123456789"),
        // Negatives.
        CellCase("(1,234.00)", "-123400"),
        CellCase("(๕๐๐)", "-50000"),
        CellCase("-500", "-50000"),
        CellCase("−1,000.50", "-100050"),
        // Cheque-style words.
        CellCase("สี่แสนสามหมื่นเก้าพันสองร้อยบาทถ้วน", "43920000"),
        CellCase("หนึ่งแสนห้าหมื่นบาทถ้วน", "15000000"),
        CellCase("แปดหมื่นสองพันบาท", "8200000"),
        CellCase("หนึ่งล้านห้าแสนบาทถ้วน", "150000000"),
        CellCase("สิบเอ็ดบาท", "1100"),
        CellCase("ยี่สิบเอ็ดบาทห้าสิบสตางค์", "2150"),
        CellCase("หนึ่งร้อยบาทห้าสิบสตางค์", "10050"),
        CellCase("หกหมื่นห้าร้อยบาทถ้วน", "6050000"),
        CellCase("สี่แสน สามหมื่น เก้าพัน สองร้อย บาทถ้วน", "43920000"),
        // None, empty, sources.
        CellCase("-", "NONE"),
        CellCase("–", "NONE"),
        CellCase("—", "NONE"),
        CellCase(" - ", "NONE"),
        CellCase("ไม่มี", "NONE"),
        CellCase("ไม่ใช้งบประมาณ", "NONE"),
        CellCase("", "EMPTY"),
        CellCase("   ", "EMPTY"),
        CellCase("งบประมาณสำนักงานเลขาธิการสภาผู้แทนราษฎร", "SOURCE:งบประมาณสำนักงานเลขาธิการสภาผู้แทนราษฎร"),
        CellCase("งบประมาณจากแผนบูรณาการ ป.ป.ช.", "SOURCE:งบประมาณจากแผนบูรณาการ ป.ป.ช."),
        CellCase("งบประมาณสำนักงานเลขาธิการวุฒิสภา", "SOURCE:งบประมาณสำนักงานเลขาธิการวุฒิสภา"),
        CellCase("งบประมาณ สำนักงาน  เลขาธิการสภา ผู้แทนราษฎร", "SOURCE:งบประมาณ สำนักงาน เลขาธิการสภา ผู้แทนราษฎร"),
        CellCase("ใช้งบประมาณสำนักงาน", "SOURCE:ใช้งบประมาณสำนักงาน"),
        CellCase("เงินนอกงบประมาณ", "SOURCE:เงินนอกงบประมาณ"),
    ]

    @Test("reads amounts exactly, in satang", arguments: amounts)
    func amount(_ c: CellCase) throws {
        let read = try ThaiNumberParser.parseAmount(c.cell).get()
        switch read {
        case .satang(let s): #expect(String(s) == c.expected)
        case .none: #expect(c.expected == "NONE")
        case .empty: #expect(c.expected == "EMPTY")
        case .source(let text): #expect("SOURCE:" + text == c.expected)
        }
    }

    static let refusedAmounts: [CellCase] = [
        CellCase("12 34", "number.multiple_numbers"), CellCase("1 234 56", "number.multiple_numbers"),
        CellCase("๓๐,๐๐๐ บาท (สองหมื่นบาทถ้วน)", "number.words_disagree"),
        CellCase("๓๐,๐๐๐ บาท (ตามสัญญา)", "number.unread_words"),
        CellCase("1,00,000", "number.bad_grouping"),
        CellCase("1000,000", "number.bad_grouping"),
        CellCase("1,0000", "number.bad_grouping"),
        CellCase("12,34", "number.bad_grouping"),
        CellCase("1,234.5,6", "number.bad_grouping"),
        CellCase("1,234.567", "number.too_precise"),
        CellCase("0.001", "number.too_precise"),
        CellCase("1.500", "number.too_precise"),
        CellCase("1.234567891 ล้าน", "number.too_precise"),
        CellCase("#VALUE!", "number.spreadsheet_error"),
        CellCase("#N/A", "number.spreadsheet_error"),
        CellCase("#REF!", "number.spreadsheet_error"),
        CellCase("#DIV/0!", "number.spreadsheet_error"),
        CellCase("#NAME?", "number.spreadsheet_error"),
        CellCase("#NUM!", "number.spreadsheet_error"),
        CellCase("#NULL!", "number.spreadsheet_error"),
        CellCase(" #value! ", "number.spreadsheet_error"),
        CellCase("ไม่ระบุ", "number.not_a_number"),
        CellCase("n/a", "number.not_a_number"),
        CellCase("#สูตร", "number.not_a_number"),
        CellCase("50-60", "number.range"),
        CellCase("5,000 ถึง 6,000", "number.range"),
        CellCase("5,000 6,000", "number.multiple_numbers"),
        CellCase("ประมาณ 5,000", "number.approximate"),
        CellCase("(1,000", "number.unbalanced_parentheses"),
        CellCase("ร้อยละ ๘๐", "number.wrong_unit"),
        CellCase("๘๐%", "number.wrong_unit"),
        CellCase("๕๒๐ คน", "number.wrong_unit"),
        CellCase("๑๒o", "number.unexpected_text"),
        CellCase("USD 500", "number.unexpected_text"),
        CellCase("500 ดอลลาร์", "number.unexpected_text"),
        CellCase("1234567890123456789012", "number.too_large"),
        CellCase("งบ 50,000 (ป.ป.ช.)", "number.unexpected_text"),
    ]

    @Test("refuses malformed amounts by code", arguments: refusedAmounts)
    func refusedAmount(_ c: CellCase) {
        switch ThaiNumberParser.parseAmount(c.cell) {
        case .success(let v): Issue.record("read as \(v)")
        case .failure(let r): #expect(r.code == c.expected)
        }
    }

    static let counts: [CellCase] = [
        CellCase("๕๒๐", "520"), CellCase("520", "520"), CellCase("๕๒๐ คน", "520"), CellCase("520คน", "520"),
        CellCase("จำนวน ๑,๐๐๐ คน", "1000"), CellCase("1,234", "1234"), CellCase("๑,๒๓๔", "1234"),
        CellCase("๘ ครั้ง", "8"), CellCase("๕ รุ่น", "5"), CellCase("๖๐ เรื่อง", "60"), CellCase("๑๙ หน่วยงาน", "19"),
        CellCase("๐", "0"), CellCase("12.0", "12"), CellCase("  ๓๐๐  ", "300"), CellCase("ห้าสิบคน", "50"),
        CellCase("สามร้อย", "300"), CellCase("", "NONE"), CellCase("-", "NONE"), CellCase("–", "NONE"),
        CellCase("๑๕๓ ท่าน", "153"), CellCase("รวม ๕๒๐ คน", "520"),
    ]

    @Test("reads whole counts with their unit words", arguments: counts)
    func count(_ c: CellCase) throws {
        let read = try ThaiNumberParser.parseCount(c.cell).get()
        #expect(read.map(String.init) ?? "NONE" == c.expected)
    }

    static let refusedCounts: [CellCase] = [
        CellCase("ไม่ระบุ", "number.not_a_number"), CellCase("รอข้อมูล", "number.not_a_number"),
        CellCase("n/a", "number.not_a_number"), CellCase("๑๒o", "number.unexpected_text"),
        CellCase("ทั้งสำนัก", "number.not_a_number"), CellCase("ประมาณ ๕๐", "number.approximate"),
        CellCase("50-60", "number.range"), CellCase("หลายคน", "number.not_a_number"),
        CellCase("12.5", "number.not_whole"), CellCase("-5", "number.negative"),
        CellCase("๕๐ กว่าคน", "number.approximate"), CellCase("ราว ๒๐๐ คน", "number.approximate"),
        CellCase("๘ ครั้ง/ ๕๒๐ คน", "number.multiple_numbers"), CellCase("1,00,000", "number.bad_grouping"),
        CellCase("๘๐%", "number.wrong_unit"), CellCase("๕๐๐ บาท", "number.wrong_unit"),
        CellCase("#N/A", "number.spreadsheet_error"), CellCase("๕๐ ตัว", "number.unexpected_text"),
        // A point before three digits may be a thousands separator: never one participant for "1.000".
        CellCase("1.000", "number.ambiguous_point"), CellCase("๑๒.๕๐๐ คน", "number.ambiguous_point"),
        CellCase(".5", "number.not_whole"), CellCase("-.5", "number.negative"),
        CellCase("+-5", "number.unexpected_text"),
    ]

    @Test("refuses counts that are not one exact whole number", arguments: refusedCounts)
    func refusedCount(_ c: CellCase) {
        switch ThaiNumberParser.parseCount(c.cell) {
        case .success(let v): Issue.record("read as \(String(describing: v))")
        case .failure(let r): #expect(r.code == c.expected)
        }
    }

    static let percents: [CellCase] = [
        CellCase("ร้อยละ ๘๐", "80"), CellCase("๘๐%", "80"), CellCase("80 %", "80"),
        CellCase("ไม่น้อยกว่าร้อยละ ๘๐", "80"), CellCase("อย่างน้อยร้อยละ 75", "75"), CellCase("ไม่ต่ำกว่าร้อยละ ๖๐", "60"),
        CellCase("ไม่น้อยกว่า ๘๐%", "80"), CellCase("ร้อย ละ ๘๐", "80"), CellCase("๑๐๐", "100"), CellCase("100", "100"),
        CellCase("80.5", "80.5"), CellCase("ร้อยละ ๘๐ ขึ้นไป", "80"), CellCase("๐", "0"), CellCase("-", "NONE"),
        CellCase("", "NONE"), CellCase("ร้อยละ ๐.๗", "0.7"), CellCase("๑๒๐", "120"),
        CellCase(".5", "0.5"), CellCase("ร้อยละ .5", "0.5"), CellCase("+80", "80"),
    ]

    @Test("reads percentages as exact decimals", arguments: percents)
    func percent(_ c: CellCase) throws {
        let read = try ThaiNumberParser.parsePercent(c.cell).get()
        if c.expected == "NONE" {
            #expect(read == nil)
        } else {
            #expect(read == Decimal(string: c.expected))
        }
    }

    static let refusedPercents: [CellCase] = [
        CellCase("๘๐ บาท", "number.wrong_unit"), CellCase("ไม่น้อยกว่า ๘๐", "number.unexpected_text"),
        CellCase("ร้อยละ ๘๐ - ๙๐", "number.range"), CellCase("-5%", "number.negative"),
        CellCase("ไม่เกินร้อยละ ๕", "number.unexpected_text"), CellCase("เต็ม", "number.not_a_number"),
        CellCase("#DIV/0!", "number.spreadsheet_error"),
    ]

    @Test("refuses what is not one percentage", arguments: refusedPercents)
    func refusedPercent(_ c: CellCase) {
        switch ThaiNumberParser.parsePercent(c.cell) {
        case .success(let v): Issue.record("read as \(String(describing: v))")
        case .failure(let r): #expect(r.code == c.expected)
        }
    }

    @Test(
        "generic decimals keep every digit",
        arguments: [("1,234.5678", "1234.5678"), ("๑.๕ ล้าน", "1500000"), ("-0.125", "-0.125"), ("(2)", "-2")])
    func decimal(cell: String, expected: String) throws {
        #expect(try ThaiNumberParser.parseDecimal(cell).get() == Decimal(string: expected))
    }

    @Test("dash is none, not zero; empty is neither")
    func noneIsNotZero() throws {
        #expect(try ThaiNumberParser.parseAmount("-").get() == AmountCell.none)
        #expect(try ThaiNumberParser.parseAmount("0").get() == .satang(0))
        #expect(try ThaiNumberParser.parseAmount("").get() == .empty)
        #expect(try ThaiNumberParser.parseAmount("-").get() != .satang(0))
    }

    @Test("refusals name the cell and tell the clerk what to do")
    func wording() {
        guard case .failure(let r) = ThaiNumberParser.parseAmount("1,00,000") else {
            Issue.record("accepted bad grouping")
            return
        }
        #expect(r.english.contains("“1,00,000”") && r.english.contains("every 3 digits"))
        #expect(r.thai.contains("๓ หลัก"))
        guard case .failure(let e) = ThaiNumberParser.parseAmount("#N/A") else { return }
        #expect(e.english.contains("#N/A"))
    }
}
