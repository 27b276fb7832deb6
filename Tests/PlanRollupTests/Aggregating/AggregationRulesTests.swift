import Foundation
import Testing

@testable import PlanRollup
@testable import RollupBase
@testable import RollupCore
@testable import RollupReading

@Suite("Aggregation rules")
struct AggregationRulesTests {
    @Test(
        "apportioning is exact and proportional, and nothing falls due before its share is whole",
        arguments: [
            (Int64(100), [Int64(1), 1, 1], [Int64(33), 33, 34]),
            (Int64(60), [1, 0, 0, 1], [30, 0, 0, 30]),
            (Int64(7), [2, 1], [4, 3]),
            (Int64(4), Array(repeating: Int64(1), count: 12), [0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1]),
            (Int64(1), Array(repeating: Int64(1), count: 12), [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]),
            (Int64(0), [1, 2], [0, 0]),
            (Int64(10), [0, 0], [0, 0]),
            (Int64(43_920_000), Array(repeating: Int64(1), count: 12), Array(repeating: Int64(3_660_000), count: 12)),
        ])
    func apportion(total: Int64, weights: [Int64], expected: [Int64]) {
        let parts = Apportion.split(total, weights: weights)
        #expect(parts == expected)
        if weights.reduce(0, +) > 0 { #expect(parts.reduce(0, +) == total) }
    }

    static func row(_ day: Int, status: ProjectStatus? = nil, result: Decimal? = nil, evidence: String = "")
        -> ProgressRow
    {
        ProgressRow(
            projectID: "P", name: "", nameKey: "", bureau: "b", bureauKey: "b",
            date: CalendarDay(year: 2019, month: 1, day: day)!, activities: 1, participants: 2, spentSatang: 1_50,
            resultPercent: result, status: status, evidence: evidence, note: "", source: "b", file: "f", line: day,
            row: day)
    }

    @Test("the newest report wins field by field, whatever order rows and files arrive in")
    func newestReportWins() throws {
        let plan = try PlanLoader().load(folder: try writePlan(["P,,สผ.,1,1,p,,,,,b"]).path)
        let rows = [
            Self.row(3, status: .inProgress, result: 40, evidence: "ภาพถ่าย"),
            Self.row(9, result: 70),
            Self.row(12, status: .completed),
            Self.row(12, status: .inProgress, evidence: "รายงาน"),
            Self.row(5, status: .notStarted),
        ]
        var generator = SystemRandomNumberGenerator()
        var outcomes: Set<String> = []
        for _ in 0..<50 {
            // Split the shuffled rows over two "files" and merge their rollups.
            let shuffled = rows.shuffled(using: &generator)
            let cut = Int.random(in: 0...shuffled.count, using: &generator)
            var first = Rollup(projectCount: 1)
            var second = Rollup(projectCount: 1)
            for r in shuffled[..<cut] { first.add(r, project: 0, plan: plan) }
            for r in shuffled[cut...] { second.add(r, project: 0, plan: plan) }
            if Bool.random(using: &generator) { swap(&first, &second) }
            first.merge(second)
            let report = try #require(first.latest[0])
            #expect(first.byProject[0] == Tally(rows: 5, activities: 5, participants: 10, spentSatang: 7_50))
            outcomes.insert("\(report.status!.value) \(report.resultPercent!.value) \(report.evidence!.value)")
        }
        // 12 January: completed beats in progress on the same day; the result is 9 January's; the
        // newest evidence is 12 January's.
        #expect(outcomes == ["completed 70 รายงาน"])
    }

    @Test("a parent whose children carry a figure is left out of that figure only")
    func parentFigures() throws {
        let plan = try PlanLoader().load(
            folder: try writePlan([
                "A,,สผ.,1,1,parent,จำนวน ๑๐๐ คน,๑,,\"๑,๐๐๐\",b",
                "A1,A,สผ.,1,1,child 1,,,,๖๐๐,b",
                "A2,A,สผ.,1,1,child 2,,,,๔๐๐,b",
            ]).path)
        let totals = PlanTotals(plan: plan, projects: plan.projects)
        #expect(totals.budgetSatang == 1_000_00)  // the children's 600 + 400, not the parent's 1,000 again
        #expect(totals.plannedParticipants == 100)  // no child carries a head count: the parent's counts
        #expect(totals.plannedActivities == 1)  // nor a schedule
    }
}

@Suite("KPI rubric")
struct KPITests {
    @Test(
        "survey percentages map to the rubric's partial scores",
        arguments: [
            (Decimal(80), Decimal(1), Decimal(1)), (75, 1, 0.85), (72.5, 0.85, 0.7), (70, 0.85, 0.7), (65, 0.7, 0.55),
            (60, 0.55, 0.4), (59.99, 0, 0),
        ])
    func scores(percent: Decimal, awareness: Decimal, opinion: Decimal) {
        #expect(SurveyResults.awarenessScore(percent) == awareness)
        #expect(SurveyResults.opinionScore(percent) == opinion)
    }

    @Test("levels 2 and 5 come from the survey file when present, and read not assessed without it")
    func surveyFile() throws {
        let input = try makeTemporaryFolder("kpi")
        defer { try? FileManager.default.removeItem(at: input) }
        let golden = GoldenSmallTests.folder.appendingPathComponent("input")
        for part in ["plan", "exports"] {
            try FileManager.default.copyItem(
                at: golden.appendingPathComponent(part), to: input.appendingPathComponent(part))
        }
        let without = try GoldenSmallTests.run(input: input)
        #expect(without.summary.kpi.allSatisfy { $0.awarenessPercent == nil && $0.opinionPercent == nil })

        try FileManager.default.createDirectory(
            at: input.appendingPathComponent("survey"), withIntermediateDirectories: true)
        let survey = """
            ส่วนราชการ,การสำรวจ,ร้อยละ
            สผ.,การรับรู้,๗๒.๕
            สผ.,ความคิดเห็น,81
            สว.,awareness,60
            สว.,ความพึงพอใจ,90

            """
        try survey.write(to: input.appendingPathComponent("survey/survey_2562.csv"), atomically: true, encoding: .utf8)
        let with = try GoldenSmallTests.run(input: input)
        let hr = try #require(with.summary.kpi.first { $0.agency == "สผ." })
        #expect(hr.awarenessPercent == Decimal(string: "72.5"))
        #expect(hr.awarenessScore == Decimal(string: "0.85"))
        #expect(hr.opinionScore == 1)
        #expect(!hr.level3Met)  // overall result 75 < 80
        let sn = try #require(with.summary.kpi.first { $0.agency == "สว." })
        #expect(sn.awarenessScore == Decimal(string: "0.55"))
        #expect(sn.opinionPercent == nil)  // "ความพึงพอใจ" is not a survey the rubric knows: refused with its line
        #expect(with.surveyIssues.map(\.line) == [5])
        #expect(sn.level3Met && !sn.level4Met)  // 90
    }
}

@Suite("Plan structure warnings")
struct PlanStructureTests {
    @Test("sub-projects whose head counts or schedules exceed their parent's are flagged")
    func childrenOverParent() throws {
        let plan = try PlanLoader().load(
            folder: try writePlan([
                "A,,สผ.,1,1,parent,จำนวน ๑๐๐ คน,๑,,,b",
                "A1,A,สผ.,1,1,child 1,จำนวน ๖๐ คน,๑,,,b",
                "A2,A,สผ.,1,1,child 2,จำนวน ๖๐ คน,,๑,,b",
            ]).path)
        #expect(plan.issues.map(\.field).sorted() == ["activities", "participants"])
        #expect(plan.issues.allSatisfy { $0.severity == .warning && $0.line == 2 })
    }
}

@Suite("A bureau that sent nothing")
struct MissingBureauTests {
    @Test("is marked missing with empty figures, never zero activity, in bureaus.csv and summary.json")
    func missingIsNotZero() throws {
        let input = try makeTemporaryFolder("missing")
        defer { try? FileManager.default.removeItem(at: input) }
        let golden = GoldenSmallTests.folder.appendingPathComponent("input")
        try FileManager.default.copyItem(
            at: golden.appendingPathComponent("plan"), to: input.appendingPathComponent("plan"))
        try FileManager.default.createDirectory(
            at: input.appendingPathComponent("exports"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: golden.appendingPathComponent("exports/hr"), to: input.appendingPathComponent("exports/hr"))
        let output = try makeTemporaryFolder("missing-out")
        defer { try? FileManager.default.removeItem(at: output) }
        var options = Pipeline.Options(
            input: input.path, output: output.path, asOf: CalendarDay(year: 2019, month: 3, day: 31))
        options.reporting = [Keys.name("สำนักนโยบายและแผน (สว.)"): "missing"]
        let outcome = try Pipeline.compute(options, today: CalendarDay(year: 2026, month: 11, day: 26)!)

        let bureaus = String(decoding: outcome.files.first { $0.name == "bureaus.csv" }!.bytes, as: UTF8.self)
        let senate = try #require(bureaus.split(separator: "\r\n").first { $0.hasPrefix("สำนักนโยบายและแผน (สว.)") })
        let cells = senate.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let header = bureaus.split(separator: "\r\n")[0].dropFirst().split(separator: ",").map(String.init)
        func cell(_ name: String) -> String { cells[header.firstIndex(of: name)!] }
        #expect(cell("reporting") == "missing")
        #expect(cell("rows_accepted") == "" && cell("activities_actual") == "" && cell("spent_baht") == "")
        #expect(cell("budget_baht") == "25000.00")  // the plan's side is known and shown
        let hr = try #require(bureaus.split(separator: "\r\n").first { $0.hasPrefix("สำนักพัฒนาบุคลากร (สผ.)") })
        #expect(
            hr.split(separator: ",", omittingEmptySubsequences: false)[header.firstIndex(of: "rows_accepted")!] == "6")
        // Its projects have no report: not "not started", no actual figure, left out of the overall result.
        for id in ["สว-62-001", "สว-62-002"] {
            let p = try #require(outcome.summary.projects.first { $0.project.id == id })
            #expect(p.status == .noReport && p.pace == .noReport && p.paceReason == .bureauMissing && p.result == nil)
            #expect(p.bureauReporting == "missing")
        }
        let senateAgency = try #require(outcome.summary.agencies.first { $0.agency == "สว." })
        #expect(senateAgency.count(.noReport) == 2 && senateAgency.count(.notStarted) == 0)
        #expect(senateAgency.overallResult == nil)  // nothing could be assessed
        // The agency whose only bureau is missing: its actual figures are unknown, empty, not 0.
        let agencies = String(decoding: outcome.files.first { $0.name == "agencies.csv" }!.bytes, as: UTF8.self)
        let aHeader = agencies.split(separator: "\r\n")[0].dropFirst().split(separator: ",").map(String.init)
        let aRow = try #require(agencies.split(separator: "\r\n").first { $0.hasPrefix("สว.") })
            .split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        for column in ["activities_actual", "spent_baht", "budget_used_pct", "rows_accepted"] {
            #expect(aRow[aHeader.firstIndex(of: column)!] == "", "\(column)")
        }
        #expect(outcome.summary.total.overallResult == 75)  // สผ. alone: (100 + 100 + 100 + 0) / 4
        let projects = String(decoding: outcome.files.first { $0.name == "projects.csv" }!.bytes, as: UTF8.self)
        let pHeader = projects.split(separator: "\r\n")[0].dropFirst().split(separator: ",").map(String.init)
        let row = try #require(projects.split(separator: "\r\n").first { $0.contains("สว-62-001") })
            .split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        for column in ["activities_actual", "participants_actual", "spent_baht", "activities_gap"] {
            #expect(row[pHeader.firstIndex(of: column)!] == "", "\(column)")
        }

        let json = String(decoding: outcome.files.first { $0.name == "summary.json" }!.bytes, as: UTF8.self)
        #expect(json.contains("\"reporting\": \"missing\""))
        #expect(json.contains("\"rows_accepted\": null"))
    }
}

@Suite("Status and pace that tell the truth")
struct StatusAndPaceTests {
    static func plan(activities: Int64?, oct: Int64 = 0, mar: Int64 = 0) -> MonthlyPlan {
        var amounts = FigureAmounts()
        amounts.activities = activities
        var schedule: [YearMonth: Int64] = [:]
        if oct > 0 { schedule[YearMonth(year: 2018, month: 10)!] = oct }
        if mar > 0 { schedule[YearMonth(year: 2019, month: 3)!] = mar }
        return MonthlyPlan(amounts: amounts, schedule: schedule, year: FiscalYear(buddhistYear: 2562))
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let status: ProjectStatus
        let plan: MonthlyPlan
        let elapsed: Int  // 0 = October
        let yearEnded: Bool
        let actual: Tally
        let pace: Pace
        let reason: PaceReason?
        var testDescription: String { name }
    }

    static let held = Tally(rows: 1, activities: 1, participants: 10, spentSatang: 0)

    @Test(
        "pace for every project, with its reason",
        arguments: [
            Case(
                name: "due and held", status: .inProgress, plan: plan(activities: 1, oct: 1), elapsed: 2,
                yearEnded: false, actual: held, pace: .onTrack, reason: nil),
            Case(
                name: "due, fewer held", status: .inProgress, plan: plan(activities: 3, oct: 3), elapsed: 2,
                yearEnded: false, actual: held, pace: .behind, reason: .activities),
            Case(
                name: "due, no report at all", status: .notStarted, plan: plan(activities: 1, oct: 1), elapsed: 2,
                yearEnded: false, actual: Tally(), pace: .behind, reason: .noReport),
            Case(
                name: "nothing due yet, nothing reported", status: .notStarted, plan: plan(activities: 1, mar: 1),
                elapsed: 2, yearEnded: false, actual: Tally(), pace: .notDue, reason: nil),
            Case(
                name: "no schedule, no figure, the year ended, not completed", status: .inProgress,
                plan: plan(activities: nil), elapsed: 11, yearEnded: true, actual: held, pace: .behind,
                reason: .timePassed),
            Case(
                name: "no figure, the year ended, nothing reported", status: .notStarted, plan: plan(activities: nil),
                elapsed: 11, yearEnded: true, actual: Tally(), pace: .behind, reason: .noReport),
            Case(
                name: "every scheduled month passed, held all, not marked completed", status: .inProgress,
                plan: plan(activities: 1, oct: 1), elapsed: 3, yearEnded: false, actual: held, pace: .onTrack,
                reason: nil),
            Case(
                name: "the year ended short of the plan", status: .inProgress,
                plan: plan(activities: 2, oct: 1, mar: 1), elapsed: 11, yearEnded: true,
                actual: held, pace: .behind, reason: .activities),
            Case(
                name: "completed with fewer sessions than planned", status: .completed,
                plan: plan(activities: 5, mar: 5), elapsed: 11, yearEnded: true, actual: held, pace: .shortfall,
                reason: .activities),
            Case(
                name: "completed in full", status: .completed, plan: plan(activities: 1, mar: 1), elapsed: 11,
                yearEnded: true, actual: held, pace: .onTrack, reason: nil),
            Case(
                name: "cancelled", status: .cancelled, plan: plan(activities: 1, oct: 1), elapsed: 11,
                yearEnded: true, actual: Tally(), pace: .cancelled, reason: nil),
        ])
    func pace(_ c: Case) {
        let (pace, reason) = SummaryBuilder.pace(
            status: c.status, whole: c.plan, toDate: c.plan.toDate(through: c.elapsed), actual: c.actual,
            elapsed: c.elapsed, yearEnded: c.yearEnded, bureauReporting: nil)
        #expect(pace == c.pace)
        #expect(reason == c.reason)
    }

    static func report(_ statuses: [(Int, ProjectStatus)]) -> Rollup.Report? {
        var report: Rollup.Report?
        for (day, status) in statuses {
            let row = ProgressRow(
                projectID: "P", name: "", nameKey: "", bureau: "", bureauKey: "",
                date: CalendarDay(year: 2018, month: 12, day: day)!, activities: 0, participants: 0, spentSatang: 0,
                resultPercent: nil, status: status, evidence: "", note: "", source: "", file: "", line: 0, row: 0)
            if report == nil { report = Rollup.Report(row) } else { report!.absorb(row) }
        }
        return report
    }

    @Test(
        "a cancelled session is not a cancelled project",
        arguments: [
            // reports (day, status), work held?, bureau reporting → status
            ([(1, ProjectStatus.completed), (20, .cancelled)], true, nil, ProjectStatus.completed),
            ([(1, .inProgress), (20, .cancelled)], true, nil, .inProgress),
            ([(20, .cancelled)], true, nil, .inProgress),  // held something, said nothing else
            ([(20, .cancelled)], false, nil, .cancelled),  // held nothing: the project is cancelled
            ([(1, .cancelled), (20, .completed)], true, nil, .completed),
            ([], false, "stale", .noReport),
            ([], false, nil, .notStarted),
        ] as [([(Int, ProjectStatus)], Bool, String?, ProjectStatus)])
    func cancelled(reports: [(Int, ProjectStatus)], work: Bool, reporting: String?, expected: ProjectStatus) {
        let actual =
            work
            ? Self.held : (reports.isEmpty ? Tally() : Tally(rows: 1, activities: 0, participants: 0, spentSatang: 0))
        let (status, _) = SummaryBuilder.status(
            report: Self.report(reports), actual: actual, actualWhole: actual, children: [], bureauReporting: reporting)
        #expect(status == expected)
    }
}

@Suite("Rows that name another bureau or agency")
struct BureauAttributionTests {
    /// The golden input with a registry: hr/ is สำนักพัฒนาบุคลากร (สผ.), senate/ สำนักนโยบายและแผน (สว.).
    static func run(extraHRRow row: String) throws -> Pipeline.Outcome {
        let header = "รหัสโครงการ,โครงการ/กิจกรรม,หน่วยงาน,วันที่ดำเนินการ,จำนวนครั้ง,จำนวนผู้เข้าร่วม (คน),เบิกจ่าย (บาท),สถานะ"
        return try runOnGoldenPlan(lines: [
            "hr/x.csv": [header, "สผ-62-002,,สำนักพัฒนาบุคลากร (สผ.),1/10/2561,1,5,100,", row]
        ]) {
            options, input in
            options.exports = [
                Pipeline.ExportFile(
                    bureau: "hr", path: input.path + "/exports/hr/x.csv", displayPath: "exports/hr/x.csv",
                    bureauName: "สำนักพัฒนาบุคลากร (สผ.)", bureauAgency: "สผ.")
            ]
            options.bureauFolders = [Keys.name("สำนักวิชาการ (สผ.)"): "academic"]
        }
    }

    @Test("a row naming another bureau counts for the file's bureau everywhere, and is flagged naming both")
    func otherBureau() throws {
        let outcome = try Self.run(extraHRRow: "สผ-62-004,,สำนักวิชาการ (สผ.),2/10/2561,1,7,200,")
        let s = outcome.summary
        #expect(s.bureaus.map(\.name).contains("สำนักวิชาการ (สผ.)") == false)
        let hr = try #require(s.bureaus.first { $0.name == "สำนักพัฒนาบุคลากร (สผ.)" })
        #expect(hr.actual.rows == 2)
        #expect(s.bureaus.map(\.actual).reduce(Tally(), +) == s.total.actual)
        let hrAgency = try #require(s.agencies.first { $0.agency == "สผ." })
        #expect(hrAgency.actual == hr.actual)
        let notice = try #require(outcome.notices.first { $0.code == .otherBureau })
        #expect(
            notice.row == 3 && notice.thai.contains("สำนักวิชาการ (สผ.)") && notice.thai.contains("สำนักพัฒนาบุคลากร (สผ.)"))
        // Flagged to both bureaus: in the file's folder's notices and in the named bureau's.
        for list in ["notices/hr.csv", "notices/academic.csv"] {
            let file = try #require(outcome.files.first { $0.name == list }, "\(list)")
            #expect(String(decoding: file.bytes, as: UTF8.self).contains("row.other_bureau"), "\(list)")
        }
    }

    @Test("a row of another agency's project is refused: the bureau and agency tables could not agree")
    func otherAgency() throws {
        let outcome = try Self.run(extraHRRow: "สว-62-001,,,2/10/2561,1,7,200,")
        #expect(outcome.rejects.map(\.code) == [.otherAgency])
        #expect(outcome.rejects.first?.english.contains("belongs to สว.") == true)
        #expect(outcome.summary.total.actual.rows == 1)
    }
}

@Suite("A row marked cancelled")
struct CancelledRowTests {
    @Test("its counts are what did not take place: reported apart, never as held, with a notice; its money counts")
    func countsApart() throws {
        let outcome = try runOnGoldenPlan(lines: [
            "hr/x.csv": [
                "รหัสโครงการ,หน่วยงาน,วันที่ดำเนินการ,จำนวนครั้ง,จำนวนผู้เข้าร่วม (คน),เบิกจ่าย (บาท),สถานะ",
                "สผ-62-002,สำนักพัฒนาบุคลากร (สผ.),1/12/2561,1,20,1000,อยู่ระหว่างดำเนินการ",
                "สผ-62-002,สำนักพัฒนาบุคลากร (สผ.),1/2/2562,1,20,300,ยกเลิก",
                "สผ-62-003,สำนักพัฒนาบุคลากร (สผ.),1/2/2562,1,40,0,ยกเลิก",
            ]
        ])
        let held = try #require(outcome.summary.projects.first { $0.project.id == "สผ-62-002" })
        #expect(
            held.actual
                == Tally(
                    rows: 2, activities: 1, participants: 20, spentSatang: 1_300_00, activitiesCancelled: 1,
                    participantsCancelled: 20))
        #expect(held.status == .inProgress)  // a cancelled session of a project that held one
        #expect(held.pace == .behind && held.paceReason == .activities)  // 1 of the 2 sessions due by March
        let none = try #require(outcome.summary.projects.first { $0.project.id == "สผ-62-003" })
        #expect(none.status == .cancelled && none.actual.activities == 0 && none.actual.activitiesCancelled == 1)
        #expect(outcome.notices.filter { $0.code == .cancelledCounts }.map(\.row) == [3, 4])
    }

    @Test("a result derived from what was delivered takes the least of the shares the plan states")
    func leastShare() {
        let year = PlanAmounts(activities: 1, participants: 20, budgetSatang: 0)
        #expect(SummaryBuilder.delivered(year, Tally(rows: 1, activities: 1, participants: 5, spentSatang: 0)) == 25)
        #expect(SummaryBuilder.delivered(year, Tally(rows: 1, activities: 2, participants: 40, spentSatang: 0)) == 100)
        #expect(SummaryBuilder.delivered(PlanAmounts(), Tally()) == nil)
    }
}
