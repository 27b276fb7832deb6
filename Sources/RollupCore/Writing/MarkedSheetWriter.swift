import Foundation
import RollupBase
import RollupReading

/// The first sheet of a `MarkedCopy`: the bureau's records as `TableReader` hands them over, in
/// order, each at its spreadsheet row, with the marks of that row placed as it is written (in
/// constant-memory mode nothing can be written above the current row, comments included).
struct MarkedSheetWriter {
    let sheet: Workbook.Sheet
    /// The marks of rows (row > 0), sorted by row.
    let marks: [MarkedCopy.Mark]
    private var next = 0
    /// Each header column's name as messages give it (`TableHeader.name(ofColumn:)`), to its index.
    private var columns: [String: Int] = [:]
    private var header: TableHeader?
    /// The spreadsheet row of the header's last row: the rows kept in view.
    private var headerRow = 0
    /// Each column's widest text so far, in characters.
    private var widths: [Int] = []

    /// Comments are this wide, in pixels; a line holds about `commentLineCharacters` characters.
    static let commentWidth = 380
    static let commentLineCharacters = 48

    init(sheet: Workbook.Sheet, marks: [MarkedCopy.Mark]) {
        self.sheet = sheet
        self.marks = marks
    }

    /// Writes the record of one event; a refused stretch libcsv could not make a record of leaves its
    /// row empty, and its marks land on empty cells there.
    mutating func take(_ event: TableEvent) throws {
        switch event {
        case .header(let record):
            headerRow = record.row
            try write(record)
        case .skipped(let record, let why):
            // A title runs across the empty cells beside it: it does not widen its column.
            try write(record, widening: why != .title)
        case .withoutHeader(let record), .ragged(let record, _, _):
            try write(record)
        case .data(let row):
            if header !== row.header {
                header = row.header
                columns = [:]
                for c in row.header.names.indices.reversed() { columns[row.header.name(ofColumn: c)] = c }
            }
            try write(row.record)
        case .malformed:
            break
        }
    }

    /// Places the marks of rows no record reached, keeps the header in view and sets the widths.
    mutating func finish() throws {
        try placeMarks(before: Int.max)
        if (1...20).contains(headerRow) { sheet.freeze(rows: headerRow) }
        for (c, width) in widths.enumerated() where width > 0 {
            try sheet.width(c, min(60, max(6, Double(width) * 1.1 + 2)))
        }
    }

    private mutating func write(_ record: CSVRecord, widening: Bool = true) throws {
        guard record.row <= Workbook.maxRows else {
            throw MarkedCopyNotMade(
                english: "the file has more rows than a sheet holds (\(Workbook.maxRows))",
                thai: "ไฟล์มีจำนวนแถวเกินกว่าที่แผ่นงานหนึ่งแผ่นรับได้")
        }
        try placeMarks(before: record.row)
        let here = takeMarks(of: record.row)
        let count = max(record.count, (here.keys.max() ?? -1) + 1)
        for c in 0..<count {
            var text = record.text(c) ?? record.displayText(c)
            if text.utf8.contains(0x0D) {
                // A line break in a cell is LF in a workbook (libxlsxwriter would write CR as _x000D_).
                text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            }
            let mark = Self.mark(here[c])
            if text.isEmpty {
                if mark != .none { try sheet.blank(record.row - 1, c, .received(mark, wrapped: false)) }
                continue
            }
            let wrapped = text.contains("\n")
            try sheet.text(record.row - 1, c, text, .received(mark, wrapped: wrapped))
            if widening { widen(c, text) }
        }
        try comment(here, row: record.row)
    }

    /// Marks of rows before `row` that no record reached (a refused stretch of CSV): on empty cells.
    private mutating func placeMarks(before row: Int) throws {
        while next < marks.count, marks[next].reject.row < row, marks[next].reject.row <= Workbook.maxRows {
            let at = marks[next].reject.row
            let here = takeMarks(of: at)
            for (c, list) in here { try sheet.blank(at - 1, c, .received(Self.mark(list), wrapped: false)) }
            try comment(here, row: at)
        }
    }

    /// The marks of spreadsheet row `row`, by the column they fall on.
    private mutating func takeMarks(of row: Int) -> [Int: [MarkedCopy.Mark]] {
        var here: [Int: [MarkedCopy.Mark]] = [:]
        while next < marks.count, marks[next].reject.row == row {
            here[column(of: marks[next].reject), default: []].append(marks[next])
            next += 1
        }
        return here
    }

    /// The column a refusal names: the header's column of that name, "column N" by position, and the
    /// row's first cell for a whole row (or a name the header does not have).
    private func column(of reject: Reject) -> Int {
        if reject.column.isEmpty { return 0 }
        if let c = columns[reject.column] { return c }
        if reject.column.hasPrefix("column "), let n = Int(reject.column.dropFirst(7)), n >= 1, n <= 16_384 {
            return n - 1
        }
        return 0
    }

    /// A cell with a refusal is refused; one with notices only is a notice.
    private static func mark(_ list: [MarkedCopy.Mark]?) -> Workbook.Mark {
        guard let list, !list.isEmpty else { return .none }
        return list.contains { !$0.isNotice } ? .refused : .notice
    }

    /// One comment per marked cell, holding every mark of the cell.
    private func comment(_ here: [Int: [MarkedCopy.Mark]], row: Int) throws {
        for (c, list) in here.sorted(by: { $0.key < $1.key }) {
            let text = list.map(MarkedCopy.comment).joined(separator: "\n\n")
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).reduce(0) { n, line in
                n
                    + max(
                        1,
                        (WorkbookTable.width(String(line)) + Self.commentLineCharacters - 1)
                            / Self.commentLineCharacters)
            }
            try sheet.comment(row - 1, c, text, width: Self.commentWidth, lines: lines)
        }
    }

    /// Keeps the widest line of each column, in characters as they show.
    private mutating func widen(_ c: Int, _ text: String) {
        if c >= widths.count { widths += Array(repeating: 0, count: c + 1 - widths.count) }
        let widest =
            text.split(separator: "\n")
            .map { WorkbookTable.width(String($0)) }.max() ?? 0
        widths[c] = max(widths[c], widest)
    }
}
