import Foundation
import RollupBase

/// The report's charts, drawn as inline SVG here (no charting library, nothing loaded): each has a
/// title, real text labels, and says "behind" in words as well as in colour, so it reads printed
/// in black and white. Coordinates are whole numbers, so the same figures give the same bytes.
enum HTMLCharts {
    /// One bar of a progress chart: done against the plan to date (the mark; nil when the plan
    /// states no such figure, so there is no mark and nothing is "behind"), in `unit`.
    struct Bar {
        var label = ""
        var verbatimLabel = ""
        let done: Int64
        let plan: Int64?
        let unit: String
        var strong = false

        var behind: Bool { plan.map { done < $0 } ?? false }

        /// Activities, or published items for what counts items (a project whose unit is an item,
        /// a group that plans and did only items).
        init(done: Tally, plan: PlanAmounts, known: Set<PlanFigureKind>, items: Bool, itemUnit: String = "") {
            self.done = items ? done.items : done.activities
            self.plan = known.contains(items ? .items : .activities) ? (items ? plan.items : plan.activities) : nil
            unit = items ? (itemUnit.isEmpty ? "เรื่อง" : itemUnit) : "ครั้ง"
        }

        /// "3/4 ครั้ง", "3 ครั้ง (แผนไม่ระบุ)".
        var figures: String {
            plan.map { "\(done)/\($0) \(unit)" + (done < $0 ? " ช้ากว่าแผน" : "") } ?? "\(done) \(unit) (แผนไม่ระบุ)"
        }
    }

    /// Each agency's and each measure's activities (or items, for a measure that plans only
    /// published items) against the plan to date.
    static func progress(_ page: inout HTMLPage, _ s: Summary) {
        page.raw("<section class=\"progress\">\n")
        page.element("h2", "ความก้าวหน้าเทียบแผนถึงวันที่รายงาน")
        let numbers = ReportForm.measureNumbers(s)
        for agency in s.agencies {
            var bars = [bar(agency, label: "ทั้งส่วนราชการ ", verbatim: agency.agency, strong: true)]
            for m in s.measures where m.agency == agency.agency {
                let link = PlanLink(issue: m.issue ?? 0, measure: m.measure ?? 0)
                let number = numbers[link] ?? "\(link.issue).\(link.measure)"
                bars.append(bar(m, label: "มาตรการที่ \(number) ", verbatim: s.measureNames[link] ?? "", strong: false))
            }
            bars = bars.filter { ($0.plan ?? 0) > 0 || $0.done > 0 }
            guard !bars.isEmpty else { continue }
            page.raw("<figure>\n")
            page.raw("<h3>ส่วนราชการ ")
            page.verbatim(agency.agency)
            page.raw("</h3>\n")
            barChart(&page, bars, agency: agency.agency)
            page.raw("</figure>\n")
        }
        page.element(
            "p", "แถบ: ดำเนินการแล้ว; เส้นตั้งสีดำ: แผนถึงวันที่รายงาน; แถบที่ไม่ถึงเส้นเขียนว่า \"ช้ากว่าแผน\"",
            class: "legend")
        page.raw("</section>\n")
    }

    private static func bar(_ g: GroupFigures, label: String, verbatim: String, strong: Bool) -> Bar {
        let byItems = g.plannedToDate.activities == 0 && g.actual.activities == 0
        var bar = Bar(done: g.actual, plan: g.plannedToDate, known: g.plan.known, items: byItems)
        (bar.label, bar.verbatimLabel, bar.strong) = (label, verbatim, strong)
        return bar
    }

    static func barChart(_ page: inout HTMLPage, _ bars: [Bar], agency: String) {
        let top = max(1, bars.map { max($0.done, $0.plan ?? 0) }.max() ?? 1)
        let (left, span, rowHeight) = (330, 280, 26)
        func x(_ v: Int64) -> Int { left + Int((Double(v) / Double(top) * Double(span)).rounded()) }
        let height = bars.count * rowHeight + 8
        page.raw("<svg role=\"img\" viewBox=\"0 0 760 \(height)\" width=\"100%\">\n<title>")
        page.text("ความก้าวหน้าของ ")
        page.verbatim(agency)
        page.text(" และแต่ละมาตรการ เทียบแผนถึงวันที่รายงาน")
        page.raw("</title>\n")
        for (i, b) in bars.enumerated() {
            let y = i * rowHeight + 4
            let behind = b.behind
            page.raw("<g>")
            page.raw("<title>")
            page.text(b.label)
            page.verbatim(b.verbatimLabel)
            page.text(
                ": ดำเนินการ \(b.done) \(b.unit) แผนถึงวันที่รายงาน " + (b.plan.map { "\($0) \(b.unit)" } ?? "ไม่ระบุ"))
            page.raw("</title>")
            page.raw("<text x=\"0\" y=\"\(y + 14)\"\(b.strong ? " font-weight=\"bold\"" : "")>")
            page.text(b.label)
            let room = 44 - b.label.count
            page.verbatim(
                b.verbatimLabel.count > room ? String(b.verbatimLabel.prefix(max(0, room - 1))) + "…" : b.verbatimLabel)
            page.raw("</text>")
            page.raw(
                "<rect x=\"\(left)\" y=\"\(y)\" width=\"\(x(b.done) - left)\" height=\"18\" class=\"\(behind ? "behind" : "ok")\"/>"
            )
            if let plan = b.plan {
                page.raw(
                    "<line x1=\"\(x(plan))\" x2=\"\(x(plan))\" y1=\"\(y - 3)\" y2=\"\(y + 21)\" class=\"target\"/>")
            }
            page.raw("<text x=\"\(max(x(b.done), x(b.plan ?? 0)) + 6)\" y=\"\(y + 14)\">")
            page.text(b.figures)
            page.raw("</text></g>\n")
        }
        page.raw("</svg>\n")
    }

    /// Money spent, cumulative month by month up to the as-of month, against the budget planned to
    /// each month: one chart per agency, then both together.
    static func money(_ page: inout HTMLPage, _ s: Summary) {
        guard !s.months.isEmpty else { return }
        page.raw("<section class=\"money\">\n")
        page.element("h2", "การเบิกจ่ายสะสมรายเดือน เทียบงบประมาณตามแผน (บาท)")
        let shown = s.monthsElapsed + 1
        for agency in s.agencies {
            let actual = s.agencyMonths[agency.agency] ?? []
            let planned = agency.budgetKnown ? (0..<s.months.count).map { agency.plan.month($0).budgetSatang } : nil
            moneyChart(
                &page, name: agency.agency, months: s.months.map(\.month), planned: planned,
                spent: actual.prefix(max(0, shown)).map(\.spentSatang))
        }
        if s.agencies.count > 1 {
            moneyChart(
                &page, name: "รวม", months: s.months.map(\.month),
                planned: s.total.budgetKnown ? s.months.map(\.planned.budgetSatang) : nil,
                spent: s.months.prefix(max(0, shown)).map(\.actual.spentSatang))
        }
        page.element(
            "p", "เส้นทึบมีจุด: เบิกจ่ายสะสมถึงเดือนที่รายงาน; เส้นประ: งบประมาณตามแผนสะสม", class: "legend")
        page.raw("</section>\n")
    }

    /// `planned`: nil when the plan states no budget for it (unknown, so no line, not a line at 0).
    private static func moneyChart(
        _ page: inout HTMLPage, name: String, months: [YearMonth?], planned: [Int64]?, spent: [Int64]
    ) {
        var plan: [Int64] = []
        var done: [Int64] = []
        for p in planned ?? [] { plan.append((plan.last ?? 0) + p) }
        for v in spent { done.append((done.last ?? 0) + v) }
        let top = max(1, (plan + done).max() ?? 1)
        let (left, step, base, span) = (60, 56, 200, 170)
        func x(_ i: Int) -> Int { left + i * step }
        func y(_ v: Int64) -> Int { base - Int((Double(v) / Double(top) * Double(span)).rounded()) }
        func points(_ values: [Int64]) -> String {
            values.enumerated().map { "\(x($0)),\(y($1))" }.joined(separator: " ")
        }
        let spentText = Money.grouped(done.last ?? 0)
        let planText = planned == nil ? "ไม่ระบุในแผน" : Money.grouped(plan.last ?? 0) + " บาท"
        page.raw("<figure>\n<h3>")
        page.verbatim(name)
        page.raw("</h3>\n<svg role=\"img\" viewBox=\"0 0 760 240\" width=\"100%\">\n")
        page.raw("<title>")
        page.verbatim(name)
        page.text(": เบิกจ่ายสะสม \(spentText) บาท งบประมาณตามแผนทั้งปี \(planText)")
        page.raw("</title>\n")
        page.raw("<line x1=\"\(left)\" x2=\"\(left + 11 * step)\" y1=\"\(base)\" y2=\"\(base)\" class=\"grid\"/>")
        page.raw(
            "<line x1=\"\(left)\" x2=\"\(left + 11 * step)\" y1=\"\(base - span)\" y2=\"\(base - span)\" class=\"grid\"/>\n"
        )
        page.raw("<text x=\"0\" y=\"\(base + 4)\">")
        page.text("0")
        page.raw("</text><text x=\"0\" y=\"\(base - span + 4)\">")
        page.text(compact(top))
        page.raw("</text>\n")
        if !plan.isEmpty {
            page.raw(
                "<polyline points=\"\(points(plan))\" class=\"plan\"/>\n")
        }
        if !done.isEmpty {
            page.raw(
                "<polyline points=\"\(points(done))\" class=\"spent\"/>\n")
            for (i, v) in done.enumerated() {
                page.raw("<circle cx=\"\(x(i))\" cy=\"\(y(v))\" r=\"3\" class=\"dot\"/>")
            }
            page.raw("\n")
        }
        for (i, m) in months.enumerated() {
            page.raw("<text x=\"\(left + i * step - 18)\" y=\"\(base + 24)\">")
            page.text(m.map { ThaiDisplay.month($0) } ?? "")
            page.raw("</text>")
        }
        page.raw("\n<text x=\"\(left)\" y=\"\(base + 40)\">")
        page.text("เบิกจ่ายสะสม \(spentText) บาท / งบประมาณตามแผนทั้งปี \(planText)")
        page.raw("</text>\n</svg>\n</figure>\n")
    }

    /// The top of a money axis in baht: "541,200" or "1.2 ล้าน".
    static func compact(_ satang: Int64) -> String {
        let baht = satang / 100
        if baht >= 1_000_000 {
            return DecimalText.plain(SummaryBuilder.rounded(Decimal(baht) / 1_000_000, 1)) + " ล้าน"
        }
        return DecimalText.grouped(String(baht))
    }

    /// A table cell with a small bar of `done` against `plan` and the two figures in words.
    static func smallBar(_ page: inout HTMLPage, _ b: Bar) {
        let plan = b.plan ?? 0
        let width = plan > 0 ? min(100, Int((Double(b.done) / Double(plan) * 100).rounded())) : (b.done > 0 ? 100 : 0)
        page.raw("<td><svg viewBox=\"0 0 100 10\" width=\"80\" height=\"10\" role=\"img\">")
        page.raw("<title>")
        page.text(
            "ดำเนินการ \(b.done) \(b.unit) จากแผนถึงวันที่รายงาน " + (b.plan.map { "\($0) \(b.unit)" } ?? "ซึ่งแผนไม่ระบุ"))
        page.raw("</title><rect x=\"0\" y=\"0\" width=\"100\" height=\"10\" class=\"track\"/>")
        page.raw(
            "<rect x=\"0\" y=\"0\" width=\"\(width)\" height=\"10\" class=\"\(b.behind ? "behind" : "ok")\"/></svg><br>"
        )
        page.text(b.figures)
        page.raw("</td>")
    }
}
