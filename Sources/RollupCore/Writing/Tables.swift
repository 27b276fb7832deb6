import Foundation
import RollupBase
import RollupReading

/// The output tables' columns, in one place: the CSV files, the objects of summary.json, its JSON
/// Schema and the data dictionary all come from these.
public enum Tables {
    public static let dictionaryFile = "data_dictionary.csv"

    static func pct(_ d: Decimal?) -> OutputCell { .decimal(d.map { SummaryBuilder.rounded($0, 2) }) }
    static func count(_ n: Int64?) -> OutputCell { n.map(OutputCell.int) ?? .empty }
    /// A planned figure of `kind` when the plan gives one, else empty (unknown is never 0).
    static func planned(_ n: Int64, _ kind: PlanFigureKind, _ known: Set<PlanFigureKind>) -> OutputCell {
        guard known.contains(kind) else { return .empty }
        return kind == .budget ? .baht(n) : .int(n)
    }

    // MARK: Groups: agencies, bureaus, issues, measures

    static func groupColumns(_ keys: [ColumnSpec<GroupFigures>]) -> [ColumnSpec<GroupFigures>] {
        @Sendable func actual(_ g: GroupFigures, _ value: OutputCell) -> OutputCell { g.isMissing ? .empty : value }
        return keys + [
            ColumnSpec(
                "projects", "จำนวนโครงการ/กิจกรรม", .integer, unit: "projects",
                "projects in the group, each once (sub-projects included)"
            ) { .int($0.projects) },
            ColumnSpec(
                "projects_counted", "จำนวนโครงการที่นับผล", .integer, unit: "projects",
                "projects without sub-projects: the units of the status counts and the overall result"
            ) { .int($0.countedProjects) },
            ColumnSpec(
                "activities_planned_year", "จำนวนครั้งตามแผน (ทั้งปี)", .integer, unit: "activities",
                "sessions, cohorts and courses the plan states for the year, each once (a parent's "
                    + "own share plus its sub-projects'); empty when no project states any"
            ) { planned($0.plan.year.activities, .activities, $0.plan.known) },
            ColumnSpec(
                "activities_planned_to_date", "จำนวนครั้งตามแผน (ถึงวันที่รายงาน)", .integer, unit: "activities",
                "activities planned up to the as-of month"
            ) { planned($0.plannedToDate.activities, .activities, $0.plan.known) },
            ColumnSpec(
                "activities_actual", "จำนวนครั้งที่ดำเนินการ", .integer, unit: "activities",
                "activities reported in accepted rows; empty for a bureau that "
                    + "sent nothing, or a group whose every project has no report"
            ) { g in actual(g, .int(g.actual.activities)) },
            ColumnSpec(
                "items_planned_year", "ผลผลิต (เรื่อง/ฉบับ) ตามแผน ทั้งปี", .integer, unit: "items",
                "published items (เรื่อง, ฉบับ, ช่องทาง) the plan states for the year; never added to activities"
            ) { planned($0.plan.year.items, .items, $0.plan.known) },
            ColumnSpec(
                "items_planned_to_date", "ผลผลิต (เรื่อง/ฉบับ) ตามแผน ถึงวันที่รายงาน", .integer, unit: "items",
                "items planned up to the as-of month"
            ) { planned($0.plannedToDate.items, .items, $0.plan.known) },
            ColumnSpec(
                "items_actual", "ผลผลิต (เรื่อง/ฉบับ) ที่ดำเนินการ", .integer, unit: "items",
                "items delivered: the count column of rows of projects whose unit is an item"
            ) { g in actual(g, .int(g.actual.items)) },
            ColumnSpec(
                "participants_planned_year", "ผู้เข้าร่วมตามแผน (คน)", .integer, unit: "persons",
                "head counts of the target groups, each once"
            ) { planned($0.plan.year.participants, .participants, $0.plan.known) },
            ColumnSpec(
                "participants_planned_to_date", "ผู้เข้าร่วมตามแผน ถึงวันที่รายงาน (คน)", .integer, unit: "persons",
                "target head counts spread over the schedule, up to the as-of month"
            ) { planned($0.plannedToDate.participants, .participants, $0.plan.known) },
            ColumnSpec(
                "participants_actual", "ผู้เข้าร่วมจริง (คน)", .integer, unit: "persons",
                "participants reported in accepted rows; empty for a bureau that sent nothing"
            ) { g in actual(g, .int(g.actual.participants)) },
            ColumnSpec(
                "budget_baht", "งบประมาณ (บาท)", .decimal, unit: "baht",
                "approved budget, each baht once: the approved totals of the group's projects (a parent's "
                    + "own share plus its sub-projects'); empty when no project has a budget figure"
            ) { planned($0.budgetSatang, .budget, $0.plan.known) },
            ColumnSpec(
                "budget_planned_to_date_baht", "งบประมาณตามแผน ถึงวันที่รายงาน (บาท)", .decimal, unit: "baht",
                "budget spread over the schedule, up to the as-of month"
            ) { planned($0.plannedToDate.budgetSatang, .budget, $0.plan.known) },
            ColumnSpec(
                "spent_baht", "เบิกจ่าย (บาท)", .decimal, unit: "baht",
                "money spent in accepted rows; empty for a bureau that sent nothing"
            ) { g in actual(g, .baht(g.actual.spentSatang)) },
            ColumnSpec(
                "budget_used_pct", "ร้อยละการเบิกจ่าย", .decimal, unit: "percent",
                "spent as a percentage of the budget of the projects with a report (those reading no_report left out)"
            ) { pct($0.budgetUsedPercent) },
            ColumnSpec(
                "rows_accepted", "จำนวนแถวที่รับ", .integer, unit: "rows",
                "accepted progress rows; empty for a bureau that sent nothing"
            ) { g in actual(g, .int(g.actual.rows)) },
            ColumnSpec(
                "activities_cancelled", "จำนวนครั้งที่ยกเลิก", .integer, unit: "activities",
                "activities stated in rows marked cancelled: did not take place, not in activities_actual"
            ) { g in actual(g, .int(g.actual.activitiesCancelled)) },
            ColumnSpec(
                "items_cancelled", "ผลผลิตที่ยกเลิก", .integer, unit: "items", "items stated in rows marked cancelled"
            ) { g in actual(g, .int(g.actual.itemsCancelled)) },
            ColumnSpec(
                "participants_cancelled", "ผู้เข้าร่วมที่ยกเลิก (คน)", .integer, unit: "persons",
                "participants stated in rows marked cancelled: not in participants_actual"
            ) { g in actual(g, .int(g.actual.participantsCancelled)) },
            ColumnSpec(
                "projects_completed", "ดำเนินการแล้วเสร็จ (โครงการ)", .integer, unit: "projects",
                "counted projects completed"
            ) { .int($0.count(.completed)) },
            ColumnSpec(
                "projects_in_progress", "อยู่ระหว่างการดำเนินการ (โครงการ)", .integer, unit: "projects",
                "counted projects in progress"
            ) { .int($0.count(.inProgress)) },
            ColumnSpec(
                "projects_not_started", "ยังไม่ดำเนินการ (โครงการ)", .integer, unit: "projects",
                "counted projects not started (their bureau reported, nothing on them)"
            ) { .int($0.count(.notStarted)) },
            ColumnSpec(
                "projects_cancelled", "ยกเลิก (โครงการ)", .integer, unit: "projects", "counted projects cancelled"
            ) { .int($0.count(.cancelled)) },
            ColumnSpec(
                "projects_not_assessed", "ประเมินไม่ได้ (ไม่มีรายงาน)", .integer, unit: "projects",
                "counted projects with no report whose bureau is missing "
                    + "or stale: not assessed, left out of the overall result"
            ) { .int($0.count(.noReport)) },
            ColumnSpec(
                "overall_result_pct", "ผลการดำเนินการในภาพรวม (ร้อยละ)", .decimal, unit: "percent",
                "mean result of the counted projects, cancelled and not assessed ones left out"
            ) { pct($0.overallResult) },
        ]
    }

    public static let bureaus = TableSpec<GroupFigures>(
        file: "bureaus.csv", key: "bureaus",
        about: "per bureau: planned by the responsible bureau, actual by the bureau that reported",
        columns: groupColumns([
            ColumnSpec("bureau", "หน่วยงาน", .text, "the bureau as the plan names it") { .text($0.name) },
            ColumnSpec("agency", "ส่วนราชการ", .code, "สผ. or สว.") { .text($0.agency) },
            ColumnSpec(
                "reporting", "สถานะการส่งข้อมูล", .code,
                "missing when the bureau sent nothing (its actual figures are then empty, not zero); stale "
                    + "when its newest export is older than its max_age_days; empty when it reported in time"
            ) { $0.reporting.map(OutputCell.text) ?? .empty },
        ]))

    public static let measures = TableSpec<GroupFigures>(
        file: "measures.csv", key: "measures", about: "per measure, each project under its first listing",
        columns: groupColumns([
            ColumnSpec("agency", "ส่วนราชการ", .code, "สผ. or สว.") { .text($0.agency) },
            ColumnSpec("issue", "ประเด็น", .integer, "the issue number") { $0.issue.map(OutputCell.int) ?? .empty },
            ColumnSpec("measure", "มาตรการ", .integer, "the measure number") {
                $0.measure.map(OutputCell.int) ?? .empty
            },
        ]))

    public static let issues = TableSpec<GroupFigures>(
        file: "issues.csv", key: "issues", about: "per issue, each project under its first listing",
        columns: groupColumns([
            ColumnSpec("agency", "ส่วนราชการ", .code, "สผ. or สว.") { .text($0.agency) },
            ColumnSpec("issue", "ประเด็น", .integer, "the issue number") { $0.issue.map(OutputCell.int) ?? .empty },
        ]))

    public static let agencies = TableSpec<GroupFigures>(
        file: "agencies.csv", key: "agencies", about: "per agency, and both together in the row รวม",
        columns: groupColumns([
            ColumnSpec("agency", "ส่วนราชการ", .code, "สผ., สว., or รวม for both") { .text($0.name) }
        ]))

    // MARK: Periods

    static func periodColumns(_ keys: [ColumnSpec<PeriodFigures>]) -> [ColumnSpec<PeriodFigures>] {
        keys + [
            ColumnSpec("quarter", "ไตรมาส", .integer, "quarter of the fiscal year (1 = Oct-Dec)") { .int($0.quarter) },
            ColumnSpec(
                "activities_planned", "จำนวนครั้งตามแผน", .integer, unit: "activities", "activities planned in the period"
            ) { planned($0.planned.activities, .activities, $0.known) },
            ColumnSpec(
                "items_planned", "ผลผลิต (เรื่อง/ฉบับ) ตามแผน", .integer, unit: "items", "items planned in the period"
            ) { planned($0.planned.items, .items, $0.known) },
            ColumnSpec(
                "participants_planned", "ผู้เข้าร่วมตามแผน (คน)", .integer, unit: "persons",
                "head counts spread over the schedule"
            ) { planned($0.planned.participants, .participants, $0.known) },
            ColumnSpec(
                "budget_planned_baht", "งบประมาณตามแผน (บาท)", .decimal, unit: "baht",
                "budgets spread over the schedule"
            ) { planned($0.planned.budgetSatang, .budget, $0.known) },
            ColumnSpec("rows_accepted", "จำนวนแถวที่รับ", .integer, unit: "rows", "accepted rows dated in the period") {
                .int($0.actual.rows)
            },
            ColumnSpec(
                "activities_actual", "จำนวนครั้งที่ดำเนินการ", .integer, unit: "activities",
                "activities reported in the period"
            ) { .int($0.actual.activities) },
            ColumnSpec(
                "items_actual", "ผลผลิต (เรื่อง/ฉบับ) ที่ดำเนินการ", .integer, unit: "items", "items delivered in the period"
            ) { .int($0.actual.items) },
            ColumnSpec(
                "participants_actual", "ผู้เข้าร่วมจริง (คน)", .integer, unit: "persons",
                "participants reported in the period"
            ) { .int($0.actual.participants) },
            ColumnSpec("spent_baht", "เบิกจ่าย (บาท)", .decimal, unit: "baht", "money spent in the period") {
                .baht($0.actual.spentSatang)
            },
            ColumnSpec(
                "activities_cancelled", "จำนวนครั้งที่ยกเลิก", .integer, unit: "activities",
                "activities stated in rows marked cancelled, dated in the period"
            ) { .int($0.actual.activitiesCancelled) },
            ColumnSpec(
                "items_cancelled", "ผลผลิตที่ยกเลิก", .integer, unit: "items",
                "items stated in rows marked cancelled, dated in the period"
            ) { .int($0.actual.itemsCancelled) },
            ColumnSpec(
                "participants_cancelled", "ผู้เข้าร่วมที่ยกเลิก (คน)", .integer, unit: "persons",
                "participants stated in rows marked cancelled, dated in the period"
            ) { .int($0.actual.participantsCancelled) },
        ]
    }

    public static let months = TableSpec<PeriodFigures>(
        file: "months.csv", key: "months", about: "per month of the fiscal year",
        columns: periodColumns([
            ColumnSpec("month", "เดือน", .month, "the month, ISO 8601 (CE)") { .text($0.label) },
            ColumnSpec("month_th", "เดือน (ไทย)", .text, "the month as a person reads it (ต.ค. ๖๑)") {
                $0.month.map { .text(ThaiDisplay.month($0)) } ?? .empty
            },
        ]))

    public static let quarters = TableSpec<PeriodFigures>(
        file: "quarters.csv", key: "quarters", about: "per quarter of the fiscal year",
        columns: periodColumns([
            ColumnSpec("period", "ช่วงเวลา", .code, "Q1 to Q4") { .text($0.label) }
        ]))

    // MARK: Rejects and notices

    public static let rejects = TableSpec<Reject>(
        file: "rejects.csv", key: "rejects", about: "every refused row or file, with the reason in English and Thai",
        columns: [
            ColumnSpec("code", "รหัสข้อผิดพลาด", .code, "stable error code, for filtering") { .text($0.code.rawValue) },
            ColumnSpec("file", "ไฟล์", .text, "the file, relative to the input folder") { .text($0.file) },
            ColumnSpec("sheet", "แผ่นงาน", .text, "for a workbook, the sheet read (its rows are the sheet's)") {
                .text($0.sheet)
            },
            ColumnSpec(
                "row", "แถวที่", .integer, "the row number as the bureau's spreadsheet shows it (0 for a whole file)"
            ) { .int($0.row) },
            ColumnSpec(
                "line", "บรรทัดที่", .integer, "the physical line where the record starts, as a text editor shows it"
            ) { .int($0.line) },
            ColumnSpec("column", "คอลัมน์", .text, "the column as headed in the bureau's file") { .text($0.column) },
            ColumnSpec("raw", "ค่าที่ได้รับ", .text, "the cell as received") { .code($0.raw) },
            ColumnSpec("reason_th", "เหตุผล", .text, "why, in Thai") { .text($0.thai) },
            ColumnSpec("reason_en", "reason", .text, "why, in English") { .text($0.english) },
            ColumnSpec("record", "ข้อมูลทั้งแถว", .text, "the whole original row, cells separated by |") {
                .text($0.record.joined(separator: " | "))
            },
        ])

    public static let notices = TableSpec<Reject>(
        file: "notices.csv", key: "notices",
        about: "rows counted once or flagged for the bureau to confirm (duplicates)",
        columns: rejects.columns)

    /// data_dictionary.csv: every column of every output CSV.
    public static func dictionary() -> [UInt8] {
        var csv = SpreadsheetCSV(header: ["file", "column", "thai_label", "type", "unit", "meaning"])
        for rows in [
            projects.dictionary, bureaus.dictionary, measures.dictionary, issues.dictionary, agencies.dictionary,
            months.dictionary, quarters.dictionary, kpi.dictionary, attention.dictionary, changes.dictionary,
            rejects.dictionary, bureauRejects.dictionary, notices.dictionary,
        ] {
            for r in rows { csv.append(r) }
        }
        for r in ReportForm.dictionary { csv.append(r) }
        return csv.bytes
    }
}
