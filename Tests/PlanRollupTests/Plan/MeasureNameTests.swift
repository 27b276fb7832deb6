import Foundation
import Testing

@testable import PlanRollup
@testable import RollupBase
@testable import RollupCore
@testable import RollupReading

@Suite("Measure names in the plan")
struct MeasureNameTests {
    @Test("ชื่อมาตรการ names each measure once; a different name for the same measure is a warning, the first kept")
    func names() throws {
        let folder = try makeTemporaryFolder("plan-measures")
        defer { try? FileManager.default.removeItem(at: folder) }
        let rows = [
            "รหัสโครงการ,ส่วนราชการ,ประเด็น,มาตรการ,ชื่อมาตรการ,โครงการ/กิจกรรม,หน่วยงาน",
            "P-1,สผ.,๒,๒,สนับสนุน ส่งเสริม ระบบและกลไก,อบรม,สำนัก ก (สผ.)",
            "P-2,สผ.,๒,๒,,สัมมนา,สำนัก ก (สผ.)",
            "P-3,สผ.,๒,๓,พัฒนาระบบการบริหารจัดการ,ศึกษา,สำนัก ก (สผ.)",
            "P-4,สผ.,๒,๓,อีกชื่อหนึ่ง,วิจัย,สำนัก ก (สผ.)",
        ]
        try rows.joined(separator: "\r\n").write(
            to: folder.appendingPathComponent("plan.csv"), atomically: true, encoding: .utf8)
        let plan = try PlanLoader().load(folder: folder.path)
        #expect(plan.measureNames[PlanLink(issue: 2, measure: 2)] == "สนับสนุน ส่งเสริม ระบบและกลไก")
        #expect(plan.measureNames[PlanLink(issue: 2, measure: 3)] == "พัฒนาระบบการบริหารจัดการ")
        let warning = try #require(plan.issues.first { $0.field == "ชื่อมาตรการ" })
        #expect(warning.severity == .warning && warning.line == 5 && warning.message.contains("line 4"))
    }

    @Test("the shipped plan names every measure, and the report form heads each with its number and name")
    func shipped() throws {
        let plan = try PlanLoader().load(folder: Paths.repository.appendingPathComponent("input/plan").path)
        let links = Set(plan.projects.flatMap(\.links))
        #expect(links.allSatisfy { plan.measureNames[$0] != nil }, "\(links.filter { plan.measureNames[$0] == nil })")
        #expect(plan.measureNames[PlanLink(issue: 2, measure: 2)]?.hasPrefix("สนับสนุน ส่งเสริม ระบบและกลไก") == true)
        #expect(ReportForm.heading("๒.๑", "สนับสนุน") == "มาตรการที่ ๒.๑ สนับสนุน")
    }
}
