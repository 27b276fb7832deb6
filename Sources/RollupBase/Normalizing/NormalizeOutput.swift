import Foundation

/// The one-line answers of `plan-rollup normalize`: what a clerk checking a column reads, and what tests compare.
public enum NormalizeOutput {
    /// Which reader a column goes through.
    public enum Kind: String, CaseIterable, Sendable {
        case date, number, quantity, count, percent, text
    }

    /// One output line for one cell: the value, `NONE`/`EMPTY`/`SOURCE: …`, or `ERROR: <code>: <reason>`.
    /// Several cells read as one column, as `run` reads a file's date column: its order (day/month or
    /// month/day) is decided by the cells that read only one way; the decision comes back with the lines.
    public static func formatColumn(
        _ cells: [String], as kind: Kind, thai: Bool = false, fiscalYear: FiscalYear? = nil
    ) -> (lines: [String], decision: String?) {
        guard kind == .date else {
            return (cells.map { format($0, as: kind, thai: thai, fiscalYear: fiscalYear) }, nil)
        }
        var settled: (DateOrder, Int)?
        for (i, cell) in cells.enumerated() {
            switch ThaiDateParser.orderEvidence(cell) {
            case .dayFirst?: settled = (.dayFirst, i + 1)
            case .monthFirst?: settled = (.monthFirst, i + 1)
            default: continue
            }
            break
        }
        let lines = cells.map { cell -> String in
            if settled == nil, ThaiDateParser.orderEvidence(cell) == .either {
                return "ERROR: date.ambiguous_order: "
                    + (thai
                        ? "อ่านได้ทั้งแบบ วัน/เดือน และ เดือน/วัน และไม่มีวันที่อื่นในคอลัมน์ที่ชี้ชัด"
                        : "“\(cell)” reads as day/month and as month/day, and no cell of the column settles which")
            }
            switch ThaiDateParser.parse(cell, near: fiscalYear, order: settled?.0 ?? .dayFirst) {
            case .success(let value): return value.iso
            case .failure(let r): return "ERROR: \(r.code): \(thai ? r.thai : r.english)"
            }
        }
        let decision =
            settled.map { "date order: \($0.0.rawValue), settled by line \($0.1)" }
            ?? (cells.contains { ThaiDateParser.orderEvidence($0) == .either } ? "date order: unsettled" : nil)
        return (lines, decision)
    }

    /// `fiscalYear`: the year the cell is read for, as `run` reads it (it settles 2-digit years).
    public static func format(_ cell: String, as kind: Kind, thai: Bool = false, fiscalYear: FiscalYear? = nil)
        -> String
    {
        func error(_ r: Refusal) -> String { "ERROR: \(r.code): \(thai ? r.thai : r.english)" }
        switch kind {
        case .date:
            switch ThaiDateParser.parse(cell, near: fiscalYear) {
            case .success(let value): return value.iso
            case .failure(let r): return error(r)
            }
        case .number:
            if let percent = percentReading(cell) { return percent }
            switch ThaiNumberParser.parseAmount(cell) {
            case .success(.satang(let s)): return baht(s)
            case .success(.none): return "NONE"
            case .success(.empty): return "EMPTY"
            case .success(.source(let text)): return "SOURCE: \(text)"
            case .failure(let r):
                if case .success(let count?) = ThaiNumberParser.parseCount(cell) { return String(count) }
                return error(r)
            }
        case .quantity:
            switch QuantityParser.parse(cell) {
            case .success(let q): return q.description
            case .failure(let r): return error(r)
            }
        case .count:
            switch ThaiNumberParser.parseCount(cell) {
            case .success(let n?): return String(n)
            case .success(nil): return "NONE"
            case .failure(let r): return error(r)
            }
        case .percent:
            switch ThaiNumberParser.parsePercent(cell) {
            case .success(let p?): return "\(p)"
            case .success(nil): return "NONE"
            case .failure(let r): return error(r)
            }
        case .text:
            return ThaiText.normalize(cell)
        }
    }

    /// "439200", "1234.5", "-500", "0.25": baht with the satang's trailing zeros dropped.
    public static func baht(_ satang: Int64) -> String {
        let sign = satang < 0 ? "-" : ""
        let magnitude = satang.magnitude
        let whole = magnitude / 100
        let cents = magnitude % 100
        if cents == 0 { return "\(sign)\(whole)" }
        if cents % 10 == 0 { return "\(sign)\(whole).\(cents / 10)" }
        return "\(sign)\(whole).\(cents < 10 ? "0" : "")\(cents)"
    }

    /// "80%" for a cell written as a percentage (ร้อยละ, %), so `number` shows it is not baht.
    private static func percentReading(_ cell: String) -> String? {
        let scan = NumberScanner(Substring(cell: cell))
        guard scan.hasNumber, scan.percentSign || ThaiNumberParser.isPercentPrefix(scan.prefix),
            case .success(let p?) = ThaiNumberParser.parsePercent(cell)
        else { return nil }
        return "\(p)%"
    }
}
