/// Delimiter and quote of a CSV file.
package struct CSVDialect: Hashable, Sendable {
    package var delimiter: UInt8
    package var quote: UInt8

    package init(delimiter: UInt8 = UInt8(ascii: ","), quote: UInt8 = UInt8(ascii: "\"")) {
        self.delimiter = delimiter
        self.quote = quote
    }

    package static let comma = CSVDialect()
    package static let semicolon = CSVDialect(delimiter: UInt8(ascii: ";"))
    package static let tab = CSVDialect(delimiter: 0x09)

    /// The delimiter as people name it in messages and manifests.
    package var delimiterName: String {
        switch delimiter {
        case UInt8(ascii: ","): "comma"
        case UInt8(ascii: ";"): "semicolon"
        case 0x09: "tab"
        default: "0x" + String(delimiter, radix: 16)
        }
    }
}
