import Foundation

/// Renders a run's summaries into the files analysts open, as bytes keyed by file name. Rows are
/// sorted and numbers fixed-format, so the same inputs and as-of date give the same bytes.
public enum SummaryFiles {
    public static func render(summary s: Summary, rejects: RejectLog, notices: RejectLog = RejectLog()) -> [OutputFile] {
        var files: [OutputFile] = [
            OutputFile(name: Tables.projects.file, bytes: Tables.projects.render(s.projects)),
            OutputFile(name: Tables.bureaus.file, bytes: Tables.bureaus.render(s.bureaus)),
            OutputFile(name: Tables.measures.file, bytes: Tables.measures.render(s.measures)),
            OutputFile(name: Tables.issues.file, bytes: Tables.issues.render(s.issues)),
            OutputFile(name: Tables.agencies.file, bytes: Tables.agencies.render(s.agencies + [s.total])),
            OutputFile(name: Tables.months.file, bytes: Tables.months.render(s.months)),
            OutputFile(name: Tables.quarters.file, bytes: Tables.quarters.render(s.quarters)),
            OutputFile(name: ReportForm.file, bytes: ReportForm.render(s)),
            streamed(Tables.rejects, Tables.rejects.file, rejects, [0..<rejects.byteCount]),
            streamed(Tables.notices, Tables.notices.file, notices, [0..<notices.byteCount]),
        ]
        // One rejects file per bureau folder, so each bureau can be sent its own list.
        for (folder, ranges) in rejects.groups(by: bureauFolder(of:)) where !folder.isEmpty {
            files.append(streamed(Tables.rejects, "rejects/\(folder).csv", rejects, ranges))
        }
        files.append(OutputFile(name: Tables.dictionaryFile, bytes: Tables.dictionary()))
        files.append(OutputFile(
            name: "summary.json", bytes: Array(SummaryJSON.render(s, rejects: rejects, notices: notices).rendered().utf8)))
        files.append(OutputFile(name: "summary.schema.json", bytes: Array(SummarySchema.text.utf8)))
        return files
    }

    /// A reject list written from its log, 64 KiB at a time.
    private static func streamed(
        _ table: TableSpec<Reject>, _ name: String, _ log: RejectLog, _ ranges: [Range<Int>]
    ) -> OutputFile {
        OutputFile(name: name) { write in
            var csv = table.writer()
            var failure: (any Error)?
            for range in ranges where failure == nil {
                log.forEach(in: range) { reject in
                    guard failure == nil else { return }
                    table.append(reject, to: &csv)
                    if csv.bytes.count >= 64 * 1024 {
                        do { try write(csv.takeBytes()) } catch { failure = error }
                    }
                }
            }
            if let failure { throw failure }
            try write(csv.takeBytes())
        }
    }

    /// "exports/hr-it/x.csv" → "hr-it"; "" for plan files and others.
    static func bureauFolder(of path: String) -> String {
        let parts = path.split(separator: "/")
        guard parts.count >= 3, parts[0] == "exports" else { return "" }
        return String(parts[1])
    }
}

/// The output CSVs' columns, in one place: the files and the data dictionary come from these.
public enum Tables {
    public static let dictionaryFile = "data_dictionary.csv"

    static func pct(_ d: Decimal?) -> OutputCell { .decimal(d.map { SummaryBuilder.rounded($0, 2) }) }

    static func groupColumns(_ keys: [ColumnSpec<GroupFigures>]) -> [ColumnSpec<GroupFigures>] {
        keys + [
            ColumnSpec("projects", "จำนวนโครงการ/กิจกรรม", .integer, unit: "projects", "projects in the group, each once (sub-projects included)") { .int($0.projects) },
            ColumnSpec("projects_counted", "จำนวนโครงการที่นับผล", .integer, unit: "projects", "projects without sub-projects: the units of the status counts and the overall result") { .int($0.countedProjects) },
            ColumnSpec("activities_planned_year", "จำนวนครั้งตามแผน (ทั้งปี)", .integer, unit: "activities", "activities scheduled in the plan for the whole fiscal year") { .int($0.plannedActivitiesYear) },
            ColumnSpec("activities_planned_to_date", "จำนวนครั้งตามแผน (ถึงวันที่รายงาน)", .integer, unit: "activities", "activities scheduled up to the as-of month") { .int($0.plannedToDate.activities) },
            ColumnSpec("activities_actual", "จำนวนครั้งที่ดำเนินการ", .integer, unit: "activities", "activities reported in accepted rows; empty for a bureau that sent nothing") { $0.isMissing ? .empty : .int($0.actual.activities) },
            ColumnSpec("participants_planned_year", "ผู้เข้าร่วมตามแผน (คน)", .integer, unit: "persons", "head count of the target groups") { .int($0.plannedParticipantsYear) },
            ColumnSpec("participants_planned_to_date", "ผู้เข้าร่วมตามแผน ถึงวันที่รายงาน (คน)", .integer, unit: "persons", "target head count spread over the schedule, up to the as-of month") { .int($0.plannedToDate.participants) },
            ColumnSpec("participants_actual", "ผู้เข้าร่วมจริง (คน)", .integer, unit: "persons", "participants reported in accepted rows; empty for a bureau that sent nothing") { $0.isMissing ? .empty : .int($0.actual.participants) },
            ColumnSpec("budget_baht", "งบประมาณ (บาท)", .decimal, unit: "baht", "planned budget, each baht once (a parent's total is not added to its sub-projects')") { .baht($0.budgetSatang) },
            ColumnSpec("budget_planned_to_date_baht", "งบประมาณตามแผน ถึงวันที่รายงาน (บาท)", .decimal, unit: "baht", "budget spread over the schedule, up to the as-of month") { .baht($0.plannedToDate.budgetSatang) },
            ColumnSpec("spent_baht", "เบิกจ่าย (บาท)", .decimal, unit: "baht", "money spent in accepted rows; empty for a bureau that sent nothing") { $0.isMissing ? .empty : .baht($0.actual.spentSatang) },
            ColumnSpec("budget_used_pct", "ร้อยละการเบิกจ่าย", .decimal, unit: "percent", "spent as a percentage of the budget") { g in
                g.budgetSatang > 0 && !g.isMissing ? pct(Decimal(g.actual.spentSatang) * 100 / Decimal(g.budgetSatang)) : .empty
            },
            ColumnSpec("rows_accepted", "จำนวนแถวที่รับ", .integer, unit: "rows", "accepted progress rows; empty for a bureau that sent nothing") { $0.isMissing ? .empty : .int($0.actual.rows) },
            ColumnSpec("projects_completed", "ดำเนินการแล้วเสร็จ (โครงการ)", .integer, unit: "projects", "counted projects completed") { .int($0.count(.completed)) },
            ColumnSpec("projects_in_progress", "อยู่ระหว่างการดำเนินการ (โครงการ)", .integer, unit: "projects", "counted projects in progress") { .int($0.count(.inProgress)) },
            ColumnSpec("projects_not_started", "ยังไม่ดำเนินการ (โครงการ)", .integer, unit: "projects", "counted projects not started") { .int($0.count(.notStarted)) },
            ColumnSpec("projects_cancelled", "ยกเลิก (โครงการ)", .integer, unit: "projects", "counted projects cancelled") { .int($0.count(.cancelled)) },
            ColumnSpec("overall_result_pct", "ผลการดำเนินการในภาพรวม (ร้อยละ)", .decimal, unit: "percent", "mean result of the counted projects, cancelled ones left out") { pct($0.overallResult) },
        ]
    }

    public static let projects = TableSpec<ProjectFigures>(
        file: "projects.csv", about: "one row per plan project",
        columns: [
            ColumnSpec("project_id", "รหัสโครงการ", .code, "the plan's project id") { .code($0.project.id) },
            ColumnSpec("parent_id", "รหัสโครงการหลัก", .code, "the parent project's id, for a sub-project") { $0.project.parentID.map(OutputCell.code) ?? .empty },
            ColumnSpec("agency", "ส่วนราชการ", .code, "สผ. or สว.") { .text($0.project.agency) },
            ColumnSpec("issues", "ประเด็น", .code, "issues the project is listed under, first listing first, separated by ;") { .text($0.project.links.map { String($0.issue) }.joined(separator: ";")) },
            ColumnSpec("measures", "มาตรการ", .code, "measures the project is listed under, separated by ;") { .text($0.project.links.map { String($0.measure) }.joined(separator: ";")) },
            ColumnSpec("project", "โครงการ/กิจกรรม", .text, "the project's name in the plan") { .text($0.project.name) },
            ColumnSpec("bureau", "หน่วยงานผู้รับผิดชอบ", .text, "the responsible bureau in the plan") { .text($0.project.bureau) },
            ColumnSpec("status", "สถานะ", .code, "completed, in_progress, not_started or cancelled") { .text($0.status.rawValue) },
            ColumnSpec("status_th", "สถานะ (ไทย)", .text, "the status as the report form writes it") { .text($0.status.thai) },
            ColumnSpec("status_source", "ที่มาของสถานะ", .code, "reported by the bureau, or derived from the rows") { .text($0.statusSource.rawValue) },
            ColumnSpec("pace", "ความก้าวหน้าเทียบแผน", .code, "on_track, behind, or not_due: activities to date against the schedule") { .text($0.pace.rawValue) },
            ColumnSpec("activities_planned_year", "จำนวนครั้งตามแผน (ทั้งปี)", .integer, unit: "activities", "activities scheduled for the year (0 for a parent whose sub-projects carry the schedule)") { .int($0.planYear.activities.reduce(0, +)) },
            ColumnSpec("activities_planned_to_date", "จำนวนครั้งตามแผน (ถึงวันที่รายงาน)", .integer, unit: "activities", "activities scheduled up to the as-of month") { .int($0.plannedToDate.activities) },
            ColumnSpec("activities_actual", "จำนวนครั้งที่ดำเนินการ", .integer, unit: "activities", "activities reported against this project") { .int($0.actual.activities) },
            ColumnSpec("participants_planned_year", "ผู้เข้าร่วมตามแผน (คน)", .integer, unit: "persons", "the target group's head count") { p in p.project.plannedParticipants.map(OutputCell.int) ?? .empty },
            ColumnSpec("participants_planned_to_date", "ผู้เข้าร่วมตามแผน ถึงวันที่รายงาน (คน)", .integer, unit: "persons", "head count spread over the schedule, up to the as-of month") { .int($0.plannedToDate.participants) },
            ColumnSpec("participants_actual", "ผู้เข้าร่วมจริง (คน)", .integer, unit: "persons", "participants reported against this project") { .int($0.actual.participants) },
            ColumnSpec("budget_baht", "งบประมาณ (บาท)", .decimal, unit: "baht", "the plan's budget figure; empty when it gives none") { .optionalBaht($0.project.budgetSatang) },
            ColumnSpec("budget_source", "แหล่งงบประมาณ", .text, "the budget source the plan names instead of a figure") { p in
                if case .source(let s) = p.project.budget { .text(s) } else { .empty }
            },
            ColumnSpec("budget_planned_to_date_baht", "งบประมาณตามแผน ถึงวันที่รายงาน (บาท)", .decimal, unit: "baht", "budget spread over the schedule up to the as-of month (0 for a parent whose sub-projects carry budgets)") { .baht($0.plannedToDate.budgetSatang) },
            ColumnSpec("spent_baht", "เบิกจ่าย (บาท)", .decimal, unit: "baht", "money spent, reported against this project") { .baht($0.actual.spentSatang) },
            ColumnSpec("activities_with_subprojects", "จำนวนครั้ง รวมโครงการย่อย", .integer, unit: "activities", "activities of the project and all its sub-projects") { .int($0.actualWithSubprojects.activities) },
            ColumnSpec("participants_with_subprojects", "ผู้เข้าร่วม รวมโครงการย่อย (คน)", .integer, unit: "persons", "participants of the project and all its sub-projects") { .int($0.actualWithSubprojects.participants) },
            ColumnSpec("spent_with_subprojects_baht", "เบิกจ่าย รวมโครงการย่อย (บาท)", .decimal, unit: "baht", "money spent on the project and all its sub-projects; a parent's budget is set against this") { .baht($0.actualWithSubprojects.spentSatang) },
            ColumnSpec("budget_used_pct", "ร้อยละการเบิกจ่าย", .decimal, unit: "percent", "spent (with sub-projects) as a percentage of the budget") { pct($0.budgetUsedPercent) },
            ColumnSpec("over_budget", "เกินงบประมาณ", .boolean, "TRUE when spent (with sub-projects) exceeds the budget") { .flag($0.overBudget) },
            ColumnSpec("target_pct", "เป้าหมายตัวชี้วัด (ร้อยละ)", .decimal, unit: "percent", "the indicator's target") { pct($0.project.targetPercent) },
            ColumnSpec("result_pct_reported", "ผลการดำเนินการที่รายงาน (ร้อยละ)", .decimal, unit: "percent", "the result the bureau last reported") { pct($0.reportedResult) },
            ColumnSpec("result_pct", "ผลการดำเนินการ (ร้อยละ)", .decimal, unit: "percent", "the result used in the overall figure: reported, else derived") { pct($0.result) },
            ColumnSpec("counted", "นับในภาพรวม", .boolean, "TRUE for a project without sub-projects") { .flag($0.isCounted) },
            ColumnSpec("rows_accepted", "จำนวนแถวที่รับ", .integer, unit: "rows", "accepted progress rows of this project") { .int($0.actual.rows) },
            ColumnSpec("evidence", "เอกสาร/หลักฐาน", .text, "the newest evidence reported") { .text($0.evidence) },
            ColumnSpec("note", "หมายเหตุ", .text, "the newest remark reported") { .text($0.note) },
        ])

    public static let bureaus = TableSpec<GroupFigures>(
        file: "bureaus.csv", about: "per bureau: planned by the responsible bureau, actual by the bureau that reported",
        columns: groupColumns([
            ColumnSpec("bureau", "หน่วยงาน", .text, "the bureau as the plan names it") { .text($0.name) },
            ColumnSpec("agency", "ส่วนราชการ", .code, "สผ. or สว.") { .text($0.agency) },
            ColumnSpec("reporting", "สถานะการส่งข้อมูล", .code, "missing when the bureau sent nothing (its actual figures are then left empty, not zero); empty when it sent files. Stale bureaus are listed in freshness.json") { $0.reporting.map(OutputCell.text) ?? .empty },
        ]))

    public static let measures = TableSpec<GroupFigures>(
        file: "measures.csv", about: "per measure, each project under its first listing",
        columns: groupColumns([
            ColumnSpec("agency", "ส่วนราชการ", .code, "สผ. or สว.") { .text($0.agency) },
            ColumnSpec("issue", "ประเด็น", .integer, "the issue number") { $0.issue.map(OutputCell.int) ?? .empty },
            ColumnSpec("measure", "มาตรการ", .integer, "the measure number") { $0.measure.map(OutputCell.int) ?? .empty },
        ]))

    public static let issues = TableSpec<GroupFigures>(
        file: "issues.csv", about: "per issue, each project under its first listing",
        columns: groupColumns([
            ColumnSpec("agency", "ส่วนราชการ", .code, "สผ. or สว.") { .text($0.agency) },
            ColumnSpec("issue", "ประเด็น", .integer, "the issue number") { $0.issue.map(OutputCell.int) ?? .empty },
        ]))

    public static let agencies = TableSpec<GroupFigures>(
        file: "agencies.csv", about: "per agency, and both together in the row รวม",
        columns: groupColumns([
            ColumnSpec("agency", "ส่วนราชการ", .code, "สผ., สว., or รวม for both") { .text($0.name) },
        ]))

    static func periodColumns(_ keys: [ColumnSpec<PeriodFigures>]) -> [ColumnSpec<PeriodFigures>] {
        keys + [
            ColumnSpec("quarter", "ไตรมาส", .integer, "quarter of the fiscal year (1 = Oct-Dec)") { .int($0.quarter) },
            ColumnSpec("activities_planned", "จำนวนครั้งตามแผน", .integer, unit: "activities", "activities scheduled") { .int($0.planned.activities) },
            ColumnSpec("participants_planned", "ผู้เข้าร่วมตามแผน (คน)", .integer, unit: "persons", "head counts spread over the schedule") { .int($0.planned.participants) },
            ColumnSpec("budget_planned_baht", "งบประมาณตามแผน (บาท)", .decimal, unit: "baht", "budgets spread over the schedule") { .baht($0.planned.budgetSatang) },
            ColumnSpec("rows_accepted", "จำนวนแถวที่รับ", .integer, unit: "rows", "accepted rows dated in the period") { .int($0.actual.rows) },
            ColumnSpec("activities_actual", "จำนวนครั้งที่ดำเนินการ", .integer, unit: "activities", "activities reported in the period") { .int($0.actual.activities) },
            ColumnSpec("participants_actual", "ผู้เข้าร่วมจริง (คน)", .integer, unit: "persons", "participants reported in the period") { .int($0.actual.participants) },
            ColumnSpec("spent_baht", "เบิกจ่าย (บาท)", .decimal, unit: "baht", "money spent in the period") { .baht($0.actual.spentSatang) },
        ]
    }

    public static let months = TableSpec<PeriodFigures>(
        file: "months.csv", about: "per month of the fiscal year",
        columns: periodColumns([
            ColumnSpec("month", "เดือน", .month, "the month, ISO 8601 (CE)") { .text($0.label) },
            ColumnSpec("month_th", "เดือน (ไทย)", .text, "the month as a person reads it (ต.ค. ๖๑)") { $0.month.map { .text(ThaiDisplay.month($0)) } ?? .empty },
        ]))

    public static let quarters = TableSpec<PeriodFigures>(
        file: "quarters.csv", about: "per quarter of the fiscal year", columns: periodColumns([]))

    public static let rejects = TableSpec<Reject>(
        file: "rejects.csv", about: "every refused row or file, with the reason in English and Thai",
        columns: [
            ColumnSpec("code", "รหัสข้อผิดพลาด", .code, "stable error code, for filtering") { .text($0.code.rawValue) },
            ColumnSpec("file", "ไฟล์", .text, "the file, relative to the input folder") { .text($0.file) },
            ColumnSpec("row", "แถวที่", .integer, "the row number as the bureau's spreadsheet shows it (0 for a whole file)") { .int($0.row) },
            ColumnSpec("line", "บรรทัดที่", .integer, "the physical line where the record starts, as a text editor shows it") { .int($0.line) },
            ColumnSpec("column", "คอลัมน์", .text, "the column as headed in the bureau's file") { .text($0.column) },
            ColumnSpec("raw", "ค่าที่ได้รับ", .text, "the cell as received") { .code($0.raw) },
            ColumnSpec("reason_th", "เหตุผล", .text, "why, in Thai") { .text($0.thai) },
            ColumnSpec("reason_en", "reason", .text, "why, in English") { .text($0.english) },
            ColumnSpec("record", "ข้อมูลทั้งแถว", .text, "the whole original row, cells separated by |") { .text($0.record.joined(separator: " | ")) },
        ])

    public static let notices = TableSpec<Reject>(
        file: "notices.csv", about: "rows counted once or flagged for the bureau to confirm (duplicates)",
        columns: rejects.columns)

    /// data_dictionary.csv: every column of every output CSV.
    public static func dictionary() -> [UInt8] {
        var csv = SpreadsheetCSV(header: ["file", "column", "thai_label", "type", "unit", "meaning"])
        for rows in [projects.dictionary, bureaus.dictionary, measures.dictionary, issues.dictionary, agencies.dictionary,
                     months.dictionary, quarters.dictionary, rejects.dictionary, notices.dictionary] {
            for r in rows { csv.append(r) }
        }
        for r in ReportForm.dictionary { csv.append(r) }
        return csv.bytes
    }
}
