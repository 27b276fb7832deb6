import Foundation
import RollupBase
import RollupCore
import RollupReading

/// How current one bureau's exports are: fresh, stale (newest file older than the bureau's allowed
/// age) or missing (no file at all). Stale and missing bureaus are listed, never shown as zero activity.
public struct BureauFreshness: Sendable, Hashable {
    /// The three states, as written in `freshness.json` and the log.
    public enum State: String, Sendable, Hashable {
        case fresh, stale, missing
    }

    public let bureau: BureauEntry
    public let state: State
    public let files: Int
    /// Modification time of the newest export (for a pulled copy: the server's Last-Modified or the pull).
    public let newest: Date?
    /// Whole days between `newest` and the run's clock.
    public let ageDays: Int?
    public let maxAgeDays: Int
    /// Why the bureau's HTTP source could not be pulled this run, if it could not.
    public let pullFailure: PullFailure?

    public init(bureau: BureauEntry, files: [Date], now: Date, maxAgeDays: Int, pullFailure: PullFailure? = nil) {
        self.bureau = bureau
        self.files = files.count
        self.maxAgeDays = maxAgeDays
        self.pullFailure = pullFailure
        newest = files.max()
        ageDays = newest.map { max(0, Int(now.timeIntervalSince($0) / 86_400)) }
        if let ageDays {
            state = ageDays > maxAgeDays ? .stale : .fresh
        } else {
            state = .missing
        }
    }

    /// `hr-it: stale, newest export 52 days old (limit 45)`, for logs and terminals.
    public var message: String {
        var s = bureau.displayName + ": "
        switch state {
        case .fresh: s += "fresh, newest export \(ageDays ?? 0) days old"
        case .stale: s += "stale, newest export \(ageDays ?? 0) days old (limit \(maxAgeDays))"
        case .missing: s += "missing, no export at all"
        }
        if let pullFailure { s += "; pull failed: \(pullFailure.reason)" }
        return s
    }
}

/// `freshness.json` for the published run: every bureau's state, newest export and pull failure.
public enum FreshnessFile {
    public static let name = "freshness.json"

    public static func render(_ bureaus: [BureauFreshness]) -> [UInt8] {
        let json = JSONValue.object([
            ("missing", .array(bureaus.filter { $0.state == .missing }.map { .string($0.bureau.code) })),
            ("stale", .array(bureaus.filter { $0.state == .stale }.map { .string($0.bureau.code) })),
            ("pull_failed", .array(bureaus.filter { $0.pullFailure != nil }.map { .string($0.bureau.code) })),
            (
                "bureaus",
                .array(
                    bureaus.map { b in
                        .object([
                            ("code", .string(b.bureau.code)), ("name", .string(b.bureau.name)),
                            ("agency", .string(b.bureau.agency)),
                            ("source", .string(b.bureau.source.description)), ("state", .string(b.state.rawValue)),
                            ("files", .int(b.files)), ("newest_export", .optional(b.newest.map(Manifest.timestamp))),
                            ("age_days", b.ageDays.map { .int($0) } ?? .null), ("max_age_days", .int(b.maxAgeDays)),
                            ("pull_error", .optional(b.pullFailure?.reason)),
                        ])
                    })
            ),
        ])
        return Array(json.rendered().utf8)
    }
}
