import Foundation
import RollupBase

/// `report.html`: one self-contained page for executives, in Thai: what needs attention first, the
/// headline per agency with the KPI levels 3 and 4, each agency's and each measure's progress
/// against the plan to date and each agency's money month by month as inline SVG drawn here (no
/// script, font, image or style from elsewhere, and a Content-Security-Policy that allows none), one
/// row per project grouped by agency and measure with a small bar, and what changed since the
/// previous run. The tables come from the same column descriptions as the CSV, JSON and workbook.
/// Every text from a bureau's file or the plan is escaped; the same run gives the same bytes.
public enum HTMLReport {
    public static let file = "report.html"
    static let title = "ผลการดำเนินการตามแผนส่งเสริมคุณธรรมและความโปร่งใส"

    /// `thaiDigits`: the report's own figures and dates in Thai digits (๔๓๙,๒๐๐) instead of Arabic.
    public static func render(
        summary s: Summary, attention: [AttentionItem], changes: [ChangeItem], thaiDigits: Bool = false
    ) -> [UInt8] {
        var page = HTMLPage(thaiDigits: thaiDigits)
        let when =
            "ปีงบประมาณ พ.ศ. \(s.fiscalYear.buddhistYear)" + (s.round.map { " " + $0.thaiName } ?? "")
            + " ข้อมูล ณ วันที่ " + ThaiDisplay.longDate(s.asOf)
        page.raw("<!DOCTYPE html>\n<html lang=\"th\">\n<head>\n<meta charset=\"utf-8\">\n")
        // Nothing from elsewhere may load or run, whatever a name in the plan holds.
        page.raw(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
        page.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        page.element("title", title + " " + when)
        page.raw("<style>\n" + style + "</style>\n</head>\n<body>\n<header>\n")
        page.element("h1", title)
        page.element("p", when, class: "when")
        page.raw("</header>\n")
        attentionSection(&page, attention)
        headline(&page, s)
        HTMLCharts.progress(&page, s)
        HTMLCharts.money(&page, s)
        projectTable(&page, s)
        changeList(&page, changes)
        page.raw("<footer>\n")
        page.element(
            "p",
            "ทำโดย plan-rollup จากไฟล์ที่หน่วยงานส่งมา ตัวเลขทุกตัวมีในไฟล์ summary.xlsx และ CSV ในโฟลเดอร์เดียวกัน")
        page.raw("</footer>\n</body>\n</html>\n")
        return Array(page.html.utf8)
    }

    // MARK: Sections

    static func attentionSection(_ page: inout HTMLPage, _ items: [AttentionItem]) {
        page.raw("<section class=\"attention\">\n")
        page.element("h2", "ต้องติดตาม (\(items.count) เรื่อง)")
        guard !items.isEmpty else {
            page.element("p", "ไม่มีเรื่องที่ต้องติดตาม")
            page.raw("</section>\n")
            return
        }
        page.raw("<ol>\n")
        for item in items.prefix(30) {
            // Urgency in words and a border pattern (solid or dashed), not in colour alone.
            let urgent = [.bureauMissing, .bureauStale, .noReport, .planIssue].contains(item.kind)
            page.raw("<li class=\"\(urgent ? "urgent" : "watch")\"><strong>\(urgent ? "ด่วน" : "ติดตาม")</strong> ")
            let subject = [item.bureau, item.projectID, item.project].filter { !$0.isEmpty }.joined(separator: " ")
            // The line as the attention table writes it: it quotes names, ids and plan cells, so its
            // digits stay as they are.
            page.verbatim(subject.isEmpty ? item.thai : subject + ": " + item.thai)
            page.raw(" <span class=\"look\">(")
            page.verbatim(item.lookAt)
            page.raw(")</span></li>\n")
        }
        if items.count > 30 {
            page.element("li", "และอีก \(items.count - 30) เรื่อง ในแผ่นงาน ต้องติดตาม ของ summary.xlsx")
        }
        page.raw("</ol>\n</section>\n")
    }

    /// Per agency and together: projects by status, the overall result and budget used (the
    /// agencies table's own columns), then the KPI levels 3 and 4 (the KPI table's).
    static func headline(_ page: inout HTMLPage, _ s: Summary) {
        page.raw("<section class=\"headline\">\n")
        page.element("h2", "ภาพรวม")
        let columns = HTMLPage.columns(
            Tables.agencies,
            [
                "agency", "projects_counted", "projects_completed", "projects_in_progress", "projects_not_started",
                "projects_cancelled", "projects_not_assessed", "overall_result_pct", "spent_baht", "budget_baht",
                "budget_used_pct",
            ])
        page.raw("<table>\n")
        page.headings(columns)
        page.raw("<tbody>\n")
        for g in s.agencies + [s.total] {
            page.raw("<tr>")
            page.cells(g, columns)
            page.raw("</tr>\n")
        }
        page.raw("</tbody>\n</table>\n")
        let kpi = HTMLPage.columns(Tables.kpi, ["agency", "carried_out_pct", "level_3_met", "level_4_met"])
        page.raw("<table class=\"kpi\">\n")
        page.element("caption", "ตัวชี้วัด: ระดับ 3 ดำเนินการได้ร้อยละ 80 ของแผน, ระดับ 4 ดำเนินการได้ครบร้อยละ 100")
        page.headings(kpi)
        page.raw("<tbody>\n")
        for k in s.kpi {
            page.raw("<tr>")
            page.cells(k, kpi)
            page.raw("</tr>\n")
        }
        page.raw("</tbody>\n</table>\n</section>\n")
    }

    /// One row per project, grouped by agency and then by the measure it is first listed under (where
    /// the measures table counts it), with a small bar of activities done against the plan to date
    /// and where its row is in summary.xlsx.
    static func projectTable(_ page: inout HTMLPage, _ s: Summary) {
        page.raw("<section class=\"projects\">\n")
        page.element("h2", "รายโครงการ")
        let columns = HTMLPage.columns(Tables.projects, ["project_id", "project", "bureau", "status_th"])
        let after = HTMLPage.columns(Tables.projects, ["result_pct", "spent_baht"])
        let width = columns.count + after.count + 2
        let numbers = ReportForm.measureNumbers(s)
        let rowOf = Dictionary(uniqueKeysWithValues: s.projects.enumerated().map { ($1.project.id, $0) })
        // Fixed widths, so the project's name keeps room on an A4 page.
        page.raw("<table>\n<colgroup>")
        for width in [9, 30, 13, 9, 14, 8, 9, 8] { page.raw("<col style=\"width: \(width)%\">") }
        page.raw("</colgroup>\n<thead><tr>")
        for c in columns { page.element("th", c.thai, attributes: "scope=\"col\"") }
        page.element("th", "ดำเนินการ / แผนถึงวันที่รายงาน", attributes: "scope=\"col\"")
        for c in after { page.element("th", c.thai, attributes: "scope=\"col\"") }
        page.element("th", "ใน summary.xlsx", attributes: "scope=\"col\"")
        page.raw("</tr></thead>\n")
        for agency in s.agencies {
            page.raw("<tbody>\n<tr class=\"agency\">")
            page.raw("<th colspan=\"\(width)\" scope=\"rowgroup\">ส่วนราชการ ")
            page.verbatim(agency.agency)
            page.raw("</th></tr>\n")
            let mine = s.projects.filter { $0.project.agency == agency.agency }
            for link in Set(mine.map { $0.project.links[0] }).sorted() {
                page.raw("<tr class=\"measure\"><th colspan=\"\(width)\" scope=\"rowgroup\">")
                page.text("มาตรการที่ " + (numbers[link] ?? "\(link.issue).\(link.measure)") + " ")
                page.verbatim(s.measureNames[link] ?? "")
                page.raw("</th></tr>\n")
                for p in mine where p.project.links[0] == link {
                    page.raw(p.project.parentID == nil ? "<tr>" : "<tr class=\"sub\">")
                    page.cells(p, columns)
                    HTMLCharts.smallBar(
                        &page,
                        HTMLCharts.Bar(
                            done: p.actualWithSubprojects, plan: p.plannedToDateWithSubprojects,
                            known: p.planWithSubprojects.known, items: p.project.countsItems,
                            itemUnit: p.project.itemUnit))
                    for c in after {
                        let cell = c.cell(p)
                        page.element("td", HTMLPage.shown(cell), class: "n")
                    }
                    let sheetRow = (rowOf[p.project.id] ?? 0) + WorkbookTable.headingRows + 1
                    page.raw("<td><a href=\"\(SummaryWorkbook.file)\">")
                    page.text("แผ่นงาน \(SummaryWorkbook.projectsSheet) แถว \(sheetRow)")
                    page.raw("</a></td></tr>\n")
                }
            }
            page.raw("</tbody>\n")
        }
        page.raw("</table>\n</section>\n")
    }

    static func changeList(_ page: inout HTMLPage, _ changes: [ChangeItem]) {
        page.raw("<section class=\"changes\">\n")
        page.element("h2", "การเปลี่ยนแปลงจากรอบก่อน")
        let shown = changes.filter { $0.scope != "row" }
        if let only = shown.first, only.kind == .noPreviousRun {
            page.element("p", only.thai)
        } else if shown.isEmpty {
            page.element("p", "ไม่มีการเปลี่ยนแปลงจากรอบก่อน")
        } else {
            page.raw("<ul>\n")
            for c in shown.prefix(20) {
                page.raw("<li>")
                page.verbatim(c.key.isEmpty ? c.thai : c.key + ": " + c.thai)
                page.raw("</li>\n")
            }
            if shown.count > 20 { page.element("li", "และอีก \(shown.count - 20) รายการ ใน changes.csv") }
            page.raw("</ul>\n")
        }
        page.raw("</section>\n")
    }

    static let style = """
        body { font-family: "TH Sarabun New", "Sarabun", "Laksaman", "Garuda", "Loma", sans-serif; margin: 1.5em; color: #111; max-width: 70em; }
        h1 { font-size: 1.6em; margin: 0; }
        h2 { margin: 1.2em 0 0.4em; border-bottom: 2px solid #333; }
        h3 { margin: 0.8em 0 0.2em; }
        .when { margin-top: 0.2em; }
        table { border-collapse: collapse; width: 100%; margin: 0.5em 0; }
        caption { text-align: left; font-size: 0.9em; color: #444; }
        th, td { border: 1px solid #999; padding: 0.2em 0.4em; text-align: left; vertical-align: top; }
        thead th { background: #f0f0f0; }
        td.n { text-align: right; white-space: nowrap; }
        tr.agency th { background: #dde5f0; font-size: 1.1em; }
        tr.measure th { background: #f4f6f9; font-weight: normal; }
        tr.sub th { padding-left: 1.5em; }
        .projects table { table-layout: fixed; }
        .projects th, .projects td { overflow-wrap: anywhere; }
        .attention li { margin: 0.2em 0; padding-left: 0.4em; }
        .attention li.urgent { border-left: 0.5em solid #c00; }
        .attention li.watch { border-left: 0.5em dashed #c80; }
        .look, .legend, footer { color: #444; font-size: 0.9em; }
        svg text { font-size: 13px; fill: #111; }
        svg .ok { fill: #2e7d32; }
        svg .behind { fill: #c62828; }
        svg .track { fill: #eee; }
        svg .target { stroke: #111; stroke-width: 2; }
        svg .grid { stroke: #ccc; stroke-width: 1; }
        svg .plan { fill: none; stroke: #555; stroke-width: 2; stroke-dasharray: 6 4; }
        svg .spent { fill: none; stroke: #1565c0; stroke-width: 3; }
        svg .dot { fill: #1565c0; }
        @page { size: A4; margin: 12mm; }
        @media print {
          body { margin: 0; max-width: none; font-size: 11pt; }
          table { font-size: 0.9em; }
          figure, tr, li { break-inside: avoid; page-break-inside: avoid; }
          h2, h3 { break-after: avoid; page-break-after: avoid; }
          thead { display: table-header-group; }
          a { color: inherit; text-decoration: none; }
        }

        """
}
