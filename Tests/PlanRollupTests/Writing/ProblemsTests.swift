import Foundation
import Testing

@testable import PlanRollup
@testable import RollupBase
@testable import RollupCore
@testable import RollupReading

@Suite("Problems and obstacles the bureaus report")
struct ProblemsTests {
    @Test("the exports' ปัญหา อุปสรรค column: the newest per project in projects.csv and the report form's section")
    func newestPerProject() throws {
        let outcome = try runOnGoldenPlan(lines: [
            "hr/a.csv": [
                "รหัสโครงการ,วันที่ดำเนินการ,จำนวนครั้ง,จำนวนผู้เข้าร่วม,ปัญหา อุปสรรค",
                "สผ-62-002,15/10/2561,1,30,ห้องประชุมไม่ว่าง",
                "สผ-62-002,20/01/2562,1,28,งบประมาณล่าช้า",
                "สผ-62-003,21/01/2562,1,20,",
            ]
        ])
        let project = try #require(outcome.summary.projects.first { $0.project.id == "สผ-62-002" })
        #expect(project.problems == "งบประมาณล่าช้า")
        #expect(outcome.summary.projects.first { $0.project.id == "สผ-62-003" }?.problems == "")
        let csv = try #require(outcome.files.first { $0.name == Tables.projects.file })
        let parsed = try ParsedCSV(name: csv.name, bytes: csv.bytes)
        #expect(try parsed.row(where: "project_id", is: "สผ-62-002")["problems"] == "งบประมาณล่าช้า")
        #expect(outcome.accounts.allSatisfy { $0.rejected == 0 }, "the column is read, not refused")
    }
}
