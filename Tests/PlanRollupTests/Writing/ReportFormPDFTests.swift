import Foundation
import Testing

@testable import PlanRollup
@testable import RollupBase
@testable import RollupCore
@testable import RollupReading

/// Runs `command` with `arguments`, its output to a file, and returns its exit status and output.
func runTool(_ command: String, _ arguments: [String], environment: [String: String] = [:]) throws
    -> (status: Int32, output: String)
{
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [command] + arguments
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (process.terminationStatus, output)
}

/// The report form as an executive meets it: printed. The golden run's form sheet of สผ. is converted
/// to PDF by LibreOffice headless and read back with poppler.
@Suite("The report form printed to PDF")
struct ReportFormPDFTests {
    @Test("one A4 landscape page with the form's title, year, round, agency, measures and closing counts")
    func printed() throws {
        let folder = try makeTemporaryFolder("form-pdf")
        defer { try? FileManager.default.removeItem(at: folder) }
        let workbook = try #require(GoldenSmallTests.outcome.files.first { $0.name == SummaryWorkbook.file })
        let whole = folder.appendingPathComponent("summary.xlsx")
        try Data(workbook.bytes).write(to: whole)
        // Only the form's sheet, as a person prints it.
        let form = folder.appendingPathComponent("form.xlsx")
        let keep = try runTool(
            "python3",
            [
                "-c",
                "import sys, openpyxl\nwb = openpyxl.load_workbook(sys.argv[1])\n"
                    + "[wb.remove(wb[n]) for n in wb.sheetnames if n != sys.argv[3]]\nwb.save(sys.argv[2])",
                whole.path, form.path, ReportFormSheet.sheetName("สผ."),
            ])
        #expect(keep.status == 0, "\(keep.output)")
        let convert = try runTool(
            "soffice", ["--headless", "--convert-to", "pdf", "--outdir", folder.path, form.path],
            environment: ["HOME": folder.path])
        let pdf = folder.appendingPathComponent("form.pdf")
        try #require(FileManager.default.fileExists(atPath: pdf.path), "LibreOffice made no PDF: \(convert.output)")
        let info = try runTool("pdfinfo", [pdf.path])
        #expect(info.output.contains("Pages:           1"), "\(info.output)")
        #expect(info.output.contains("841.89 x 595.") && info.output.contains("(A4)"), "A4 landscape: \(info.output)")
        let text = try runTool("pdftotext", ["-layout", pdf.path, "-"]).output
        // pdftotext puts spaces inside Thai words; compare without them.
        let printed = text.filter { !$0.isWhitespace }
        for expected in [
            ReportFormSheet.title, "ประจำปีงบประมาณ พ.ศ. ๒๕๖๒ รอบ ๖ เดือน", "ส่วนราชการ: สผ.", "มาตรการที่ ๑",
            "มาตรการที่ ๒", "สผ-62-005", "ผลการดำเนินการในภาพรวมคิดเป็นร้อยละ", "ยังไม่ดำเนินการ 1 โครงการ/กิจกรรม",
        ] {
            #expect(printed.contains(expected.filter { !$0.isWhitespace }), "the PDF shows \(expected)")
        }
    }
}
