/// Renders a run's summaries into the files analysts open: bytes in memory, keyed by file name.
/// Rows are sorted and numbers fixed-format, so the same inputs give the same bytes.
public enum SummaryFiles {
    public static let schemaVersion = "1.0"

    public static func render(summary: Summary, rejects: [Reject]) -> [(name: String, bytes: [UInt8])] {
        [
            ("projects.csv", projectsCSV(summary).bytes),
            ("bureaus.csv", bureausCSV(summary).bytes),
            ("months.csv", monthsCSV(summary).bytes),
            ("agencies.csv", agenciesCSV(summary).bytes),
            ("rejects.csv", rejectsCSV(rejects).bytes),
            ("summary.json", Array(summaryJSON(summary, rejects: rejects).rendered().utf8)),
        ]
    }

    static func projectsCSV(_ s: Summary) -> SpreadsheetCSV {
        var csv = SpreadsheetCSV(header: [
            "project_id", "parent_id", "agency", "issues", "measures", "project", "bureau",
            "activities_planned_year", "activities_planned_to_date", "activities_actual",
            "participants_planned", "participants_actual", "budget_baht", "budget_source", "spent_baht",
            "rows_accepted", "status", "result_pct", "target_pct",
        ])
        for f in s.projects {
            let p = f.project
            csv.append([
                .text(p.id), p.parentID.map(OutputCell.text) ?? .empty, .text(p.agency),
                .text(p.links.map { String($0.issue) }.joined(separator: ";")),
                .text(p.links.map { String($0.measure) }.joined(separator: ";")),
                .text(p.name), .text(p.bureau),
                .int(f.plannedActivitiesYear), .int(f.plannedActivitiesToDate), .int(f.actual.activities),
                p.plannedParticipants.map(OutputCell.int) ?? .empty, .int(f.actual.participants),
                .optionalBaht(p.budgetSatang), budgetSource(p.budget).map(OutputCell.text) ?? .empty,
                .baht(f.actual.spentSatang), .int(f.actual.rows),
                f.status.map { .text($0.rawValue) } ?? .empty, .decimal(f.resultPercent), .decimal(p.targetPercent),
            ])
        }
        return csv
    }

    static func bureausCSV(_ s: Summary) -> SpreadsheetCSV {
        var csv = SpreadsheetCSV(header: [
            "bureau", "projects", "budget_baht", "rows_accepted", "activities_actual", "participants_actual", "spent_baht",
        ])
        for b in s.bureaus {
            csv.append([
                .text(b.name), .int(b.projects), .baht(b.budgetSatang), .int(b.actual.rows), .int(b.actual.activities),
                .int(b.actual.participants), .baht(b.actual.spentSatang),
            ])
        }
        return csv
    }

    static func monthsCSV(_ s: Summary) -> SpreadsheetCSV {
        var csv = SpreadsheetCSV(header: [
            "month", "month_th", "activities_planned", "rows_accepted", "activities_actual", "participants_actual",
            "spent_baht",
        ])
        for m in s.months {
            csv.append([
                .text(m.month.iso), .text(ThaiDisplay.month(m.month)), .int(m.plannedActivities), .int(m.actual.rows),
                .int(m.actual.activities), .int(m.actual.participants), .baht(m.actual.spentSatang),
            ])
        }
        return csv
    }

    static func agenciesCSV(_ s: Summary) -> SpreadsheetCSV {
        var csv = SpreadsheetCSV(header: [
            "agency", "projects", "budget_baht", "activities_planned", "participants_planned", "rows_accepted",
            "activities_actual", "participants_actual", "spent_baht",
        ])
        for a in s.agencies + [s.total] {
            csv.append([
                .text(a.agency.isEmpty ? "รวม" : a.agency), .int(a.projects), .baht(a.budgetSatang),
                .int(a.plannedActivities), .int(a.plannedParticipants), .int(a.actual.rows), .int(a.actual.activities),
                .int(a.actual.participants), .baht(a.actual.spentSatang),
            ])
        }
        return csv
    }

    static func rejectsCSV(_ rejects: [Reject]) -> SpreadsheetCSV {
        var csv = SpreadsheetCSV(header: [
            "code", "file", "line", "row", "column", "raw", "reason_en", "reason_th", "record",
        ])
        for r in rejects {
            csv.append([
                .text(r.code.rawValue), .text(r.file), .int(r.line), .int(r.row), .text(r.column), .text(r.raw),
                .text(r.english), .text(r.thai), .text(r.record.joined(separator: " | ")),
            ])
        }
        return csv
    }

    static func budgetSource(_ cell: AmountCell) -> String? {
        if case .source(let s) = cell { s } else { nil }
    }

    static func tallyJSON(_ t: Tally) -> [(String, JSONValue)] {
        [
            ("rows_accepted", .int(t.rows)), ("activities_actual", .int(t.activities)),
            ("participants_actual", .int(t.participants)), ("spent_baht", .baht(t.spentSatang)),
        ]
    }

    static func summaryJSON(_ s: Summary, rejects: [Reject]) -> JSONValue {
        func agency(_ a: Summary.AgencyFigures) -> JSONValue {
            .object([
                ("agency", .string(a.agency)), ("projects", .int(a.projects)), ("budget_baht", .baht(a.budgetSatang)),
                ("activities_planned", .int(a.plannedActivities)), ("participants_planned", .int(a.plannedParticipants)),
            ] + tallyJSON(a.actual))
        }
        var rejectCounts: [RejectCode: Int] = [:]
        for r in rejects { rejectCounts[r.code, default: 0] += 1 }
        return .object([
            ("schema_version", .string(schemaVersion)),
            ("fiscal_year", .int(s.fiscalYear.buddhistYear)),
            ("as_of", .string(s.asOf.iso)),
            ("round", s.round.map { .int($0.rawValue) } ?? .null),
            ("totals", agency(s.total)),
            ("agencies", .array(s.agencies.map(agency))),
            ("bureaus", .array(s.bureaus.map { b in
                .object([
                    ("bureau", .string(b.name)), ("projects", .int(b.projects)), ("budget_baht", .baht(b.budgetSatang)),
                ] + tallyJSON(b.actual))
            })),
            ("months", .array(s.months.map { m in
                .object([("month", .string(m.month.iso)), ("activities_planned", .int(m.plannedActivities))] + tallyJSON(m.actual))
            })),
            ("projects", .array(s.projects.map { f in
                let p = f.project
                return .object([
                    ("project_id", .string(p.id)), ("parent_id", .optional(p.parentID)), ("agency", .string(p.agency)),
                    ("links", .array(p.links.map { .object([("issue", .int($0.issue)), ("measure", .int($0.measure))]) })),
                    ("project", .string(p.name)), ("bureau", .string(p.bureau)),
                    ("activities_planned_year", .int(f.plannedActivitiesYear)),
                    ("activities_planned_to_date", .int(f.plannedActivitiesToDate)),
                    ("participants_planned", p.plannedParticipants.map(JSONValue.int) ?? .null),
                    ("budget_baht", p.budgetSatang.map(JSONValue.baht) ?? .null),
                    ("budget_source", .optional(budgetSource(p.budget))),
                    ("status", .optional(f.status?.rawValue)), ("result_pct", .decimal(f.resultPercent)),
                    ("target_pct", .decimal(p.targetPercent)),
                ] + tallyJSON(f.actual))
            })),
            ("rejects", .object(rejectCounts.sorted { $0.key < $1.key }.map { ($0.key.rawValue, .int($0.value)) })),
        ])
    }
}
