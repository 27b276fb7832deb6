import Foundation
import RollupBase
import RollupReading

/// `summary.json`: the summaries' figures for other systems. Every table's objects carry the same
/// cells as its CSV rows, from the same column descriptions (`Tables`); money is exact baht with
/// satang ("439200.00"), never a binary float; a figure the plan does not give is null, never 0.
/// `summary.schema.json` (`SummarySchema`) describes it.
public enum SummaryJSON {
    public static let schemaVersion = "2.0"

    public static func render(
        _ s: Summary, rejects: RejectLog, notices: RejectLog, attention: [AttentionItem] = []
    ) -> JSONValue {
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
            ("totals", Tables.agencies.json(s.total)),
            (Tables.agencies.key, .array(s.agencies.map(Tables.agencies.json))),
            (Tables.issues.key, .array(s.issues.map(Tables.issues.json))),
            (Tables.measures.key, .array(s.measures.map(Tables.measures.json))),
            (Tables.bureaus.key, .array(s.bureaus.map(Tables.bureaus.json))),
            (Tables.months.key, .array(s.months.map(Tables.months.json))),
            (Tables.quarters.key, .array(s.quarters.map(Tables.quarters.json))),
            (Tables.projects.key, .array(s.projects.map(Tables.projects.json))),
            (Tables.kpi.key, .array(s.kpi.map(Tables.kpi.json))),
            (Tables.attention.key, .array(attention.map(Tables.attention.json))),
            ("rejects", counts(rejects)),
            ("notices", counts(notices)),
        ])
    }
}
