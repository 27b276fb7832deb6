import Foundation
import Logging
import Testing

@testable import PlanRollup
@testable import RollupBase
@testable import RollupCore
@testable import RollupReading

/// What changed since the previous run: found on disk, compared, listed, and kept for a month.
@Suite("Changes since the previous run")
struct ChangesTests {
    let log = Logger(label: "changes-test") { _ in SwiftLogNoOpLogHandler() }

    func night(input: URL, output: URL) -> Night {
        var settings = Night.Settings(input: input.path, output: output.path)
        settings.asOf = CalendarDay(year: 2019, month: 3, day: 31)
        settings.today = CalendarDay(year: 2026, month: 11, day: 26)
        settings.handlesSignals = false
        return Night(settings: settings, log: log)
    }

    func copyOfGoldenInput() throws -> URL {
        let root = try makeTemporaryFolder("changes-input")
        let input = root.appendingPathComponent("input")
        try FileManager.default.copyItem(
            at: Paths.fixtures.appendingPathComponent("golden-small/input"), to: input)
        return input
    }

    @Test("the first run says there is nothing to compare; the next names what moved, largest first")
    func changesBetweenRuns() throws {
        let input = try copyOfGoldenInput()
        let output = try makeTemporaryFolder("changes-output")
        defer {
            try? FileManager.default.removeItem(at: input.deletingLastPathComponent())
            try? FileManager.default.removeItem(at: output)
        }
        let first = try night(input: input, output: output).publish()
        let none = try ParsedCSV(
            name: "changes.csv", bytes: Array(try Data(contentsOf: URL(fileURLWithPath: first.folder + "/changes.csv")))
        )
        #expect(try none.column("kind") == ["no_previous_run"])
        #expect(try none.column("reason_en") == ["no run was published before"])
        #expect(NightReport.published(first).contains("  changes: none compared (no run was published before)"))

        // The policy bureau withdraws its file: สผ-62-003 loses its 5 March row (5 participants).
        try FileManager.default.removeItem(at: input.appendingPathComponent("exports/policy/p.csv"))
        let second = try night(input: input, output: output).publish()
        let changes = try ParsedCSV(
            name: "changes.csv",
            bytes: Array(try Data(contentsOf: URL(fileURLWithPath: second.folder + "/changes.csv"))))
        let participants = try changes.rows.first { row in
            row[changes.header.firstIndex(of: "key")!] == "สผ-62-003"
                && row[changes.header.firstIndex(of: "field")!] == "participants"
        }.map { Dictionary(uniqueKeysWithValues: zip(changes.header, $0)) }
        #expect(participants?["before"] == "46" && participants?["after"] == "41", "\(changes.rows)")
        #expect(participants?["reason_en"]?.hasSuffix("(since \(first.runID))") == true)
        #expect(second.outcome.changes.first?.kind != .noPreviousRun)
        // Money read back from the previous summary.json is exact (9,999.99 and 104,500.49 are not binary
        // fractions): nothing spent changed, so no money line may appear.
        let fields = try changes.column("field")
        let reasons = try changes.column("reason_en")
        #expect(!fields.contains("spent_baht"), "\(reasons)")
        let report = NightReport.published(second)
        #expect(report.contains { $0.hasPrefix("  changes: ") && $0.contains("since the previous run") })
        #expect(report.filter { $0.hasPrefix("  change: ") }.count == min(3, second.outcome.changes.count))
    }

    @Test("a row refused for two reasons is one refused row: an unchanged file is no change, and attention counts rows")
    func refusedRowsNotRejects() throws {
        let input = try copyOfGoldenInput()
        let output = try makeTemporaryFolder("changes-rows")
        defer {
            try? FileManager.default.removeItem(at: input.deletingLastPathComponent())
            try? FileManager.default.removeItem(at: output)
        }
        // An unknown id and an impossible date on the same row: two rejects, one refused row.
        try "รหัสโครงการ,วันที่ดำเนินการ,จำนวนครั้ง,จำนวนผู้เข้าร่วม\r\nสผ-62-099,31/02/2562,1,10\r\n".write(
            to: input.appendingPathComponent("exports/hr/z.csv"), atomically: true, encoding: .utf8)
        let first = try night(input: input, output: output).publish()
        let zRejects = first.outcome.rejects.filter { $0.file == "exports/hr/z.csv" }
        #expect(zRejects.count == 2, "the row's two faults are both reported")
        let attention = try #require(first.outcome.files.first { $0.name == Tables.attention.file })
        let hr = try ParsedCSV(name: attention.name, bytes: attention.bytes).row(where: "look_at", is: "rejects/hr.csv")
        #expect(hr["reason_en"] == "3 rows refused: send the list to the bureau to fix")

        let second = try night(input: input, output: output).publish()
        #expect(
            !second.outcome.changes.contains { $0.kind == .rejectsNew || $0.kind == .rejectsFixed },
            "\(second.outcome.changes.map(\.english))")
    }

    @Test(
        "a corrected row is listed as fixed and a new fault as new, row by row; attention counts the new ones, summary.json does not"
    )
    func refusalsRowByRow() throws {
        let input = try copyOfGoldenInput()
        let output = try makeTemporaryFolder("changes-refusals")
        defer {
            try? FileManager.default.removeItem(at: input.deletingLastPathComponent())
            try? FileManager.default.removeItem(at: output)
        }
        let first = try night(input: input, output: output).publish()
        // The clerk corrects 31 February to the 28th (in the file and its copy), and sends a policy row
        // with a negative count.
        for name in ["a_6m.csv", "c_copy_of_a.csv"] {
            let a = input.appendingPathComponent("exports/hr/" + name)
            let text = try String(contentsOf: a, encoding: .utf8)
            #expect(text.contains("๓๑ ก.พ. ๖๒"))
            try text.replacingOccurrences(of: "๓๑ ก.พ. ๖๒", with: "๒๘ ก.พ. ๖๒").write(
                to: a, atomically: true, encoding: .utf8)
        }
        let p = input.appendingPathComponent("exports/policy/p.csv")
        try (try String(contentsOf: p, encoding: .utf8) + "ใหม่,,สผ-62-003,6/3/2562,-2,5,0,,,สำนักพัฒนาบุคลากร (สผ.)\r\n")
            .write(to: p, atomically: true, encoding: .utf8)
        let second = try night(input: input, output: output).publish()
        let changes = try ParsedCSV(
            name: "changes.csv",
            bytes: Array(try Data(contentsOf: URL(fileURLWithPath: second.folder + "/changes.csv"))))
        let refusals = try changes.rows.filter { $0[try changes.index("kind")].hasPrefix("rejects_") }.map {
            row in try ["kind", "scope", "key", "row", "field", "before", "after"].map { row[try changes.index($0)] }
        }
        #expect(
            refusals == [
                ["rejects_new", "bureau", "policy", "", "rejects", "0", "1"],
                ["rejects_new", "row", "exports/policy/p.csv", "4", "จำนวนครั้ง", "", "'-2"],
                ["rejects_fixed", "bureau", "hr", "", "rejects", "2", "1"],
                ["rejects_fixed", "row", "exports/hr/a_6m.csv", "8", "วันที่ดำเนินการ", "๓๑ ก.พ. ๖๒", ""],
            ], "\(changes.rows)")
        #expect(try changes.column("reason_en").contains { $0.hasSuffix("(since \(first.runID))") })
        let attention = try ParsedCSV(
            name: "attention.csv",
            bytes: Array(try Data(contentsOf: URL(fileURLWithPath: second.folder + "/attention.csv"))))
        #expect(
            try attention.row(where: "look_at", is: "rejects/policy.csv")["reason_en"]
                == "1 row refused (1 new refusal): send the list to the bureau to fix")
        #expect(
            try attention.row(where: "look_at", is: "rejects/hr.csv")["reason_en"]
                == "1 row refused (none new): send the list to the bureau to fix")
        let json = try String(contentsOfFile: second.folder + "/summary.json", encoding: .utf8)
        #expect(json.contains("\"1 row refused: send the list to the bureau to fix\""))
        #expect(!json.contains("new refusal") && !json.contains("none new"), "summary.json depends on the input alone")
        let report = NightReport.published(second)
        #expect(report.contains { $0.hasPrefix("  change: policy: 1 new refusal") }, "\(report)")
        #expect(!report.contains { $0.contains("newly refused") }, "a single row's line stays in changes.csv")

        // A previous rejects.csv that is a link is not trusted: refused rows are compared per bureau, saying why.
        let rejects = second.folder + "/rejects.csv"
        try FileManager.default.removeItem(atPath: rejects)
        try FileManager.default.createSymbolicLink(atPath: rejects, withDestinationPath: first.folder + "/rejects.csv")
        try FileManager.default.removeItem(at: p)
        let third = try night(input: input, output: output).publish()
        let counted = third.outcome.changes.filter { $0.kind == .rejectsFixed }
        #expect(counted.map(\.key) == ["policy"])
        #expect(counted.first?.english.contains("per bureau only") == true, "\(counted)")
        let why = third.outcome.changes.filter { $0.kind == .rejectsNotCompared }
        #expect(why.count == 1 && why[0].english.contains("rejects.csv cannot be opened"), "\(why)")
        #expect(third.outcome.newRefusals == nil, "which refusals are new is not known")
    }

    @Test("a previous summary.json that is a link, or not the job's JSON, is not compared, and says why")
    func untrustedPrevious() throws {
        let output = try makeTemporaryFolder("changes-untrusted")
        defer { try? FileManager.default.removeItem(at: output) }
        let run = output.appendingPathComponent("runs/2019-03-31_20261126T010000Z")
        try FileManager.default.createDirectory(at: run, withIntermediateDirectories: true)
        let elsewhere = output.appendingPathComponent("elsewhere.json")
        try Data(#"{"schema_version": "2.0", "fiscal_year": 2562, "projects": []}"#.utf8).write(to: elsewhere)
        try FileManager.default.createSymbolicLink(
            at: run.appendingPathComponent("summary.json"), withDestinationURL: elsewhere)
        let fy = FiscalYear(buddhistYear: 2562)
        guard case .none(let reason) = PreviousRunLoader(outputFolder: output.path).load(fiscalYear: fy) else {
            Issue.record("a linked summary.json was compared")
            return
        }
        #expect(reason.contains("summary.json cannot be opened"))

        try FileManager.default.removeItem(at: run.appendingPathComponent("summary.json"))
        try Data("{ cut".utf8).write(to: run.appendingPathComponent("summary.json"))
        guard case .none(let cut) = PreviousRunLoader(outputFolder: output.path).load(fiscalYear: fy) else {
            Issue.record("a cut summary.json was compared")
            return
        }
        #expect(cut.contains("not the job's JSON"))
    }

    @Test("retention keeps the newest run of each of the last 12 months beyond --keep-runs")
    func monthlySnapshots() throws {
        let output = try makeTemporaryFolder("changes-retention")
        defer { try? FileManager.default.removeItem(at: output) }
        // Two runs a month for 14 months, newest last.
        var names: [String] = []
        for month in 0..<14 {
            let (year, m) = (2025 + (month + 9) / 12, (month + 9) % 12 + 1)
            for day in [10, 20] {
                let started = String(format: "%04d%02d%02dT010000Z", year, m, day)
                names.append("2019-03-31_" + started)
            }
        }
        for name in names {
            try FileManager.default.createDirectory(
                at: output.appendingPathComponent("runs/" + name), withIntermediateDirectories: true)
        }
        let removed = Publisher(outputFolder: output.path, keepRuns: 3).removeOldRuns()
        let left = try FileManager.default.contentsOfDirectory(atPath: output.path + "/runs").sorted()
        let newestOfMonth = stride(from: 1, to: names.count, by: 2).map { names[$0] }
        let expected = Set(names.suffix(3)).union(newestOfMonth.suffix(12)).sorted()
        #expect(left == expected)
        #expect(removed.count == names.count - expected.count)
        #expect(!left.contains(names[1]) && !left.contains(names[3]), "months beyond the last 12 go")
    }

    @Test("retention never removes a fiscal year's final run: the newest run as of its 30 September")
    func finalRunsKept() throws {
        let output = try makeTemporaryFolder("changes-final-runs")
        defer { try? FileManager.default.removeItem(at: output) }
        // Started years ago, one a month: FY 2562's final round twice (the later one is its final run),
        // a 2563 round that is not final, FY 2563's final round, then 40 runs of FY 2564.
        let old = [
            "2019-09-30_20191001T010000Z", "2019-09-30_20191101T010000Z", "2020-03-31_20200401T010000Z",
            "2020-09-30_20201001T010000Z",
        ]
        let recent = (0..<40).map { String(format: "2021-03-31_%04d%02d01T010000Z", 2023 + $0 / 12, $0 % 12 + 1) }
        for name in old + recent {
            try FileManager.default.createDirectory(
                at: output.appendingPathComponent("runs/" + name), withIntermediateDirectories: true)
        }
        let removed = Publisher(outputFolder: output.path, keepRuns: 3).removeOldRuns()
        let left = Set(try FileManager.default.contentsOfDirectory(atPath: output.path + "/runs"))
        #expect(left.contains("2019-09-30_20191101T010000Z"), "FY 2562's final run stays")
        #expect(left.contains("2020-09-30_20201001T010000Z"), "FY 2563's final run stays")
        #expect(!left.contains("2019-09-30_20191001T010000Z"), "an earlier final-round run of FY 2562 goes")
        #expect(!left.contains("2020-03-31_20200401T010000Z"), "a 6-month round beyond retention goes")
        #expect(left == Set(old.suffix(1) + [old[1]] + recent.suffix(12)))
        #expect(removed.count == old.count + recent.count - left.count)
        #expect(
            RunName.finalRuns((old + recent).compactMap(RunName.init)).map(\.text)
                == ["2019-09-30_20191101T010000Z", "2020-09-30_20201001T010000Z"])
    }
}
