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
    /// The form sheet of `agency` alone, printed by LibreOffice: pdfinfo's report and the text, without
    /// whitespace (pdftotext puts spaces inside Thai words).
    static func printed(_ outcome: Pipeline.Outcome, agency: String) throws -> (info: String, text: String) {
        let folder = try makeTemporaryFolder("form-pdf")
        defer { try? FileManager.default.removeItem(at: folder) }
        let workbook = try #require(outcome.files.first { $0.name == SummaryWorkbook.file })
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
                whole.path, form.path, ReportFormSheet.sheetName(agency),
            ])
        #expect(keep.status == 0, "\(keep.output)")
        let convert = try runTool(
            "soffice", ["--headless", "--convert-to", "pdf", "--outdir", folder.path, form.path],
            environment: ["HOME": folder.path])
        let pdf = folder.appendingPathComponent("form.pdf")
        try #require(FileManager.default.fileExists(atPath: pdf.path), "LibreOffice made no PDF: \(convert.output)")
        let info = try runTool("pdfinfo", [pdf.path]).output
        let text = try runTool("pdftotext", ["-layout", pdf.path, "-"]).output
        return (info, text.filter { !$0.isWhitespace })
    }

    static func pages(_ info: String) -> Int? {
        info.split(separator: "\n").first { $0.hasPrefix("Pages:") }.flatMap {
            Int($0.dropFirst("Pages:".count).trimmingCharacters(in: .whitespaces))
        }
    }

    @Test("one A4 landscape page with the form's title, year, round, agency, measures and closing counts")
    func printed() throws {
        let (info, printed) = try Self.printed(GoldenSmallTests.outcome, agency: "สผ.")
        #expect(Self.pages(info) == 1, "\(info)")
        #expect(info.contains("841.89 x 595.") && info.contains("(A4)"), "A4 landscape: \(info)")
        for expected in [
            ReportFormSheet.title, "ประจำปีงบประมาณ พ.ศ. ๒๕๖๒ รอบ ๖ เดือน", "ส่วนราชการ: สผ.", "มาตรการที่ ๑",
            "มาตรการที่ ๒", "สผ-62-005", "ผลการดำเนินการในภาพรวมคิดเป็นร้อยละ", "ยังไม่ดำเนินการ 1 โครงการ/กิจกรรม",
        ] {
            #expect(printed.contains(expected.filter { !$0.isWhitespace }), "the PDF shows \(expected)")
        }
    }

    /// The shipped plan's projects are wordy (names up to 280 characters, two-line sentences in four
    /// columns), and rows are as tall as Excel needs for TH Sarabun New (21 points a line), so a page
    /// holds about ten of them; the bound catches a layout that spreads them further.
    @Test(
        "the shipped input's forms print about ten projects a page, every project and the problems section included",
        arguments: ["สผ.", "สว."])
    func shippedDensity(agency: String) throws {
        let outcome = ShippedInputTests.outcome
        let (info, printed) = try Self.printed(outcome, agency: agency)
        let projects = outcome.summary.projects.filter { $0.project.agency == agency }
        #expect(projects.count > 20)
        let pages = try #require(Self.pages(info))
        #expect(pages <= (projects.count + 9) / 10 + 1, "\(projects.count) projects on \(pages) pages")
        for p in projects { #expect(printed.contains(p.project.id), "\(p.project.id) is printed") }
        #expect(printed.contains("ปัญหาอุปสรรคและข้อเสนอแนะ"))
    }
}
