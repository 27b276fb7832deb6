import PlanRollup

/// What a run prints for the person or the log that watches it.
enum Report {
    static func print(outcome: Pipeline.Outcome, folder: String, latest: String) {
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
        if !outcome.silentBureaus.isEmpty {
            Swift.print("  bureaus with no accepted rows: \(outcome.silentBureaus.joined(separator: ", "))")
        }
        for r in outcome.rejects.prefix(5) { Swift.print("  reject: \(r.message)") }
        if outcome.rejects.count > 5 { Swift.print("  ... \(outcome.rejects.count - 5) more in rejects.csv") }
        Swift.print("summaries: \(folder)")
        Swift.print("latest:    \(latest)")
    }
}
