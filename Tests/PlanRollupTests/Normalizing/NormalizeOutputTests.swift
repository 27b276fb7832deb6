import Foundation
import Testing

@testable import PlanRollup
@testable import RollupBase
@testable import RollupCore
@testable import RollupReading

@Suite("plan-rollup normalize")
struct NormalizeOutputTests {
    struct LineCase: CustomTestStringConvertible, Sendable {
        let kind: NormalizeOutput.Kind
        let cell: String
        let line: String
        init(_ kind: NormalizeOutput.Kind, _ cell: String, _ line: String) {
            self.kind = kind
            self.cell = cell
            self.line = line
        }
        var testDescription: String { "\(kind.rawValue) “\(cell)” → \(line)" }
    }

    static let lines: [LineCase] = [
        LineCase(.date, "๒๑ กุมภาพันธ์ ๒๕๖๒", "2019-02-21"),
        LineCase(.date, "ต.ค. ๖๑", "2018-10"),
        LineCase(.date, "43517", "2019-02-21"),
        LineCase(
            .date, "29 ก.พ. ๒๕๖๒",
            "ERROR: date.not_on_calendar: 29 February 2562 BE (2019) is not on the calendar: 2019 is not a leap year"),
        LineCase(.number, "สี่แสนสามหมื่นเก้าพันสองร้อยบาทถ้วน", "439200"),
        LineCase(.number, "๔๓๙,๒๐๐", "439200"),
        LineCase(.number, "1,234.50", "1234.5"),
        LineCase(.number, "0.05", "0.05"),
        LineCase(.number, "(1,234.00)", "-1234"),
        LineCase(.number, "-", "NONE"),
        LineCase(.number, "", "EMPTY"),
        LineCase(.number, "งบประมาณจากแผนบูรณาการ ป.ป.ช.", "SOURCE: งบประมาณจากแผนบูรณาการ ป.ป.ช."),
        LineCase(.number, "ไม่น้อยกว่าร้อยละ ๘๐", "80%"),
        LineCase(.number, "๕๒๐ คน", "520"),
        LineCase(
            .number, "1,00,000",
            "ERROR: number.bad_grouping: “1,00,000” has misplaced thousands "
                + "separators: commas go every 3 digits (1,000,000)"
        ),
        LineCase(.quantity, "๘ ครั้ง/ ๕๒๐ คน", "activities=8 participants=520"),
        LineCase(.quantity, "จำนวน ๑,๐๐๐ คน", "activities=NONE participants=1000"),
        LineCase(.quantity, "๖๐ เรื่อง", "activities=NONE participants=NONE items=60 unit=เรื่อง"),
        LineCase(.count, "จำนวน ๑,๐๐๐ คน", "1000"),
        LineCase(.count, "-", "NONE"),
        LineCase(.percent, "ร้อยละ ๘๐.๕", "80.5"),
        LineCase(.text, " สำนัก  พัฒนาบุคลากร\u{200B} ", "สำนัก พัฒนาบุคลากร"),
    ]

    @Test("one line per cell", arguments: lines)
    func format(_ c: LineCase) {
        #expect(NormalizeOutput.format(c.cell, as: c.kind) == c.line)
    }

    @Test("Thai reasons on request")
    func thaiReasons() {
        let line = NormalizeOutput.format("31 เม.ย. ๖๒", as: .date, thai: true)
        #expect(line.hasPrefix("ERROR: date.not_on_calendar: วันที่ ๓๑ เมษายน ๒๕๖๒ ไม่มีในปฏิทิน"))
    }

    @Test(
        "baht text drops trailing zeros only",
        arguments: [
            (0, "0"), (5, "0.05"), (50, "0.5"), (123_450, "1234.5"),
            (-100, "-1"), (43_920_000, "439200"), (101, "1.01"),
        ])
    func baht(satang: Int64, text: String) {
        #expect(NormalizeOutput.baht(satang) == text)
    }

    /// The built `plan-rollup` binary, next to the test bundle in the build folder.
    static let binary: URL? = {
        var candidates: [URL] = []
        let argument0 = URL(fileURLWithPath: CommandLine.arguments[0])
        candidates.append(argument0.deletingLastPathComponent())
        candidates.append(Bundle.main.bundleURL)
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent())
        for folder in Bundle.allBundles.map(\.bundleURL) {
            candidates.append(folder.deletingLastPathComponent())
        }
        return candidates.map { $0.appendingPathComponent("plan-rollup") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    @Test("the command pipes a column through, line for line", arguments: NormalizeOutput.Kind.allCases)
    func endToEnd(_ kind: NormalizeOutput.Kind) throws {
        let binary = try #require(Self.binary, "plan-rollup was not built next to the tests; run `swift build` first")
        let cells = Self.lines.filter { $0.kind == kind } + [LineCase(kind, "", NormalizeOutput.format("", as: kind))]
        let process = Process()
        process.executableURL = binary
        process.arguments = ["normalize", kind.rawValue]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        let text = cells.map(\.cell).joined(separator: "\r\n") + "\n"
        input.fileHandleForWriting.write(Data(text.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let got = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(got.count == cells.count + 1)
        for (c, line) in zip(cells, got) { #expect(String(line) == c.line, "\(c.cell)") }
    }
}

@Suite("normalize --column")
struct NormalizeColumnTests {
    @Test("dates read as one column take the order its unambiguous dates settle, and say so")
    func columnOrder() {
        let (lines, decision) = NormalizeOutput.formatColumn(["2/3/2019", "2/13/2019"], as: .date)
        #expect(lines == ["2019-02-03", "2019-02-13"])
        #expect(decision == "date order: month_first, settled by line 2")
        let (refused, unsettled) = NormalizeOutput.formatColumn(["2/3/2019", "๕ มี.ค. ๖๒"], as: .date)
        #expect(refused[0].hasPrefix("ERROR: date.ambiguous_order") && refused[1] == "2019-03-05")
        #expect(unsettled == "date order: unsettled")
        // Cell by cell, as `normalize date` without --column reads them, 2/3/2019 stays day-first.
        #expect(NormalizeOutput.format("2/3/2019", as: .date) == "2019-03-02")
    }
}
