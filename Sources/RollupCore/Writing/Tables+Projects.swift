import Foundation
import RollupBase
import RollupReading

extension Tables {
    /// The columns of one planned figure of a project: the plan's figure and its source, the own
    /// share that roll-ups count, planned to date, actual, actual with sub-projects and the gap.
    static func figureColumns(
        _ kind: PlanFigureKind, prefix: String, thai: String, unit: String,
        actual: @escaping @Sendable (Tally) -> Int64,
        cancelled: (@Sendable (Tally) -> Int64)? = nil
    ) -> [ColumnSpec<ProjectFigures>] {
        let money = kind == .budget
        let type: ColumnType = money ? .decimal : .integer
        let suffix = money ? "_baht" : ""
        @Sendable func cell(_ n: Int64?) -> OutputCell { n.map { money ? .baht($0) : .int($0) } ?? .empty }
        @Sendable func toDate(_ p: ProjectFigures) -> Int64 {
            let t = p.plannedToDateWithSubprojects
            switch kind {
            case .activities: return t.activities
            case .items: return t.items
            case .participants: return t.participants
            case .budget: return t.budgetSatang
            }
        }
        let plannedName = money ? "budget_baht" : "\(prefix)_planned_year"
        let actualName = money ? "spent_baht" : "\(prefix)_actual"
        let actualLabel = money ? "เบิกจ่าย (บาท)" : "\(thai) ที่ดำเนินการ"
        var columns: [ColumnSpec<ProjectFigures>] = [
            ColumnSpec(
                plannedName, money ? "งบประมาณ (บาท)" : "\(thai) ตามแผน (ทั้งปี)", type, unit: unit,
                "the project's figure for the year with its sub-projects: what its row "
                    + "states (for a parent, its approved total), or its sub-projects' sum "
                    + "when the row states none or less; empty when the plan states none"
            ) {
                cell($0.share.total[kind])
            },
            ColumnSpec(
                money ? "budget_source" : "\(prefix)_planned_source", "ที่มาของตัวเลขตามแผน", .code,
                "where the project's own row states its figure: budget (the budget cell), funding_text "
                    + "(the budget cell names a source and no figure), unit (หน่วยนับ), target_group "
                    + "(กลุ่มเป้าหมาย), schedule (the marked months counted, when no cell states a count), "
                    + "none"
            ) {
                .text($0.project.figures[kind].source.rawValue)
            },
            ColumnSpec(
                "\(prefix)_own_share\(suffix)", "ส่วนที่นับในภาพรวม", type, unit: unit,
                "what the roll-ups count for this project: its whole figure, or for a parent its own share (its "
                    + "figure minus its sub-projects'); 0 when the sub-projects add up to more than the parent"
            ) {
                cell($0.share.own[kind])
            },
            ColumnSpec(
                "\(prefix)_planned_to_date\(suffix)", "ตามแผน ถึงวันที่รายงาน", type, unit: unit,
                "planned up to the as-of month, with sub-projects"
            ) { p in
                p.planWithSubprojects.known.contains(kind) ? cell(toDate(p)) : .empty
            },
            ColumnSpec(
                actualName, actualLabel, type, unit: unit,
                "reported against this project in accepted rows; empty when "
                    + "it has no report and its bureau is missing or stale"
            ) { p in
                p.status == .noReport ? .empty : cell(actual(p.actual))
            },
            ColumnSpec(
                "\(money ? "spent" : prefix)_with_subprojects\(suffix)", "รวมโครงการย่อย", type, unit: unit,
                "reported against this project and all its sub-projects"
            ) { p in
                p.status == .noReport ? .empty : cell(actual(p.actualWithSubprojects))
            },
            ColumnSpec(
                "\(prefix)_gap\(suffix)", "ส่วนต่างจากแผน ถึงวันที่รายงาน", type, unit: unit,
                "planned to date minus actual, both with sub-projects: positive is behind (for money, "
                    + "not yet spent); empty when the plan states no figure or there is no report"
            ) {
                cell($0.gap(kind))
            },
        ]
        if let cancelled {
            columns.append(
                ColumnSpec(
                    "\(prefix)_cancelled", "\(thai) ที่ยกเลิก", type, unit: unit,
                    "stated in this project's rows marked cancelled (ยกเลิก): "
                        + "did not take place, so not in the actual figure"
                ) { p in
                    p.status == .noReport ? .empty : cell(cancelled(p.actual))
                })
        }
        return columns
    }

    public static let projects = TableSpec<ProjectFigures>(
        file: "projects.csv", key: "projects", about: "one row per plan project",
        columns: [
            ColumnSpec("project_id", "รหัสโครงการ", .code, "the plan's project id") { .code($0.project.id) },
            ColumnSpec("parent_id", "รหัสโครงการหลัก", .code, "the parent project's id, for a sub-project") {
                $0.project.parentID.map(OutputCell.code) ?? .empty
            },
            ColumnSpec("agency", "ส่วนราชการ", .code, "สผ. or สว.") { .text($0.project.agency) },
            ColumnSpec(
                "issues", "ประเด็น", .code, "issues the project is listed under, first listing first, separated by ;"
            ) { .text($0.project.links.map { String($0.issue) }.joined(separator: ";")) },
            ColumnSpec("measures", "มาตรการ", .code, "measures the project is listed under, separated by ;") {
                .text($0.project.links.map { String($0.measure) }.joined(separator: ";"))
            },
            ColumnSpec("project", "โครงการ/กิจกรรม", .text, "the project's name in the plan") { .text($0.project.name) },
            ColumnSpec("bureau", "หน่วยงานผู้รับผิดชอบ", .text, "the responsible bureau in the plan") {
                .text($0.project.bureau)
            },
            ColumnSpec(
                "bureau_reporting", "สถานะการส่งข้อมูลของหน่วยงาน", .code,
                "missing or stale when the responsible bureau is; empty when it reported in time"
            ) { $0.bureauReporting.map(OutputCell.text) ?? .empty },
            ColumnSpec(
                "status", "สถานะ", .code,
                "completed, in_progress, not_started, cancelled, or no_report "
                    + "(no report and the bureau is missing or stale: not assessed)"
            ) { .text($0.status.rawValue) },
            ColumnSpec("status_th", "สถานะ (ไทย)", .text, "the status as the report form writes it") {
                .text($0.status.thai)
            },
            ColumnSpec("status_source", "ที่มาของสถานะ", .code, "reported by the bureau, or derived from the rows") {
                .text($0.statusSource.rawValue)
            },
            ColumnSpec(
                "pace", "ความก้าวหน้าเทียบแผน", .code,
                "on_track, behind, not_due, shortfall (completed with less than planned), cancelled, or no_report"
            ) { .text($0.pace.rawValue) },
            ColumnSpec(
                "pace_reason", "เหตุผลของความก้าวหน้า", .code,
                "why behind or short: activities, items or participants below plan, no_report "
                    + "(something was due, nothing reported), time_passed (the year or every "
                    + "planned month has passed), bureau_missing, bureau_stale"
            ) { $0.paceReason.map { .text($0.rawValue) } ?? .empty },
            ColumnSpec(
                "item_unit", "หน่วยของผลผลิต", .text,
                "the item unit (เรื่อง, ฉบับ) when the project's output is published "
                    + "items: its count column then counts items, not activities"
            ) { .text($0.project.itemUnit) },
        ]
            + figureColumns(
                .activities, prefix: "activities", thai: "จำนวนครั้ง", unit: "activities",
                actual: { $0.activities }, cancelled: { $0.activitiesCancelled })
            + figureColumns(
                .items, prefix: "items", thai: "ผลผลิต (เรื่อง/ฉบับ)", unit: "items",
                actual: { $0.items }, cancelled: { $0.itemsCancelled })
            + figureColumns(
                .participants, prefix: "participants", thai: "ผู้เข้าร่วม (คน)", unit: "persons",
                actual: { $0.participants }, cancelled: { $0.participantsCancelled })
            + figureColumns(.budget, prefix: "budget", thai: "งบประมาณ", unit: "baht", actual: { $0.spentSatang })
            + [
                ColumnSpec(
                    "budget_funding", "แหล่งงบประมาณ", .text, "the source of money the plan names instead of a figure"
                ) { p in
                    if case .source(let s) = p.project.budget { .text(s) } else { .empty }
                },
                ColumnSpec(
                    "budget_used_pct", "ร้อยละการเบิกจ่าย", .decimal, unit: "percent",
                    "spent (with sub-projects) as a percentage of the budget (with sub-projects)"
                ) { pct($0.budgetUsedPercent) },
                ColumnSpec(
                    "over_budget", "เกินงบประมาณ", .boolean, "TRUE when spent (with sub-projects) exceeds the budget"
                ) { .flag($0.overBudget) },
                ColumnSpec("target_pct", "เป้าหมายตัวชี้วัด (ร้อยละ)", .decimal, unit: "percent", "the indicator's target") {
                    pct($0.project.targetPercent)
                },
                ColumnSpec(
                    "result_pct_reported", "ผลการดำเนินการที่รายงาน (ร้อยละ)", .decimal, unit: "percent",
                    "the result the bureau last reported"
                ) { pct($0.reportedResult) },
                ColumnSpec(
                    "result_pct", "ผลการดำเนินการ (ร้อยละ)", .decimal, unit: "percent",
                    "the result used in the overall figure: reported, else derived"
                ) { pct($0.result) },
                ColumnSpec(
                    "result_gap_pct", "ส่วนต่างจากเป้าหมาย (ร้อยละ)", .decimal, unit: "percent",
                    "the indicator's target minus the result, in points: positive is below target"
                ) { pct($0.resultGap) },
                ColumnSpec(
                    "counted", "นับในภาพรวม", .boolean,
                    "TRUE for a project without sub-projects: counted in the status counts, and "
                        + "its result in the overall result unless it is cancelled or has no report"
                ) { .flag($0.isCounted) },
                ColumnSpec(
                    "rows_accepted", "จำนวนแถวที่รับ", .integer, unit: "rows", "accepted progress rows of this project"
                ) { .int($0.actual.rows) },
                ColumnSpec("evidence", "เอกสาร/หลักฐาน", .text, "the newest evidence reported") { .text($0.evidence) },
                ColumnSpec("note", "หมายเหตุ", .text, "the newest remark reported") { .text($0.note) },
                ColumnSpec(
                    "problems", "ปัญหา อุปสรรค", .text,
                    "the newest problems and obstacles reported (the exports' ปัญหา อุปสรรค column), for the report form"
                ) { .text($0.problems) },
            ])
}
