import Foundation
import RollupBase
import RollupCore
import RollupReading

/// `manifest.json`: what a run read and how every file's rows ended, for operators and auditors.
public enum Manifest {
    public static let toolVersion = "0.1.0"

    public static func render(
        outcome: Pipeline.Outcome, commandLine: [String], startedAt: Date, finishedAt: Date
    ) -> [UInt8] {
        let json = JSONValue.object([
            ("tool", .string("plan-rollup")),
            ("tool_version", .string(toolVersion)),
            ("command_line", .array(commandLine.map(JSONValue.string))),
            ("as_of", .string(outcome.summary.asOf.iso)),
            ("fiscal_year", .int(outcome.summary.fiscalYear.buddhistYear)),
            // Set when the date asked for (or today) lay past the newest plan year: that year's last day is reported.
            ("as_of_asked", .optional(outcome.asOfAsked?.iso)),
            ("started_at", .string(timestamp(startedAt))),
            ("finished_at", .string(timestamp(finishedAt))),
            ("plan_files", .array(outcome.plan.archived.map(archivedFile))),
            ("survey_files", .array(outcome.surveyArchived.map(archivedFile))),
            ("plan_issues", .array(outcome.plan.issues.map { .string($0.description) })),
            ("survey_issues", .array(outcome.surveyIssues.map { .string($0.description) })),
            ("inputs", .array(outcome.accounts.map(file))),
            ("bureaus_without_rows", .array(outcome.silentBureaus.map(JSONValue.string))),
        ])
        return Array(json.rendered().utf8)
    }

    /// A plan or survey file as read: its name, size, hash and where the raw archive keeps it.
    static func archivedFile(_ entry: (path: String, file: ArchivedFile)) -> JSONValue {
        .object([
            ("path", .string(entry.path)), ("bytes", .int(entry.file.bytes)),
            ("sha256", .string(entry.file.sha256)), ("archived_as", .string("archive/" + entry.file.name)),
        ])
    }

    static func file(_ a: FileAccount) -> JSONValue {
        .object([
            ("path", .string(a.path)), ("bureau_folder", .string(a.bureau)), ("bytes", .int(a.bytes)),
            ("sha256", .string(a.sha256)),
            ("archived_as", .string(a.archivedAs.isEmpty ? "" : "archive/" + a.archivedAs)),
            ("encoding", .string(a.encoding)), ("delimiter", .string(a.delimiter)),
            ("sheet", a.sheet.map { .string($0) } ?? .null), ("records", .int(a.records)),
            ("accepted", .int(a.accepted)), ("header_rows", .int(a.headerRows)),
            ("skipped", .object(SkipReason.allCases.compactMap { r in a.skipped[r].map { (r.rawValue, .int($0)) } })),
            // Rows of another plan year, by that fiscal year (BE): outside this run's scope, never refused.
            ("outside_year", .object(a.outsideYear.keys.sorted().map { (String($0), .int(a.outsideYear[$0]!)) })),
            ("rejected", .int(a.rejected)), ("duplicates", .int(a.duplicates)), ("short_rows", .int(a.shortRows)),
            ("refused", .optional(a.refusal)), ("date_order", .optional(a.dateOrder)),
            ("unrecognised_columns", .array(a.unrecognisedColumns.map(JSONValue.string))),
        ])
    }

    /// ISO 8601 in UTC with seconds: "2026-11-26T16:30:00Z".
    public static func timestamp(_ date: Date) -> String {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        let day = CalendarDay(daysSince1970: Int(seconds.floorDivided(by: 86_400)))
        let s = Int(seconds - Int64(seconds.floorDivided(by: 86_400)) * 86_400)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(day.iso)T\(two(s / 3600)):\(two(s / 60 % 60)):\(two(s % 60))Z"
    }
}
