import RollupBase
import RollupCore
import RollupReading

/// What a night prints for the person or the log that watches it (standard output): after `run`,
/// the figures and where they were published; after `validate`, every reject by bureau.
public enum NightReport {
    /// The lines `run` prints once the run is published.
    public static func published(_ night: Night.Published) -> [String] {
        let outcome = night.outcome
        let s = outcome.summary
        let accepted = outcome.accounts.map(\.accepted).reduce(0, +)
        let rejected = outcome.accounts.map(\.rejected).reduce(0, +)
        let skipped = outcome.accounts.map(\.skippedTotal).reduce(0, +)
        var lines = [
            "plan-rollup: fiscal year \(s.fiscalYear.buddhistYear), as of \(s.asOf.iso)"
                + (s.round.map { ", round \($0.rawValue) months" } ?? "")
        ]
        if let asked = outcome.asOfAsked {
            // Before the next year's plan is approved, the last year's final round is what there is to report.
            let next = FiscalYear(containing: asked).buddhistYear
            lines.append(
                "  no plan for fiscal year \(next) yet (asked \(asked.iso)): reporting fiscal year "
                    + "\(s.fiscalYear.buddhistYear)'s final round; put the approved \(next) plan in plan/ "
                    + "/ ยังไม่มีแผนปีงบประมาณ พ.ศ. \(next) จึงรายงานผลรอบสุดท้ายของปี \(s.fiscalYear.buddhistYear)")
        }
        lines += [
            "  plan: \(outcome.plan.projects.count) projects from \(outcome.plan.files.count) files"
                + (outcome.plan.issues.isEmpty ? "" : ", \(outcome.plan.issues.count) plan issues (see manifest.json)"),
            "  read \(outcome.accounts.count) export files: \(accepted) "
                + "rows accepted, \(skipped) skipped, \(rejected) rejected",
            "  actual: \(s.total.actual.activities) activities, \(s.total.actual.participants) participants, "
                + "\(Money.baht(s.total.actual.spentSatang)) baht spent",
        ]
        var outside: [Int: Int] = [:]
        for a in outcome.accounts { outside.merge(a.outsideYear, uniquingKeysWith: +) }
        if !outside.isEmpty {
            lines.append(
                "  skipped as outside fiscal year \(s.fiscalYear.buddhistYear) (not refused; manifest.json outside_year): "
                    + outside.keys.sorted().map { "\(outside[$0]!) rows of \($0)" }.joined(separator: ", "))
        }
        if !outcome.notices.isEmpty {
            lines.append("  notices: \(outcome.notices.count) duplicate or flagged rows (see notices.csv)")
        }
        if !outcome.surveyIssues.isEmpty {
            lines.append("  survey results: \(outcome.surveyIssues.count) problems (see manifest.json)")
        }
        lines += changes(outcome.changes)
        lines += bureaus(pulled: night.pulled, silent: outcome.silentBureaus)
        lines += rejects(outcome.rejects)
        lines.append("summaries: \(night.folder)")
        lines.append("latest:    \(night.latest)")
        return lines
    }

    /// The alert paragraph a run's report opens with when rules fired (`AlertPolicy`), each line
    /// marked `plan-rollup: ALERT` so that the cron wrapper can put them first in its mail.
    public static func alerts(_ alerts: [String]) -> [String] {
        guard !alerts.isEmpty else { return [] }
        return [
            "plan-rollup: ALERT: published, but \(alerts.count) alert \(alerts.count == 1 ? "rule" : "rules") "
                + "fired (exit \(JobExit.findings.rawValue)):"
        ] + alerts.map { "plan-rollup: ALERT: " + $0 }
    }

    /// The lines `validate` prints: each bureau's rejects, the plan-size warning, missing, stale and
    /// unpulled bureaus, and a closing count.
    public static func checked(_ check: Night.Checked) -> [String] {
        let outcome = check.outcome
        let pulled = check.pulled
        var lines: [String] = []
        let bureauOfFile = Dictionary(outcome.accounts.map { ($0.path, $0.bureau) }) { first, _ in first }
        let byBureau = Dictionary(grouping: outcome.rejects) { bureauOfFile[$0.file] ?? "" }
        for code in byBureau.keys.sorted() {
            let entry = check.registry.bureaus.first { $0.code == code }
            let rejects = byBureau[code]!
            lines.append("\(entry?.displayName ?? code): \(rejects.count) rejected")
            for r in rejects { lines += clerkLines(r) }
            // A mistyped id is fixed from the plan's ids, listed here as at the end of the bureau's file.
            if rejects.contains(where: { $0.code == .unknownProject || $0.code == .unmatchedName }) {
                let folders = Dictionary(
                    check.registry.bureaus.filter { !$0.name.isEmpty }.map { (Keys.name($0.name), $0.code) },
                    uniquingKeysWith: { a, _ in a })
                let (agency, projects) = BureauProjectList.projects(
                    summary: outcome.summary, folder: code, bureauFolders: folders)
                lines.append("  รหัสโครงการตามแผนที่ใช้ได้\(agency.map { " (\($0))" } ?? "") / valid project ids:")
                for (p, own) in projects { lines.append("    \(p.id) \(p.name)\(own ? " (ของหน่วยงานนี้)" : "")") }
            }
        }
        if let shrink = check.shrink {
            // A warning only: run would refuse to publish it without the flag.
            lines.append("WARNING: \(shrink.english); run would publish nothing without \(PlanShrank.flag)")
            lines.append("  \(shrink.thai)")
        }
        for b in pulled.missing {
            lines.append("MISSING (sent nothing): \(b.bureau.displayName), expected from \(b.bureau.source)")
        }
        for b in pulled.stale { lines.append("STALE: \(b.message)") }
        for f in pulled.failedPulls { lines.append("PULL FAILED: \(f.bureau): \(f.url): \(f.reason)") }
        let accepted = outcome.accounts.map(\.accepted).reduce(0, +)
        let outside = outcome.accounts.map { $0.skipped[.outsideYear, default: 0] }.reduce(0, +)
        if outside > 0 {
            // Not refused, and not counted either: a clerk checking last year's file must not read it as counted.
            let year = outcome.summary.fiscalYear.buddhistYear
            lines.append(
                "\(outside) rows dated in another plan year are outside fiscal year \(year), which the check is for "
                    + "(not counted, not refused; --fiscal-year YEAR checks another) / \(outside) แถวเป็นของปีงบประมาณอื่น "
                    + "ไม่นับในปี \(year) และไม่ถือว่าผิด")
        }
        lines.append(
            "validate: \(outcome.accounts.count) \(outcome.accounts.count == 1 ? "file" : "files"), \(accepted) rows "
                + "would be accepted, \(outcome.rejects.count) rejected, "
                + "\(pulled.missing.count) bureaus missing, \(pulled.stale.count) stale, "
                + "\(pulled.failedPulls.count) pulls failed; summaries not written")
        return lines
    }

    /// One refusal as a clerk reads it: the file (without its bureau folder), the spreadsheet row, the
    /// column as headed, the cell, the reason and what to do, in Thai; then the same in English.
    static func clerkLines(_ r: Reject) -> [String] {
        // A workbook's row numbers are its sheet's: placeThai names the sheet.
        let file = SummaryFiles.withinBureauFolder(r.file)
        let fix = r.code.fix
        return [
            "  \(file) \(r.placeThai): \(r.thai)",
            "    วิธีแก้: \(fix.thai)",
            "    (\(r.placeEnglish): \(r.english); to fix: \(fix.english)) [\(r.code.rawValue)]",
        ]
    }

    /// Missing, stale and unpulled bureaus by name, and plan bureaus that sent files but no accepted row.
    static func bureaus(pulled: PullResult, silent: [String]) -> [String] {
        let fresh = pulled.bureaus.filter { $0.state == .fresh }.count
        var lines = [
            "  bureaus: \(pulled.bureaus.count) in the registry, \(fresh) fresh, \(pulled.stale.count) stale, "
                + "\(pulled.missing.count) missing"
        ]
        for b in pulled.missing { lines.append("  MISSING (sent nothing, not zero activity): \(b.bureau.displayName)") }
        for b in pulled.stale { lines.append("  STALE: \(b.message)") }
        for f in pulled.failedPulls { lines.append("  PULL FAILED: \(f)") }
        let quiet = silent.filter { pulled.freshness(ofBureauNamed: $0)?.state != .missing }
        if !quiet.isEmpty { lines.append("  bureaus with no accepted rows: \(quiet.joined(separator: ", "))") }
        return lines
    }

    /// The first three changes since the previous run that are not single refused rows (the rest in
    /// changes.csv), or why there is none.
    static func changes(_ changes: [ChangeItem], shown: Int = 3) -> [String] {
        if let only = changes.first, only.kind == .noPreviousRun {
            return ["  changes: none compared (\(only.english))"]
        }
        guard !changes.isEmpty else { return ["  changes: nothing changed since the previous run"] }
        var lines = ["  changes: \(changes.count) since the previous run (see changes.csv)"]
        // A refused row's own line stays in changes.csv: its bureau's line says how many.
        for c in changes.lazy.filter({ $0.scope != "row" }).prefix(shown) {
            lines.append("  change: \(c.key.isEmpty ? "" : c.key + ": ")\(c.english)")
        }
        return lines
    }

    /// Counts per reject code and the first few rejects; the full list is in rejects.csv.
    static func rejects(_ rejects: RejectLog, examples: Int = 5) -> [String] {
        guard !rejects.isEmpty else { return [] }
        let counts = JobLog.codeCounts(rejects).map { "\($0.code.rawValue) \($0.count)" }
        var lines = ["  rejects: \(rejects.count) (\(counts.joined(separator: ", ")))"]
        for r in rejects.first(examples) { lines.append("  reject: \(r.message)") }
        if rejects.count > examples { lines.append("  ... \(rejects.count - examples) more in rejects.csv") }
        return lines
    }
}
