import RollupBase
import RollupReading

/// A column of an output CSV: its name, what the data dictionary says of it, and how a row fills it.
public struct ColumnSpec<Row>: Sendable {
    public let name: String
    public let thai: String
    public let type: String
    public let unit: String
    public let meaning: String
    /// Whether a cell may be empty (null in JSON); figures that can be unknown are.
    public let nullable: Bool
    /// The only texts the column holds, when it is a closed list (the schema's `enum`).
    public let values: [String]?
    let cell: @Sendable (Row) -> OutputCell

    /// The JSON type of the column's values.
    var jsonType: String {
        switch ColumnType(rawValue: type) {
        case .integer: "integer"
        case .decimal: "number"
        case .boolean: "boolean"
        default: "string"
        }
    }

    public init(
        _ name: String, _ thai: String, _ type: ColumnType, unit: String = "", _ meaning: String,
        nullable: Bool = true, values: [String]? = nil, _ cell: @escaping @Sendable (Row) -> OutputCell
    ) {
        self.name = name
        self.thai = thai
        self.type = type.rawValue
        self.unit = unit
        self.meaning = meaning
        self.nullable = nullable
        self.values = values
        self.cell = cell
    }

    /// The JSON Schema of the column's values.
    var schema: JSONValue {
        let kind: (String, JSONValue)
        if let values {
            kind = ("enum", .array(values.map(JSONValue.string) + (nullable ? [.null] : [])))
        } else {
            kind = ("type", nullable ? .array([.string(jsonType), .string("null")]) : .string(jsonType))
        }
        return .object([("title", .string(thai)), ("description", .string(meaning)), kind])
    }
}

/// The kinds of value a column holds, as the data dictionary names them.
public enum ColumnType: String, Sendable {
    case text, integer, decimal, date, month, code, boolean
}

/// One output CSV: its file name, its columns, and its rows rendered the Excel-safe way.
public struct TableSpec<Row>: Sendable {
    public let file: String
    /// The table's key in summary.json.
    public let key: String
    public let about: String
    public let columns: [ColumnSpec<Row>]

    /// Whether the file's header row shows the Thai labels (a file for people, such as a bureau's
    /// rejects) instead of the column names; the data dictionary gives both either way.
    public let thaiHeader: Bool

    public init(file: String, key: String, about: String, columns: [ColumnSpec<Row>], thaiHeader: Bool = false) {
        self.file = file
        self.key = key
        self.about = about
        self.columns = columns
        self.thaiHeader = thaiHeader
    }

    /// One row as a JSON object: the same cells as its CSV row, keyed by column name (empty → null).
    public func json(_ row: Row) -> JSONValue {
        .object(columns.map { ($0.name, $0.cell(row).json) })
    }

    /// The JSON Schema of `json(_:)`: every column required, typed by its column type (or its closed
    /// list of values), null allowed where a cell can be empty; the Thai label and meaning as title
    /// and description.
    public var schema: JSONValue {
        .object([
            ("type", .string("object")),
            ("description", .string(about)),
            ("required", .array(columns.map { .string($0.name) })),
            ("properties", .object(columns.map { ($0.name, $0.schema) })),
            ("additionalProperties", .bool(false)),
        ])
    }

    public func render(_ rows: some Sequence<Row>) -> [UInt8] {
        var csv = writer()
        for row in rows { append(row, to: &csv) }
        return csv.bytes
    }

    /// A writer with this table's header, for rows appended one at a time.
    public func writer() -> SpreadsheetCSV { SpreadsheetCSV(header: columns.map { thaiHeader ? $0.thai : $0.name }) }

    public func append(_ row: Row, to csv: inout SpreadsheetCSV) {
        csv.append(columns.map { $0.cell(row) })
    }

    /// The text of column `name` for `row` as a reader gets it back from this table's CSV; nil when
    /// the table has no such column.
    public func writtenText(_ row: Row, column name: String) -> String? {
        columns.first { $0.name == name }.map { SpreadsheetCSV.writtenText($0.cell(row)) }
    }

    /// This table's lines of the data dictionary.
    public var dictionary: [[OutputCell]] {
        columns.map { c in [.text(file), .text(c.name), .text(c.thai), .text(c.type), .text(c.unit), .text(c.meaning)] }
    }
}
