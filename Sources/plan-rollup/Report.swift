import PlanRollup
import RollupBase
import RollupCore
import RollupReading

/// What a run prints for the person or the log that watches it.
enum Report {
    static func print(outcome: Pipeline.Outcome, pulled: PullResult, folder: String, latest: String) {
        let s = outcome.summary
        let accepted = outcome.accounts.map(\.accepted).reduce(0, +)
        let rejected = outcome.accounts.map(\.rejected).reduce(0, +)
        let skipped = outcome.accounts.map(\.skippedTotal).reduce(0, +)
        Swift.print("plan-rollup: fiscal year \(s.fiscalYear.buddhistYear), as of \(s.asOf.iso)"
            + (s.round.map { ", round \($0.rawValue) months" } ?? ""))
        Swift.print("  plan: \(outcome.plan.projects.count) projects from \(outcome.plan.files.count) files"
            + (outcome.plan.issues.isEmpty ? "" : ", \(outcome.plan.issues.count) plan issues (see manifest.json)"))
        Swift.print("  read \(outcome.accounts.count) export files: \(accepted) rows accepted, \(skipped) skipped, \(rejected) rejected")
        Swift.print("  actual: \(s.total.actual.activities) activities, \(s.total.actual.participants) participants, \(Money.baht(s.total.actual.spentSatang)) baht spent")
        if !outcome.notices.isEmpty {
            Swift.print("  notices: \(outcome.notices.count) duplicate or flagged rows (see notices.csv)")
        }
        if !outcome.surveyIssues.isEmpty {
            Swift.print("  survey results: \(outcome.surveyIssues.count) problems (see manifest.json)")
        }
        bureaus(pulled: pulled, silent: outcome.silentBureaus)
        rejects(outcome.rejects)
        Swift.print("summaries: \(folder)")
        Swift.print("latest:    \(latest)")
    }

    /// Missing, stale and unpulled bureaus by name, and plan bureaus that sent files but no accepted row.
    static func bureaus(pulled: PullResult, silent: [String]) {
        let fresh = pulled.bureaus.filter { $0.state == .fresh }.count
        Swift.print("  bureaus: \(pulled.bureaus.count) in the registry, \(fresh) fresh, \(pulled.stale.count) stale, \(pulled.missing.count) missing")
        for b in pulled.missing { Swift.print("  MISSING (sent nothing, not zero activity): \(b.bureau.displayName)") }
        for b in pulled.stale { Swift.print("  STALE: \(b.message)") }
        for f in pulled.failedPulls { Swift.print("  PULL FAILED: \(f)") }
        let quiet = silent.filter { pulled.freshness(ofBureauNamed: $0)?.state != .missing }
        if !quiet.isEmpty { Swift.print("  bureaus with no accepted rows: \(quiet.joined(separator: ", "))") }
    }

    /// Counts per reject code and the first few rejects; the full list is in rejects.csv.
    static func rejects(_ rejects: RejectLog, examples: Int = 5) {
        guard !rejects.isEmpty else { return }
        let counts = JobLog.codeCounts(rejects).map { "\($0.code.rawValue) \($0.count)" }
        Swift.print("  rejects: \(rejects.count) (\(counts.joined(separator: ", ")))")
        for r in rejects.first(examples) { Swift.print("  reject: \(r.message)") }
        if rejects.count > examples { Swift.print("  ... \(rejects.count - examples) more in rejects.csv") }
    }
}
