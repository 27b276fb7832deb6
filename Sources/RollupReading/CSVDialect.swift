/// Delimiter and quote of a CSV file.
public struct CSVDialect: Hashable, Sendable {
    public var delimiter: UInt8
    public var quote: UInt8
    /// Keep the spaces and tabs around an unquoted cell, which libcsv drops by default: a marked copy
    /// shows the cell as the clerk's spreadsheet does (the figures trim every cell anyway).
    public var keepsSpaces = false

    public init(delimiter: UInt8 = UInt8(ascii: ","), quote: UInt8 = UInt8(ascii: "\"")) {
        self.delimiter = delimiter
        self.quote = quote
    }

    public static let comma = CSVDialect()
    public static let semicolon = CSVDialect(delimiter: UInt8(ascii: ";"))
    public static let tab = CSVDialect(delimiter: 0x09)

    /// The delimiter as people name it in messages and manifests.
    public var delimiterName: String {
        switch delimiter {
        case UInt8(ascii: ","): "comma"
        case UInt8(ascii: ";"): "semicolon"
        case 0x09: "tab"
        default: "0x" + String(delimiter, radix: 16)
        }
    }
}
