import RollupBase

extension Tables {
    /// What changed since the previous run of the same fiscal year: `changes.csv` and the workbook's
    /// second sheet. Not in summary.json, which depends on the input and the as-of date alone.
    public static let changes = TableSpec<ChangeItem>(
        file: "changes.csv", key: "changes",
        about: "What changed since the previous published run of the same fiscal year",
        columns: [
            ColumnSpec(
                "kind", "การเปลี่ยนแปลง", .code,
                "no_previous_run, status, bureau_reporting, rejects_new, rejects_fixed, rejects_not_compared, project_added, "
                    + "project_removed, figure, pace", nullable: false,
                values: ChangeItem.Kind.allCases.map(\.rawValue)
            ) { .text($0.kind.rawValue) },
            ColumnSpec("scope", "ระดับ", .code, "project, bureau, row (a refused row) or run", nullable: false) {
                .text($0.scope)
            },
            ColumnSpec(
                "key", "รหัส/ชื่อ", .code, "the project id, bureau name or bureau folder; for a row, its file"
            ) { .code($0.key) },
            ColumnSpec(
                "row", "แถวที่", .integer,
                "for a refused row, its row as the bureau's spreadsheet shows it (in the previous run's file when fixed)"
            ) { $0.row.map { .int($0) } ?? .empty },
            ColumnSpec("name", "ชื่อ", .text, "the project's or bureau's name; for a row, its bureau folder") {
                .text($0.name)
            },
            ColumnSpec("field", "ข้อมูลที่เปลี่ยน", .code, "the column that changed (as in projects.csv, bureaus.csv)") {
                .text($0.field)
            },
            ColumnSpec("before", "ก่อน", .text, "the value in the previous run; empty when unknown") {
                .text($0.before)
            },
            ColumnSpec("after", "หลัง", .text, "the value in this run; empty when unknown") { .text($0.after) },
            ColumnSpec("reason_th", "รายละเอียด", .text, "the change in Thai", nullable: false) { .text($0.thai) },
            ColumnSpec(
                "reason_en", "รายละเอียด (อังกฤษ)", .text, "the change in English, naming the previous run",
                nullable: false
            ) { .text($0.english) },
        ])
}
