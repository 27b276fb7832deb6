import Foundation
import RollupBase

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// One row of a sheet as the job reads it: its row number as the sheet shows it, whether it is
/// hidden, and its cells as text, left to right (columns with nothing in them empty).
struct XLSXRow {
    var number: Int
    var hidden: Bool
    var cells: [String]
}

/// Streams one worksheet part (unpacked to a temporary file, parsed with SAX) row by row, turning
/// each cell into the text the job's normalizers read: shared and inline strings as written, numbers
/// as the decimal text stored (never through a binary float), dates (by their cell style, either date
/// system) as ISO dates, booleans as TRUE/FALSE, errors as their name, a formula by its saved result
/// (`#UNCALCULATED!` when it has none, which the normalizers refuse with that reason).
struct XLSXSheetReader {
    let container: XLSXContainer
    let info: XLSXWorkbookInfo
    let strings: [String]
    let maxCells: Int
    /// The largest cell text accepted, as for a CSV (`CSVLimits.maxCellBytes`).
    var maxCellBytes = CSVLimits().maxCellBytes

    /// The text a formula cell with no saved result reads as.
    static let uncalculated = SpreadsheetError.uncalculated

    func read(part: String, _ body: (XLSXRow) throws -> Void) throws {
        try withoutActuallyEscaping(body) { try read(part: part, escaping: $0) }
    }

    private func read(part: String, escaping body: @escaping (XLSXRow) throws -> Void) throws {
        let file = try XLSXTempPart(container, part: part)
        defer { file.remove() }
        guard let stream = InputStream(fileAtPath: file.path) else {
            throw WorkbookRefusal("the sheet \(part) cannot be read back", thai: "อ่านแผ่นงานไม่ได้")
        }
        let parser = XMLParser(stream: stream)
        let scan = XMLScan()
        var row = XLSXRow(number: 0, hidden: false, cells: [])
        var inRow = false
        var column = -1
        var type = ""
        var style = 0
        var value = ""
        var inline = ""
        var hasFormula = false
        var hasValue = false
        var inValue = false
        var inInlineText = false
        var bodyError: (any Error)?
        scan.start = { name, attributes in
            switch name {
            case "row":
                let number = attributes["r"].flatMap(Int.init) ?? row.number + 1
                guard number > row.number, number <= 1_048_576 else {
                    scan.stop(parser, "row numbers out of order or past a sheet's last row (row \(number))")
                    return
                }
                let hidden = attributes["hidden"] ?? "0"
                row = XLSXRow(number: number, hidden: hidden == "1" || hidden == "true", cells: [])
                inRow = true
                column = -1
            case "c" where inRow:
                if let reference = attributes["r"] {
                    guard let c = Self.column(of: reference), c > column else {
                        scan.stop(parser, "cell reference \(reference) out of order or not a cell")
                        return
                    }
                    column = c
                } else {
                    column += 1
                }
                guard column < maxCells else {
                    scan.stop(parser, "row \(row.number) has a cell beyond column \(maxCells)")
                    return
                }
                type = attributes["t"] ?? "n"
                style = attributes["s"].flatMap(Int.init) ?? 0
                (value, inline, hasFormula, hasValue) = ("", "", false, false)
            case "v": (inValue, hasValue) = (true, true)
            case "f": hasFormula = true
            case "t": inInlineText = type == "inlineStr"
            default: break
            }
        }
        scan.text = { text in
            if inValue { value += text } else if inInlineText { inline += text } else { return }
            if value.utf8.count + inline.utf8.count > maxCellBytes {
                scan.stop(parser, "a cell of row \(row.number) holds more than \(maxCellBytes) bytes")
            }
        }
        scan.end = { name in
            switch name {
            case "v": inValue = false
            case "t": inInlineText = false
            case "c" where inRow:
                let text: String
                switch self.cellText(
                    type: type, style: style, value: value, inline: inline, hasValue: hasValue,
                    hasFormula: hasFormula)
                {
                case .success(let t): text = t
                case .failure(let reason):
                    scan.stop(parser, reason.text)
                    return
                }
                if !text.isEmpty || column < row.cells.count {
                    while row.cells.count < column { row.cells.append("") }
                    row.cells.append(text)
                }
            case "row" where inRow:
                inRow = false
                do { try body(row) } catch {
                    bodyError = error
                    parser.abortParsing()
                }
            default: break
            }
        }
        do {
            try scan.run(parser, part: part)
        } catch {
            if let bodyError { throw bodyError }
            throw error
        }
        if let bodyError { throw bodyError }
    }

    /// The text of one cell, or why the workbook cannot be trusted.
    func cellText(
        type: String, style: Int, value: String, inline: String, hasValue: Bool, hasFormula: Bool
    ) -> Result<String, ReasonText> {
        // A formula saved without its result (`<v/>` or no `<v>`): nothing certain to read.
        if hasFormula && (!hasValue || value.isEmpty) && type != "str" { return .success(Self.uncalculated) }
        switch type {
        case "s":
            // Nearly always plain digits: Foundation's trimming only when they are not.
            guard let index = Int(value) ?? Int(value.trimmingCharacters(in: .whitespaces)),
                strings.indices.contains(index)
            else {
                return .failure(ReasonText(text: "a cell names shared string \(value), which the workbook lacks"))
            }
            return .success(strings[index])
        case "inlineStr": return .success(inline)
        case "str", "e": return .success(value)
        case "b": return .success(value == "1" ? "TRUE" : value == "0" ? "FALSE" : value)
        case "d": return .success(String(value.prefix(10)))
        default:
            guard !value.isEmpty else { return .success("") }
            if info.dateStyles.indices.contains(style), info.dateStyles[style] {
                guard let day = Self.day(serial: value, date1904: info.date1904) else { return .success(value) }
                return .success(day)
            }
            return .success(Self.plainNumber(value))
        }
    }

    struct ReasonText: Error { let text: String }

    /// The stored number as plain decimal text: Excel writes very large and very small numbers in
    /// exponent form ("1.5E-5"), which is turned into its exact decimal ("0.000015") through Decimal,
    /// never a binary float; anything else is left as stored for the normalizers to judge.
    static func plainNumber(_ text: String) -> String {
        // Only the whole form -d.ddE±d: Decimal(string:) would read a prefix of anything else.
        let parts = text.split(separator: "E", omittingEmptySubsequences: false)
        guard parts.count == 2, isDigits(parts[0], sign: true, point: true),
            isDigits(parts[1], sign: true, point: false),
            let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")), value.isFinite
        else { return text }
        return value.description
    }

    private static func isDigits(_ text: Substring, sign: Bool, point: Bool) -> Bool {
        var body = text
        if sign, let first = body.first, first == "-" || first == "+" { body = body.dropFirst() }
        let halves = body.split(separator: ".", omittingEmptySubsequences: false)
        guard !body.isEmpty, halves.count == 1 || (point && halves.count == 2) else { return false }
        return halves.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0 >= "0" && $0 <= "9" } }
    }

    /// "AB12" → 27 (0-based column of a cell reference), nil for anything else.
    static func column(of reference: String) -> Int? {
        var column = 0
        var letters = 0
        for scalar in reference.unicodeScalars {
            switch scalar.value {
            case 0x41...0x5A:
                column = column * 26 + Int(scalar.value - 0x40)
                letters += 1
                if letters > 3 { return nil }
            case 0x30...0x39: return letters == 0 ? nil : column - 1
            default: return nil
            }
        }
        return nil
    }

    /// The ISO date of a date serial (the time of day left out): days since 1899-12-30, with the
    /// 1900 system's fictitious 29 February 1900 (serial 60) refused as no date, or since 1904-01-01.
    static func day(serial text: String, date1904: Bool) -> String? {
        guard let serial = Decimal(string: text), serial >= 1, serial < 2_958_466 else { return nil }
        var whole = Decimal()
        var copy = serial
        NSDecimalRound(&whole, &copy, 0, .down)
        var days = NSDecimalNumber(decimal: whole).intValue
        if date1904 {
            days += 1462
        } else {
            if days == 60 { return nil }
            if days < 60 { days += 1 }
        }
        // Days from 1899-12-30; 1970-01-01 is day 25,569.
        return CalendarDay(daysSince1970: days - 25_569).iso
    }
}
