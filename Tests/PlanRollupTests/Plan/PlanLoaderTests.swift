import Foundation
import Testing

@testable import PlanRollup
@testable import RollupBase
@testable import RollupCore
@testable import RollupReading

/// Writes a plan file with the given data rows under the standard header into a new folder.
func writePlan(_ rows: [String]) throws -> URL {
    let folder = try makeTemporaryFolder("plan")
    let header =
        "รหัสโครงการ,รหัสโครงการหลัก,ส่วนราชการ,ประเด็น,มาตรการ,โครงการ/กิจกรรม,กลุ่มเป้าหมาย,ต.ค. "
        + "๖๑,พ.ย. ๖๑,งบประมาณ (บาท),หน่วยงาน"
    try ([header] + rows).joined(separator: "\r\n").write(
        to: folder.appendingPathComponent("plan.csv"), atomically: true, encoding: .utf8)
    return folder
}

@Suite("Plan loader validation")
struct PlanLoaderTests {
    @Test("a repeated id with different content is an error naming file, line and field")
    func duplicateID() throws {
        let folder = try writePlan([
            "P-1,,สผ.,1,1,อบรม,จำนวน ๕๐ คน,๑,,\"๑๐,๐๐๐\",สำนัก ก (สผ.)",
            "P-1,,สผ.,2,3,อบรม,จำนวน ๕๐ คน,๑,,\"๑๐,๐๐๐\",สำนัก ก (สผ.)",
            "P-1,,สผ.,1,1,สัมมนา,,,,๕๐๐,สำนัก ก (สผ.)",
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let plan = try PlanLoader().load(folder: folder.path)
        #expect(plan.projects.count == 1)
        #expect(plan["P-1"]?.links == [PlanLink(issue: 1, measure: 1), PlanLink(issue: 2, measure: 3)])
        #expect(plan.issues.map(\.line) == [4])
        #expect(plan.issues.first?.field == "รหัสโครงการ")
        #expect(plan.issues.first?.file == "plan/plan.csv")
    }

    @Test(
        "a month column of a year no row can be dated in (9999-10, 0001-01) is not a month of the plan: no fiscal year without days"
    )
    func monthColumnsOfImpossibleYears() throws {
        let folder = try makeTemporaryFolder("plan-far-months")
        defer { try? FileManager.default.removeItem(at: folder) }
        let header = "รหัสโครงการ,โครงการ/กิจกรรม,9999-10,0001-01,2018-11,งบประมาณ (บาท),หน่วยงาน"
        try [header, "P-1,อบรม,/,/,/,100,สำนัก ก (สผ.)"].joined(separator: "\r\n").write(
            to: folder.appendingPathComponent("plan.csv"), atomically: true, encoding: .utf8)
        let plan = try PlanLoader().load(folder: folder.path)
        #expect(plan.fiscalYears.map(\.buddhistYear) == [2562])
        #expect(plan["P-1"]?.plannedActivities.keys.map(\.iso) == ["2018-11"])
        // What every command does with the plan's years: their first and last days.
        #expect(PlanReport.tableByYear(plan: plan).contains("fiscal year 2562 (2018-10-01 to 2019-09-30)"))
        let asOf = Pipeline.effectiveAsOf(
            requested: nil, today: CalendarDay(year: 2026, month: 11, day: 30)!, plan: plan)
        #expect(asOf == CalendarDay(year: 2019, month: 9, day: 30))
        #expect(MonthHeader.parse("2199-12") != nil && MonthHeader.parse("1900-01") != nil)
        #expect(MonthHeader.parse("2200-01") == nil && MonthHeader.parse("1899-12") == nil)
    }

    @Test("a missing parent and a cycle are reported and broken")
    func parents() throws {
        let folder = try writePlan([
            "A,B,สผ.,1,1,a,,,,100,x",
            "B,A,สผ.,1,1,b,,,,100,x",
            "C,Z,สผ.,1,1,c,,,,100,x",
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let plan = try PlanLoader().load(folder: folder.path)
        let messages = plan.issues.map(\.message)
        #expect(messages.contains { $0.contains("parent Z is not in the plan") })
        #expect(messages.contains { $0.contains("cycle") })
        #expect(plan["C"]?.parentID == nil)
        // After breaking the cycle, following parents always ends.
        for p in plan.projects {
            var steps = 0
            var cursor = p.parentID
            while let c = cursor, steps < 10 {
                cursor = plan[c]?.parentID
                steps += 1
            }
            #expect(steps < 10)
        }
    }

    @Test("children whose budgets exceed their parent's total are flagged")
    func childrenOverParent() throws {
        let folder = try writePlan([
            "P,,สผ.,1,1,parent,,,,\"๑,๐๐๐\",x",
            "P1,P,สผ.,1,1,child 1,,,,๖๐๐,x",
            "P2,P,สผ.,1,1,child 2,,,,๖๐๐,x",
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let plan = try PlanLoader().load(folder: folder.path)
        #expect(plan.issues.map(\.severity) == [.warning])
        #expect(plan.issues.first?.message.contains("1200.00") == true)
    }

    @Test("monthly cells: a count, a mark, or nothing; and a bad budget names its cell")
    func scheduleAndBudget() throws {
        let folder = try writePlan([
            "P,,สผ.,1,1,p,,๓,✓,๑๒๓abc,x"
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let plan = try PlanLoader().load(folder: folder.path)
        let p = try #require(plan["P"])
        #expect(p.plannedActivities == [YearMonth(year: 2018, month: 10)!: 3, YearMonth(year: 2018, month: 11)!: 1])
        #expect(plan.issues.count == 1)
        #expect(plan.issues.first?.field == "งบประมาณ (บาท)")
        #expect(plan.issues.first?.line == 2)
    }

    @Test("a plan folder with nothing readable stops the run")
    func emptyPlan() throws {
        let folder = try makeTemporaryFolder("plan")
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(throws: PlanError.self) { try PlanLoader().load(folder: folder.path) }
    }

    @Test("a plan with more projects than a plan may hold is refused whole, so no plan sum can pass 64 bits")
    func tooManyProjects() throws {
        let rows = (1...4).map { "P\($0),,สผ.,1,1,p\($0),,,,,b" }
        var loader = PlanLoader()
        loader.maxProjects = 4
        #expect(try loader.load(folder: try writePlan(rows).path).projects.count == 4)
        loader.maxProjects = 3
        let error = try #require(throws: PlanError.self) { try loader.load(folder: try writePlan(rows).path) }
        #expect(error.message.contains("holds 4 projects, more than the 3 a plan may hold"), "\(error.message)")
        #expect(PlanLoader().maxProjects == 1_000_000)
    }
}
