/// A stable code for why a row or file was refused, for filtering in Excel and counting in logs.
public enum RejectCode: String, Sendable, Hashable, CaseIterable, Comparable {
    case undecodableFile = "file.undecodable"
    case unreadableFile = "file.unreadable"
    case outsideInput = "file.outside_input"
    /// The file's figures would carry a run total past what 64-bit sums hold: nothing of it is counted.
    case sumTooLarge = "file.sum_too_large"
    case missingHeader = "file.no_header"
    case malformedCSV = "row.malformed_csv"
    case raggedRow = "row.too_many_cells"
    case invalidText = "row.invalid_text"
    case unknownProject = "project.unknown_id"
    case unmatchedName = "project.unmatched_name"
    case ambiguousName = "project.ambiguous_name"
    case missingProject = "project.missing"
    case badDate = "date.invalid"
    case dateOutsideYear = "date.outside_fiscal_year"
    case badActivities = "activities.invalid"
    case badParticipants = "participants.invalid"
    case badSpent = "spent.invalid"
    case badResult = "result_pct.invalid"
    case badStatus = "status.unknown"
    case figureTooLarge = "figure.too_large"
    case dateAfterYear = "date.after_fiscal_year"
    case ambiguousDateOrder = "date.ambiguous_order"
    case otherAgency = "project.other_agency"
    /// Notices: counted once, or counted and flagged.
    case duplicateFile = "file.duplicate"
    case duplicateRow = "row.duplicate_of_other_file"
    case repeatedRow = "row.repeated_in_file"
    case otherBureau = "row.other_bureau"
    case cancelledCounts = "row.cancelled_with_counts"

    public static func < (a: RejectCode, b: RejectCode) -> Bool { a.rawValue < b.rawValue }
}

/// One refused row or file: where it was, what was there, and why, in English and Thai.
public struct Reject: Error, Sendable, Hashable {
    public let code: RejectCode
    /// File path relative to the input folder.
    public let file: String
    /// Physical line where the record starts (0 for a whole file).
    public let line: Int
    /// Row number as the bureau's spreadsheet shows it (0 for a whole file).
    public let row: Int
    /// The column as headed in the bureau's file ("" for a whole row or file).
    public let column: String
    /// The cell's text as received ("" when the fault is not one cell).
    public let raw: String
    /// The whole original record's cells.
    public let record: [String]
    public let english: String
    public let thai: String

    public init(
        code: RejectCode, file: String, line: Int, row: Int, column: String = "", raw: String = "",
        record: [String] = [], english: String, thai: String
    ) {
        self.code = code
        self.file = file
        self.line = line
        self.row = row
        self.column = column
        self.raw = raw
        self.record = record
        self.english = english
        self.thai = thai
    }

    /// `file:line: [code] column "raw": reason`, for logs and terminals.
    public var message: String {
        var s = "\(file):\(line): [\(code.rawValue)]"
        if !column.isEmpty { s += " \(column)" }
        if !raw.isEmpty { s += " \"\(raw)\"" }
        return s + ": " + english
    }
}
