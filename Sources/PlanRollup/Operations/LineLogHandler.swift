import Foundation
import Logging
import RollupBase
import RollupCore
import RollupReading
import Synchronization

/// A swift-log handler writing one plain line per event, the same in a terminal and a log file:
/// `2026-11-26T01:30:02+07:00 info read file=exports/hr-it/a.csv accepted=3 rejected=0 ms=4`.
public struct LineLogHandler: LogHandler {
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    private let sink: ConsoleSink

    public init(sink: ConsoleSink, level: Logger.Level = .info) {
        self.sink = sink
        self.logLevel = level
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var fields = metadata
        if let extra = event.metadata { fields.merge(extra) { $1 } }
        sink.writeLine(
            Self.format(date: Date(), level: event.level, message: "\(event.message)", metadata: fields),
            level: event.level)
    }

    /// `time level message key=value ...`, keys in name order; values with spaces are quoted, and
    /// control characters (a file name with a line break) are escaped, so one event is one line.
    public static func format(date: Date, level: Logger.Level, message: String, metadata: Logger.Metadata) -> String {
        var line =
            timestamp(date) + " " + level.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0) + " "
            + escaped(message)
        for key in metadata.keys.sorted() {
            let value = escaped("\(metadata[key]!)")
            let quoted = value.isEmpty || value.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" || $0 == "\\" })
            line += " \(key)=" + (quoted ? "\"" + value.replacingOccurrences(of: "\"", with: "\\\"") + "\"" : value)
        }
        return line
    }

    /// `text` with every control character written as an escape (\n, \r, \t, \u{1B}).
    public static func escaped(_ text: String) -> String {
        guard
            text.unicodeScalars.contains(where: {
                $0.value < 0x20 || $0.value == 0x7F || (0x80..<0xA0).contains($0.value)
                    || $0.value == 0x2028 || $0.value == 0x2029
            })
        else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case 0..<0x20, 0x7F, 0x80..<0xA0, 0x2028, 0x2029: out += "\\u{" + String(scalar.value, radix: 16) + "}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Local time with its offset, to the second: `2026-11-26T01:30:02+07:00`.
    static func timestamp(_ date: Date) -> String {
        var t = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        localtime_r(&t, &parts)
        let offset = parts.tm_gmtoff / 60
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let sign = offset < 0 ? "-" : "+"
        return "\(Int(parts.tm_year) + 1900)-\(two(Int(parts.tm_mon) + 1))-\(two(Int(parts.tm_mday)))T"
            + "\(two(Int(parts.tm_hour))):\(two(Int(parts.tm_min))):\(two(Int(parts.tm_sec)))"
            + "\(sign)\(two(abs(offset) / 60)):\(two(abs(offset) % 60))"
    }
}

/// Where log lines and the terminal's progress line go: one file descriptor (standard error by
/// default), a line at a time. The progress line is drawn only on a terminal, and cleared before
/// each log line so the two never mix; in a log file (under cron) there is none.
///
/// A person at a terminal (`quiet`) reads the report first: info lines are not shown there (the
/// manifest and `--verbose` have them), warnings wait until `releaseHeld()` after the report, and
/// errors show at once.
public final class ConsoleSink: Sendable {
    private let fd: Int32
    public let isTerminal: Bool
    public let quiet: Bool
    /// The progress line shown, if any; held while writing, so lines never interleave.
    private let status = Mutex<String?>(nil)
    /// Warnings kept for after the report when quiet (the first `maxHeld`), and how many there were.
    private let held = Mutex<(lines: [String], count: Int)>(([], 0))
    static let maxHeld = 20

    public init(fd: Int32 = STDERR_FILENO, progress: Bool? = nil, quiet: Bool = false) {
        self.fd = fd
        self.isTerminal = progress ?? (isatty(fd) == 1)
        self.quiet = quiet
    }

    public func writeLine(_ line: String, level: Logger.Level = .info) {
        if quiet {
            switch level {
            case .trace, .debug, .info, .notice: return
            case .warning:
                held.withLock { held in
                    held.count += 1
                    if held.lines.count < Self.maxHeld { held.lines.append(line) }
                }
                return
            case .error, .critical: break
            }
        }
        status.withLock { status in
            var text = status == nil ? "" : "\r\u{1B}[K"
            text += line + "\n"
            if let status { text += status }
            put(text)
        }
    }

    /// The warnings held back while quiet, written now (after the report), with how many more there were.
    public func releaseHeld() {
        let (lines, count) = held.withLock { held in
            defer { held = ([], 0) }
            return held
        }
        guard count > 0 else { return }
        var text = "warnings (\(count)):\n" + lines.map { "  " + $0 + "\n" }.joined()
        if count > lines.count {
            text += "  ... \(count - lines.count) more: run with --verbose to see every log line\n"
        }
        status.withLock { _ in put(text) }
    }

    /// Draws `text` as the progress line's last state and keeps it on screen; does nothing off a terminal.
    public func finishStatus(_ text: String) {
        guard isTerminal else { return }
        status.withLock { status in
            status = nil
            put("\r\u{1B}[K" + text + "\n")
        }
    }

    /// Shows `text` as the terminal's progress line (nil clears it); does nothing off a terminal.
    public func setStatus(_ text: String?) {
        guard isTerminal else { return }
        status.withLock { status in
            status = text
            put("\r\u{1B}[K" + (text ?? ""))
        }
    }

    /// `[#####-----] 5/10 label`, for `setStatus`.
    public static func bar(done: Int, total: Int, label: String, width: Int = 24) -> String {
        let filled = total == 0 ? width : min(width, done * width / total)
        return "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
            + "] \(done)/\(total) " + label
    }

    private func put(_ text: String) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress!, $0.count) }
            if n < 0 { if errno == EINTR { continue } else { return } }
            bytes = bytes.dropFirst(n)
        }
    }
}
