import Foundation
import RollupBase

/// One `.xlsx` export opened for reading: one of its sheets, row by row, as records the same
/// `TableReader` reads from a CSV, each numbered by the sheet's own row number. A workbook is one
/// more kind of input file, not a second pipeline.
///
/// The sheet read is the one named (the registry's `sheet`), else the first visible sheet whose
/// header the job recognises, else the first visible sheet (whose missing header is then refused as
/// a CSV's would be). Hidden rows are passed over and listed in `hiddenRows`; other sheets are not read.
public final class WorkbookFile {
    public let path: String
    public let displayPath: String
    /// The sheet read, as the workbook names it.
    public let sheetName: String
    /// The workbook's hidden sheets other than the one read: not read.
    public let hiddenSheets: [String]
    /// Rows of that sheet that were hidden, and so not read (filled by `forEach`).
    public private(set) var hiddenRows: [Int] = []
    private let container: XLSXContainer
    private let info: XLSXWorkbookInfo
    private let strings: [String]
    private let part: String
    private let maxCells: Int
    private let maxCellBytes: Int

    /// Opens `path`; throws a `WorkbookRefusal` with the reason when it is not a workbook the job can
    /// read (not a regular file, larger than `limits.maxFileBytes`, damaged, ...).
    public init(
        path: String, displayPath: String? = nil, limits: WorkbookLimits = WorkbookLimits(),
        maxCells: Int = CSVLimits().maxCells, maxCellBytes: Int = CSVLimits().maxCellBytes, sheet wanted: String? = nil,
        recognises: (([CSVRecord]) -> Bool)? = nil
    ) throws {
        self.path = path
        self.displayPath = displayPath ?? path
        self.maxCells = maxCells
        self.maxCellBytes = maxCellBytes
        let container = try XLSXContainer(path: path, limits: limits)
        self.container = container
        guard container.has("xl/workbook.xml") else {
            throw WorkbookRefusal(
                "not an .xlsx workbook (it has no xl/workbook.xml; .xls and .ods are not read: save it as .xlsx or CSV)",
                thai: "ไม่ใช่ไฟล์ .xlsx (ไฟล์ .xls และ .ods ไม่อ่าน กรุณาบันทึกเป็น .xlsx หรือ CSV)")
        }
        let info = try XLSXWorkbookInfo(container)
        let strings = try info.sharedStringsPart.map { try XLSXSharedStrings.load(container, part: $0) } ?? []
        (self.info, self.strings) = (info, strings)
        // A visible sheet the zip lacks is damage, not a sheet to pass over: the data could be in it.
        if let lost = info.sheets.first(where: { !$0.hidden && !container.has($0.part) }) {
            throw WorkbookRefusal(
                "the workbook's sheet \(lost.name) has no part \(lost.part) in the file: the file is damaged",
                thai: "แผ่นงาน \(lost.name) ในไฟล์สมุดงานเสียหาย (ไม่มีข้อมูลของแผ่นงาน)")
        }
        let visible = info.sheets.filter { !$0.hidden }
        let chosen: XLSXWorkbookInfo.Sheet
        if let wanted {
            guard let named = info.sheets.first(where: { $0.name == wanted }), container.has(named.part) else {
                throw WorkbookRefusal(
                    "the workbook has no sheet named \(wanted) (its sheets: "
                        + info.sheets.map(\.name).joined(separator: ", ") + ")",
                    thai: "ไม่พบแผ่นงานชื่อ \(wanted) ในไฟล์สมุดงาน")
            }
            chosen = named
        } else {
            guard let first = visible.first else {
                throw WorkbookRefusal(
                    "the workbook has no visible sheet to read", thai: "ไฟล์สมุดงานไม่มีแผ่นงานที่แสดงอยู่ให้อ่าน")
            }
            var found: XLSXWorkbookInfo.Sheet?
            if let recognises {
                let reader = XLSXSheetReader(
                    container: container, info: info, strings: strings, maxCells: maxCells, maxCellBytes: maxCellBytes)
                for sheet in visible where found == nil {
                    if try Self.probe(reader, part: sheet.part, recognises) { found = sheet }
                }
            }
            chosen = found ?? first
        }
        sheetName = chosen.name
        part = chosen.part
        hiddenSheets = info.sheets.filter { $0.hidden && $0.name != chosen.name }.map(\.name)
    }

    /// Whether the first rows of a sheet hold a header the job recognises.
    private static func probe(
        _ reader: XLSXSheetReader, part: String, _ recognises: ([CSVRecord]) -> Bool
    ) throws -> Bool {
        var records: [CSVRecord] = []
        struct Enough: Error {}
        do {
            try reader.read(part: part) { row in
                guard !row.hidden else { return }
                records.append(CSVRecord(cells: row.cells, line: row.number))
                if records.count >= 12 { throw Enough() }
            }
        } catch is Enough {}
        return recognises(records)
    }

    /// Every visible row of the sheet in order, as a record numbered by its sheet row (`row` and
    /// `line` alike: a workbook has no text lines). Call once.
    @discardableResult
    public func forEach(_ body: (CSVEvent) throws -> Void) throws -> CSVReadStatistics {
        var statistics = CSVReadStatistics()
        var ordinal = 0
        let reader = XLSXSheetReader(
            container: container, info: info, strings: strings, maxCells: maxCells, maxCellBytes: maxCellBytes)
        try reader.read(part: part) { row in
            if row.hidden {
                hiddenRows.append(row.number)
                return
            }
            ordinal += 1
            var record = CSVRecord(cells: row.cells, line: row.number)
            record.ordinal = ordinal
            statistics.records += 1
            statistics.lines = row.number
            statistics.largestRecordBytes = max(
                statistics.largestRecordBytes, row.cells.reduce(0) { $0 + $1.utf8.count })
            try body(.record(record))
        }
        return statistics
    }
}
