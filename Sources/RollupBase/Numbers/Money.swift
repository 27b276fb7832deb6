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
    public static func grouped(_ satang: Int64) -> String { DecimalText.grouped(baht(satang)) }
}
