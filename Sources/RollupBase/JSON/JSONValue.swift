import Foundation

/// JSON written by the job: objects keep the order they are built in, numbers are exact text, so
/// the same figures always give the same bytes and money never passes through a Double.
public indirect enum JSONValue: Sendable, Hashable {
    case object([(String, JSONValue)])
    case array([JSONValue])
    case string(String)
    /// Exact decimal text such as "439200.00".
    case number(String)
    case bool(Bool)
    case null

    public static func int(_ n: Int64) -> JSONValue { .number(String(n)) }
    public static func int(_ n: Int) -> JSONValue { .number(String(n)) }
    public static func baht(_ satang: Int64) -> JSONValue { .number(Money.baht(satang)) }
    public static func decimal(_ d: Decimal?) -> JSONValue { d.map { .number(DecimalText.plain($0)) } ?? .null }
    public static func optional(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }
    public static func optionalInt(_ n: Int64?) -> JSONValue { n.map(JSONValue.int) ?? .null }
    public static func optionalBaht(_ satang: Int64?) -> JSONValue { satang.map(JSONValue.baht) ?? .null }
    public static func == (a: JSONValue, b: JSONValue) -> Bool { a.rendered() == b.rendered() }
    public func hash(into h: inout Hasher) { h.combine(rendered()) }

    /// Pretty-printed with two-space indents and a final newline.
    public func rendered() -> String {
        var out = ""
        write(to: &out, indent: 0)
        out += "\n"
        return out
    }

    /// On one line, no spaces: for one-record-per-line output.
    public func compact() -> String {
        switch self {
        case .object(let pairs):
            return "{" + pairs.map { Self.quote($0.0) + ":" + $0.1.compact() }.joined(separator: ",") + "}"
        case .array(let items): return "[" + items.map { $0.compact() }.joined(separator: ",") + "]"
        case .string(let s): return Self.quote(s)
        case .number(let n): return n
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        }
    }

    private func write(to out: inout String, indent: Int) {
        let pad = String(repeating: "  ", count: indent + 1)
        let close = String(repeating: "  ", count: indent)
        switch self {
        case .object(let pairs):
            if pairs.isEmpty {
                out += "{}"
                return
            }
            out += "{\n"
            for (i, (k, v)) in pairs.enumerated() {
                out += pad + Self.quote(k) + ": "
                v.write(to: &out, indent: indent + 1)
                out += i + 1 < pairs.count ? ",\n" : "\n"
            }
            out += close + "}"
        case .array(let items):
            if items.isEmpty {
                out += "[]"
                return
            }
            out += "[\n"
            for (i, v) in items.enumerated() {
                out += pad
                v.write(to: &out, indent: indent + 1)
                out += i + 1 < items.count ? ",\n" : "\n"
            }
            out += close + "]"
        case .string(let s): out += Self.quote(s)
        case .number(let n): out += n
        case .bool(let b): out += b ? "true" : "false"
        case .null: out += "null"
        }
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

/// Decimals as plain text: "80", "72.5", never exponent notation or a locale's separators.
public enum DecimalText {
    public static func plain(_ d: Decimal) -> String {
        var value = d
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, 4, .plain)
        return rounded.description
    }

    /// A plain number as a person reads it: "439200.00" → "439,200.00", "-1234" → "-1,234"; the
    /// decimals as written.
    public static func grouped(_ number: String) -> String {
        let negative = number.hasPrefix("-")
        let parts = number.dropFirst(negative ? 1 : 0).split(
            separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        var whole = ""
        for (i, ch) in parts[0].reversed().enumerated() {
            if i > 0 && i % 3 == 0 { whole.append(",") }
            whole.append(ch)
        }
        return (negative ? "-" : "") + String(whole.reversed()) + (parts.count > 1 ? "." + parts[1] : "")
    }
}
