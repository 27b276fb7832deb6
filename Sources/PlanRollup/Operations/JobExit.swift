import RollupBase
import RollupCore
import RollupReading

/// The job's exit codes, BSD sysexits(3) values that monitoring tools already know.
/// `plan-rollup run --help` and the README's "Operations" section list the same table.
public enum JobExit: Int32, CaseIterable, Sendable {
    /// EX_OK: the run was published (rejects, missing and stale bureaus are reported, not failures).
    case published = 0
    /// EX_USAGE: the command line is wrong (unknown option, bad date).
    case usage = 64
    /// EX_DATAERR: with `--strict` (and always for `validate`) something was rejected, missing,
    /// stale or not pulled; `run` still published.
    case findings = 65
    /// EX_SOFTWARE: the run failed and published nothing (no readable plan, unwritable output,
    /// summaries that do not add up, ...).
    case failed = 70
    /// EX_TEMPFAIL: another run holds the lock; this one did nothing and can simply run later.
    case locked = 75
    /// EX_NOPERM: the plan has far fewer projects than the latest published run's (`PlanShrank`):
    /// nothing was published until the operator confirms the change with `--accept-plan-change`.
    case planShrank = 77
    /// EX_CONFIG: the bureau registry, an alias file or a folder given is wrong.
    case configuration = 78

    /// One line per code, for help texts and logs.
    public var meaning: String {
        switch self {
        case .published: "published (rejects and missing bureaus are reported, not failures)"
        case .usage: "usage error: wrong option or argument"
        case .findings:
            "published, but an --alert-on or --strict rule fired (or validate found rows to reject, bureaus missing "
                + "or stale, or a pull failed)"
        case .failed: "failed: nothing was published (no plan, output not writable, summaries that do not add up)"
        case .locked: "another run holds the lock: this run did nothing"
        case .planShrank:
            "plan shrank (under \(PlanShrinkGuard.minimumPercent)% of the last run's projects, or an agency gone): "
                + "nothing was published; \(PlanShrank.flag) confirms the change"
        case .configuration: "configuration error: bureau registry, alias file or folder"
        }
    }

    /// The table for help texts: each code right-aligned, its meaning wrapped within `width` columns
    /// under itself, so that a wrapped line never starts at the margin.
    public static func helpTable(width: Int = 78) -> String {
        allCases.map { exit in
            let code = String(exit.rawValue)
            let lead = String(repeating: " ", count: 4 - code.count) + code + "  "
            let indent = String(repeating: " ", count: lead.count)
            var lines: [String] = []
            var (line, empty) = (lead, true)
            for word in exit.meaning.split(separator: " ") {
                if !empty, line.count + 1 + word.count > width {
                    lines.append(line)
                    (line, empty) = (indent, true)
                }
                line += empty ? String(word) : " " + word
                empty = false
            }
            lines.append(line)
            return lines.joined(separator: "\n")
        }.joined(separator: "\n")
    }

    /// The code an error ends the job with: typed job errors carry theirs, anything else is a failure.
    public static func code(for error: any Error) -> JobExit {
        switch error {
        case is ConfigurationError: .configuration
        case is LockHeld: .locked
        case is PlanShrank: .planShrank
        case is SummaryInconsistency: .failed
        case is AsOfOutsidePlan, is UnknownBureau: .usage
        default: .failed
        }
    }
}

/// The job's configuration is wrong: the run stops before reading anything.
public struct ConfigurationError: Error, CustomStringConvertible, Sendable {
    public let path: String
    public let reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): \(reason)" }
}

/// Another run holds the output folder's lock.
public struct LockHeld: Error, CustomStringConvertible, Sendable {
    public let path: String
    /// What the holder wrote into the lock file (its pid and start time), if readable.
    public let holder: String

    public var description: String {
        "another plan-rollup run holds \(path)" + (holder.isEmpty ? "" : " (\(holder))")
            + "; this run exits without doing anything"
    }
}

/// `validate --bureau` or `validate FILE` named a bureau the registry does not have.
public struct UnknownBureau: Error, CustomStringConvertible, Sendable {
    public let what: String
    public let codes: [String]
    public var description: String { "\(what); the bureaus are: \(codes.joined(separator: ", "))" }
}
