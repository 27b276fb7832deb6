import Foundation
import Testing

@testable import PlanRollup
@testable import RollupBase
@testable import RollupCore
@testable import RollupReading

/// An output CSV read back with the project's own RFC 4180 reader (libcsv, strict mode).
struct ParsedCSV {
    let name: String
    /// The column names; for a bureau's rejects file (`rejects/<bureau>.csv`, headed in Thai), the names
    /// its Thai headings stand for, as the data dictionary pairs them.
    let header: [String]
    /// The rows; for a bureau's rejects file, its refusals (the rows before the blank one).
    let rows: [[String]]
    /// The header as written.
    let writtenHeader: [String]
    /// A bureau's rejects file's rows after its refusals: the blank row and the project list.
    let closing: [[String]]

    /// Fails the test when the bytes lack the BOM or hold malformed CSV.
    init(name: String, bytes: [UInt8]) throws {
        self.name = name
        try #require(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF], "\(name) does not start with the UTF-8 BOM")
        var reader = CSVReader(source: MemoryByteSource(Array(bytes.dropFirst(3))), file: name)
        var records: [[String]] = []
        var faults: [String] = []
        try reader.forEach { event in
            switch event {
            case .record(let r): records.append(r.cells)
            case .malformed(let e): faults.append(e.description)
            }
        }
        try #require(faults.isEmpty, "\(name): \(faults)")
        let header = try #require(records.first, "\(name) has no header")
        writtenHeader = header
        guard name.hasPrefix("rejects/") else {
            (self.header, rows, closing) = (header, Array(records.dropFirst()), [])
            return
        }
        let names = Dictionary(uniqueKeysWithValues: Tables.bureauRejects.columns.map { ($0.thai, $0.name) })
        self.header = header.map { names[$0] ?? $0 }
        let body = records.dropFirst()
        let blank = body.firstIndex { $0.allSatisfy(\.isEmpty) } ?? body.endIndex
        (rows, closing) = (Array(body[..<blank]), Array(body[blank...]))
    }

    /// The cells of column `name`, one per row.
    func column(_ name: String) throws -> [String] {
        let index = try #require(header.firstIndex(of: name), "\(self.name) has no column \(name)")
        return rows.map { $0[index] }
    }

    /// The position of column `name`.
    func index(_ name: String) throws -> Int {
        try #require(header.firstIndex(of: name), "\(self.name) has no column \(name)")
    }

    /// The row whose column `key` holds `value`.
    func row(where key: String, is value: String) throws -> [String: String] {
        let index = try #require(header.firstIndex(of: key))
        let row = try #require(rows.first { $0[index] == value }, "\(name): no row with \(key) = \(value)")
        return Dictionary(uniqueKeysWithValues: zip(header, row))
    }
}

/// Line ends outside quoted cells: how many CRLF, and the byte offsets of a CR or LF not in a CRLF pair.
func lineEnds(_ bytes: [UInt8]) -> (crlf: Int, bare: [Int]) {
    var quoted = false
    var crlf = 0
    var bare: [Int] = []
    var i = 0
    while i < bytes.count {
        let b = bytes[i]
        if b == UInt8(ascii: "\"") {
            quoted.toggle()
        } else if !quoted && b == 0x0D {
            if i + 1 < bytes.count && bytes[i + 1] == 0x0A {
                crlf += 1
                i += 1
            } else {
                bare.append(i)
            }
        } else if !quoted && b == 0x0A {
            bare.append(i)
        }
        i += 1
    }
    return (crlf, bare)
}

/// What a spreadsheet would take for a formula at the start of a cell (OWASP's list, with the
/// full-width forms Excel also accepts).
let formulaStarts: Set<Unicode.Scalar> = [
    "=", "+", "-", "@", "\t", "\r", "\u{FF1D}", "\u{FF0B}", "\u{FF0D}", "\u{FF20}",
]

/// True when a cell as written would run as a formula: it starts like one, and is not the
/// `="…"` form that keeps an id's digits as text (only digits and separators between the quotes).
func runsAsFormula(_ cell: String) -> Bool {
    guard let first = cell.unicodeScalars.first, formulaStarts.contains(first) else { return false }
    if cell.hasPrefix("=\""), cell.hasSuffix("\""), cell.count >= 3 {
        let inner = String(cell.dropFirst(2).dropLast())
        return !SpreadsheetCSV.spreadsheetWouldConvert(inner)
    }
    return true
}

/// "-12", "439200.00": an optional minus, ASCII digits, and at most one dot followed by
/// `decimals` digits (any number of them when nil).
func isPlainNumber(_ text: String, decimals: Int? = nil) -> Bool {
    var digits = Substring(text)
    if digits.hasPrefix("-") { digits = digits.dropFirst() }
    let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
    func allDigits(_ s: Substring) -> Bool { !s.isEmpty && s.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
    guard parts.count <= 2, parts.allSatisfy(allDigits) else { return false }
    guard let decimals else { return true }
    return parts.count == 2 && parts[1].count == decimals
}
