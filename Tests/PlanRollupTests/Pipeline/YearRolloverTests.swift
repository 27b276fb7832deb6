import Foundation
import Testing

@testable import PlanRollup
@testable import RollupBase
@testable import RollupCore
@testable import RollupReading

/// Two fiscal years side by side, as in the first months of FY 2563: the seed's FY 2562 plan and a
/// FY 2563 plan made from it (ids สผ-63-…, months ต.ค. ๖๒ … ก.ย. ๖๓, the same project names) plus a
/// project carried over with an id of the 62 form (สผ-62-090), one bureau folder with last year's file
/// and a file that mixes both years' rows and year typos.
@Suite("Year rollover: two fiscal years' plans and exports side by side")
struct YearRolloverTests {
    static let header = "รหัสโครงการ,โครงการ/กิจกรรม,หน่วยงาน,วันที่ดำเนินการ,จำนวนครั้ง,จำนวนผู้เข้าร่วม (คน),เบิกจ่าย (บาท)"
    static let bureau = "สำนักนโยบายและแผน (สผ.)"
    /// สผ-62-021 and สผ-63-021 carry this name, both of สำนักนโยบายและแผน.
    static let repeatedName = "การบริหารความเสี่ยงของสำนักงานเลขาธิการสภาผู้แทนราษฎร"

    /// Last year's file, still in the bureau's folder: every row of FY 2562.
    static let lastYear = [
        header,
        "สผ-62-001,,\(bureau),15/02/2562,1,120,10000",
        ",\(repeatedName),\(bureau),10/03/2562,2,30,2500",
        "สผ-62-022,,\(bureau),20/09/2562,1,40,3000",
    ]

    /// This year's file, which mixes both years' rows (spreadsheet rows 2 to 11).
    static let mixed = [
        header,
        "สผ-62-022,,\(bureau),25/09/2562,1,10,500",  // 2: FY 2562, sent late
        "สผ-63-001,,\(bureau),14/11/2562,1,150,12000",  // 3: FY 2563
        ",\(repeatedName),\(bureau),15/01/2563,3,45,4000",  // 4: FY 2563, by the name both years use
        "สผ-63-022,,\(bureau),20/12/2561,1,20,1000",  // 5: year typo 2561 for 2562: FY 2562 with a 2563 id
        "สผ-62-001,,\(bureau),18/02/2563,1,99,999",  // 6: a 2562 id dated in FY 2563
        "สผ-63-022,,\(bureau),16/05/2563,1,25,2000",  // 7: FY 2563, after 2020-03-31
        "สผ-63-021,,\(bureau),13/01/2564,1,5,100",  // 8: FY 2564, which no plan covers
        "สผ-62-021,,\(bureau),01/09/2561,1,5,100",  // 9: FY 2561, which no plan covers
        "สผ-62-021,,\(bureau),31/04/2562,1,5,100",  // 10: no such day, a 2562 id
        "สผ-62-090,,\(bureau),10/02/2563,1,7,700",  // 11: FY 2563, the carried-over project
    ]

    /// The input folder: both agencies' seed plans, their FY 2563 copies, and the two exports.
    static let input: URL = {
        let root = try! makeTemporaryFolder("year-rollover")
        let plan = root.appendingPathComponent("plan")
        let folder = root.appendingPathComponent("exports/hr-policy")
        try! FileManager.default.createDirectory(at: plan, withIntermediateDirectories: true)
        try! FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for agency in ["hr", "senate"] {
            let seed = try! String(
                contentsOf: Paths.repository.appendingPathComponent("input/plan/plan_2562_\(agency).csv"),
                encoding: .utf8)
            try! seed.write(
                to: plan.appendingPathComponent("plan_2562_\(agency).csv"), atomically: true, encoding: .utf8)
            var next = nextYear(seed)
            if agency == "hr" {
                // A project the FY 2563 plan carries over under its 62-form id: the id is that plan's.
                let line = next.split(separator: "\r\n").first { $0.hasPrefix("สผ-63-022,") }!
                next +=
                    "\r\n"
                    + line.replacingOccurrences(of: "สผ-63-022", with: "สผ-62-090").replacingOccurrences(
                        of: "ของสำนักงานฯ", with: "ของสำนักงานฯ (ต่อเนื่อง)")
            }
            try! next.write(
                to: plan.appendingPathComponent("plan_2563_\(agency).csv"), atomically: true, encoding: .utf8)
        }
        try! (lastYear.joined(separator: "\n") + "\n").write(
            to: folder.appendingPathComponent("progress_2562.csv"), atomically: true, encoding: .utf8)
        try! (mixed.joined(separator: "\n") + "\n").write(
            to: folder.appendingPathComponent("progress_2563.csv"), atomically: true, encoding: .utf8)
        return root
    }()

    /// The seed plan one year on: its month columns a year later, its ids (and parents' ids) in the 63 form.
    static func nextYear(_ seed: String) -> String {
        // The seed's lines end in CRLF, one Character in Swift.
        var lines = seed.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        lines[0] = lines[0].replacingOccurrences(of: "๖๒", with: "๖๓").replacingOccurrences(of: "๖๑", with: "๖๒")
        for i in 1..<lines.count {
            lines[i] = lines[i].replacingOccurrences(of: "สผ-62-", with: "สผ-63-")
                .replacingOccurrences(of: "สว-62-", with: "สว-63-")
        }
        return lines.joined(separator: "\r\n")
    }

    static func run(asOf: CalendarDay? = nil, fiscalYear: Int? = nil, today: CalendarDay = day(2020, 3, 31))
        throws -> Pipeline.Outcome
    {
        let output = try makeTemporaryFolder("year-rollover-output")
        var options = Pipeline.Options(input: input.path, output: output.path, asOf: asOf)
        options.fiscalYear = fiscalYear.map(FiscalYear.init(buddhistYear:))
        options.threads = 1
        return try Pipeline.compute(options, today: today)
    }

    static func day(_ y: Int, _ m: Int, _ d: Int) -> CalendarDay { CalendarDay(year: y, month: m, day: d)! }

    /// As of 2020-03-31 (FY 2563, the 6-month round).
    static let current = try! run(asOf: day(2020, 3, 31))
    /// `--fiscal-year 2562`: as of its last day.
    static let previous = try! run(asOf: day(2019, 9, 30), fiscalYear: 2562)

    static func account(_ outcome: Pipeline.Outcome, _ file: String) -> FileAccount {
        outcome.accounts.first { $0.path.hasSuffix(file) }!
    }

    static func actual(_ outcome: Pipeline.Outcome, _ id: String) -> Tally {
        outcome.summary.projects.first { $0.project.id == id }!.actual
    }

    static func tally(_ rows: Int64, _ activities: Int64, _ participants: Int64, baht: Int64) -> Tally {
        var t = Tally()
        t.rows = rows
        t.activities = activities
        t.participants = participants
        t.spentSatang = baht * 100
        return t
    }

    @Test("the seed plan's FY 2563 copy loads beside it: two years, the same names, ids apart")
    func planYears() throws {
        let plan = try PlanLoader().load(folder: Self.input.path + "/plan")
        #expect(plan.fiscalYears.map(\.buddhistYear) == [2562, 2563])
        #expect(plan.projects.count == 99)
        let byYear = plan.projectsByYear
        #expect(byYear.map { $0.year?.buddhistYear } == [2562, 2563])
        #expect(byYear.map(\.projects.count) == [49, 50])
        #expect(plan["สผ-63-021"]?.name == plan["สผ-62-021"]?.name)
        #expect(byYear[1].projects.allSatisfy { $0.id.contains("-63-") || $0.id == "สผ-62-090" })
        // `plan --json` and `plan` show each year on its own.
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(PlanReport.jsonByYear(plan: plan).rendered().utf8))
                as? [String: Any])
        let years = try #require(json["fiscal_years"] as? [[String: Any]])
        #expect(years.map { $0["fiscal_year"] as? Int } == [2562, 2563])
        #expect(years.map { $0["projects"] as? Int } == [49, 50])
        let table = PlanReport.tableByYear(plan: plan)
        #expect(table.contains("fiscal year 2562 (2018-10-01 to 2019-09-30)"))
        #expect(table.contains("fiscal year 2563 (2019-10-01 to 2020-09-30)"))
        #expect(table.contains("plan: 49 projects in 56 rows from plan/plan_2562_hr.csv, plan/plan_2562_senate.csv\n"))
        #expect(table.contains("plan: 50 projects in 57 rows from plan/plan_2563_hr.csv, plan/plan_2563_senate.csv\n"))
        #expect(plan.only(FiscalYear(buddhistYear: 2563)).issues.allSatisfy { !$0.file.contains("2562") })
        #expect(
            plan.only(FiscalYear(buddhistYear: 2562)).issues.count
                == plan.only(FiscalYear(buddhistYear: 2563)).issues.count)
    }

    @Test("as of 2020-03-31: FY 2563's figures from its own rows, last year's rows out of scope, not refused")
    func currentYear() {
        let o = Self.current
        #expect(o.summary.fiscalYear.buddhistYear == 2563)
        #expect(o.summary.round == .six)
        #expect(o.asOfAsked == nil)
        #expect(o.plan.projects.count == 50)
        #expect(o.summary.projects.allSatisfy { $0.project.fiscalYear?.buddhistYear == 2563 }, "no FY 2562 project")
        #expect(Self.actual(o, "สผ-63-001") == Self.tally(1, 1, 150, baht: 12000))
        #expect(Self.actual(o, "สผ-63-021") == Self.tally(1, 3, 45, baht: 4000), "matched by the name both years use")
        #expect(Self.actual(o, "สผ-63-022") == Tally(), "its only row of the year is after the as-of date")
        #expect(Self.actual(o, "สผ-62-090") == Self.tally(1, 1, 7, baht: 700), "its 62-form id is FY 2563's")
        #expect(o.summary.total.actual == Self.tally(3, 5, 202, baht: 16700))

        let last = Self.account(o, "progress_2562.csv")
        #expect(last.records == 4 && last.headerRows == 1 && last.accepted == 0 && last.rejected == 0)
        #expect(last.skipped == [.outsideYear: 3] && last.outsideYear == [2562: 3])
        let mixed = Self.account(o, "progress_2563.csv")
        #expect(mixed.records == 11 && mixed.headerRows == 1 && mixed.accepted == 3 && mixed.rejected == 5)
        #expect(mixed.skipped == [.outsideYear: 1, .afterAsOf: 1] && mixed.outsideYear == [2562: 1])
        #expect(o.accounts.allSatisfy { $0.isBalanced })
        Self.expectYearTypos(o)
    }

    @Test(
        "--fiscal-year 2562: its final round from its own rows, this year's rows out of scope, the same typos refused")
    func previousYear() {
        let o = Self.previous
        #expect(o.summary.fiscalYear.buddhistYear == 2562)
        #expect(o.summary.asOf == Self.day(2019, 9, 30) && o.summary.round == .twelve)
        #expect(o.plan.projects.count == 49)
        #expect(o.summary.projects.allSatisfy { $0.project.id.contains("-62-") }, "no FY 2563 project is listed")
        #expect(Self.actual(o, "สผ-62-001") == Self.tally(1, 1, 120, baht: 10000))
        #expect(Self.actual(o, "สผ-62-021") == Self.tally(1, 2, 30, baht: 2500), "matched by the name both years use")
        #expect(Self.actual(o, "สผ-62-022") == Self.tally(2, 2, 50, baht: 3500))
        #expect(o.summary.total.actual == Self.tally(4, 5, 200, baht: 16000))

        let last = Self.account(o, "progress_2562.csv")
        #expect(last.records == 4 && last.accepted == 3 && last.rejected == 0 && last.skipped.isEmpty)
        #expect(last.outsideYear.isEmpty)
        let mixed = Self.account(o, "progress_2563.csv")
        #expect(mixed.records == 11 && mixed.headerRows == 1 && mixed.accepted == 1 && mixed.rejected == 5)
        #expect(mixed.skipped == [.outsideYear: 4] && mixed.outsideYear == [2563: 4], "row 11 too, by its id's plan")
        #expect(o.accounts.allSatisfy { $0.isBalanced })
        Self.expectYearTypos(o)
    }

    /// Whichever year is reported, the bureau hears about the same five rows, for their dates, and about
    /// nothing else (row 10's 2562 id is never called unknown in FY 2563).
    static func expectYearTypos(_ o: Pipeline.Outcome) {
        let rejects = Array(o.rejects).map { ($0.code, $0.file, $0.row, $0.column) }
        let file = "exports/hr-policy/progress_2563.csv"
        let expected: [(RejectCode, String, Int, String)] = [
            (.yearMismatch, file, 5, "วันที่ดำเนินการ"), (.yearMismatch, file, 6, "วันที่ดำเนินการ"),
            (.dateAfterYear, file, 8, "วันที่ดำเนินการ"), (.dateOutsideYear, file, 9, "วันที่ดำเนินการ"),
            (.badDate, file, 10, "วันที่ดำเนินการ"),
        ]
        #expect(rejects.count == expected.count)
        for (got, want) in zip(rejects, expected) {
            #expect(got.0 == want.0 && got.1 == want.1 && got.2 == want.2 && got.3 == want.3, "\(got) vs \(want)")
        }
        let mismatch = Array(o.rejects).first { $0.row == 5 }!
        #expect(mismatch.english.contains("สผ-63-022 is of fiscal year 2563's plan"))
        #expect(mismatch.english.contains("2018-12-20, in fiscal year 2562"))
        #expect(mismatch.thai.hasPrefix("รหัสโครงการ สผ-63-022 เป็นของแผนปีงบประมาณ พ.ศ. ๒๕๖๓"))
        #expect(!RejectCode.yearMismatch.fix.thai.isEmpty && !RejectCode.yearMismatch.fix.english.isEmpty)
        #expect(o.notices.isEmpty)
    }

    @Test("the manifest counts each file's rows outside the year reported, per fiscal year")
    func manifestCounts() throws {
        let bytes = Manifest.render(
            outcome: Self.current, commandLine: [], startedAt: Date(timeIntervalSince1970: 0),
            finishedAt: Date(timeIntervalSince1970: 0))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        #expect(json["fiscal_year"] as? Int == 2563)
        #expect(json["as_of_asked"] is NSNull)
        let inputs = try #require(json["inputs"] as? [[String: Any]])
        let byPath = Dictionary(uniqueKeysWithValues: inputs.map { ($0["path"] as! String, $0) })
        let last = try #require(byPath["exports/hr-policy/progress_2562.csv"])
        #expect(last["outside_year"] as? [String: Int] == ["2562": 3])
        #expect(last["skipped"] as? [String: Int] == ["outside_year": 3])
        let mixed = try #require(byPath["exports/hr-policy/progress_2563.csv"])
        #expect(mixed["outside_year"] as? [String: Int] == ["2562": 1])
        #expect(mixed["skipped"] as? [String: Int] == ["after_as_of": 1, "outside_year": 1])
    }

    @Test("before FY 2564's plan is approved, today in FY 2564 reports FY 2563's final round and says so")
    func beforeTheNewPlan() throws {
        let o = try Self.run(today: Self.day(2020, 11, 15))
        #expect(o.summary.fiscalYear.buddhistYear == 2563)
        #expect(o.summary.asOf == Self.day(2020, 9, 30) && o.summary.round == .twelve)
        #expect(o.asOfAsked == Self.day(2020, 11, 15))
        let mixed = Self.account(o, "progress_2563.csv")
        #expect(mixed.accepted == 4 && mixed.skipped == [.outsideYear: 1], "the May row now counts")
        let json = try #require(
            try JSONSerialization.jsonObject(
                with: Data(
                    Manifest.render(
                        outcome: o, commandLine: [], startedAt: Date(timeIntervalSince1970: 0),
                        finishedAt: Date(timeIntervalSince1970: 0)))) as? [String: Any])
        #expect(json["as_of_asked"] as? String == "2020-11-15")
    }

    @Test("a fiscal year asked for that has no plan is refused before anything is read")
    func fiscalYearWithoutPlan() {
        #expect(throws: AsOfOutsidePlan.self) {
            try Self.run(asOf: Self.day(2021, 9, 30), fiscalYear: 2564)
        }
        #expect(throws: AsOfOutsidePlan.self) {
            try Self.run(asOf: Self.day(2018, 9, 30), fiscalYear: 2561)
        }
    }

    @Test("an id encodes a year only in the form <prefix>-<yy>-<number> with 25yy a plan year")
    func encodedYears() {
        let years: Set<Int> = [2562, 2563]
        let table: [(String, Int?)] = [
            ("สผ-62-001", 2562), ("สว-63-027", 2563), ("สผ-61-001", nil), ("สผ-2562-001", nil), ("P-001", nil),
            ("สผ-6-001", nil), ("สผ-62-", nil), ("-62-001", nil), ("สผ-62-001-1", 2562), ("สผ-6a-001", nil),
        ]
        for (id, year) in table { #expect(Plan.yearEncoded(in: id, planYears: years) == year, "\(id)") }
    }

    @Test(
        "the binary on the shipped input with a FY 2563 plan beside it: last year's rows not refused, the year in LATEST.json"
    )
    func commandLine() throws {
        let job = try JobFixture(registry: ExitCodeTests.shippedRegistry)
        defer { try? FileManager.default.removeItem(at: job.root) }
        for agency in ["hr", "senate"] {
            let seed = try String(contentsOfFile: job.input + "/plan/plan_2562_\(agency).csv", encoding: .utf8)
            try Self.nextYear(seed).write(
                toFile: job.input + "/plan/plan_2563_\(agency).csv", atomically: true, encoding: .utf8)
        }
        let run = try job.run(["run", "--input", job.input, "--output", job.output, "--as-of", "2020-03-31"])
        #expect(
            run.stdout.hasPrefix("plan-rollup: fiscal year 2563, as of 2020-03-31, round 6 months\n"), "\(run.stdout)")
        #expect(run.stdout.contains("  plan: 49 projects from 2 files\n"))
        // Every shipped row is of FY 2562; only the two whose date is not on the calendar are refused.
        #expect(run.stdout.contains("(not refused; manifest.json outside_year): 87 rows of 2562\n"), "\(run.stdout)")
        #expect(run.stdout.contains("  rejects: 2 (date.invalid 2)\n"), "\(run.stdout)")
        let pointer = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: job.output + "/LATEST.json")))
                as? [String: Any])
        #expect(pointer["fiscal_year"] as? Int == 2563 && pointer["as_of"] as? String == "2020-03-31")

        // The next night takes every file unchanged from the read cache: the same counts, outside_year included.
        let again = try job.run(
            ["run", "--input", job.input, "--output", job.output, "--as-of", "2020-03-31", "--verbose"])
        #expect(again.stderr.contains("unchanged=11"), "\(again.stderr)")
        #expect(
            again.stdout.contains("(not refused; manifest.json outside_year): 87 rows of 2562\n"), "\(again.stdout)")
        let manifest = try #require(
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: URL(fileURLWithPath: job.output + "/latest/manifest.json"))) as? [String: Any])
        let inputs = try #require(manifest["inputs"] as? [[String: Any]])
        #expect(inputs.compactMap { ($0["outside_year"] as? [String: Int])?["2562"] }.reduce(0, +) == 87)

        let today = try job.run(["run", "--input", job.input, "--output", job.output])
        #expect(today.stdout.contains("reporting fiscal year 2563's final round"), "\(today.stdout)")
        #expect(today.stderr.contains("no plan yet for the fiscal year of the date asked"), "\(today.stderr)")

        let past = try job.run(["run", "--input", job.input, "--output", job.output, "--fiscal-year", "2562"])
        #expect(past.stdout.hasPrefix("plan-rollup: fiscal year 2562, as of 2019-09-30, round 12 months\n"))
        #expect(past.stdout.contains("  rejects: 6 (date.invalid 2, participants.invalid 2, project.unknown_id 2)\n"))

        let both = try job.run(
            ["run", "--input", job.input, "--output", job.output, "--fiscal-year", "2562", "--as-of", "2020-01-01"])
        #expect(both.status == 64, "\(both.stderr)")
        #expect(both.stderr.contains("--as-of 2020-01-01 lies outside --fiscal-year 2562"))

        let check = try job.run(
            [
                "validate", "--bureau", "hr-policy", "--as-of", "2020-03-31", "--input", job.input, "--output",
                job.output,
            ])
        #expect(
            check.stdout.contains("9 rows dated in another plan year are outside fiscal year 2563"), "\(check.stdout)")
        #expect(check.stdout.contains("validate: 1 file, 0 rows would be accepted, 0 rejected"), "\(check.stdout)")
    }
}
