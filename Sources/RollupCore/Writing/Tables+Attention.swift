import RollupBase

extension Tables {
    /// The needs-attention list: `attention.csv`, summary.json's `attention`, the workbook's first sheet.
    /// summary.json's says how many rows each bureau has refused but not how many of its refusals
    /// are new since the previous run, as it depends on the input and the as-of date alone.
    public static let attention = TableSpec<AttentionItem>(
        file: "attention.csv", key: "attention",
        about: "What to follow up before the report goes out, most urgent first (summary.json leaves out how many "
            + "refusals are new since the previous run, which attention.csv says)",
        columns: [
            ColumnSpec(
                "kind", "เรื่อง", .code,
                "bureau_missing, bureau_stale, no_report, not_started, behind, over_budget, plan_issue, rejects",
                nullable: false, values: AttentionItem.Kind.allCases.map(\.rawValue)
            ) { .text($0.kind.rawValue) },
            ColumnSpec("kind_th", "เรื่อง (ไทย)", .text, "the kind as a Thai reader names it", nullable: false) {
                .text($0.kind.thai)
            },
            ColumnSpec("agency", "ส่วนราชการ", .text, "the agency, when one is concerned") { .text($0.agency) },
            ColumnSpec("bureau", "หน่วยงาน", .text, "the bureau (or bureau folder for rejects), when one is concerned") {
                .text($0.bureau)
            },
            ColumnSpec("project_id", "รหัสโครงการ", .code, "the project, when one is concerned") {
                .code($0.projectID)
            },
            ColumnSpec("project", "โครงการ/กิจกรรม", .text, "the project's name in the plan") { .text($0.project) },
            ColumnSpec("reason_th", "เหตุผล", .text, "why it needs attention, in Thai", nullable: false) {
                .text($0.thai)
            },
            ColumnSpec("reason_en", "เหตุผล (อังกฤษ)", .text, "why it needs attention, in English", nullable: false) {
                .text($0.english)
            },
            ColumnSpec("look_at", "ดูที่", .text, "the file, row or table to look at", nullable: false) {
                .text($0.lookAt)
            },
        ])
}
