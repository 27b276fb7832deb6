import ArgumentParser
import Foundation
import PlanRollup
import RollupBase
import RollupCore
import RollupReading

/// `plan-rollup run`: the nightly job.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Pull the bureaus' exports, aggregate them against the plan, publish summaries to output/.",
        discussion: """
            Bureaus and their sources come from input/config/bureaus.json (without it, every folder \
            of input/exports/). The output folder is locked for the whole run.

            The plan is compared with the latest published run's (output/LATEST.json): with fewer than \
            \(PlanShrinkGuard.minimumPercent)% of its projects, or an agency that had projects there and \
            has none now, the run publishes nothing and exits \(JobExit.planShrank.rawValue), unless \
            \(PlanShrank.flag) confirms the change.

            With --strict the run still publishes, then exits \(JobExit.findings.rawValue) if there were findings.

            Exit codes (sysexits):
            \(JobExit.helpTable())
            """
    )

    @OptionGroup var paths: PathOptions
    @OptionGroup var limits: LimitOptions
    @OptionGroup var job: JobOptions
    @OptionGroup var night: NightOptions

    @Option(help: "Threads reading bureaus side by side (default: every core). The figures do not depend on it.")
    var threads: Int?

    @Option(
        name: .customLong("keep-runs"), help: "Keep the newest N runs under <output>/runs/ (the latest always stays).")
    var keepRuns = Publisher.defaultKeepRuns

    @Flag(
        help:
            """
            With --as-of: reproduce that round from the raw archive (the inputs of the newest run published as of \
            that date or earlier) instead of pulling.
            """
    )
    var fromArchive = false

    @Flag(
        name: .customLong("thai-digits"),
        help: "Write report.html's figures and dates in Thai digits (๔๓๙,๒๐๐) instead of Arabic (439,200).")
    var thaiDigits = false

    @Flag(
        name: .customLong("no-cache"),
        help: """
            Read every export file, even those unchanged since a run kept their results in <output>/cache/ \
            (the figures are the same either way; this only costs time).
            """)
    var noCache = false

    @Flag(
        name: .customLong("accept-plan-change"),
        help: """
            Publish even when the plan has fewer than \(PlanShrinkGuard.minimumPercent)% of the latest published \
            run's projects, or an agency has none left: confirms that the plan was cut on purpose.
            """)
    var acceptPlanChange = false

    @Option(
        name: .customLong("alert-on"),
        help: """
            Exit \(JobExit.findings.rawValue) after publishing when one of these comma-separated rules fires: \
            \(AlertPolicy.ruleNames); the report then opens with one line per rule saying which bureaus and \
            what to do (--strict is missing,stale,pull-failed,rejects>0).
            """,
        transform: { try AlertPolicy(parsing: $0) })
    var alertOn: AlertPolicy?

    @Option(
        name: .customLong("mail-command"),
        help: """
            After publishing, send each bureau with new refusals and an "email" in config/bureaus.json one \
            message in Thai with its rejects file attached, through this shell command reading the whole \
            message on standard input (for example "sendmail -t" or "msmtp -t"). Without it nothing is sent.
            """)
    var mailCommand: String?

    @Option(name: .customLong("mail-from"), help: "The From address of those messages (default: the MTA's).")
    var mailFrom: String?

    func validate() throws {
        if let mailFrom, !MailAddress.isPlain(mailFrom) {
            throw ValidationError("--mail-from \(mailFrom): give one plain address, name@domain")
        }
        if fromArchive && night.requestedAsOf == nil {
            throw ValidationError("--from-archive needs --as-of DATE or --fiscal-year YEAR: the round to reproduce")
        }
        if let threads, threads < 1 { throw ValidationError("--threads must be 1 or more") }
    }

    func run() throws {
        let (log, sink) = job.makeLogger()
        // On a terminal the warnings follow the report (or the error).
        defer { sink.releaseHeld() }
        var settings = night.settings(paths: paths, limits: limits)
        settings.threads = threads
        settings.keepRuns = keepRuns
        settings.fromArchive = fromArchive
        settings.acceptPlanChange = acceptPlanChange
        settings.thaiDigits = thaiDigits
        settings.useCache = !noCache
        let published = try Night(settings: settings, log: log, events: JobLog.events(log: log, sink: sink)).publish()
        let policy = (job.strict ? AlertPolicy.strict : AlertPolicy(rules: [])).adding(
            alertOn ?? AlertPolicy(rules: []))
        var alerts = policy.alerts(outcome: published.outcome, pulled: published.pulled)
        var mailed: [String] = []
        var mailFailed: [String] = []
        if let mailCommand {
            // Published already; a signal now stops the mail command with the job (exit 128 + signal).
            let signals = JobSignals.install(log: log) { BureauMail.stopCurrent() }
            defer { withExtendedLifetime(signals) {} }
            let sent = BureauMail(command: mailCommand, from: mailFrom).send(published, log: log)
            mailed = sent.mailed
            mailFailed = sent.failed
            // Asked for and not delivered: a person must know.
            if !sent.failed.isEmpty {
                alerts.append(
                    "mail-failed: \(sent.failed.joined(separator: "; ")). The bureaus were not told; check the mail "
                        + "command and send them their rejects files.")
            }
        }
        // The reason first: cron mails this output, and a person reads the top.
        NightReport.alerts(alerts).forEach { print(LineLogHandler.escaped($0)) }
        NightReport.published(published).forEach { print(LineLogHandler.escaped($0)) }
        if mailCommand != nil {
            print(
                "mailed:    "
                    + (mailed.isEmpty && mailFailed.isEmpty
                        ? "no bureau (none with new refusals and an email)"
                        : (mailed.isEmpty ? "none" : mailed.joined(separator: ", "))
                            + (mailFailed.isEmpty ? "" : "; failed: " + mailFailed.joined(separator: "; "))))
        }
        if !alerts.isEmpty {
            log.error(
                "alert: published, but rules fired",
                metadata: [
                    "rules": "\(alerts.map { $0.prefix { $0 != ":" } }.joined(separator: ","))",
                    "exit": "\(JobExit.findings.rawValue)",
                ])
            throw ExitCode(JobExit.findings.rawValue)
        }
    }
}
