import Foundation
import Glibc
import RollupBase
import RollupReading

/// `summary.xlsx`: the run's tables for people, one sheet each, from the same column descriptions
/// as the CSV files (`Tables`): the Thai heading over the English key, counts as #,##0, baht as
/// #,##0.00, percentages to two decimals, dates as real dates shown in the Thai Buddhist calendar,
/// the two heading rows frozen, a filter on every column, and widths fitted to the text. The lists
/// of every refused row and notice, which grow with the input, are a workbook of their own
/// (`ListsWorkbook`), so this one stays small and is quickly written whenever a figure moves.
public enum SummaryWorkbook {
    public static let file = "summary.xlsx"
    /// The sheet of one row per project (the HTML report names its rows).
    static let projectsSheet = "โครงการ"

    /// The workbook as a file of the run, written when the run is staged: libxlsxwriter writes it
    /// to the spool folder, from where it is copied in pieces and removed. What it is made from is its
    /// model's cells and texts (`Model.digest`).
    public static func output(summary: Summary, attention: [AttentionItem], changes: [ChangeItem]) -> OutputFile {
        let model = Model(summary, attention: attention, changes: changes)
        return spooled(file, source: { model.digest }, render: { path in try render(model, to: path) })
    }

    /// A workbook as a file of the run: `render` writes it to a file of the spool folder when the run
    /// is staged, from where it is copied in pieces and removed.
    static func spooled(
        _ name: String, source: @escaping @Sendable () -> [UInt8]?,
        render: @escaping @Sendable (_ path: String) throws -> Void
    ) -> OutputFile {
        OutputFile(name: name, source: source) { write in
            guard let path = SpoolFolder.newFile() else {
                throw WorkbookError(path: name, reason: "no room in the temporary folder for the workbook")
            }
            defer { unlink(path) }
            try render(path)
            try copy(path, to: write)
        }
    }

    /// Writes the workbook to `path`; libxlsxwriter's own temporary files go beside it.
    public static func render(
        summary s: Summary, attention: [AttentionItem], changes: [ChangeItem], to path: String
    ) throws {
        try render(Model(s, attention: attention, changes: changes), to: path)
    }

    /// Writes `model` as the workbook at `path`: what needs attention and what changed, then each
    /// agency's report form, then the tables.
    static func render(_ model: Model, to path: String) throws {
        let scratch = (path as NSString).deletingLastPathComponent
        let created = Date(timeIntervalSince1970: Double(model.asOf.daysSince1970) * 86_400)
        let workbook = try Workbook(path: path, scratch: scratch, title: model.title, created: created)
        for table in model.tables.prefix(2) { try table.workbookTable.write(into: workbook) }
        for form in model.forms { try ReportFormSheet.write(form, into: workbook) }
        for table in model.tables.dropFirst(2) { try table.workbookTable.write(into: workbook) }
        try workbook.close()
    }

    private static func copy(_ path: String, to write: ([UInt8]) throws -> Void) throws {
        let source = try FileByteSource(path: path, maxBytes: Int.max)
        var block = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = try block.withUnsafeMutableBytes { try source.read(into: $0) }
            if n == 0 { break }
            try write(Array(block[0..<n]))
        }
    }
}

/// One sheet of the workbook: a table's columns and a way to hand over its rows one at a time.
struct WorkbookTable {
    struct Column: Sendable {
        var name: String
        var thai: String
        var type: ColumnType?
        var unit: String
    }

    /// The rows above the data: the Thai headings, then the English keys.
    static let headingRows = 2

    let sheet: String
    /// The file the "N more rows" line names: the one holding every row of the table.
    var file: String
    let columns: [Column]
    let rows: (_ each: ([OutputCell]) throws -> Void) throws -> Void
    /// Rows after the table, a blank row apart and outside its filter (a bureau's projects after its
    /// refusals).
    var closing: [[OutputCell]] = []

    /// A sheet of `columns` whose rows `rows` hands over in order.
    init(
        sheet: String, file: String, columns: [Column],
        rows: @escaping (_ each: ([OutputCell]) throws -> Void) throws -> Void
    ) {
        self.sheet = sheet
        self.file = file
        self.columns = columns
        self.rows = rows
    }

    /// `forEach` hands over the table's rows in order.
    init<Row>(_ table: TableSpec<Row>, sheet: String, forEach: @escaping ((Row) throws -> Void) throws -> Void) {
        self.sheet = sheet
        self.file = table.file
        columns = table.columns.map {
            Column(name: $0.name, thai: $0.thai, type: ColumnType(rawValue: $0.type), unit: $0.unit)
        }
        self.rows = { each in try forEach { row in try each(table.columns.map { $0.cell(row) }) } }
    }

    init<Row>(_ table: TableSpec<Row>, sheet: String, rows: some Sequence<Row>) {
        self.init(table, sheet: sheet) { body in for row in rows { try body(row) } }
    }

    /// A reject list's sheet, read from its log piece by piece (never the whole log in memory): the
    /// entries of `ranges` (the whole log when nil), then `extra`.
    init(
        _ table: TableSpec<Reject>, sheet: String, log: RejectLog, ranges: [Range<Int>]? = nil,
        then extra: [Reject] = []
    ) {
        self.init(table, sheet: sheet) { body in
            var failure: (any Error)?
            for range in ranges ?? [0..<log.byteCount] where failure == nil {
                log.forEach(in: range) { reject in
                    guard failure == nil else { return }
                    do { try body(reject) } catch { failure = error }
                }
            }
            if let failure { throw failure }
            for reject in extra { try body(reject) }
        }
    }

    /// The Thai headings in row 1, the English keys in row 2, then the rows, as many as a sheet holds;
    /// beyond, a last row says the rest is in the CSV file. Then the closing rows, when they fit below.
    /// `maxRows`: the rows a sheet holds (fewer in tests).
    func write(into workbook: Workbook, maxRows: Int = Workbook.maxRows) throws {
        let sheet = try workbook.addSheet(self.sheet)
        var widths = columns.map { Double(min(24, Self.width($0.thai))) }
        // Row by row: constant-memory mode has forgotten a row once a later one is written.
        for (c, column) in columns.enumerated() { try sheet.text(0, c, column.thai, .heading) }
        for (c, column) in columns.enumerated() {
            try sheet.text(1, c, column.name, .key)
            widths[c] = max(widths[c], Double(Self.width(column.name)) * 0.85)
        }
        var row = Self.headingRows
        let lastRow = maxRows - 2
        var more = 0
        try rows { cells in
            guard row <= lastRow else {
                more += 1
                return
            }
            for (c, cell) in cells.enumerated() {
                // A column already as wide as it may be (60 with its margin) is not measured again.
                let measure = widths[c] < Self.widestMeasured
                widths[c] = max(widths[c], Double(try write(cell, sheet: sheet, row: row, column: c, measure: measure)))
            }
            row += 1
        }
        // The filter covers the table's rows alone: the line about rows left out and the closing rows
        // stay put when it sorts. (Set before they are written: in constant-memory mode a range must
        // end at or after the last row written.)
        sheet.freeze(rows: 2)
        try sheet.autofilter(header: 1, lastRow: row - 1, columns: columns.count)
        if more > 0 {
            try sheet.text(row, 0, "… อีก \(more) แถวใน \(file) / \(more) more rows in \(file)")
            row += 1
        }
        // Rows `row` to `maxRows - 1` are left.
        if !closing.isEmpty, closing.count <= maxRows - row {
            for cells in closing {
                for (c, cell) in cells.enumerated() where c < columns.count {
                    let measure = widths[c] < Self.widestMeasured
                    widths[c] = max(
                        widths[c], Double(try write(cell, sheet: sheet, row: row, column: c, measure: measure)))
                }
                row += 1
            }
        }
        for c in widths.indices { try sheet.width(c, min(60, max(8, widths[c] + 2))) }
    }

    /// A column measured this wide (or wider) is set to the widest, 60: wider texts change nothing.
    static let widestMeasured = 58.0

    /// Writes one cell as its column's kind and returns how wide it shows, in characters (a text is
    /// measured only when `measure`, else 0).
    private func write(_ cell: OutputCell, sheet: Workbook.Sheet, row: Int, column c: Int, measure: Bool = true) throws
        -> Int
    {
        let column = columns[c]
        switch cell {
        case .empty:
            return 0
        case .flag(let value):
            try sheet.flag(row, c, value)
            return 5
        case .number(let text):
            guard let value = Double(text) else {
                try sheet.text(row, c, text)
                return Self.width(text)
            }
            let style: Workbook.Style =
                switch (column.type, column.unit) {
                case (.integer, _): .count
                case (_, "baht"): .baht
                case (_, "percent"): .percent
                default: .decimal
                }
            try sheet.number(row, c, value, style)
            return text.count + text.count / 3 + (style == .baht ? 1 : 0)
        case .text(let text), .code(let text):
            if column.type == .date, let day = Self.isoDay(text) {
                try sheet.date(row, c, day)
                return 12
            }
            try sheet.text(row, c, text)
            return measure ? Self.width(text) : 0
        }
    }

    /// A yyyy-mm-dd date, or nil.
    static func isoDay(_ text: String) -> CalendarDayParts? {
        let parts = text.split(separator: "-")
        guard text.count == 10, parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
            (1900...9999).contains(y), (1...12).contains(m), (1...31).contains(d)
        else { return nil }
        return CalendarDayParts(year: y, month: m, day: d)
    }

    /// How many characters wide `text` shows: Thai vowels and tone marks above and below the line
    /// take no width of their own.
    /// Read straight from the UTF-8 bytes (every cell of the reject and notice sheets comes here).
    static func width(_ text: String) -> Int {
        var text = text
        return text.withUTF8 { bytes in
            var n = 0
            var i = 0
            while i < bytes.count {
                let lead = bytes[i]
                if lead < 0x80 {
                    n += 1
                    i += 1
                    continue
                }
                let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
                var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
                for k in 1..<length { value = value << 6 | UInt32(bytes[i + k] & 0x3F) }
                i += length
                switch value {
                case 0x0E31, 0x0E34...0x0E3A, 0x0E47...0x0E4E, 0x0300...0x036F, 0x200B...0x200D: continue
                default: n += 1
                }
            }
            return n
        }
    }
}
