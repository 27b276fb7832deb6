import RollupBase
import RollupCore
import RollupReading

/// A run folder's name: the as-of date, then the start time in UTC, `2019-09-30_20261126T165405Z`.
/// Retention deletes only folders whose names parse as one, and orders them by start time.
public struct RunName: Sendable, Hashable {
    public let text: String
    /// "2019-09-30".
    public let asOf: String
    /// "20261126T165405Z": sorts in time order as text.
    public let started: String

    /// Nil unless `text` is exactly `YYYY-MM-DD_YYYYMMDDTHHMMSSZ`, optionally followed by `-NN` for a
    /// second run started in the same second.
    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        func digits(_ range: Range<Int>) -> Bool { range.allSatisfy { bytes[$0] >= 0x30 && bytes[$0] <= 0x39 } }
        guard bytes.count == 27 || (bytes.count == 30 && bytes[27] == UInt8(ascii: "-") && digits(28..<30)),
            digits(0..<4), bytes[4] == UInt8(ascii: "-"), digits(5..<7), bytes[7] == UInt8(ascii: "-"), digits(8..<10),
            bytes[10] == UInt8(ascii: "_"), digits(11..<19), bytes[19] == UInt8(ascii: "T"), digits(20..<26),
            bytes[26] == UInt8(ascii: "Z")
        else { return nil }
        self.text = text
        asOf = String(text.prefix(10))
        started = String(text.dropFirst(11))
    }

    /// The same run name with sequence number `n` (2...99), for a run started in the same second.
    public func numbered(_ n: Int) -> RunName? {
        RunName(String(text.prefix(27)) + "-" + (n < 10 ? "0" : "") + String(n))
    }

    /// The name of a run as of `asOf` started at `startedAt` (a `Manifest.timestamp`, "2026-11-26T16:54:05Z").
    public init?(asOf: CalendarDay, startedAt timestamp: String) {
        self.init(asOf.iso + "_" + timestamp.filter { $0 != ":" && $0 != "-" })
    }
}
