/// A stable code for why a row or file was refused, for filtering in Excel and counting in logs.
package enum RejectCode: String, Sendable, Hashable, CaseIterable, Comparable {
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

    package static func < (a: RejectCode, b: RejectCode) -> Bool { a.rawValue < b.rawValue }
}

/// One refused row or file: where it was, what was there, and why, in English and Thai.
package struct Reject: Error, Sendable, Hashable {
    package let code: RejectCode
    /// File path relative to the input folder.
    package let file: String
    /// Physical line where the record starts (0 for a whole file).
    package let line: Int
    /// Row number as the bureau's spreadsheet shows it (0 for a whole file).
    package let row: Int
    /// The column as headed in the bureau's file ("" for a whole row or file).
    package let column: String
    /// The cell's text as received ("" when the fault is not one cell).
    package let raw: String
    /// The whole original record's cells.
    package let record: [String]
    package let english: String
    package let thai: String

    package init(
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
    package var message: String {
        var s = "\(file):\(line): [\(code.rawValue)]"
        if !column.isEmpty { s += " \(column)" }
        if !raw.isEmpty { s += " \"\(raw)\"" }
        return s + ": " + english
    }
}
