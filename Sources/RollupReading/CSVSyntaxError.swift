/// A stretch of a file that libcsv refused or that broke a limit; reading goes on after it.
public struct CSVSyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: Hashable, Sendable {
        /// The file ends inside a quoted cell (a quote was opened and never closed).
        case unterminatedQuote
        /// A quote where CSV allows none, e.g. `"ab"c` or `24" screen` in an unquoted cell.
        case malformedQuote
        case cellTooLarge(limit: Int)
        case tooManyCells(limit: Int)
        case recordTooLarge(limit: Int)
        /// A cell holds a NUL byte: binary data, never text a spreadsheet writes.
        case nulByte
    }

    public let file: String
    /// Physical line of the fault.
    public let line: Int
    /// Physical line on which the broken record started.
    public let recordLine: Int
    /// Spreadsheet row of the broken record.
    public let row: Int
    /// 1-based cell position within the record.
    public let column: Int
    public let kind: Kind

    public var message: String {
        switch kind {
        case .unterminatedQuote:
            "the file ends inside a quoted cell that starts in the record "
                + "on line \(recordLine); a closing quote is missing"
        case .malformedQuote:
            "a quote mark breaks the CSV quoting rules (a cell with a quote in it must be "
                + "wholly quoted, with the quote doubled); the rest of this line is skipped"
        case .cellTooLarge(let limit):
            "a cell is larger than \(limit) bytes; the rest of this line is skipped"
        case .tooManyCells(let limit):
            "the record has more than \(limit) cells; the rest of this line is skipped"
        case .recordTooLarge(let limit):
            "the record's cells hold more than \(limit) bytes together; the rest of this line is skipped"
        case .nulByte:
            "a cell holds a NUL byte (binary data, not text); the record is skipped"
        }
    }

    public var description: String { "\(file):\(line):\(column): \(message)" }
}
