import Foundation

/// `summary.json`: the summaries' figures for other systems. Money is exact baht with satang
/// ("439200.00"), never a binary float; `summary.schema.json` describes it.
public enum SummaryJSON {
    public static let schemaVersion = "1.0"

    public static func render(_ s: Summary, rejects: RejectLog, notices: RejectLog) -> JSONValue {
        func counts(_ log: RejectLog) -> JSONValue {
            .object(log.sortedCodeCounts.map { ($0.code.rawValue, .int($0.count)) })
        }
        return .object([
            ("schema_version", .string(schemaVersion)),
            ("fiscal_year", .int(s.fiscalYear.buddhistYear)),
            ("fiscal_year_start", .string(s.fiscalYear.firstDay.iso)),
            ("fiscal_year_end", .string(s.fiscalYear.lastDay.iso)),
            ("as_of", .string(s.asOf.iso)),
            ("as_of_th", .string(ThaiDisplay.date(s.asOf))),
            ("round", s.round.map { .int($0.rawValue) } ?? .null),
            ("totals", group(s.total)),
            ("agencies", .array(s.agencies.map(group))),
            ("issues", .array(s.issues.map(group))),
            ("measures", .array(s.measures.map(group))),
            ("bureaus", .array(s.bureaus.map(group))),
            ("months", .array(s.months.map(period))),
            ("quarters", .array(s.quarters.map(period))),
            ("projects", .array(s.projects.map(project))),
            ("kpi", .array(s.kpi.map(kpi))),
            ("rejects", counts(rejects)),
            ("notices", counts(notices)),
        ])
    }

    static func tally(_ t: Tally) -> [(String, JSONValue)] {
        [
            ("rows_accepted", .int(t.rows)), ("activities_actual", .int(t.activities)),
            ("participants_actual", .int(t.participants)), ("spent_baht", .baht(t.spentSatang)),
        ]
    }

    static func pct(_ d: Decimal?) -> JSONValue { .decimal(d.map { SummaryBuilder.rounded($0, 2) }) }

    static func group(_ g: GroupFigures) -> JSONValue {
        var fields: [(String, JSONValue)] = [
            ("name", .string(g.name)), ("agency", .string(g.agency)),
            ("issue", g.issue.map(JSONValue.int) ?? .null), ("measure", g.measure.map(JSONValue.int) ?? .null),
            ("projects", .int(g.projects)), ("projects_counted", .int(g.countedProjects)),
            ("activities_planned_year", .int(g.plannedActivitiesYear)),
            ("activities_planned_to_date", .int(g.plannedToDate.activities)),
            ("participants_planned_year", .int(g.plannedParticipantsYear)),
            ("participants_planned_to_date", .int(g.plannedToDate.participants)),
            ("budget_baht", .baht(g.budgetSatang)), ("budget_planned_to_date_baht", .baht(g.plannedToDate.budgetSatang)),
        ]
        fields += g.isMissing ? tally(g.actual).map { ($0.0, JSONValue.null) } : tally(g.actual)
        fields.append(("reporting", g.reporting.map(JSONValue.string) ?? .null))
        fields += [
            ("projects_completed", .int(g.count(.completed))), ("projects_in_progress", .int(g.count(.inProgress))),
            ("projects_not_started", .int(g.count(.notStarted))), ("projects_cancelled", .int(g.count(.cancelled))),
            ("overall_result_pct", pct(g.overallResult)),
        ]
        return .object(fields)
    }

    static func period(_ p: PeriodFigures) -> JSONValue {
        .object([
            ("period", .string(p.label)), ("quarter", .int(p.quarter)),
            ("activities_planned", .int(p.planned.activities)), ("participants_planned", .int(p.planned.participants)),
            ("budget_planned_baht", .baht(p.planned.budgetSatang)),
        ] + tally(p.actual))
    }

    static func project(_ f: ProjectFigures) -> JSONValue {
        let p = f.project
        var budgetSource: JSONValue = .null
        if case .source(let s) = p.budget { budgetSource = .string(s) }
        let identity: [(String, JSONValue)] = [
            ("project_id", .string(p.id)), ("parent_id", .optional(p.parentID)), ("agency", .string(p.agency)),
            ("links", .array(p.links.map { .object([("issue", .int($0.issue)), ("measure", .int($0.measure))]) })),
            ("project", .string(p.name)), ("bureau", .string(p.bureau)),
            ("status", .string(f.status.rawValue)), ("status_source", .string(f.statusSource.rawValue)),
            ("pace", .string(f.pace.rawValue)), ("counted", .bool(f.isCounted)),
        ]
        let planned: [(String, JSONValue)] = [
            ("activities_planned_year", .int(f.planYear.activities.reduce(0, +))),
            ("activities_planned_to_date", .int(f.plannedToDate.activities)),
            ("participants_planned_year", p.plannedParticipants.map(JSONValue.int) ?? .null),
            ("participants_planned_to_date", .int(f.plannedToDate.participants)),
            ("budget_baht", p.budgetSatang.map(JSONValue.baht) ?? .null), ("budget_source", budgetSource),
            ("budget_planned_to_date_baht", .baht(f.plannedToDate.budgetSatang)),
        ]
        let results: [(String, JSONValue)] = [
            ("budget_used_pct", pct(f.budgetUsedPercent)), ("over_budget", .bool(f.overBudget)),
            ("target_pct", pct(p.targetPercent)), ("result_pct_reported", pct(f.reportedResult)),
            ("result_pct", pct(f.result)),
        ]
        let withSubprojects: [(String, JSONValue)] = [
            ("activities_with_subprojects", .int(f.actualWithSubprojects.activities)),
            ("participants_with_subprojects", .int(f.actualWithSubprojects.participants)),
            ("spent_with_subprojects_baht", .baht(f.actualWithSubprojects.spentSatang)),
        ]
        return .object(identity + planned + results + tally(f.actual) + withSubprojects)
    }

    static func kpi(_ k: KPIAssessment) -> JSONValue {
        .object([
            ("agency", .string(k.agency)),
            ("level_2_awareness_pct", pct(k.awarenessPercent)), ("level_2_score", pct(k.awarenessScore)),
            ("level_2", .string(k.awarenessPercent == nil ? "not_assessed" : "assessed")),
            ("carried_out_pct", pct(k.carriedOutPercent)),
            ("level_3_met", .bool(k.level3Met)), ("level_4_met", .bool(k.level4Met)),
            ("level_5_opinion_pct", pct(k.opinionPercent)), ("level_5_score", pct(k.opinionScore)),
            ("level_5", .string(k.opinionPercent == nil ? "not_assessed" : "assessed")),
        ])
    }
}
