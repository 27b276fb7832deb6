import Foundation
import Testing

@testable import PlanRollup
@testable import RollupBase
@testable import RollupCore
@testable import RollupReading

/// The job on Fixtures/golden-small: a hand-made plan and four exports, as of 31 March 2019 (round 6).
///
/// The plan (input/plan/plan.csv): สผ-62-001 is a parent (120,000 baht, "๔ ครั้ง/ ๑๐๐ คน", no schedule)
/// of สผ-62-002 (60,000, 60 people, scheduled Oct and Jan) and สผ-62-003 (40,000, 40 people, Nov ✓):
/// its sub-projects state 100,000, 3 activities and 100 people, so its own share is 20,000 baht and
/// 1 activity, spread evenly over the year. สผ-62-004 (10,000, Dec ๒) is listed under measures 1.1
/// and 2.2; สผ-62-005 (unit ฉบับ: its March mark is 1 planned item, not an activity) names a budget
/// source; สว-62-001 (20,000, 20 people, Oct) and สว-62-002 (5,000, 10 people, Feb).
///
/// The exports: hr/a_6m.csv (UTF-8 BOM) has a title, four good rows (one matched by name only), an
/// unknown id (line 7), 31 ก.พ. (line 8), a row dated 5 April (after the as-of date) and a subtotal;
/// hr/b_cumulative.csv (Windows-874) repeats a_6m's line 3, adds one row, and reports on 20 Dec a
/// session of สผ-62-004 cancelled (after the project held its two); hr/c_copy_of_a.csv is a_6m byte
/// for byte; policy/p.csv (UTF-8, CRLF, its columns in another order) sends a_6m's 20 January row
/// again with Thai digits, another date form, spacing and status word (the same row once each cell
/// is normalized: counted once, under a_6m) and one row of its own (5 March, 5 participants of
/// สผ-62-003); senate/s.csv (UTF-8, LF) has the same row twice (lines 3 and 4), a cancelled project,
/// and a row dated in 2563 (line 6), after the fiscal year: a year typo the bureau must hear about.
@Suite("End to end on a small hand-made input")
struct GoldenSmallTests {
    static let folder = Paths.fixtures.appendingPathComponent("golden-small")

    static func run(input: URL = folder.appendingPathComponent("input")) throws -> Pipeline.Outcome {
        let output = try makeTemporaryFolder("golden")
        defer { try? FileManager.default.removeItem(at: output) }
        let options = Pipeline.Options(
            input: input.path, output: output.path, asOf: CalendarDay(year: 2019, month: 3, day: 31))
        return try Pipeline.compute(options, today: CalendarDay(year: 2026, month: 11, day: 26)!)
    }

    static let outcome = try! run()

    func agency(_ name: String) -> GroupFigures { Self.outcome.summary.agencies.first { $0.agency == name }! }
    func project(_ id: String) -> ProjectFigures { Self.outcome.summary.projects.first { $0.project.id == id }! }

    @Test("plan totals count each project and each baht once, a parent's own share included")
    func plannedTotals() {
        // สผ.: the parent's approved 120,000 (its sub-projects' 60,000 + 40,000 and its own 20,000) +
        // 10,000 (สผ-62-004 once, though listed twice) = 130,000; 100 people (the sub-projects' 60 + 40,
        // own share 0); activities 4 (the parent's, of which 2 + 1 are its sub-projects') + 2; and
        // สผ-62-005's one item, never added to activities.
        #expect(agency("สผ.").budgetSatang == 130_000_00)
        #expect(agency("สผ.").plannedParticipantsYear == 100)
        #expect(agency("สผ.").plannedActivitiesYear == 6)
        #expect(agency("สผ.").plannedItemsYear == 1)
        let parent = project("สผ-62-001")
        #expect(
            parent.share.own
                == {
                    var own = FigureAmounts()
                    (own.activities, own.participants, own.budget) = (1, 0, 20_000_00)
                    return own
                }())
        #expect(
            parent.planWithSubprojects.year == PlanAmounts(activities: 4, participants: 100, budgetSatang: 120_000_00))
        #expect(agency("สผ.").projects == 5)
        #expect(agency("สผ.").countedProjects == 4)
        #expect(agency("สว.").budgetSatang == 25_000_00)
        #expect(agency("สว.").plannedParticipantsYear == 30)
    }

    @Test("actual figures: each accepted row once, duplicates and the copied file counted once")
    func actuals() {
        // สผ.: สผ-62-002 rows of 15 Oct (1, 30, 25,000) and 20 Jan (1, 28, 30,000); สผ-62-003 by name
        // (1, 41, 39,500.50); สผ-62-004 on 10 Dec (2, 0, 9,999.99), 11 Dec from b (0, 12, 0) and its
        // cancelled session of 20 Dec (0, 0, 0); สผ-62-003's 5 March row from policy (0, 5, 0). b's repeat
        // of 15 Oct, p's of 20 Jan and all of c are counted once.
        let hr = agency("สผ.").actual
        #expect(hr == Tally(rows: 7, activities: 5, participants: 116, spentSatang: 104_500_49))
        // สว.: 5 Oct (1, 22, 25,000), 6 Oct twice (1, 0, 0 each: both counted, flagged), the cancelled row.
        let sn = agency("สว.").actual
        #expect(sn == Tally(rows: 4, activities: 3, participants: 22, spentSatang: 25_000_00))
        #expect(Self.outcome.summary.total.actual.spentSatang == 129_500_49)
    }

    @Test("per month: the rows fall in October, November, December, January and February")
    func months() {
        let m = Self.outcome.summary.months
        #expect(m[0].actual == Tally(rows: 4, activities: 4, participants: 52, spentSatang: 50_000_00))
        #expect(m[1].actual == Tally(rows: 1, activities: 1, participants: 41, spentSatang: 39_500_50))
        #expect(m[2].actual == Tally(rows: 3, activities: 2, participants: 12, spentSatang: 9_999_99))
        #expect(m[3].actual == Tally(rows: 1, activities: 1, participants: 28, spentSatang: 30_000_00))
        #expect(m[4].actual == Tally(rows: 1, activities: 0, participants: 0, spentSatang: 0))
        #expect(m[5].actual == Tally(rows: 1, activities: 0, participants: 5, spentSatang: 0))
        #expect(m[6...].allSatisfy { $0.actual == Tally() })
        // October's plan: สผ-62-002's first half (1 activity, 30 people, 30,000), สว-62-001 (1, 20 people,
        // 20,000) and the parent's own share spread evenly, nothing due before its share is whole: its
        // one activity falls in September, and 20,000 baht give 1,666.66 or 1,666.67 a month (the
        // running total rounded down: 1,666.66 by October, 20,000 by September).
        #expect(m[0].planned == PlanAmounts(activities: 2, participants: 50, budgetSatang: 51_666_66))
        #expect(m[11].planned == PlanAmounts(activities: 1, participants: 0, budgetSatang: 1_666_67))
        #expect(m[5].planned.items == 1)  // สผ-62-005's March item
        #expect(Self.outcome.summary.quarters[0].actual.rows == 8)
    }

    @Test("status, pace and results, reported or derived")
    func statuses() {
        #expect(project("สผ-62-002").status == .completed)  // the newest report, 20 Jan, says so
        #expect(project("สผ-62-002").reportedResult == 100)
        #expect(project("สผ-62-003").statusSource == .reported)
        #expect(project("สผ-62-005").status == .notStarted)  // no rows
        #expect(project("สผ-62-005").pace == .behind)  // one item was due in March, and nothing reported
        #expect(project("สผ-62-005").paceReason == .noReport)
        // สผ-62-004 reported a cancelled session after holding its two: a cancelled session, not a
        // cancelled project. It stands at its newest other report (completed on 11 Dec), keeps its actuals.
        #expect(project("สผ-62-004").status == .completed)
        #expect(project("สผ-62-004").statusSource == .reported)
        #expect(project("สผ-62-004").actual.activities == 2)
        #expect(project("สผ-62-004").pace == .onTrack)
        // The parent planned 4 sessions; its sub-projects held 3 and it reported none of its own: short by 1
        // for the year. Its own session is not due before September, so to date it is level.
        #expect(project("สผ-62-001").pace == .shortfall)
        #expect(project("สผ-62-001").paceReason == .activities)
        #expect(project("สผ-62-001").gap(.activities) == 0)
        #expect(project("สผ-62-001").status == .completed)  // derived: both sub-projects completed
        #expect(project("สผ-62-001").statusSource == .derived)
        #expect(!project("สผ-62-001").isCounted)
        #expect(project("สผ-62-001").actualWithSubprojects.spentSatang == 94_500_50)
        #expect(project("สว-62-001").overBudget)  // 25,000 spent of 20,000
        #expect(project("สว-62-002").status == .cancelled)
        #expect(project("สว-62-002").pace == .cancelled)  // nothing was held: the project is cancelled
    }

    @Test("overall result: the mean of counted projects' results, cancelled ones left out")
    func overall() {
        #expect(agency("สผ.").overallResult == 75)  // (100 + 100 + 100 + 0) / 4
        #expect(agency("สว.").overallResult == 90)  // สว-62-001 alone; สว-62-002 is cancelled
        #expect(Self.outcome.summary.total.overallResult == 78)  // (100 + 100 + 100 + 0 + 90) / 5
        #expect(agency("สผ.").count(.completed) == 3)
        #expect(agency("สผ.").count(.notStarted) == 1)
        #expect(Self.outcome.summary.kpi.map(\.level3Met) == [false, true])
        #expect(Self.outcome.summary.round == .six)
    }

    @Test("every row accounted for, with duplicates and notices")
    func accounting() {
        let byPath = Dictionary(uniqueKeysWithValues: Self.outcome.accounts.map { ($0.path, $0) })
        let a = byPath["exports/hr/a_6m.csv"]!
        #expect((a.records, a.accepted, a.rejected, a.headerRows) == (10, 4, 2, 1))
        #expect(a.skipped == [.title: 1, .afterAsOf: 1, .subtotal: 1])
        let b = byPath["exports/hr/b_cumulative.csv"]!
        #expect((b.records, b.accepted, b.duplicates) == (4, 2, 1))
        let c = byPath["exports/hr/c_copy_of_a.csv"]!
        #expect((c.accepted, c.rejected, c.duplicates) == (0, 0, 6))  // its 4 good and 2 refused rows are a_6m's
        for account in Self.outcome.accounts { #expect(account.isBalanced, "\(account.path)") }
        #expect(Self.outcome.rejects.map(\.code) == [.unknownProject, .badDate, .dateAfterYear])
        // The year typo is refused with its reason, not skipped: the bureau hears about it.
        let typo = try! #require(Self.outcome.rejects.last)
        #expect(typo.file == "exports/senate/s.csv" && typo.row == 6 && typo.english.contains("after fiscal year 2562"))
        #expect(Self.outcome.notices.map(\.code) == [.duplicateRow, .duplicateFile, .duplicateRow, .repeatedRow])
        let p = byPath["exports/policy/p.csv"]!
        #expect((p.records, p.accepted, p.duplicates) == (3, 1, 1))  // its header, two rows
        let again = Self.outcome.notices.first { $0.file == "exports/policy/p.csv" }!
        #expect(again.row == 2 && again.english.contains("row 4 of exports/hr/a_6m.csv"))
        #expect(Self.outcome.notices.last?.line == 4)
    }

    @Test("the written summaries equal the golden files byte for byte")
    func golden() throws {
        let expected = Self.folder.appendingPathComponent("expected")
        let update = ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1"
        for file in Self.outcome.files {
            let url = expected.appendingPathComponent(file.name)
            if update {
                try FileManager.default.createDirectory(
                    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.bytes).write(to: url)
            }
            let golden = Array(try Data(contentsOf: url))
            if golden != file.bytes {
                // Name the first differing line rather than dumping both files' bytes.
                let want = String(decoding: golden, as: UTF8.self).split(
                    separator: "\n", omittingEmptySubsequences: false)
                let got = String(decoding: file.bytes, as: UTF8.self).split(
                    separator: "\n", omittingEmptySubsequences: false)
                let line =
                    zip(want, got).enumerated().first { $0.element.0 != $0.element.1 }?.offset
                    ?? min(want.count, got.count)
                let wantLine = line < want.count ? String(want[line]) : "(end of file)"
                let gotLine = line < got.count ? String(got[line]) : "(end of file)"
                Issue.record(
                    "\(file.name) differs from its golden file at line \(line + 1); rerun with UPDATE_GOLDEN=1 after checking the change.\ngolden: \(wantLine)\nnow:    \(gotLine)"
                )
            }
        }
        let names = try FileManager.default.subpathsOfDirectory(atPath: expected.path)
            .filter { $0 != "rejects" && $0 != "notices" && $0 != "lists" }.sorted()
        #expect(names == Self.outcome.files.map(\.name).sorted())
    }

    @Test("shuffling the order of files and of rows within files changes no figure")
    func orderDoesNotMatter() throws {
        let shuffled = try makeTemporaryFolder("shuffled")
        defer { try? FileManager.default.removeItem(at: shuffled) }
        let source = Self.folder.appendingPathComponent("input")
        try FileManager.default.copyItem(
            at: source.appendingPathComponent("plan"), to: shuffled.appendingPathComponent("plan"))
        // The senate file with its data rows reversed, and the bureau folders' files renamed so they sort the other way.
        let senate = try String(contentsOf: source.appendingPathComponent("exports/senate/s.csv"), encoding: .utf8)
        var lines = senate.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        lines = [lines[0]] + lines.dropFirst().reversed()
        let fm = FileManager.default
        try fm.createDirectory(at: shuffled.appendingPathComponent("exports/senate"), withIntermediateDirectories: true)
        try fm.createDirectory(at: shuffled.appendingPathComponent("exports/hr"), withIntermediateDirectories: true)
        try fm.copyItem(
            at: source.appendingPathComponent("exports/policy"), to: shuffled.appendingPathComponent("exports/policy"))
        try (lines.joined(separator: "\n") + "\n").write(
            to: shuffled.appendingPathComponent("exports/senate/s.csv"), atomically: true, encoding: .utf8)
        for (from, to) in [("a_6m.csv", "z3.csv"), ("b_cumulative.csv", "z2.csv"), ("c_copy_of_a.csv", "z1.csv")] {
            try fm.copyItem(
                at: source.appendingPathComponent("exports/hr/" + from),
                to: shuffled.appendingPathComponent("exports/hr/" + to))
        }
        let other = try Self.run(input: shuffled)
        let a = Self.outcome.summary
        let b = other.summary
        #expect(a.total.actual == b.total.actual)
        #expect(a.projects.map(\.actual) == b.projects.map(\.actual))
        #expect(a.projects.map(\.status) == b.projects.map(\.status))
        #expect(a.projects.map(\.reportedResult) == b.projects.map(\.reportedResult))
        #expect(a.projects.map(\.evidence) == b.projects.map(\.evidence))
        #expect(a.months.map(\.actual) == b.months.map(\.actual))
        #expect(a.bureaus.map(\.actual) == b.bureaus.map(\.actual))
        #expect(other.rejects.count == Self.outcome.rejects.count)
    }

    @Test("one thread or all cores: the same bytes in every summary file")
    func threadsDoNotMatter() throws {
        let output = try makeTemporaryFolder("threads")
        defer { try? FileManager.default.removeItem(at: output) }
        var options = Pipeline.Options(
            input: Self.folder.appendingPathComponent("input").path, output: output.path,
            asOf: CalendarDay(year: 2019, month: 3, day: 31))
        options.threads = 1
        let single = try Pipeline.compute(options, today: CalendarDay(year: 2026, month: 11, day: 26)!)
        #expect(single.files.map(\.name) == Self.outcome.files.map(\.name))
        for (a, b) in zip(single.files, Self.outcome.files) { #expect(a.bytes == b.bytes, "\(a.name)") }
    }

    @Test("roll-ups equal the sum of their parts, at every level")
    func rollupsAddUp() {
        let s = Self.outcome.summary
        for groups in [s.bureaus, s.measures, s.issues, s.agencies] {
            #expect(groups.map(\.actual).reduce(Tally(), +) == s.total.actual)
            #expect(groups.map(\.budgetSatang).reduce(0, +) == s.total.budgetSatang)
            #expect(groups.map(\.plannedActivitiesYear).reduce(0, +) == s.total.plannedActivitiesYear)
            #expect(groups.map(\.countedProjects).reduce(0, +) == s.total.countedProjects)
        }
        #expect(s.projects.map(\.actual).reduce(Tally(), +) == s.total.actual)
        #expect(s.months.map(\.actual).reduce(Tally(), +) == s.total.actual)
        #expect(s.quarters.map(\.actual).reduce(Tally(), +) == s.total.actual)
    }
}
