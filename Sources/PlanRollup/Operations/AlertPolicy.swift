import RollupBase
import RollupCore
import RollupReading

/// Which findings of a published night call for a person (`run --alert-on`): the run exits 65 and
/// its report opens with one line per rule that fired, saying which bureaus and what to do, so that
/// cron mails the reason first. `--strict` is `missing,stale,pull-failed,rejects>0`.
public struct AlertPolicy: Sendable, Equatable {
    public enum Rule: Sendable, Equatable {
        /// A registry bureau sent nothing.
        case missing
        /// A bureau's newest export is older than its limit.
        case stale
        /// A pull from a bureau's URL failed.
        case pullFailed
        /// Projects were added to or removed from the plan since the previous run.
        case planChange
        /// More than this many rows were refused in all.
        case rejectsAbove(Int)
        /// A refusal is new since the previous run (with none to compare with, any refusal).
        case newRejects

        public var name: String {
            switch self {
            case .missing: "missing"
            case .stale: "stale"
            case .pullFailed: "pull-failed"
            case .planChange: "plan-change"
            case .rejectsAbove(let n): "rejects>\(n)"
            case .newRejects: "new-rejects"
            }
        }
    }

    public static let ruleNames = "missing, stale, pull-failed, plan-change, rejects>N, new-rejects"
    public static let strict = AlertPolicy(rules: [.missing, .stale, .pullFailed, .rejectsAbove(0)])

    public var rules: [Rule]

    public init(rules: [Rule]) { self.rules = rules }

    /// Parses "missing,stale,rejects>50,new-rejects"; throws the reason for a rule it does not know.
    public init(parsing text: String) throws {
        var rules: [Rule] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false).map({
            $0.trimmingCharacters(in: .whitespaces)
        }) {
            switch part {
            case "missing": rules.append(.missing)
            case "stale": rules.append(.stale)
            case "pull-failed": rules.append(.pullFailed)
            case "plan-change": rules.append(.planChange)
            case "new-rejects": rules.append(.newRejects)
            default:
                guard part.hasPrefix("rejects>"), let n = Int(part.dropFirst("rejects>".count)), n >= 0 else {
                    throw UnknownAlertRule(rule: part)
                }
                rules.append(.rejectsAbove(n))
            }
        }
        // Repeated rules fire once.
        self.rules = rules.reduce(into: []) { kept, rule in if !kept.contains(rule) { kept.append(rule) } }
    }

    /// The union of two policies (`--strict` with `--alert-on`).
    public func adding(_ other: AlertPolicy) -> AlertPolicy {
        AlertPolicy(rules: rules + other.rules.filter { !rules.contains($0) })
    }

    /// One line per rule that fired: the rule, what happened (which bureaus, how many), what to do.
    public func alerts(outcome: Pipeline.Outcome, pulled: PullResult) -> [String] {
        func names(_ list: [BureauFreshness]) -> String {
            list.map { "\($0.bureau.displayName) [\($0.bureau.code)]" }.joined(separator: ", ")
        }
        var lines: [String] = []
        for rule in rules {
            switch rule {
            case .missing where !pulled.missing.isEmpty:
                lines.append(
                    "missing: \(names(pulled.missing)) sent nothing; its figures are empty, not zero. Ask the bureau "
                        + "for its export, or check its source in config/bureaus.json.")
            case .stale where !pulled.stale.isEmpty:
                let ages = pulled.stale.map { "\($0.bureau.code) \($0.ageDays.map { "\($0) days" } ?? "?")" }
                lines.append(
                    "stale: \(names(pulled.stale)) sent nothing new (\(ages.joined(separator: ", "))). Ask the bureau "
                        + "for this round's export.")
            case .pullFailed where !pulled.failedPulls.isEmpty:
                let failed = pulled.failedPulls.map { "\($0.bureau) (\($0.reason))" }
                lines.append(
                    "pull-failed: \(failed.joined(separator: "; ")). The last copy kept was used; check the URL and "
                        + "the bureau's server.")
            case .planChange:
                let changed = outcome.changes.filter { $0.kind == .projectAdded || $0.kind == .projectRemoved }
                guard !changed.isEmpty else { continue }
                let added = changed.filter { $0.kind == .projectAdded }.map(\.key)
                let removed = changed.filter { $0.kind == .projectRemoved }.map(\.key)
                lines.append(
                    "plan-change: the plan "
                        + [
                            added.isEmpty ? nil : "gained \(added.joined(separator: ", "))",
                            removed.isEmpty ? nil : "lost \(removed.joined(separator: ", "))",
                        ].compactMap { $0 }.joined(separator: " and ")
                        + " since the previous run. Check that input/plan/ holds the approved plan.")
            case .rejectsAbove(let limit):
                guard outcome.rejects.count > limit else { continue }
                let each = Self.refusalsPerBureau(outcome).sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
                lines.append(
                    "rejects>\(limit): \(outcome.rejects.count) refusals (\(each.joined(separator: ", "))). Send each "
                        + "bureau its rejects/<bureau>.csv from the latest run.")
            case .newRejects:
                let new = outcome.newRefusals ?? Self.refusalsPerBureau(outcome)
                let fired = new.filter { $0.value > 0 }.sorted { $0.key < $1.key }
                guard !fired.isEmpty else { continue }
                lines.append(
                    "new-rejects: \(fired.map { "\($0.key) \($0.value)" }.joined(separator: ", ")) new "
                        + "\(fired.count == 1 && fired[0].value == 1 ? "refusal" : "refusals")"
                        + (outcome.newRefusals == nil
                            ? " (not compared with a previous run, so every refusal counts as new)"
                            : " since the previous run")
                        + ". Send each bureau its rejects/<bureau>.csv from the latest run (changes.csv lists them).")
            default: continue
            }
        }
        return lines
    }

    /// Refusals (a row refused for two reasons counts twice; a whole file once) per bureau folder.
    static func refusalsPerBureau(_ outcome: Pipeline.Outcome) -> [String: Int] {
        var counts: [String: Int] = [:]
        // Streamed from the log, never held whole.
        outcome.rejects.forEachEntry { r in
            let folder = SummaryFiles.bureauFolder(of: r.file)
            counts[folder.isEmpty ? r.file : folder, default: 0] += 1
        }
        return counts
    }
}

/// `--alert-on` named a rule there is not.
public struct UnknownAlertRule: Error, CustomStringConvertible, Sendable {
    public let rule: String
    public var description: String {
        (rule.isEmpty
            ? "--alert-on: an empty rule (the list may not be empty or hold an empty item)"
            : "--alert-on \(rule): no such rule")
            + "; the rules are \(AlertPolicy.ruleNames) (comma-separated; quote rejects>N in a shell or crontab)"
    }
}
