import Foundation
import Testing

@testable import PlanRollup
@testable import RollupBase
@testable import RollupCore
@testable import RollupReading

/// Writes a plan with a unit column: id, parent, agency, issue, measure, name, unit, target group,
/// Oct, Nov, budget, bureau, and (optional) indicator.
func writePlanWithUnit(_ rows: [String]) throws -> Plan {
    let folder = try makeTemporaryFolder("plan-unit")
    defer { try? FileManager.default.removeItem(at: folder) }
    let header =
        "รหัสโครงการ,รหัสโครงการหลัก,ส่วนราชการ,ประเด็น,มาตรการ,โครงการ/กิจกรรม,หน่วยนับ,กลุ่มเป้าหมาย,"
        + "ต.ค. ๖๑,พ.ย. ๖๑,งบประมาณ (บาท),หน่วยงาน,ตัวชี้วัด"
    try ([header] + rows).joined(separator: "\r\n").write(
        to: folder.appendingPathComponent("plan.csv"), atomically: true, encoding: .utf8)
    return try PlanLoader().load(folder: folder.path)
}

@Suite("A parent's approved total, its sub-projects and its own share")
struct PlanShareTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let parent: String  // the parent's budget cell
        let children: [String]  // each child's budget cell
        let own: Int64?  // the parent's own share, satang
        let total: Int64?  // the group's total, satang
        let warns: Bool
        var testDescription: String { name }
    }

    @Test(
        "budget: the group adds up to the approved total, each baht once",
        arguments: [
            Case(
                name: "children state less: the rest is the parent's own share", parent: "๔๓๙,๒๐๐",
                children: ["๑๐๐,๐๐๐", "๑๕๐,๐๐๐", "๘๒,๐๐๐", ""], own: 107_200_00, total: 439_200_00, warns: false),
            Case(
                name: "children state it all: own share 0", parent: "1000", children: ["600", "400"],
                own: 0, total: 1_000_00, warns: false),
            Case(
                name: "children state more: a plan issue, their sum counts", parent: "1000", children: ["600", "500"],
                own: 0, total: 1_100_00, warns: true),
            Case(
                name: "no child states one: the parent's whole figure", parent: "1000", children: ["-", ""],
                own: 1_000_00, total: 1_000_00, warns: false),
            Case(
                name: "the parent states none: the children's count", parent: "-", children: ["600", "400"],
                own: nil, total: 1_000_00, warns: false),
            Case(
                name: "nobody states one: no budget, not 0", parent: "งบประมาณสำนักงาน", children: ["-", ""],
                own: nil, total: nil, warns: false),
        ])
    func budgetShares(_ c: Case) throws {
        var rows = ["A,,สผ.,1,1,parent,,,,,\"\(c.parent)\",b"]
        for (i, budget) in c.children.enumerated() { rows.append("A\(i),A,สผ.,1,1,child \(i),,,,,\"\(budget)\",b") }
        let plan = try writePlanWithUnit(rows)
        let parent = try #require(plan["A"])
        #expect(plan.share(of: parent).own.budget == c.own)
        #expect(PlanTotals(plan: plan, projects: plan.projects).budgetSatang == c.total)
        #expect(plan.share(of: parent).total.budget == c.total)
        #expect(plan.issues.contains { $0.field == "budget" && $0.severity == .warning } == c.warns)
        // The months add up to the same total, and a group with no budget figure has none (not 0).
        let summary = SummaryBuilder.build(
            plan: plan, rollup: Rollup(projectCount: plan.projects.count), fiscalYear: FiscalYear(buddhistYear: 2562),
            asOf: CalendarDay(year: 2019, month: 9, day: 30)!)
        #expect(summary.total.budgetKnown == (c.total != nil))
        #expect(summary.total.budgetSatang == c.total ?? 0)
        let row = String(decoding: Tables.agencies.render([summary.total]), as: UTF8.self).split(separator: "\r\n")[1]
        let budgetCell = row.split(separator: ",", omittingEmptySubsequences: false)[
            Tables.agencies.columns.firstIndex { $0.name == "budget_baht" }!]
        #expect(budgetCell == (c.total.map(Money.baht) ?? ""))
        // The parent's own row shows the same figure it is set against: its total with sub-projects.
        let parentFigures = try #require(summary.projects.first { $0.project.id == "A" })
        let parentRow = String(decoding: Tables.projects.render([parentFigures]), as: UTF8.self).split(
            separator: "\r\n")[1]
            .split(separator: ",", omittingEmptySubsequences: false)
        #expect(
            parentRow[Tables.projects.columns.firstIndex { $0.name == "budget_baht" }!]
                == (c.total.map(Money.baht) ?? ""))
        #expect(parentFigures.budgetTotal == c.total)
    }

    @Test(
        "planned counts: stated in the unit or target group first, the schedule as fallback, items apart",
        arguments: [
            // unit, target group, Oct, Nov → activities (source), items (source)
            ("๘ ครั้ง/ ๕๒๐ คน", "", "", "", PlannedFigure(8, .unit), PlannedFigure.none, PlannedFigure(520, .unit)),
            ("ครั้ง (๒ ครั้ง)", "", "✓", "", PlannedFigure(2, .unit), .none, .none),
            ("ร้อยละ", "บุคลากร จำนวน ๕ รุ่น", "✓", "", PlannedFigure(5, .targetGroup), .none, .none),
            ("ครั้ง", "จำนวน ๒๐๐ คน", "✓", "๒", PlannedFigure(3, .schedule), .none, PlannedFigure(200, .targetGroup)),
            ("๖๐ เรื่อง", "", "๕", "๕", .none, PlannedFigure(60, .unit), .none),
            ("ฉบับ", "", "✓", "", .none, PlannedFigure(1, .schedule), .none),
            ("จำนวนช่องทาง", "", "", "", .none, .none, .none),
            ("๕ รุ่น รุ่นละ ๗๐ คน", "", "", "", PlannedFigure(5, .unit), .none, PlannedFigure(350, .unit)),
            // A rate is not a total: the schedule's months give it (here ๕ + ๕ items in two months).
            ("เดือนละ ๕ เรื่อง", "", "๕", "๕", .none, PlannedFigure(10, .schedule), .none),
            ("ไตรมาสละ ๑ ครั้ง", "", "✓", "", PlannedFigure(1, .schedule), .none, .none),
            ("เดือนละ ๕ เรื่อง", "", "", "", .none, .none, .none),
        ] as [(String, String, String, String, PlannedFigure, PlannedFigure, PlannedFigure)])
    func plannedCounts(
        unit: String, group: String, oct: String, nov: String, activities: PlannedFigure, items: PlannedFigure,
        participants: PlannedFigure
    ) throws {
        let plan = try writePlanWithUnit(["P,,สผ.,1,1,name,\(unit),\(group),\(oct),\(nov),-,b"])
        let p = try #require(plan["P"])
        #expect(p.figures.activities == activities)
        #expect(p.figures.items == items)
        #expect(p.figures.participants == participants)
        #expect(p.countsItems == ["๖๐ เรื่อง", "ฉบับ", "จำนวนช่องทาง", "เดือนละ ๕ เรื่อง"].contains(unit))
        // A rate with no month to multiply it by is said, not guessed.
        #expect(plan.issues.contains { $0.message.contains("is a rate") } == (unit.hasPrefix("เดือนละ") && oct.isEmpty))
    }

    @Test(
        "a negative or absurd plan figure is a plan issue, not a figure",
        arguments: [
            ("-5,000", "budget"), ("(5,000)", "budget"), ("2,000,000,000", "budget"),
        ])
    func absurdBudget(cell: String, field: String) throws {
        let plan = try writePlanWithUnit(["P,,สผ.,1,1,name,,,,,\"\(cell)\",b"])
        #expect(plan["P"]?.budgetSatang == nil)
        let issue = try #require(plan.issues.first { $0.severity == .error })
        #expect(issue.line == 2 && issue.message.contains(cell))
    }

    @Test("an indicator target beyond 100 percent is a plan issue, not a target")
    func absurdTarget() throws {
        let plan = try writePlanWithUnit([
            "P,,สผ.,1,1,name,,,,,-,b,ไม่น้อยกว่าร้อยละ ๘๐๐", "Q,,สผ.,1,1,name 2,,,,,-,b,ร้อยละ ๘๐",
        ])
        #expect(plan["P"]?.targetPercent == nil)
        #expect(plan["Q"]?.targetPercent == 80)
        #expect(plan.issues.filter { $0.severity == .error }.map(\.line) == [2])
    }

    @Test("an absurd head count or schedule cell is refused with its reason")
    func absurdCounts() throws {
        let plan = try writePlanWithUnit(["P,,สผ.,1,1,name,,\"จำนวน ๕,๐๐๐,๐๐๐ คน\",๒๐๐๐๐๐,,-,b"])
        let p = try #require(plan["P"])
        #expect(p.figures.participants.value == nil)
        #expect(p.plannedActivities.values.reduce(0, +) == 1)  // read as a mark
        #expect(plan.issues.filter { $0.severity == .error }.count == 2)
    }
}

@Suite("Plan issues reach the operator")
struct PlanIssueLogTests {
    @Test("sub-projects over their parent are logged as a warning naming the file, line and figure")
    func logged() throws {
        let fixture = try JobFixture(source: GoldenSmallTests.folder.appendingPathComponent("input"))
        let plan = fixture.input + "/plan/plan.csv"
        var text = try String(contentsOfFile: plan, encoding: .utf8)
        // The parent's ๑๒๐,๐๐๐ becomes ๙๐,๐๐๐: its sub-projects' 60,000 + 40,000 are more.
        text = text.replacingOccurrences(of: "\"๑๒๐,๐๐๐\"", with: "\"๙๐,๐๐๐\"")
        try text.write(toFile: plan, atomically: true, encoding: .utf8)
        let ran = try fixture.runJob(["--as-of", "2019-03-31", "--no-progress"])
        #expect(ran.status == 0)
        let log = ran.stderr
        let line = try #require(log.split(separator: "\n").first { $0.contains("plan issue") })
        #expect(
            line.contains("plan/plan.csv:2") && line.contains("field=budget") && line.contains("more than the parent"))
        let manifest = try #require(fixture.contents("latest/manifest.json"))
        #expect(
            manifest.contains("sub-projects' budget add up to 100000.00 baht, more than the parent's 90000.00 baht"))
    }
}
