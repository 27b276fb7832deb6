import Foundation
import RollupBase
import RollupReading

/// A bureau's export written back as the clerk knows it, as an .xlsx (`validate --format xlsx`): each
/// refused cell filled red-ish and each noticed cell amber, with a comment holding the reason and
/// what to do in Thai, then in English with the code; a second, printable sheet lists every refusal
/// and notice of the file, whole-file ones included. The clerk fixes the copy in place.
///
/// The file is read again by the job's own reader (`InputFile`, `TableReader`, libcsv), from the bytes
/// the validation read, record by record: every record at its spreadsheet row (`CSVRecord.row`, so
/// title rows keep their place and a cell holding line breaks stays one cell), every cell as text
/// exactly as received (spaces around it kept; only a line break inside a cell is written as a
/// workbook writes one, LF, whether it came as CR LF or CR). Memory is bounded by what one record and one sheet row hold (libxlsxwriter in
/// constant-memory mode; the header search holds a dozen records), plus the file's marks, at most
/// `maxMarks`, held without their records, and their comments, which libxlsxwriter keeps until it
/// closes the file (about 1 KB each, so 10 MB at worst). A file with more marks gets no copy.
public struct MarkedCopy: Sendable {
    /// Refusals and notices one copy holds at most; the file's rejects list has them all.
    public static let maxMarks = 10_000
    /// The second sheet: every refusal and notice of the file, for print.
    public static let listSheet = "ต้องแก้ไข"

    /// One refusal or notice of the file.
    public struct Mark: Sendable {
        public let reject: Reject
        public let isNotice: Bool
    }

    /// The file as messages name it (`Reject.file`).
    public let displayPath: String
    /// By spreadsheet row, whole-file marks (row 0) first; in a row, refusals before notices, each in
    /// the order found.
    public let marks: [Mark]

    public init(displayPath: String, refusals: [Reject], notices: [Reject]) {
        self.displayPath = displayPath
        let all = refusals.map { Mark(reject: $0, isNotice: false) } + notices.map { Mark(reject: $0, isNotice: true) }
        marks = all.enumerated().sorted { ($0.element.reject.row, $0.offset) < ($1.element.reject.row, $1.offset) }
            .map(\.element)
    }

    public var refusals: Int { marks.filter { !$0.isNotice }.count }
    public var notices: Int { marks.filter(\.isNotice).count }

    /// The file's name, without its folders.
    public var fileName: String { (displayPath as NSString).lastPathComponent }

    /// Reads `source` (the bytes that were validated) with `tableReader` and writes the copy to `path`;
    /// libxlsxwriter's temporary files go beside it. `created` is the document's time, so the same
    /// file gives the same bytes. Throws `MarkedCopyNotMade` when the file cannot be read to its end or
    /// has more rows than a sheet holds, and `WorkbookError` when the copy cannot be written.
    public func render(
        source: String, to path: String, tableReader: TableReader, limits: CSVLimits, created: Date
    ) throws {
        var file: InputFile
        do {
            file = try InputFile(path: source, displayPath: displayPath, limits: limits)
            // As the clerk's spreadsheet shows the cell: with the spaces around it.
            file.dialect.keepsSpaces = true
        } catch {
            throw MarkedCopyNotMade(
                english: "the file cannot be read as text (\(error))", thai: "อ่านไฟล์นี้เป็นข้อความไม่ได้")
        }
        let workbook = try Workbook(
            path: path, scratch: (path as NSString).deletingLastPathComponent,
            title: "\(fileName): ที่ต้องแก้ไข / to fix (plan-rollup validate)", created: created)
        var writer = MarkedSheetWriter(
            sheet: try workbook.addSheet(Self.sheetName(for: fileName)), marks: marks.filter { $0.reject.row > 0 })
        do {
            try tableReader.read(file) { event in try writer.take(event) }
        } catch let error as WorkbookError {
            throw error
        } catch let error as MarkedCopyNotMade {
            throw error
        } catch {
            throw MarkedCopyNotMade(
                english: "reading stopped before the end of the file (\(error))", thai: "อ่านไฟล์ไม่สำเร็จจนจบ")
        }
        try writer.finish()
        try writeList(into: workbook)
        try workbook.close()
    }

    /// The list sheet: a title, the headings, then one row per refusal and notice, printed A4
    /// landscape one page wide with the headings on every page.
    private func writeList(into workbook: Workbook) throws {
        let sheet = try workbook.addSheet(Self.listSheet)
        try sheet.text(
            0, 0,
            "\(fileName): ไม่รับ \(refusals) รายการ ข้อสังเกต \(notices) รายการ / \(refusals) refused, \(notices) notices")
        let headings: [(String, Double)] = [
            ("แถวที่", 8), ("คอลัมน์", 20), ("ค่าที่ส่งมา", 20), ("ผลการตรวจ", 11), ("เหตุผล", 40), ("วิธีแก้", 36),
            ("English", 48), ("รหัส (code)", 24),
        ]
        for (c, heading) in headings.enumerated() {
            try sheet.text(1, c, heading.0, .heading)
            try sheet.width(c, heading.1)
        }
        for (i, mark) in marks.enumerated() {
            let r = mark.reject
            let fix = r.code.fix
            let row = i + 2
            if r.row > 0 {
                try sheet.number(row, 0, Double(r.row), .listText)
            } else {
                try sheet.text(row, 0, "ทั้งไฟล์", .listText)
            }
            let cells = [
                r.column.isEmpty ? (r.row > 0 ? "ทั้งแถว" : "") : r.column, r.raw,
                mark.isNotice ? "ข้อสังเกต" : "ไม่รับ", r.thai, fix.thai,
                "\(r.english); to fix: \(fix.english)", r.code.rawValue,
            ]
            for (c, text) in cells.enumerated() { try sheet.text(row, c + 1, text, .listText) }
        }
        sheet.freeze(rows: 2)
        try sheet.printOnA4Landscape(repeat: 1...1)
    }

    /// A sheet name from the file's name: without its extension and the characters Excel refuses,
    /// at most 31 characters, never the list sheet's.
    static func sheetName(for fileName: String) -> String {
        let refused = Set("[]:*?/\\".unicodeScalars)
        let stem = (fileName as NSString).deletingPathExtension
        let kept = stem.unicodeScalars.filter { !refused.contains($0) && $0.value >= 0x20 }
        let name = String(String.UnicodeScalarView(kept.prefix(31))).trimmingCharacters(
            in: CharacterSet(charactersIn: "' "))
        return name.isEmpty || name == listSheet || name.lowercased() == "history" ? "ข้อมูล" : name
    }

    /// What a comment says about one mark: the reason and what to do in Thai, then in English, and the code.
    static func comment(_ mark: Mark) -> String {
        let r = mark.reject
        let fix = r.code.fix
        let place = r.column.isEmpty ? "ทั้งแถว" : "คอลัมน์ \(r.column)"
        return """
            \(mark.isNotice ? "ข้อสังเกต" : "ไม่รับ") (\(place)): \(r.thai)
            วิธีแก้: \(fix.thai)
            \(mark.isNotice ? "Notice" : "Refused"): \(r.english)
            To fix: \(fix.english) [\(r.code.rawValue)]
            """
    }
}

/// A marked copy could not be made from the file (it cannot be read whole, or a sheet cannot hold it):
/// the printed report says so; the rejects list still has every refusal.
public struct MarkedCopyNotMade: Error, CustomStringConvertible, Sendable {
    public let english: String
    public let thai: String
    public var description: String { english }
}
