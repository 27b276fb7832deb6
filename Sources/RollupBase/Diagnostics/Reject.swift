/// A stable code for why a row or file was refused, for filtering in Excel and counting in logs.
public enum RejectCode: String, Sendable, Hashable, CaseIterable, Comparable {
    case undecodableFile = "file.undecodable"
    case unreadableFile = "file.unreadable"
    case outsideInput = "file.outside_input"
    /// An .xlsx that is not a workbook the job can read (a damaged zip, a zip bomb, XML that is not
    /// well-formed, a part out of range).
    case badWorkbook = "file.bad_workbook"
    /// In a bureau's folder but not a CSV export: a workbook, another kind of file, a folder.
    case notAnExport = "file.not_an_export"
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
    /// The project id names a plan year (สผ-63-001) and the row's date lies in another plan year.
    case yearMismatch = "project.year_mismatch"
    /// Notices: counted once, or counted and flagged.
    case duplicateFile = "file.duplicate"
    case duplicateRow = "row.duplicate_of_other_file"
    case repeatedRow = "row.repeated_in_file"
    case otherBureau = "row.other_bureau"
    /// Notice: rows hidden in a workbook's sheet, or hidden sheets, not read.
    case hiddenRows = "row.hidden"
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
    /// The workbook's sheet the row is on ("" for a CSV file): its rows are the sheet's.
    public var sheet = ""

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

    /// Where, in a clerk's words: "แถวที่ 12 คอลัมน์ วันที่ ค่า "31/02/2562"" (the spreadsheet row as Excel
    /// numbers it, the column as headed in the file, the cell as received), or "ทั้งไฟล์".
    public var placeThai: String {
        guard row > 0 else { return "ทั้งไฟล์" }
        var s = (sheet.isEmpty ? "" : "แผ่นงาน \(sheet) ") + "แถวที่ \(row)"
        if !column.isEmpty { s += " คอลัมน์ \(column)" }
        if !raw.isEmpty { s += " ค่า \"\(raw)\"" }
        return s
    }

    /// The same in English: "row 12, column วันที่, value "31/02/2562"", or "whole file".
    public var placeEnglish: String {
        guard row > 0 else { return "whole file" }
        var s = (sheet.isEmpty ? "" : "sheet \(sheet), ") + "row \(row)"
        if !column.isEmpty { s += ", column \(column)" }
        if !raw.isEmpty { s += ", value \"\(raw)\"" }
        return s
    }

    /// `file แถวที่ 12 …: reason in Thai (row 12: reason in English) [code]`, for terminals and logs:
    /// the spreadsheet row a clerk sees, never the text line.
    public var message: String {
        "\(file) \(placeThai): \(thai) (\(row > 0 ? "row \(row)" : "whole file"): \(english)) [\(code.rawValue)]"
    }
}
