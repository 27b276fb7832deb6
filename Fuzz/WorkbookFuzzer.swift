import Foundation
import PlanRollup

/// libFuzzer entry point for the workbook reader over arbitrary bytes written as an .xlsx: the zip,
/// the workbook's parts, the shared strings and the sheet, then the table reader over its rows.
/// Every outcome is a read or a `WorkbookRefusal`; anything else (a crash, a hang, a record wider
/// than the limit) is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWorkbook(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("fuzz-\(getpid()).xlsx").path
    FileManager.default.createFile(atPath: path, contents: Data(bytes: data, count: size))
    defer { unlink(path) }
    let limits = WorkbookLimits(
        maxFileBytes: 1 << 20, maxEntries: 64, maxPartBytes: 1 << 20, maxSharedStringBytes: 1 << 18)
    let reader = TableReader()
    do {
        let workbook = try WorkbookFile(
            path: path, limits: limits, maxCells: 64, maxCellBytes: 4_096, recognises: reader.recognises)
        var last = 0
        try reader.read(workbook) { event in
            guard case .data(let row) = event else { return }
            require(row.record.count <= 64, "a record of \(row.record.count) cells")
            require(row.record.row > last, "rows out of order")
            last = row.record.row
            for field in Field.allCases { _ = row.text(field) }
        }
    } catch is WorkbookRefusal {
    } catch {
        require(false, "not a refusal: \(error)")
    }
    return 0
}
