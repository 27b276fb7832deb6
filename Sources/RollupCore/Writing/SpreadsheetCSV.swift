import Foundation
import RollupBase
import RollupReading

/// A cell of a CSV the job writes: text (guarded against formula injection) or a number (as is).
public enum OutputCell: Sendable, Hashable {
    case text(String)
    /// Plain Arabic digits, an optional leading minus and a dot for decimals, e.g. "439200.00".
    case number(String)
    case empty
    /// An id or code: text, written as `="..."` when Excel would otherwise turn it into a number or a date.
    case code(String)
    /// TRUE or FALSE, which Excel, LibreOffice and pandas read as a boolean.
    case flag(Bool)

    public static func int(_ n: Int64) -> OutputCell { .number(String(n)) }
    public static func int(_ n: Int) -> OutputCell { .number(String(n)) }
    public static func baht(_ satang: Int64) -> OutputCell { .number(Money.baht(satang)) }
    public static func optionalBaht(_ satang: Int64?) -> OutputCell { satang.map(baht) ?? .empty }
    public static func decimal(_ d: Decimal?) -> OutputCell { d.map { .number(DecimalText.plain($0)) } ?? .empty }

    /// The same value in summary.json: an empty cell is null, a flag a boolean.
    public var json: JSONValue {
        switch self {
        case .text(let s), .code(let s): .string(s)
        case .number(let n): .number(n)
        case .empty: .null
        case .flag(let b): .bool(b)
        }
    }
}

/// The project's one CSV writer, for files analysts open in Excel on Thai Windows: UTF-8 with a
/// BOM (so Excel shows Thai), CRLF line ends, RFC 4180 quoting, and text that a spreadsheet would
/// run as a formula (= + - @ tab CR at the start) prefixed with an apostrophe, as OWASP advises.
public struct SpreadsheetCSV {
    public private(set) var bytes: [UInt8] = [0xEF, 0xBB, 0xBF]

    public init(header: [String]) {
        append(header.map(OutputCell.text))
    }

    /// The bytes so far, leaving the writer empty for the rows that follow (streamed files).
    public mutating func takeBytes() -> [UInt8] {
        defer { bytes.removeAll(keepingCapacity: true) }
        return bytes
    }

    public mutating func append(_ row: [OutputCell]) {
        for (i, cell) in row.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            switch cell {
            case .empty: break
            case .number(let n): bytes.append(contentsOf: n.utf8)
            case .text, .code: appendQuoted(Self.writtenText(cell))
            case .flag(let b): bytes.append(contentsOf: (b ? "TRUE" : "FALSE").utf8)
            }
        }
        bytes.append(contentsOf: [0x0D, 0x0A])
    }

    /// The text a CSV reader gives back for `cell` as this writer writes it (a code as `="007"`,
    /// formula-like text with its apostrophe): what the job reads again from a published file.
    public static func writtenText(_ cell: OutputCell) -> String {
        switch cell {
        case .empty: ""
        case .number(let n): n
        case .text(let t): neutralised(t)
        case .code(let c): spreadsheetWouldConvert(c) ? "=\"" + c + "\"" : neutralised(c)
        case .flag(let b): b ? "TRUE" : "FALSE"
        }
    }

    /// The cell as it was before `writtenText` guarded it: `="007"` is 007 again, and the apostrophe
    /// before formula-like text goes. (Text that began with an apostrophe and a sign comes back without
    /// the apostrophe: the one case the guard cannot tell apart.)
    public static func readBack(_ written: String) -> String {
        if written.hasPrefix("=\""), written.hasSuffix("\""), written.utf8.count >= 3 {
            let inner = String(written.dropFirst(2).dropLast())
            if spreadsheetWouldConvert(inner) { return inner }
        }
        if written.hasPrefix("'"), neutralised(String(written.dropFirst())) == written {
            return String(written.dropFirst())
        }
        return written
    }

    /// Text that starts like a formula gets a leading apostrophe, so Excel shows it as text.
    public static func neutralised(_ text: String) -> String {
        guard let first = text.unicodeScalars.first else { return text }
        switch first {
        case "=", "+", "-", "@", "\t", "\r", "\u{FF1D}", "\u{FF0B}", "\u{FF0D}", "\u{FF20}": return "'" + text
        default: return text
        }
    }

    /// True for text made only of ASCII digits and the signs of numbers, dates and times
    /// ("007", "1-2", "21/02/2562", "1e5", "50%", "(100)"), which a spreadsheet would not keep as typed.
    public static func spreadsheetWouldConvert(_ text: String) -> Bool {
        guard !text.isEmpty, text.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) else { return false }
        return text.utf8.allSatisfy { b in
            (b >= 0x30 && b <= 0x39) || b == 0x2D || b == 0x2F || b == 0x2E || b == 0x2C || b == 0x3A || b == 0x20
                || b == 0x65 || b == 0x45 || b == 0x2B || b == 0x25 || b == 0x28 || b == 0x29
        }
    }

    private mutating func appendQuoted(_ text: String) {
        var text = text
        text.withUTF8 { cell in
            // Spaces at either end are quoted too, so readers that trim unquoted cells keep them.
            let needsQuotes =
                cell.first == 0x20 || cell.first == 0x09 || cell.last == 0x20 || cell.last == 0x09
                || Self.holdsQuoteOrBreak(cell)
            guard needsQuotes else {
                bytes.append(contentsOf: cell)
                return
            }
            bytes.append(UInt8(ascii: "\""))
            guard let base = cell.baseAddress else {
                bytes.append(UInt8(ascii: "\""))
                return
            }
            // Each quote inside is doubled.
            var start = 0
            while start < cell.count, let q = memchr(base + start, Int32(UInt8(ascii: "\"")), cell.count - start) {
                let i = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(q))
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: cell[start...i]))
                bytes.append(UInt8(ascii: "\""))
                start = i + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: cell[start...]))
            bytes.append(UInt8(ascii: "\""))
        }
    }

    /// True when `cell` holds a comma, a quote, a CR or an LF: eight bytes at a time (a byte equal
    /// to one of them makes a zero byte after the XOR, which the classic has-zero-byte test finds
    /// exactly), then byte by byte.
    static func holdsQuoteOrBreak(_ cell: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = cell.baseAddress else { return false }
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func hasZeroByte(_ x: UInt64) -> Bool { (x &- ones) & ~x & highs != 0 }
        let raw = UnsafeRawPointer(base)
        var i = 0
        while i + 8 <= cell.count {
            let x = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            if hasZeroByte(x ^ (ones &* 0x2C)) || hasZeroByte(x ^ (ones &* 0x22)) || hasZeroByte(x ^ (ones &* 0x0A))
                || hasZeroByte(x ^ (ones &* 0x0D))
            {
                return true
            }
            i += 8
        }
        while i < cell.count {
            let b = cell[i]
            if b == 0x2C || b == 0x22 || b == 0x0A || b == 0x0D { return true }
            i += 1
        }
        return false
    }
}
