import Foundation
import Logging
import RollupBase
import RollupCore
import RollupReading
import Synchronization

/// The job's log lines: one per stage and per file with counts and timings, then the reject codes
/// with a few examples and the bureaus that are missing, stale or not pulled.
public enum JobLog {
    public static func logger(sink: ConsoleSink, level: Logger.Level) -> Logger {
        Logger(label: "plan-rollup") { _ in LineLogHandler(sink: sink, level: level) }
    }

    /// A `Pipeline.Options.events` handler: log lines, and the progress bar on a terminal.
    public static func events(log: Logger, sink: ConsoleSink) -> @Sendable (Pipeline.Event) -> Void {
        // Files read so far of how many: the bar counts files finished, so it ends full.
        let progress = Mutex<(done: Int, total: Int, file: String)>((0, 0, ""))
        return { event in
            switch event {
            case .planLoaded(let projects, let files, let issues, let seconds):
                log.info(
                    "plan",
                    metadata: [
                        "projects": "\(projects)", "files": "\(files)", "issues": "\(issues)", "ms": "\(ms(seconds))",
                    ])
            case .exportStarted(_, _, let total, let file):
                let done = progress.withLock { p in
                    p.total = total
                    p.file = file.displayPath
                    return p.done
                }
                sink.setStatus(ConsoleSink.bar(done: done, total: total, label: file.displayPath))
            case .exportRead(_, _, let account, let rejects, let seconds, let cached):
                let (done, total) = progress.withLock { p in
                    p.done += 1
                    return (p.done, p.total)
                }
                sink.setStatus(ConsoleSink.bar(done: done, total: total, label: account.path))
                var metadata: Logger.Metadata = [
                    "file": "\(account.path)", "bureau": "\(account.bureau)", "records": "\(account.records)",
                    "accepted": "\(account.accepted)", "skipped": "\(account.skippedTotal)",
                    "rejected": "\(rejects.count)",
                    "bytes": "\(account.bytes)", "ms": "\(ms(seconds))",
                ]
                if !rejects.isEmpty {
                    metadata["codes"] =
                        "\(codeCounts(rejects).map { "\($0.code.rawValue):\($0.count)" }.joined(separator: ","))"
                }
                if cached { metadata["cached"] = "unchanged" }
                if let refusal = account.refusal { metadata["refused"] = "\(refusal)" }
                if let order = account.dateOrder { metadata["date_order"] = "\(order)" }
                if account.refusal == nil {
                    log.info("read", metadata: metadata)
                } else {
                    log.warning("read", metadata: metadata)
                }
                if !account.unrecognisedColumns.isEmpty {
                    // Near misses: columns an alias in config/header-aliases.json would let the job read.
                    log.info(
                        "columns not recognised",
                        metadata: [
                            "file": "\(account.path)",
                            "columns": "\(account.unrecognisedColumns.joined(separator: " | "))",
                        ])
                }
            case .aggregated(let bureaus, let seconds):
                let (done, total) = progress.withLock { ($0.done, $0.total) }
                if total > 0 {
                    sink.finishStatus(ConsoleSink.bar(done: done, total: total, label: "export files read"))
                } else {
                    sink.setStatus(nil)
                }
                log.info("aggregate", metadata: ["bureaus": "\(bureaus)", "ms": "\(ms(seconds))"])
            case .asOfClamped(let asked, let asOf):
                log.notice(
                    "no plan yet for the fiscal year of the date asked: reporting the newest plan year's final round",
                    metadata: [
                        "asked": "\(asked.iso)", "fiscal_year_asked": "\(FiscalYear(containing: asked).buddhistYear)",
                        "as_of": "\(asOf.iso)", "fiscal_year": "\(FiscalYear(containing: asOf).buddhistYear)",
                    ])
            }
        }
    }

    /// Rejects per code, most frequent first (ties by code).
    public static func codeCounts(_ rejects: RejectLog) -> [(code: RejectCode, count: Int)] {
        rejects.codeCounts.map { ($0.key, $0.value) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.code < $1.code }
    }

    /// What the read cache did: files taken from it unchanged, files read; a warning when an entry was
    /// damaged or the cache could not be used or filled.
    public static func cache(_ report: ReadCache.Report?, log: Logger) {
        guard let report else { return }
        if let why = report.unused {
            log.warning("cache not used: every file read", metadata: ["why": "\(why)"])
            return
        }
        let metadata: Logger.Metadata = [
            "unchanged": "\(report.reused)", "read": "\(report.read)", "damaged": "\(report.damaged)",
            "not_kept": "\(report.notKept)", "bytes": "\(report.bytes)",
        ]
        if report.damaged > 0 || report.notKept > 0 {
            log.warning("cache", metadata: metadata)
        } else {
            log.info("cache", metadata: metadata)
        }
    }

    /// Which of the run's larger files were copied from the previous run (`OutputReuse`), and whether
    /// the memo for the next run was kept.
    static func outputs(_ counts: (copied: Int, written: Int, piecesCopied: Int), saved: Bool, log: Logger) {
        let metadata: Logger.Metadata = [
            "copied": "\(counts.copied)", "written": "\(counts.written)", "pieces_copied": "\(counts.piecesCopied)",
        ]
        if saved {
            log.info("outputs", metadata: metadata)
        } else {
            log.warning("outputs: what this run wrote was not kept: the next run writes every file", metadata: metadata)
        }
    }

    /// The closing lines: rejects per code with `examples` of them, then missing, stale and unpulled bureaus.
    public static func findings(
        _ rejects: RejectLog, pulled: PullResult, planIssues: [PlanIssue] = [], log: Logger, examples: Int = 3
    ) {
        // Every plan issue: a plan is a few dozen rows, and a figure it cannot state plainly
        // (sub-projects over their parent, an absurd budget) is what the analyst must hear first.
        for issue in planIssues {
            log.warning(
                "plan issue",
                metadata: [
                    "at": "\(issue.file):\(issue.line)", "field": "\(issue.field)",
                    "severity": "\(issue.severity.rawValue)",
                    "why": "\(issue.message)",
                ])
        }
        let counts = codeCounts(rejects)
        var metadata: Logger.Metadata = ["total": "\(rejects.count)"]
        for (code, count) in counts { metadata[code.rawValue] = "\(count)" }
        if rejects.isEmpty {
            log.info("rejects", metadata: metadata)
        } else {
            log.warning("rejects", metadata: metadata)
        }
        for r in rejects.first(examples) {
            log.warning(
                "reject example",
                metadata: [
                    "file": "\(r.file)", "row": "\(r.row)", "code": "\(r.code.rawValue)", "why": "\(r.english)",
                ])
        }
        if rejects.count > examples {
            log.info("more rejects in rejects.csv", metadata: ["not_shown": "\(rejects.count - examples)"])
        }
        for b in pulled.missing {
            log.warning(
                "bureau missing",
                metadata: ["bureau": "\(b.bureau.code)", "name": "\(b.bureau.name)", "source": "\(b.bureau.source)"])
        }
        for b in pulled.stale {
            log.warning(
                "bureau stale",
                metadata: [
                    "bureau": "\(b.bureau.code)", "age_days": "\(b.ageDays ?? 0)", "max_age_days": "\(b.maxAgeDays)",
                ])
        }
        for f in pulled.failedPulls {
            log.error(
                "pull failed",
                metadata: ["bureau": "\(f.bureau)", "reason": "\(f.reason)", "reading": "\(f.keptCopy ?? "nothing")"])
        }
    }

    static func ms(_ seconds: Double) -> Int { Int((seconds * 1000).rounded()) }
}

extension Logger.Level {
    /// Names accepted by `--log-level`.
    public static var names: [String] { allCases.map(\.rawValue) }
}
