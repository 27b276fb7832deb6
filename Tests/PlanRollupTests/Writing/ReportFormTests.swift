import Foundation
import Testing

@testable import PlanRollup
@testable import RollupBase
@testable import RollupCore
@testable import RollupReading

/// The plan's report form (report_form.csv and a sheet per agency of summary.xlsx) on the golden run.
@Suite("The report form")
struct ReportFormTests {
    static let form: ParsedCSV = {
        let file = GoldenSmallTests.outcome.files.first { $0.name == ReportForm.file }!
        return try! ParsedCSV(name: file.name, bytes: file.bytes)
    }()

    func rows(_ agency: String) -> [[String]] { Self.form.rows.filter { $0[0] == agency } }

    @Test("every measure of the agency in the plan's numbering; a project under two is listed under both, counted once")
    func measures() {
        let hr = rows("สผ.")
        // The plan numbers measures across the plan (1, 2, 5); the document by issue, and within an issue of
        // several measures by place (๒.๑); each issue here has one.
        #expect(hr.filter { $0[1].hasPrefix("มาตรการที่") }.map { $0[1] } == ["มาตรการที่ ๑", "มาตรการที่ ๒"])
        let listings = hr.filter { $0[2] == "สผ-62-004" }
        #expect(listings.count == 2)
        #expect(!listings[0][9].contains("นับผลครั้งเดียว"))
        #expect(listings[1][9].hasSuffix("นับผลครั้งเดียวในมาตรการที่ ๑"))
        #expect(rows("สว.").filter { $0[1].hasPrefix("มาตรการที่") }.map { $0[1] } == ["มาตรการที่ ๑", "มาตรการที่ ๓"])
    }

    @Test("the planned output answered (met or not), the outcome against the target, the closing counts in full")
    func answers() {
        let hr = rows("สผ.")
        let manual = hr.first { $0[2] == "สผ-62-005" }!
        #expect(manual[4].hasPrefix("ไม่เป็นไปตามแผน: "))
        let publish = hr.first { $0[2] == "สผ-62-004" }!
        #expect(publish[4].hasPrefix("เป็นไปตามแผน: "))
        #expect(publish[5] == "เป้าหมายร้อยละ 100 ผลร้อยละ 100 (เป็นไปตามเป้าหมาย)")
        let cancelled = rows("สว.").first { $0[2] == "สว-62-002" }!
        #expect(cancelled[4].hasPrefix("ยกเลิก: "))
        #expect(
            hr.last?[1] == "ดำเนินการแล้วเสร็จ 3 โครงการ/กิจกรรม อยู่ระหว่างการดำเนินการ 0 โครงการ/กิจกรรม "
                + "ยังไม่ดำเนินการ 1 โครงการ/กิจกรรม ยกเลิก 0 โครงการ/กิจกรรม ประเมินไม่ได้ (ไม่มีรายงาน) 0 โครงการ/กิจกรรม")
    }

    @Test("the workbook's form sheet: title, year, round and as-of date in Thai, the agency, then the same lines")
    func sheet() throws {
        let rows = SummaryWorkbookTests.sheet("แบบรายงาน สผ.").rows
        let texts = rows.map { $0.first?[0] as? String ?? "" }
        #expect(texts[0] == ReportFormSheet.title)
        #expect(texts[1] == "ประจำปีงบประมาณ พ.ศ. ๒๕๖๒ รอบ ๖ เดือน ข้อมูล ณ วันที่ ๓๑ มีนาคม ๒๕๖๒")
        #expect(texts[2] == "ส่วนราชการ: สผ.")
        #expect(rows[3].map { $0[0] as? String } == ReportFormSheet.columns.map { Optional($0.heading) })
        let projectIDs = rows.dropFirst(4).compactMap { $0.count > 1 ? $0[1][0] as? String : nil }
            .filter { $0.hasPrefix("สผ-") }
        #expect(projectIDs == self.rows("สผ.").map { $0[2] }.filter { !$0.isEmpty })
        #expect(texts.contains("ปัญหา อุปสรรค และข้อเสนอแนะ"))
    }
}
