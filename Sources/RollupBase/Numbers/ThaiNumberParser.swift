import Foundation

/// Reads figure cells (budgets, spending, head counts, percentages) exactly: never through `Double`.
///
/// Accepted: Thai, Arabic and full-width digits; thousands separators in groups of three ("๔๓๙,๒๐๐";
/// "1,00,000" is refused); a decimal point; "บาท", "บาทถ้วน", "฿", a trailing ".-"; multiplier words
/// ("๑.๕ ล้านบาท" = 1,500,000); cheque-style Thai words ("สี่แสนสามหมื่นเก้าพันสองร้อยบาทถ้วน");
/// accountants' parentheses and a leading minus for negatives; stray spaces. A dash means "none", which
/// is not zero. Spreadsheet error values (#VALUE!, #N/A, …) are refused by name.
public enum ThaiNumberParser {
    /// A budget or spending cell, in satang. More than 2 decimal places of baht is refused.
    public static func parseAmount(_ text: some StringProtocol) -> Result<AmountCell, Refusal> {
        let cell = Substring(cell: text)
        if let written = amountWithWordsOrSatang(cell) { return written }
        let scan = NumberScanner(cell)
        if !scan.hasNumber {
            if scan.isBlank { return .success(.empty) }
            if scan.isDashOnly || noneWords.contains(scan.prefix) && scan.others == 0 { return .success(.none) }
            return wordsOrSource(cell, scan)
        }
        if let refusal = commonProblem(scan, cell) { return .failure(refusal) }
        if scan.percentSign || isPercentPrefix(scan.prefix) {
            return .failure(wrongKind(cell, "a percentage", "ร้อยละ", expected: "an amount in baht", "จำนวนเงิน (บาท)"))
        }
        guard scan.prefix.isEmpty || amountPrefixes.contains(scan.prefix) else {
            return .failure(unexpectedText(cell, scan, before: true))
        }
        guard let power = amountSuffixes[scan.suffix] else {
            if countUnits.contains(scan.suffix) {
                return .failure(wrongKind(cell, "a count", "จำนวนนับ", expected: "an amount in baht", "จำนวนเงิน (บาท)"))
            }
            return .failure(unexpectedText(cell, scan, before: false))
        }
        guard scan.fractionDigits <= power + 2 else {
            return .failure(
                Refusal(
                    code: "number.too_precise",
                    english: "“\(cell)” has more than 2 decimal places: baht amounts go down to the satang (0.01)",
                    thai: "“\(cell)” มีทศนิยมเกิน ๒ ตำแหน่ง จำนวนเงินละเอียดได้ถึงสตางค์ (๐.๐๑)"))
        }
        guard let satang = scaled(scan.mantissa, by: power + 2 - scan.fractionDigits) else {
            return .failure(tooLarge(cell))
        }
        return .success(.satang(scan.negative ? -satang : satang))
    }

    /// A non-negative whole count of people, times, items, with an optional unit word ("๕๒๐ คน", "จำนวน ๑,๐๐๐ คน");
    /// nil for an empty cell or a dash.
    public static func parseCount(_ text: some StringProtocol) -> Result<Int64?, Refusal> {
        let cell = Substring(cell: text)
        let scan = NumberScanner(cell)
        if !scan.hasNumber {
            if scan.isBlank || scan.isDashOnly { return .success(nil) }
            if let words = countInWords(cell) { return .success(words) }
            return .failure(notANumber(cell, scan))
        }
        if let refusal = commonProblem(scan, cell) { return .failure(refusal) }
        if scan.percentSign || isPercentPrefix(scan.prefix) {
            return .failure(wrongKind(cell, "a percentage", "ร้อยละ", expected: "a count", "จำนวนนับ"))
        }
        if scan.bahtSign || (amountSuffixes[scan.suffix] != nil && !scan.suffix.isEmpty) {
            return .failure(wrongKind(cell, "an amount of money", "จำนวนเงิน", expected: "a count", "จำนวนนับ"))
        }
        guard scan.prefix.isEmpty || countPrefixes.contains(scan.prefix) else {
            return .failure(unexpectedText(cell, scan, before: true))
        }
        guard scan.suffix.isEmpty || countUnits.contains(scan.suffix) else {
            return .failure(unexpectedText(cell, scan, before: false))
        }
        if scan.negative { return .failure(negative(cell)) }
        return wholeNumber(scan, cell).map { Optional($0) }
    }

    /// A percentage: "ร้อยละ ๘๐", "๘๐%", "ไม่น้อยกว่าร้อยละ ๘๐" and a bare "๘๐" all give 80; nil for empty or a dash.
    public static func parsePercent(_ text: some StringProtocol) -> Result<Decimal?, Refusal> {
        let cell = Substring(cell: text)
        let scan = NumberScanner(cell)
        if !scan.hasNumber {
            if scan.isBlank || scan.isDashOnly { return .success(nil) }
            return .failure(notANumber(cell, scan))
        }
        if let refusal = commonProblem(scan, cell) { return .failure(refusal) }
        if scan.bahtSign || (amountSuffixes[scan.suffix] != nil && !scan.suffix.isEmpty) {
            return .failure(wrongKind(cell, "an amount of money", "จำนวนเงิน", expected: "a percentage", "ร้อยละ"))
        }
        guard let needsSign = percentPrefixes[scan.prefix] else {
            return .failure(unexpectedText(cell, scan, before: true))
        }
        if needsSign && !scan.percentSign { return .failure(unexpectedText(cell, scan, before: true)) }
        guard scan.suffix.isEmpty || percentSuffixes.contains(scan.suffix) else {
            return .failure(unexpectedText(cell, scan, before: false))
        }
        if scan.negative { return .failure(negative(cell)) }
        return .success(Decimal(sign: .plus, exponent: -scan.fractionDigits, significand: Decimal(scan.mantissa)))
    }

    /// A plain signed number with optional multiplier word ("๑.๕ ล้าน"); nil for empty or a dash.
    public static func parseDecimal(_ text: some StringProtocol) -> Result<Decimal?, Refusal> {
        let cell = Substring(cell: text)
        let scan = NumberScanner(cell)
        if !scan.hasNumber {
            if scan.isBlank || scan.isDashOnly { return .success(nil) }
            return .failure(notANumber(cell, scan))
        }
        if let refusal = commonProblem(scan, cell) { return .failure(refusal) }
        guard scan.prefix.isEmpty, !scan.percentSign, !scan.bahtSign,
            let power = multiplierSuffixes[scan.suffix]
        else { return .failure(unexpectedText(cell, scan, before: !scan.prefix.isEmpty)) }
        let value = Decimal(
            sign: scan.negative ? .minus : .plus, exponent: power - scan.fractionDigits,
            significand: Decimal(scan.mantissa))
        return .success(value)
    }

    // MARK: - Word tables

    private static func keys(_ words: [String]) -> Set<LetterKey> { Set(words.map(LetterKey.init)) }

    static let noneWords = keys(["ไม่มี", "ไม่ใช้งบประมาณ", "ไม่ได้ใช้งบประมาณ", "ไม่มีค่าใช้จ่าย", "ไม่ใช้งบ"])
    static let amountPrefixes = keys(["จำนวน", "จำนวนเงิน", "เป็นเงิน", "รวม", "รวมเป็นเงิน"])
    static let countPrefixes = keys(["จำนวน", "รวม", "ทั้งหมด", "รวมทั้งหมด"])
    static let approximationWords = keys(["ประมาณ", "ราว", "ราวๆ", "เกือบ", "กว่า", "ประมาณการ", "โดยประมาณ", "เศษ"])
    /// Percentage prefixes; true when the prefix needs a "%" after the number ("ไม่น้อยกว่า ๘๐%").
    static let percentPrefixes: [LetterKey: Bool] = {
        var table: [LetterKey: Bool] = [LetterKey(): false]
        for bound in ["", "ไม่น้อยกว่า", "อย่างน้อย", "ไม่ต่ำกว่า"] {
            table[LetterKey(bound + "ร้อยละ")] = false
            if !bound.isEmpty { table[LetterKey(bound)] = true }
        }
        return table
    }()
    static func isPercentPrefix(_ key: LetterKey) -> Bool { !key.isEmpty && percentPrefixes[key] != nil }
    static let percentSuffixes = keys(["ขึ้นไป", "percent"])
    /// Units a count may carry. Which part of a `Quantity` each stands for is `QuantityParser`'s concern.
    static let countUnits = keys(
        QuantityParser.activityUnits + QuantityParser.participantUnits + QuantityParser.itemUnits)
    /// Multiplier words and the power of ten each stands for.
    static let multiplierSuffixes: [LetterKey: Int] = [
        LetterKey(): 0, LetterKey("พัน"): 3, LetterKey("หมื่น"): 4, LetterKey("แสน"): 5, LetterKey("ล้าน"): 6,
    ]
    /// Amount endings (currency words, optional multiplier) and the power of ten each stands for.
    static let amountSuffixes: [LetterKey: Int] = {
        var table: [LetterKey: Int] = [:]
        for (word, power) in [("", 0), ("พัน", 3), ("หมื่น", 4), ("แสน", 5), ("ล้าน", 6)] {
            for currency in ["", "บาท", "บาทถ้วน", "บ.", "baht"] {
                table[LetterKey(word + currency)] = power
            }
        }
        return table
    }()

    // MARK: - Shared checks

    private static func scaled(_ mantissa: Int64, by power: Int) -> Int64? {
        var value = mantissa
        for _ in 0..<power {
            let (next, overflow) = value.multipliedReportingOverflow(by: 10)
            if overflow { return nil }
            value = next
        }
        return value
    }

    private static func wholeNumber(_ scan: NumberScanner, _ cell: Substring) -> Result<Int64, Refusal> {
        if scan.fractionDigits == 3 {
            // "1.000": one, or one thousand with a dot for thousands? A count cannot tell: refused.
            return .failure(
                Refusal(
                    code: "number.ambiguous_point",
                    english: "“\(cell)” has a point before three digits: it could be a thousands separator; "
                        + "write the count without it (1000 or 1,000)",
                    thai: "“\(cell)” มีจุดหน้าตัวเลขสามหลัก อาจเป็นตัวคั่นหลักพัน กรุณาเขียนจำนวนโดยไม่มีจุด (1000 หรือ 1,000)"))
        }
        var value = scan.mantissa
        for _ in 0..<scan.fractionDigits {
            guard value % 10 == 0 else {
                return .failure(
                    Refusal(
                        code: "number.not_whole", english: "“\(cell)” is not a whole number: a count has no decimals",
                        thai: "“\(cell)” ไม่ใช่จำนวนเต็ม จำนวนนับต้องไม่มีทศนิยม"))
            }
            value /= 10
        }
        return .success(value)
    }

    private static func commonProblem(_ scan: NumberScanner, _ cell: Substring) -> Refusal? {
        if scan.startsWithHash, let name = SpreadsheetError.name(in: cell) {
            return SpreadsheetError.refusal(name, field: "number")
        }
        switch scan.problem {
        case .badGrouping?:
            return Refusal(
                code: "number.bad_grouping",
                english: "“\(cell)” has misplaced thousands separators: commas go every 3 digits (1,000,000)",
                thai: "“\(cell)” ใส่เครื่องหมายจุลภาคผิดตำแหน่ง ต้องคั่นทุก ๓ หลัก (๑,๐๐๐,๐๐๐)")
        case .secondNumber(let range)?:
            if range {
                return Refusal(
                    code: "number.range", english: "“\(cell)” is a range, not one figure: give the actual figure",
                    thai: "“\(cell)” เป็นช่วงตัวเลข ไม่ใช่ตัวเลขเดียว กรุณาระบุตัวเลขจริง")
            }
            return Refusal(
                code: "number.multiple_numbers",
                english: "“\(cell)” holds more than one number: give one figure per cell",
                thai: "“\(cell)” มีตัวเลขมากกว่าหนึ่งจำนวน กรุณาใส่ตัวเลขเดียวต่อช่อง")
        case .unbalancedParentheses?:
            return Refusal(
                code: "number.unbalanced_parentheses",
                english: "“\(cell)” has an unmatched bracket: write a negative as (1,000) or -1,000",
                thai: "“\(cell)” มีวงเล็บไม่ครบคู่ ตัวเลขติดลบเขียนเป็น (๑,๐๐๐) หรือ -๑,๐๐๐")
        case .tooManyDigits?:
            return tooLarge(cell)
        case nil:
            break
        }
        if approximationWords.contains(scan.prefix) || approximationWords.contains(scan.suffix)
            || endsApproximately(scan.suffix)
        {
            return Refusal(
                code: "number.approximate", english: "“\(cell)” is an estimate: give the exact figure",
                thai: "“\(cell)” เป็นตัวเลขโดยประมาณ กรุณาระบุตัวเลขที่แน่นอน")
        }
        if scan.others > 0 {
            return Refusal(
                code: "number.unexpected_text",
                english: "“\(cell)” has characters that are not part of a figure: leave only the number and its unit",
                thai: "“\(cell)” มีอักขระที่ไม่ใช่ส่วนของตัวเลข กรุณาใส่เฉพาะตัวเลขและหน่วย")
        }
        return nil
    }

    private static let approximateUnitKeys: Set<LetterKey> = {
        var set = Set<LetterKey>()
        for unit in QuantityParser.activityUnits + QuantityParser.participantUnits + QuantityParser.itemUnits {
            set.insert(LetterKey("กว่า" + unit))
            set.insert(LetterKey(unit + "เศษ"))
        }
        return set
    }()

    private static func endsApproximately(_ suffix: LetterKey) -> Bool { approximateUnitKeys.contains(suffix) }

    /// "๑๒,๓๔๕ บาท ๕๐ สตางค์" (baht and satang written apart) and "๓๐,๐๐๐ บาท (สามหมื่นบาทถ้วน)" (the
    /// figure, then the same amount in words, which must agree); nil for any other cell.
    private static func amountWithWordsOrSatang(_ cell: Substring) -> Result<AmountCell, Refusal>? {
        let text = String(cell)
        if text.hasSuffix(")"), let open = text.lastIndex(of: "("), open != text.startIndex {
            let words = text[text.index(after: open)..<text.index(before: text.endIndex)]
            guard !words.contains(where: { $0.isNumber }), !words.isEmpty else { return nil }
            let figure = text[..<open]
            guard case .success(.satang(let s)) = parseAmount(figure) else { return nil }
            guard let said = ThaiNumberWords.satang(ThaiText.key(ThaiText.normalize(words))) else {
                return .failure(
                    Refusal(
                        code: "number.unread_words",
                        english:
                            "“\(cell)”: the words in brackets are not an amount this job reads; leave only the figure",
                        thai: "“\(cell)” ข้อความในวงเล็บไม่ใช่จำนวนเงินที่อ่านได้ กรุณาเหลือไว้เฉพาะตัวเลข"))
            }
            guard said == s else {
                return .failure(
                    Refusal(
                        code: "number.words_disagree",
                        english:
                            "“\(cell)”: the figure says \(Money.baht(s)) baht but the "
                            + "words say \(Money.baht(said)); correct one of them",
                        thai:
                            "“\(cell)” ตัวเลขกับตัวอักษรไม่ตรงกัน (\(Money.baht(s)) กับ \(Money.baht(said)) บาท) กรุณาแก้ให้ตรงกัน"
                    ))
            }
            return .success(.satang(s))
        }
        guard text.hasSuffix("สตางค์"), let baht = text.range(of: "บาท") else { return nil }
        let rest = text[baht.upperBound...].dropLast("สตางค์".count)
        guard case .success(.satang(let s)) = parseAmount(text[..<baht.upperBound]), s % 100 == 0,
            case .success(let satang?) = parseCount(rest), satang < 100
        else { return nil }
        return .success(.satang(s + satang))
    }

    private static func wordsOrSource(_ cell: Substring, _ scan: NumberScanner) -> Result<AmountCell, Refusal> {
        if scan.startsWithHash, let name = SpreadsheetError.name(in: cell) {
            return .failure(SpreadsheetError.refusal(name, field: "number"))
        }
        let normal = ThaiText.normalize(cell)
        if let satang = ThaiNumberWords.satang(ThaiText.key(normal)) { return .success(.satang(satang)) }
        if normal.contains("งบ") || normal.contains("เงินนอก") || normal.contains("เงินรายได้") {
            return .success(.source(normal))
        }
        return .failure(notANumber(cell, scan))
    }

    private static func countInWords(_ cell: Substring) -> Int64? {
        var key = ThaiText.key(cell)
        for unit in QuantityParser.activityUnits + QuantityParser.participantUnits + QuantityParser.itemUnits
        where key.hasSuffix(unit) {
            key.removeLast(unit.count)
            break
        }
        return ThaiNumberWords.value(key)
    }

    // MARK: - Refusals

    private static func notANumber(_ cell: Substring, _ scan: NumberScanner) -> Refusal {
        if scan.startsWithHash, let name = SpreadsheetError.name(in: cell) {
            return SpreadsheetError.refusal(name, field: "number")
        }
        return Refusal(
            code: "number.not_a_number", english: "“\(cell)” is not a figure: write the number (or - for none)",
            thai: "“\(cell)” ไม่ใช่ตัวเลข กรุณาระบุตัวเลข (หรือ - หากไม่มี)")
    }

    private static func unexpectedText(_ cell: Substring, _ scan: NumberScanner, before: Bool) -> Refusal {
        let scalars = cell.unicodeScalars
        let part = before ? scalars[..<scan.numberStart] : scalars[scan.numberEnd...]
        let word = String(String.UnicodeScalarView(part)).trimmingSpaces()
        return Refusal(
            code: "number.unexpected_text",
            english: "“\(word)” \(before ? "before" : "after") the number in “\(cell)” is not a unit this column takes",
            thai: "“\(word)” \(before ? "หน้า" : "หลัง")ตัวเลขใน “\(cell)” ไม่ใช่หน่วยที่ช่องนี้รับ")
    }

    private static func wrongKind(
        _ cell: Substring, _ found: String, _ foundThai: String, expected: String, _ expectedThai: String
    ) -> Refusal {
        Refusal(
            code: "number.wrong_unit", english: "“\(cell)” is \(found), but this column holds \(expected)",
            thai: "“\(cell)” เป็น\(foundThai) แต่ช่องนี้ต้องเป็น\(expectedThai)")
    }

    private static func negative(_ cell: Substring) -> Refusal {
        Refusal(
            code: "number.negative", english: "“\(cell)” is negative: this column cannot be below zero",
            thai: "“\(cell)” ติดลบ ช่องนี้ต้องไม่น้อยกว่าศูนย์")
    }

    private static func tooLarge(_ cell: Substring) -> Refusal {
        Refusal(
            code: "number.too_large", english: "“\(cell)” is too large to be a real figure",
            thai: "“\(cell)” มีค่ามากเกินกว่าจะเป็นตัวเลขจริง")
    }
}
