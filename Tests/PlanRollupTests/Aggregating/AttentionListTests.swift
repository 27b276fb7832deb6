import Foundation
import Testing

@testable import PlanRollup
@testable import RollupBase
@testable import RollupCore
@testable import RollupReading

@Suite("The needs-attention list")
struct AttentionListTests {
    @Test("the golden run: nothing reported when due, over budget, then each bureau's refused rows")
    func golden() throws {
        let csv = try #require(GoldenSmallTests.outcome.files.first { $0.name == Tables.attention.file })
        let parsed = try ParsedCSV(name: csv.name, bytes: csv.bytes)
        #expect(try parsed.column("kind") == ["no_report", "over_budget", "rejects", "rejects"])
        #expect(try parsed.column("project_id") == ["สผ-62-005", "สว-62-001", "", ""])
        let over = try parsed.row(where: "kind", is: "over_budget")
        #expect(over["reason_th"] == "เบิกจ่าย 25,000.00 บาท เกินงบประมาณ 20,000.00 บาท")
        #expect(try parsed.column("look_at").suffix(2) == ["rejects/hr.csv", "rejects/senate.csv"])
        #expect(try parsed.column("reason_en").last == "1 row refused: send the list to the bureau to fix")
    }

    @Test("a missing bureau comes first, and a plan error is listed with its file and row")
    func missingBureauFirst() throws {
        let outcome = try runOnGoldenPlan(
            lines: [
                "hr/a.csv": [
                    "รหัสโครงการ,วันที่ดำเนินการ,จำนวนครั้ง,จำนวนผู้เข้าร่วม,งบประมาณที่ใช้",
                    "สผ-62-002,15/10/2561,1,30,25000",
                ]
            ]
        ) { options, _ in
            options.reporting[Keys.name("สำนักนโยบายและแผน (สว.)")] = "missing"
        }
        let issue = PlanIssue(
            severity: .error, file: "plan/plan.csv", line: 7, field: "budget", message: "not a number")
        let items = AttentionList.build(
            summary: outcome.summary, planIssues: [issue], rejectsByBureau: [(folder: "hr", count: 0)])
        #expect(items.first?.kind == .bureauMissing)
        #expect(items.first?.bureau == "สำนักนโยบายและแผน (สว.)")
        let kinds = items.map(\.kind)
        let ranks = kinds.map { AttentionItem.Kind.allCases.firstIndex(of: $0)! }
        #expect(ranks == ranks.sorted(), "most urgent kinds first: \(kinds)")
        #expect(items.contains { $0.kind == .planIssue && $0.lookAt == "plan/plan.csv row 7" })
        #expect(!items.contains { $0.kind == .rejects }, "a bureau with no refused row is not listed")
    }

    @Test(
        "money in a sentence: thousands grouped, two decimals",
        arguments: [
            (Int64(0), "0.00"), (5, "0.05"), (100_000, "1,000.00"), (43_920_000, "439,200.00"),
            (-1_234_567_89, "-1,234,567.89"), (99_999, "999.99"),
        ])
    func grouped(satang: Int64, text: String) {
        #expect(Money.grouped(satang) == text)
    }
}
