import Foundation
import Logging
import Testing

@testable import PlanRollup
@testable import RollupBase
@testable import RollupCore
@testable import RollupReading

/// A whole night run inside the test's own process: stages 0 to 7 on the golden-small input, then
/// `validate` on the same input, through the same `Night` the command line calls.
@Suite("A night in-process")
struct NightTests {
    static let golden = Paths.fixtures.appendingPathComponent("golden-small")

    func settings(output: URL) -> Night.Settings {
        var settings = Night.Settings(input: Self.golden.appendingPathComponent("input").path, output: output.path)
        settings.asOf = CalendarDay(year: 2019, month: 3, day: 31)
        settings.today = CalendarDay(year: 2026, month: 11, day: 26)
        settings.handlesSignals = false
        settings.threads = 2
        return settings
    }

    let log = Logger(label: "night-test") { _ in SwiftLogNoOpLogHandler() }

    @Test("run publishes the golden figures as latest, and the report says where, as read back")
    func publishes() throws {
        let output = try makeTemporaryFolder("night")
        defer { try? FileManager.default.removeItem(at: output) }
        let published = try Night(settings: settings(output: output), log: log).publish()

        #expect(published.runID.hasPrefix("2019-03-31_"))
        let latest = try FileManager.default.destinationOfSymbolicLink(atPath: output.path + "/latest")
        #expect(published.folder.hasSuffix(latest), "the folder reported is the one latest points at")
        for table in ["agencies.csv", "projects.csv", "rejects.csv", "measures.csv"] {
            let written = try String(contentsOfFile: published.folder + "/" + table, encoding: .utf8)
            let expected = try String(
                contentsOf: Self.golden.appendingPathComponent("expected/" + table), encoding: .utf8)
            #expect(written == expected, "\(table) as the golden test expects it")
        }
        #expect(FileManager.default.fileExists(atPath: published.folder + "/manifest.json"))
        #expect(published.outcome.rejects.count == 3)
        #expect(published.findings >= published.outcome.rejects.count)
        let report = NightReport.published(published)
        #expect(report.first == "plan-rollup: fiscal year 2562, as of 2019-03-31, round 6 months")
        #expect(report.contains("summaries: \(published.folder)"))
    }

    @Test("validate reads the same rows and writes nothing under the output folder")
    func validates() throws {
        let output = try makeTemporaryFolder("night-validate")
        defer { try? FileManager.default.removeItem(at: output) }
        let checked = try Night(settings: settings(output: output), log: log).validate()
        #expect(checked.outcome.rejects.count == 3)
        #expect(checked.problems(strict: false) == 3)
        #expect(try FileManager.default.contentsOfDirectory(atPath: output.path).isEmpty)
        let lines = NightReport.checked(checked)
        #expect(lines.last?.hasPrefix("validate: 5 files, ") == true)
        #expect(lines.contains { $0 == "hr: 2 rejected" })
    }
}
