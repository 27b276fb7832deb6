import Foundation
import RollupBase

/// `report.html`: one self-contained page for executives, in Thai: the headline per agency, what needs
/// attention, the measures' progress against the plan to date and money spent month by month as inline
/// SVG drawn here (no script, font, image or style from elsewhere), one row per project with a small
/// bar, and what changed since the previous run. Every text from a bureau's file or the plan is
/// escaped; the same run gives the same bytes.
public enum HTMLReport {
    public static let file = "report.html"

    public static func render(summary s: Summary, attention: [AttentionItem], changes: [ChangeItem]) -> [UInt8] {
        var page = HTMLPage()
        let title = "ผลการดำเนินการตามแผนส่งเสริมคุณธรรมและความโปร่งใส"
        let when =
            ThaiDisplay.digits("ปีงบประมาณ พ.ศ. \(s.fiscalYear.buddhistYear)")
            + (s.round.map { " " + $0.thaiName } ?? "") + " ข้อมูล ณ วันที่ " + ThaiDisplay.longDate(s.asOf)
        page.raw("<!DOCTYPE html>\n<html lang=\"th\">\n<head>\n<meta charset=\"utf-8\">\n")
        page.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        page.element("title", title + " " + when)
        page.raw("<style>\n" + style + "</style>\n</head>\n<body>\n")
        page.element("h1", title)
        page.element("p", when, class: "when")
        attentionSection(&page, attention)
        headline(&page, s)
        measureChart(&page, s)
        moneyChart(&page, s)
        projectTable(&page, s)
        changeList(&page, changes)
        page.raw("</body>\n</html>\n")
        return Array(page.text.utf8)
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
            // Urgency in words and a pattern, not in colour alone.
            let urgent = [.bureauMissing, .bureauStale, .noReport, .planIssue].contains(item.kind)
            page.raw("<li class=\"\(urgent ? "urgent" : "watch")\"><strong>\(urgent ? "ด่วน" : "ติดตาม")</strong> ")
            page.text(
                [item.bureau, item.projectID, item.project].filter { !$0.isEmpty }.joined(separator: " ") + ": "
                    + item.thai)
            page.raw(" <span class=\"look\">(")
            page.text(item.lookAt)
            page.raw(")</span></li>\n")
        }
        if items.count > 30 {
            page.element("li", "และอีก \(items.count - 30) เรื่อง ในแผ่นงาน ต้องติดตาม ของ summary.xlsx")
        }
        page.raw("</ol>\n</section>\n")
    }

    static func headline(_ page: inout HTMLPage, _ s: Summary) {
        page.raw("<section>\n")
        page.element("h2", "ภาพรวม")
        page.raw("<table>\n<thead><tr>")
        for heading in [
            "ส่วนราชการ", "โครงการ", "แล้วเสร็จ", "อยู่ระหว่าง", "ยังไม่ดำเนินการ", "ยกเลิก", "ประเมินไม่ได้",
            "ผลการดำเนินการ (ร้อยละ)", "เบิกจ่าย / งบประมาณ (บาท)",
        ] {
            page.element("th", heading, attributes: "scope=\"col\"")
        }
        page.raw("</tr></thead>\n<tbody>\n")
        for g in s.agencies + [s.total] {
            page.raw("<tr>")
            page.element("th", g.name, attributes: "scope=\"row\"")
            page.element("td", String(g.projects), class: "n")
            for status in [ProjectStatus.completed, .inProgress, .notStarted, .cancelled, .noReport] {
                page.element("td", String(g.statusCounts[status] ?? 0), class: "n")
            }
            page.element(
                "td", g.overallResult.map { DecimalText.plain(SummaryBuilder.rounded($0, 2)) } ?? "–", class: "n")
            page.element(
                "td",
                Money.grouped(g.actual.spentSatang) + " / " + (g.budgetKnown ? Money.grouped(g.budgetSatang) : "–"),
                class: "n")
            page.raw("</tr>\n")
        }
        page.raw("</tbody>\n</table>\n</section>\n")
    }

    /// Each measure's activities against its plan to date: a bar with the plan as a mark.
    static func measureChart(_ page: inout HTMLPage, _ s: Summary) {
        let rows = s.measures.filter { $0.plannedToDate.activities > 0 || $0.actual.activities > 0 }
        page.raw("<section class=\"chart\">\n")
        page.element("h2", "ความก้าวหน้าของแต่ละมาตรการ (จำนวนครั้ง เทียบแผนถึงวันที่รายงาน)")
        guard !rows.isEmpty else {
            page.element("p", "ยังไม่มีแผนหรือผลของมาตรการใด")
            page.raw("</section>\n")
            return
        }
        let top = max(1, rows.map { max($0.plannedToDate.activities, $0.actual.activities) }.max() ?? 1)
        let height = rows.count * 28 + 10
        page.raw("<svg role=\"img\" viewBox=\"0 0 760 \(height)\" width=\"100%\">\n")
        page.element("title", "ความก้าวหน้าของแต่ละมาตรการเทียบแผนถึงวันที่รายงาน")
        for (i, g) in rows.enumerated() {
            let y = i * 28 + 5
            let actual = Int(Double(g.actual.activities) / Double(top) * 440)
            let plan = Int(Double(g.plannedToDate.activities) / Double(top) * 440)
            let behind = g.actual.activities < g.plannedToDate.activities
            page.raw("<g>")
            page.element(
                "title",
                "\(g.name): ดำเนินการ \(g.actual.activities) ครั้ง แผนถึงวันที่รายงาน \(g.plannedToDate.activities) ครั้ง")
            page.raw("<text x=\"0\" y=\"\(y + 15)\" class=\"label\">")
            page.text(String(g.name.prefix(40)))
            page.raw("</text>")
            page.raw(
                "<rect x=\"300\" y=\"\(y)\" width=\"\(actual)\" height=\"18\" class=\"\(behind ? "behind" : "ok")\"/>")
            page.raw(
                "<line x1=\"\(300 + plan)\" x2=\"\(300 + plan)\" y1=\"\(y - 3)\" y2=\"\(y + 21)\" class=\"target\"/>")
            page.raw("<text x=\"\(300 + max(actual, plan) + 6)\" y=\"\(y + 15)\" class=\"value\">")
            page.text("\(g.actual.activities)/\(g.plannedToDate.activities)\(behind ? " ช้ากว่าแผน" : "")")
            page.raw("</text></g>\n")
        }
        page.raw("</svg>\n")
        page.element("p", "แถบ: ดำเนินการแล้ว; เส้นตั้ง: แผนถึงวันที่รายงาน; \"ช้ากว่าแผน\" เมื่อแถบไม่ถึงเส้น", class: "legend")
        page.raw("</section>\n")
    }

    /// Money spent month by month, cumulative, against the budget planned to each month.
    static func moneyChart(_ page: inout HTMLPage, _ s: Summary) {
        let months = s.months
        guard !months.isEmpty else { return }
        var spent: [Int64] = []
        var planned: [Int64] = []
        for m in months {
            spent.append((spent.last ?? 0) + m.actual.spentSatang)
            planned.append((planned.last ?? 0) + m.planned.budgetSatang)
        }
        let top = max(1, (spent + planned).max() ?? 1)
        func points(_ values: [Int64]) -> String {
            values.enumerated().map { i, v in
                "\(40 + i * 60),\(210 - Int(Double(v) / Double(top) * 190))"
            }.joined(separator: " ")
        }
        page.raw("<section class=\"chart\">\n")
        page.element("h2", "การเบิกจ่ายสะสมรายเดือน เทียบงบประมาณตามแผน (บาท)")
        page.raw("<svg role=\"img\" viewBox=\"0 0 760 240\" width=\"100%\">\n")
        page.element(
            "title",
            "เบิกจ่ายสะสม \(Money.grouped(spent.last ?? 0)) บาท จากงบประมาณตามแผน \(Money.grouped(planned.last ?? 0)) บาท"
        )
        page.raw("<polyline points=\"\(points(planned))\" class=\"plan\"/>\n")
        page.raw("<polyline points=\"\(points(spent))\" class=\"spent\"/>\n")
        for (i, m) in months.enumerated() {
            page.raw("<text x=\"\(40 + i * 60)\" y=\"232\" class=\"month\">")
            page.text(m.month.map { ThaiDisplay.month($0) } ?? m.label)
            page.raw("</text>")
        }
        page.raw("\n</svg>\n")
        page.element("p", "เส้นทึบ: เบิกจ่ายสะสม; เส้นประ: งบประมาณตามแผนสะสม", class: "legend")
        page.raw("</section>\n")
    }

    static func projectTable(_ page: inout HTMLPage, _ s: Summary) {
        page.raw("<section>\n")
        page.element("h2", "รายโครงการ")
        page.raw("<table class=\"projects\">\n<thead><tr>")
        for heading in ["รหัส", "โครงการ/กิจกรรม", "หน่วยงาน", "สถานะ", "ดำเนินการ / แผนถึงวันที่รายงาน", "ดูใน summary.xlsx"] {
            page.element("th", heading, attributes: "scope=\"col\"")
        }
        page.raw("</tr></thead>\n<tbody>\n")
        for agency in s.agencies {
            page.raw("<tr class=\"group\">")
            page.element("th", "ส่วนราชการ " + agency.agency, attributes: "colspan=\"6\" scope=\"rowgroup\"")
            page.raw("</tr>\n")
            for p in s.projects where p.project.agency == agency.agency {
                let done = p.actualWithSubprojects.activities
                let plan = p.plannedToDateWithSubprojects.activities
                let width = plan > 0 ? min(100, Int(Double(done) / Double(plan) * 100)) : (done > 0 ? 100 : 0)
                page.raw("<tr>")
                page.element("td", p.project.id)
                page.element("td", p.project.name)
                page.element("td", p.project.bureau)
                page.element("td", p.status.thai)
                page.raw("<td><svg viewBox=\"0 0 100 10\" width=\"100\" height=\"10\" role=\"img\">")
                page.element("title", "\(done) จาก \(plan) ครั้ง")
                page.raw("<rect x=\"0\" y=\"0\" width=\"100\" height=\"10\" class=\"track\"/>")
                page.raw(
                    "<rect x=\"0\" y=\"0\" width=\"\(width)\" height=\"10\" class=\"\(done < plan ? "behind" : "ok")\"/>"
                )
                page.raw("</svg> ")
                page.text("\(done)/\(plan)")
                page.raw("</td>")
                page.element("td", "แผ่นงาน โครงการ, แถว \(p.project.id)")
                page.raw("</tr>\n")
            }
        }
        page.raw("</tbody>\n</table>\n</section>\n")
    }

    static func changeList(_ page: inout HTMLPage, _ changes: [ChangeItem]) {
        page.raw("<section>\n")
        page.element("h2", "การเปลี่ยนแปลงจากรอบก่อน")
        let shown = changes.filter { $0.scope != "row" }
        if let only = shown.first, only.kind == .noPreviousRun {
            page.element("p", only.thai)
        } else if shown.isEmpty {
            page.element("p", "ไม่มีการเปลี่ยนแปลงจากรอบก่อน")
        } else {
            page.raw("<ul>\n")
            for c in shown.prefix(20) {
                page.element("li", [c.key, c.thai].filter { !$0.isEmpty }.joined(separator: ": "))
            }
            if shown.count > 20 { page.element("li", "และอีก \(shown.count - 20) รายการ ใน changes.csv") }
            page.raw("</ul>\n")
        }
        page.raw("</section>\n")
    }

    static let style = """
        body { font-family: "TH Sarabun New", "Sarabun", "Laksaman", "Garuda", sans-serif; margin: 1.5em; color: #111; }
        h1 { font-size: 1.6em; margin: 0; }
        .when { margin-top: 0.2em; }
        table { border-collapse: collapse; width: 100%; margin: 0.5em 0; }
        th, td { border: 1px solid #999; padding: 0.2em 0.4em; text-align: left; vertical-align: top; }
        td.n { text-align: right; }
        tr.group th { background: #e8eef7; }
        .attention li.urgent { border-left: 0.5em solid #c00; padding-left: 0.4em; list-style-type: disc; }
        .attention li.watch { border-left: 0.5em dashed #c80; padding-left: 0.4em; }
        .look, .legend { color: #444; font-size: 0.9em; }
        svg .label, svg .value, svg .month { font-size: 13px; fill: #111; }
        svg .ok { fill: #2e7d32; }
        svg .behind { fill: #c62828; fill-opacity: 0.75; stroke: #c62828; }
        svg .track { fill: #eee; }
        svg .target { stroke: #111; stroke-width: 2; }
        svg .plan { fill: none; stroke: #555; stroke-width: 2; stroke-dasharray: 6 4; }
        svg .spent { fill: none; stroke: #1565c0; stroke-width: 3; }
        @page { size: A4; margin: 12mm; }
        @media print {
          body { margin: 0; }
          section.chart, tr { break-inside: avoid; page-break-inside: avoid; }
          thead { display: table-header-group; }
        }

        """
}

/// An HTML document built piece by piece: text is always escaped, markup is the report's own.
struct HTMLPage {
    var text = ""

    mutating func raw(_ markup: String) { text += markup }

    mutating func text(_ value: String) { text += Self.escaped(value) }

    mutating func element(_ name: String, _ value: String, class cls: String? = nil, attributes: String = "") {
        text += "<\(name)" + (cls.map { " class=\"\($0)\"" } ?? "") + (attributes.isEmpty ? "" : " " + attributes) + ">"
        text += Self.escaped(value)
        text += "</\(name)>"
        if ["p", "h1", "h2", "li", "title"].contains(name) { text += "\n" }
    }

    /// `&`, `<`, `>`, `"` and `'` as entities; control characters other than tab and line break left out.
    static func escaped(_ value: String) -> String {
        var out = ""
        out.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
