import RollupBase

/// A file read record by record: a CSV export (`InputFile`) or a workbook's sheet (`WorkbookFile`).
public protocol RecordSource {
    /// The path as messages show it.
    var displayPath: String { get }
    /// Every record in order. Call once.
    func forEach(_ body: (CSVEvent) throws -> Void) throws -> CSVReadStatistics
}

extension InputFile: RecordSource {}
extension WorkbookFile: RecordSource {}

/// Finds the header of an export below its title rows, maps its columns to fields, and sorts
/// every record that follows into data, skipped (blank, subtotal, repeated header) or rejected.
///
/// The header is the record (or pair of records, for a two-row header) among the first
/// `headerSearchDepth` that names the most known fields, at least `minimumFields` of them.
public struct TableReader {
    public var aliases: HeaderAliases
    /// Recognises a month column of a plan's schedule ("ต.ค. ๖๑", "2018-10").
    public var monthOf: (String) -> YearMonth?
    public var headerSearchDepth = 12
    public var minimumFields = 3

    public init(aliases: HeaderAliases = .standard, monthOf: @escaping (String) -> YearMonth? = { _ in nil }) {
        self.aliases = aliases
        self.monthOf = monthOf
    }

    /// Reads `file`, calling `body` for each record's fate. When no header is found every record
    /// comes as `.withoutHeader` and the summary carries the `MissingHeader` reason.
    @discardableResult
    public func read(_ file: some RecordSource, _ body: (TableEvent) throws -> Void) throws -> TableSummary {
        var state = State()
        let stats = try file.forEach { event in
            switch event {
            case .malformed(let error):
                if state.searching {
                    state.preamble.append(.malformed(error))
                    if state.preamble.count >= headerSearchDepth { try findHeader(&state, file: file, body) }
                } else {
                    try body(.malformed(error))
                }
            case .record(let record):
                if state.searching {
                    state.preamble.append(.record(record))
                    if state.preamble.count >= headerSearchDepth { try findHeader(&state, file: file, body) }
                } else if let header = state.header {
                    try body(classify(record, header: header))
                } else {
                    try body(.withoutHeader(record))
                }
            }
        }
        if state.searching { try findHeader(&state, file: file, body) }
        return TableSummary(header: state.header, missingHeader: state.missing, statistics: stats)
    }

    private struct State {
        var preamble: [CSVEvent] = []
        var searching = true
        var header: TableHeader?
        var missing: MissingHeader?
    }

    private func findHeader(
        _ state: inout State, file: some RecordSource, _ body: (TableEvent) throws -> Void
    ) throws {
        let records = state.preamble.compactMap { event -> CSVRecord? in
            if case .record(let r) = event { r } else { nil }
        }
        state.searching = false
        guard let header = detectHeader(in: records) else {
            let seen = records.first(where: { !$0.isBlank })?.cells.filter { !$0.isEmpty } ?? []
            state.missing = MissingHeader(file: file.displayPath, headersSeen: seen)
            for event in state.preamble {
                switch event {
                case .malformed(let e): try body(.malformed(e))
                case .record(let r): try body(.withoutHeader(r))
                }
            }
            state.preamble = []
            return
        }
        state.header = header
        for event in state.preamble {
            switch event {
            case .malformed(let e): try body(.malformed(e))
            case .record(let r):
                if r.ordinal < header.firstRecord {
                    try body(.skipped(r, r.isBlank ? .blank : .title))
                } else if r.ordinal <= header.lastRecord {
                    try body(.header(r))
                } else {
                    try body(classify(r, header: header))
                }
            }
        }
        state.preamble = []
    }

    /// The best header among `records`: a single row, or a group row merged onto the row below it.
    /// Whether the records hold a header this reader recognises (which sheet of a workbook to read).
    public func recognises(_ records: [CSVRecord]) -> Bool { detectHeader(in: records) != nil }

    func detectHeader(in records: [CSVRecord]) -> TableHeader? {
        var best: TableHeader?
        for (i, record) in records.enumerated() {
            var candidate = mapColumns(upper: nil, lower: record)
            if i > 0, isGroupRow(records[i - 1], above: record) {
                let pair = mapColumns(upper: records[i - 1], lower: record)
                if pair.score >= candidate.score { candidate = pair }
            }
            if candidate.score > (best?.score ?? (minimumFields - 1)) {
                best = candidate
            }
        }
        return best
    }

    /// A row directly above another that heads groups of columns (ไตรมาสที่ ๑ over three months),
    /// as opposed to a title: it has cells beyond the first column.
    /// It must read as labels: a row with a figure or a total word in it (a bank-statement-style
    /// "TOTAL … 79,901.58" above the header) is not merged into the header.
    private func isGroupRow(_ upper: CSVRecord, above lower: CSVRecord) -> Bool {
        guard upper.row + 1 == lower.row, !upper.isBlank else { return false }
        guard (1..<max(upper.count, 1)).contains(where: { upper.cellLength($0) > 0 }) else { return false }
        return (0..<upper.count).allSatisfy { c in
            let text = ThaiText.trimmed(upper.displayText(c))
            guard !text.isEmpty else { return true }
            if case .success(.satang) = ThaiNumberParser.parseAmount(text) { return false }
            let key = ThaiText.lowercased(ThaiText.key(text))
            return !["รวม", "รวมทั้งสิ้น", "ยอดรวม", "รวมทั้งหมด", "total", "grandtotal", "sum", "subtotal"].contains(key)
        }
    }

    private func mapColumns(upper: CSVRecord?, lower: CSVRecord) -> TableHeader {
        let width = max(upper?.count ?? 0, lower.count)
        var roles: [ColumnRole] = []
        var names: [String] = []
        var group = ""
        var seen = Set<ColumnRole>()
        for c in 0..<width {
            let top = upper.map { ThaiText.trimmed($0.displayText(c)) } ?? ""
            if !top.isEmpty { group = top }
            let cell = ThaiText.trimmed(lower.displayText(c))
            var candidates: [String] = []
            if !cell.isEmpty {
                candidates.append(cell)
                if !group.isEmpty { candidates.append(group + " " + cell) }
            } else if !top.isEmpty {
                candidates.append(top)
            }
            var role = ColumnRole.unknown
            for name in candidates {
                if let f = aliases.field(for: name) {
                    role = .field(f)
                    break
                }
                if let m = monthOf(name) {
                    role = .month(m)
                    break
                }
            }
            // A second column with the same role is kept out of the figures, not allowed to override.
            if role != .unknown, !seen.insert(role).inserted { role = .unknown }
            roles.append(role)
            names.append(cell.isEmpty ? top : (top.isEmpty || upper == nil ? cell : top + " / " + cell))
        }
        return TableHeader(
            roles: roles, names: names, firstRecord: upper?.ordinal ?? lower.ordinal, lastRecord: lower.ordinal,
            line: lower.line, rawCells: (0..<lower.count).map { c in lower.withCellBytes(c) { Array($0) } })
    }

    /// The fate of one record below the header.
    func classify(_ record: CSVRecord, header: TableHeader) -> TableEvent {
        if record.isBlank { return .skipped(record, .blank) }
        if header.matchesNames(record) { return .skipped(record, .repeatedHeader) }
        let idColumn = header.column(of: .projectID)
        let idEmpty =
            idColumn.map { c in
                // A visible ASCII character survives trimming: only a cell without one needs the full check.
                record.withCellBytes(c) { bytes in !bytes.contains { $0 > 0x20 && $0 < 0x7F } }
                    && ThaiText.trimmed(record.displayText(c)).isEmpty
            } ?? true
        if idEmpty,
            let first = (0..<record.count).lazy.map({ ThaiText.trimmed(record.displayText($0)) })
                .first(where: { !$0.isEmpty }),
            first.hasPrefix("รวม") || first.lowercased().hasPrefix("total")
        {
            return .skipped(record, .subtotal)
        }
        if record.count > header.roles.count {
            let extra = (header.roles.count..<record.count).filter { record.cellLength($0) > 0 }
            if let firstExtra = extra.first {
                return .ragged(record, column: firstExtra, expected: header.roles.count)
            }
        }
        return .data(TableRow(record: record, header: header))
    }
}

/// The header of a file: what each column holds and what it was called. A class: every data row
/// carries it, and a row's copy then costs one reference, not one per array.
public final class TableHeader: Sendable {
    public let roles: [ColumnRole]
    /// Each column's name as headed in the file (both rows of a two-row header, joined by " / ").
    public let names: [String]
    /// Ordinal of the header's first and last record.
    public let firstRecord: Int
    public let lastRecord: Int
    /// Physical line of the header's (last) row.
    public let line: Int
    /// The header row's cells as bytes, to spot the header repeated below the data.
    let rawCells: [[UInt8]]

    /// Mapped columns ordered by what they hold, not where they stand.
    let mappedColumnsInFieldOrder: [(Int, ColumnRole)]
    /// The column of each field (by `Field.ordinal`), -1 for none: looked up for every cell of every row.
    private let fieldColumns: [Int]

    init(roles: [ColumnRole], names: [String], firstRecord: Int, lastRecord: Int, line: Int, rawCells: [[UInt8]]) {
        self.roles = roles
        self.names = names
        self.firstRecord = firstRecord
        self.lastRecord = lastRecord
        self.line = line
        self.rawCells = rawCells
        mappedColumnsInFieldOrder = roles.enumerated().filter { $0.element != .unknown }
            .sorted { $0.element.name < $1.element.name }
            .map { ($0.offset, $0.element) }
        var columns = [Int](repeating: -1, count: Field.allCases.count)
        for field in Field.allCases { columns[field.ordinal] = roles.firstIndex(of: .field(field)) ?? -1 }
        fieldColumns = columns
    }

    /// Number of distinct known fields and months: how strongly this looks like a header.
    public var score: Int { roles.filter { $0 != .unknown }.count }

    public func column(of field: Field) -> Int? {
        let c = fieldColumns[field.ordinal]
        return c < 0 ? nil : c
    }

    public var fields: Set<Field> {
        Set(roles.compactMap { if case .field(let f) = $0 { f } else { nil } })
    }

    public var months: [(column: Int, month: YearMonth)] {
        roles.enumerated().compactMap { i, role in
            if case .month(let m) = role { (i, m) } else { nil }
        }
    }

    /// The name a column had in the file, for messages ("column 5" when it had none).
    public func name(ofColumn c: Int) -> String {
        c < names.count && !names[c].isEmpty ? names[c] : "column \(c + 1)"
    }

    /// The header row again (bureaus paste it above each block): the mapped cells repeat it byte for byte.
    func matchesNames(_ record: CSVRecord) -> Bool {
        var matched = 0
        for (c, role) in roles.enumerated() where role != .unknown && c < rawCells.count && !rawCells[c].isEmpty {
            let same = record.withCellBytes(c) { $0.elementsEqual(rawCells[c]) }
            if !same { return false }
            matched += 1
        }
        return matched >= 2
    }
}

/// A data record with its header, read by field.
public struct TableRow: Sendable {
    public let record: CSVRecord
    public let header: TableHeader

    /// The cell of `field`, trimmed; "" when the file has no such column or the row is short.
    /// nil when the cell's bytes are not valid UTF-8.
    public func text(_ field: Field) -> String? {
        guard let c = header.column(of: field) else { return "" }
        return record.text(c).map(ThaiText.trimmed)
    }

    /// The name of `field`'s column as the file heads it.
    public func columnName(_ field: Field) -> String {
        header.column(of: field).map(header.name(ofColumn:)) ?? field.rawValue
    }
}

/// Why a record below the header is not data.
public enum SkipReason: String, Sendable, Hashable, CaseIterable {
    case title
    case blank
    case subtotal
    case repeatedHeader = "repeated_header"
    /// A valid row dated after the run's as-of date: it counts in a later round.
    case afterAsOf = "after_as_of"
    /// A row dated in another fiscal year that has a plan: outside the scope of the year reported.
    case outsideYear = "outside_year"
    /// A row hidden in a workbook's sheet: not read.
    case hidden
}

/// What became of one record.
public enum TableEvent: Sendable {
    case header(CSVRecord)
    case skipped(CSVRecord, SkipReason)
    case data(TableRow)
    /// More non-empty cells than the header has columns: the cells may have shifted.
    case ragged(CSVRecord, column: Int, expected: Int)
    case malformed(CSVSyntaxError)
    /// A record of a file in which no header was found: rejected with the file.
    case withoutHeader(CSVRecord)
}

public struct TableSummary: Sendable {
    public let header: TableHeader?
    public let missingHeader: MissingHeader?
    public let statistics: CSVReadStatistics
}

/// A file in which no row names enough known columns to be a header.
public struct MissingHeader: Error, CustomStringConvertible, Sendable {
    public let file: String
    public let headersSeen: [String]
    public var description: String {
        "\(file): no header row found in the first rows; the file's first row has: "
            + (headersSeen.isEmpty ? "(nothing)" : headersSeen.map { "\"\($0)\"" }.joined(separator: ", "))
    }
}
