import RollupBase

extension Tables {
    /// The KPI rubric's levels per agency: `kpi.csv` and summary.json's `kpi`.
    public static let kpi = TableSpec<KPIAssessment>(
        file: "kpi.csv", key: "kpi",
        about:
            "The plan's KPI levels per agency: level 2 (awareness survey), levels "
            + "3 and 4 (plan carried out to 80% and 100%), level 5 (opinion survey)",
        columns: [
            ColumnSpec("agency", "ส่วนราชการ", .text, "the agency (สผ. or สว.)", nullable: false) { .text($0.agency) },
            ColumnSpec(
                "level_2_awareness_pct", "ร้อยละการรับรู้แผน (ระดับ 2)", .decimal, unit: "percent",
                "share of staff aware of the plan, from the survey file; empty when no survey result was given"
            ) { pct($0.awarenessPercent) },
            ColumnSpec(
                "level_2_score", "คะแนนระดับ 2", .decimal, unit: "score",
                "the rubric's score for the awareness percentage (75% "
                    + "→ 1, 70% → 0.85, 65% → 0.7, 60% → 0.55, below → 0)"
            ) { pct($0.awarenessScore) },
            ColumnSpec(
                "level_2", "การประเมินระดับ 2", .code, "assessed, or not_assessed when no survey result was given",
                nullable: false, values: ["assessed", "not_assessed"]
            ) { .text($0.awarenessPercent == nil ? "not_assessed" : "assessed") },
            ColumnSpec(
                "carried_out_pct", "ร้อยละการดำเนินการตามแผน", .decimal, unit: "percent",
                "the agency's overall result: mean result of its counted projects"
            ) { pct($0.carriedOutPercent) },
            ColumnSpec(
                "level_3_met", "ผ่านระดับ 3 (ร้อยละ 80)", .boolean, "the plan carried out to at least 80%", nullable: false
            ) { .flag($0.level3Met) },
            ColumnSpec(
                "level_4_met", "ผ่านระดับ 4 (ร้อยละ 100)", .boolean, "the plan carried out in full", nullable: false
            ) { .flag($0.level4Met) },
            ColumnSpec(
                "level_5_opinion_pct", "ร้อยละความคิดเห็น (ระดับ 5)", .decimal, unit: "percent",
                "favourable opinion of staff and stakeholders, from the "
                    + "survey file; empty when no survey result was given"
            ) { pct($0.opinionPercent) },
            ColumnSpec(
                "level_5_score", "คะแนนระดับ 5", .decimal, unit: "score",
                "the rubric's score for the opinion percentage (80% → 1, "
                    + "75% → 0.85, 70% → 0.7, 65% → 0.55, 60% → 0.4, below → 0)"
            ) { pct($0.opinionScore) },
            ColumnSpec(
                "level_5", "การประเมินระดับ 5", .code, "assessed, or not_assessed when no survey result was given",
                nullable: false, values: ["assessed", "not_assessed"]
            ) { .text($0.opinionPercent == nil ? "not_assessed" : "assessed") },
        ])
}
