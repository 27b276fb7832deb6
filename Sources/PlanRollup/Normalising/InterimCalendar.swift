// Interim stand-ins until the normalising branch lands; removed at merge.
public struct YearMonth: Hashable, Comparable, Sendable {
    public let year: Int
    public let month: Int
    public init(year: Int, month: Int) { self.year = year; self.month = month }
    public static func < (a: YearMonth, b: YearMonth) -> Bool { (a.year, a.month) < (b.year, b.month) }
    public var iso: String { "\(year)-\(month < 10 ? "0" : "")\(month)" }
}
