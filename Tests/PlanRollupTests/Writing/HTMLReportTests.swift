import Foundation
import Testing

@testable import PlanRollup
@testable import RollupBase
@testable import RollupCore
@testable import RollupReading

/// report.html as a file: self-contained, Thai, every bureau's text escaped, the same bytes each time.
@Suite("The one-file HTML report")
struct HTMLReportTests {
    static var html: String {
        let file = GoldenSmallTests.outcome.files.first { $0.name == HTMLReport.file }!
        return String(decoding: file.bytes, as: UTF8.self)
    }

    @Test("the golden run's report: lang th, a policy that loads nothing, no external reference, every chart titled")
    func selfContained() throws {
        let html = Self.html
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"th\">"))
        #expect(html.contains("content=\"default-src 'none'; style-src 'unsafe-inline'\""))
        for external in ["http://", "https://", "src=", "<script", "@import", "url(", "<link"] {
            #expect(!html.contains(external), "\(external) in a file that must open offline")
        }
        let links = html.components(separatedBy: "href=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
        #expect(!links.isEmpty && links.allSatisfy { $0 == "summary.xlsx" }, "only the workbook beside it")
        let svgs = html.components(separatedBy: "<svg").dropFirst()
        #expect(svgs.count > 10 && svgs.allSatisfy { $0.prefix(200).contains("<title>") }, "every chart has a title")
        #expect(html.contains("@media print") && html.contains("@page { size: A4"))
    }

    @Test(
        "the headline: per agency and together, the statuses, result and money from the agencies table; KPI levels 3 and 4"
    )
    func headline() throws {
        let s = GoldenSmallTests.outcome.summary
        let html = Self.html
        for heading in [
            "ดำเนินการแล้วเสร็จ (โครงการ)", "ผลการดำเนินการในภาพรวม (ร้อยละ)", "ผ่านระดับ 3 (ร้อยละ 80)", "ผ่านระดับ 4 (ร้อยละ 100)",
        ] {
            #expect(html.contains("<th scope=\"col\">\(heading)</th>"), "\(heading)")
        }
        for g in s.agencies + [s.total] {
            #expect(html.contains("<th scope=\"row\">\(g.name)</th>"))
            #expect(html.contains(">\(Money.grouped(g.actual.spentSatang))</td>"), "\(g.name) spent, grouped")
        }
        let kpi = html.components(separatedBy: "<table class=\"kpi\">")[1].components(separatedBy: "</table>")[0]
        #expect(kpi.components(separatedBy: "<tr>").count - 1 == s.kpi.count + 1)
        #expect(kpi.contains(s.kpi[0].level3Met ? ">ใช่</td>" : ">ไม่ใช่</td>"))
    }

    @Test("projects grouped by agency and measure, each once, each naming its row of the workbook's projects sheet")
    func projects() throws {
        let s = GoldenSmallTests.outcome.summary
        let table = Self.html.components(separatedBy: "<section class=\"projects\">")[1]
        for (i, p) in s.projects.enumerated() {
            let row = table.components(separatedBy: "<th scope=\"row\">\(p.project.id)</th>")
            #expect(row.count == 2, "\(p.project.id) once")
            #expect(row.last?.contains("แผ่นงาน โครงการ แถว \(i + 3)</a>") == true, "\(p.project.id): row \(i + 3)")
        }
        let items = try #require(s.projects.first { $0.project.countsItems })
        let itemRow = table.components(separatedBy: "<th scope=\"row\">\(items.project.id)</th>")[1]
        let counted =
            "\(items.actualWithSubprojects.items)/\(items.plannedToDateWithSubprojects.items) \(items.project.itemUnit)"
        #expect(itemRow.prefix(1200).contains(counted), "a project counted in items shows its items: \(counted)")
        let groups = table.components(separatedBy: "<tr class=\"measure\">").count - 1
        #expect(groups == s.measures.count, "one group per measure the measures table has")
    }

    @Test("each agency's money line: its months add up to what it spent")
    func moneyLines() throws {
        let s = GoldenSmallTests.outcome.summary
        let money = Self.html.components(separatedBy: "<section class=\"money\">")[1]
        for a in s.agencies {
            #expect(money.contains("<h3>\(a.agency)</h3>"))
            #expect(money.contains("เบิกจ่ายสะสม \(Money.grouped(a.actual.spentSatang)) บาท"), "\(a.agency)")
        }
    }

    @Test("--thai-digits: the report's own figures and dates in Thai digits; ids and names as written")
    func thaiDigits() throws {
        let s = GoldenSmallTests.outcome.summary
        let thai = String(
            decoding: HTMLReport.render(summary: s, attention: [], changes: [], thaiDigits: true), as: UTF8.self)
        let arabic = String(
            decoding: HTMLReport.render(summary: s, attention: [], changes: [], thaiDigits: false), as: UTF8.self)
        let spent = Money.grouped(s.total.actual.spentSatang)
        #expect(thai.contains(">\(ThaiDisplay.digits(spent))</td>") && !thai.contains(">\(spent)</td>"))
        #expect(arabic.contains(">\(spent)</td>"))
        #expect(arabic.contains("ปีงบประมาณ พ.ศ. \(s.fiscalYear.buddhistYear)"))
        #expect(thai.contains(ThaiDisplay.digits("ปีงบประมาณ พ.ศ. \(s.fiscalYear.buddhistYear)")))
        let id = s.projects[0].project.id
        #expect(thai.contains("<th scope=\"row\">\(id)</th>"), "the id as the plan writes it")
    }

    @Test("a bar whose plan states no figure has no mark and is never behind; one with a plan is behind below it")
    func bars() {
        let done = Tally(rows: 1, activities: 3, participants: 0, spentSatang: 0)
        let unknown = HTMLCharts.Bar(done: done, plan: PlanAmounts(), known: [], items: false)
        #expect(unknown.plan == nil && !unknown.behind && unknown.figures == "3 ครั้ง (แผนไม่ระบุ)")
        var four = PlanAmounts()
        four.activities = 4
        let short = HTMLCharts.Bar(done: done, plan: four, known: [.activities], items: false)
        #expect(short.behind && short.figures == "3/4 ครั้ง ช้ากว่าแผน")
        let items = HTMLCharts.Bar(done: done, plan: four, known: [.activities], items: true, itemUnit: "ฉบับ")
        #expect(items.plan == nil && items.figures == "0 ฉบับ (แผนไม่ระบุ)", "items counted, not activities")
    }

    @Test("markup in a name shows as text; control characters and bidirectional overrides are left out")
    func hostileText() throws {
        let page = HTMLPage.escaped("<script>alert('x')</script> & \"q\"\u{1B}[31m")
        #expect(page == "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;[31m")
        #expect(
            HTMLPage.escaped("อบรม\u{202E} 38,250\u{2067}x\u{2069}") == "อบรม 38,250x", "no name turns figures around")
    }

    @Test("--thai-digits leaves the digits of ids, file names and plan cells quoted in the attention list as written")
    func attentionVerbatim() throws {
        let s = GoldenSmallTests.outcome.summary
        let attention = AttentionList.build(
            summary: s, planIssues: [], rejectsByBureau: [(folder: "hr-2", count: 12)], newRefusals: nil)
        let html = String(
            decoding: HTMLReport.render(summary: s, attention: attention, changes: [], thaiDigits: true), as: UTF8.self)
        #expect(html.contains("hr-2:") && html.contains("rejects/hr-2.csv"), "the folder's name as written")
        #expect(!html.contains("hr-๒"))
    }

    @Test(
        "figures as people read them",
        arguments: [
            ("439200.00", "439,200.00"), ("-1234", "-1,234"), ("92.63", "92.63"), ("0", "0"), ("1000000", "1,000,000"),
        ])
    func grouped(number: String, shown: String) {
        #expect(DecimalText.grouped(number) == shown)
    }
}
