/// Exact money: amounts are Int64 satang (baht × 100) everywhere; this only formats them.
public enum Money {
    /// "439200.00", "-12.50": plain digits, a dot, always two decimals.
    public static func baht(_ satang: Int64) -> String {
        let negative = satang < 0
        let magnitude = satang.magnitude
        let whole = magnitude / 100
        let cents = magnitude % 100
        return (negative ? "-" : "") + String(whole) + "." + (cents < 10 ? "0" : "") + String(cents)
    }

    /// "439,200.00": as a person reads it in a sentence, thousands grouped with commas.
    public static func grouped(_ satang: Int64) -> String {
        let plain = baht(satang)
        let negative = plain.hasPrefix("-")
        let digits = plain.dropFirst(negative ? 1 : 0).split(separator: ".")
        var whole = ""
        for (i, ch) in digits[0].reversed().enumerated() {
            if i > 0 && i % 3 == 0 { whole.append(",") }
            whole.append(ch)
        }
        return (negative ? "-" : "") + String(whole.reversed()) + "." + digits[1]
    }
}
