import Foundation
import RollupBase

/// An HTML document built piece by piece: every text is escaped, markup is the report's own.
///
/// Two kinds of text: the report's own words and figures (`text`), whose digits follow the
/// report's choice (Arabic, or Thai with `--thai-digits`), and what the plan or a bureau's file
/// wrote (`verbatim`: names, ids, file names), shown exactly as written.
struct HTMLPage {
    private(set) var html = ""
    let thaiDigits: Bool

    init(thaiDigits: Bool) {
        self.thaiDigits = thaiDigits
    }

    mutating func raw(_ markup: String) { html += markup }

    /// The report's own text, escaped, its digits in the report's style.
    mutating func text(_ value: String) { html += Self.escaped(digits(value)) }

    /// Text from the plan or a bureau's file, escaped, exactly as written.
    mutating func verbatim(_ value: String) { html += Self.escaped(value) }

    /// `<name ...>value</name>`: the report's own text, or `verbatim` text.
    mutating func element(
        _ name: String, _ value: String, class cls: String? = nil, attributes: String = "", verbatim: Bool = false
    ) {
        html += "<\(name)" + (cls.map { " class=\"\($0)\"" } ?? "") + (attributes.isEmpty ? "" : " " + attributes) + ">"
        html += Self.escaped(verbatim ? value : digits(value))
        html += "</\(name)>"
        if ["p", "h1", "h2", "h3", "li", "title", "caption"].contains(name) { html += "\n" }
    }

    /// `value` with its digits in the report's style: Thai digits (๐–๙) or Arabic (0–9).
    func digits(_ value: String) -> String {
        if thaiDigits { return ThaiDisplay.digits(value) }
        guard value.unicodeScalars.contains(where: { (0x0E50...0x0E59).contains($0.value) }) else { return value }
        var out = String.UnicodeScalarView()
        for scalar in value.unicodeScalars {
            let v = scalar.value
            out.append((0x0E50...0x0E59).contains(v) ? Unicode.Scalar(v - 0x0E50 + 0x30)! : scalar)
        }
        return String(out)
    }

    /// `&`, `<`, `>`, `"` and `'` as entities; control characters other than tab and line break left
    /// out, and so are the bidirectional embedding, override and isolate controls (U+202A–202E,
    /// U+2066–2069), with which a name could turn the report's own figures around on screen.
    static func escaped(_ value: String) -> String {
        var out = ""
        out.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n": out.unicodeScalars.append(scalar)
            default:
                let v = scalar.value
                if v < 0x20 || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v)
                    || (0x2066...0x2069).contains(v)
                {
                    continue
                }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    // MARK: Tables from the output's one description

    /// A cell as a person reads it: numbers grouped by thousands (decimals as written), a flag as
    /// ใช่/ไม่ใช่, an empty cell (unknown) as a dash.
    static func shown(_ cell: OutputCell) -> String {
        switch cell {
        case .text(let s), .code(let s): s
        case .number(let n): DecimalText.grouped(n)
        case .empty: "–"
        case .flag(let b): b ? "ใช่" : "ไม่ใช่"
        }
    }

    /// The columns `names` of `spec`, in that order: the same headings (Thai) and cells as the CSV,
    /// JSON and workbook renderings of the table. A name the table lacks is a programming error.
    static func columns<Row>(_ spec: TableSpec<Row>, _ names: [String]) -> [ColumnSpec<Row>] {
        names.map { name in
            guard let column = spec.columns.first(where: { $0.name == name }) else {
                preconditionFailure("\(spec.file) has no column \(name)")
            }
            return column
        }
    }

    /// A `<th>` per column: the table's Thai heading.
    mutating func headings<Row>(_ columns: [ColumnSpec<Row>], extra: [String] = []) {
        html += "<thead><tr>"
        for c in columns { element("th", c.thai, attributes: "scope=\"col\"") }
        for e in extra { element("th", e, attributes: "scope=\"col\"") }
        html += "</tr></thead>\n"
    }

    /// The row's cells of `columns`; the first is the row's header. Figures right-aligned, in the
    /// report's digits; names and codes as written.
    mutating func cells<Row>(_ row: Row, _ columns: [ColumnSpec<Row>]) {
        for (i, c) in columns.enumerated() {
            let cell = c.cell(row)
            // Figures, flags and dashes are the report's own; texts and codes come from the plan or a file.
            let (figure, own): (Bool, Bool) =
                switch cell {
                case .number: (true, true)
                case .flag, .empty: (false, true)
                case .text, .code: (false, false)
                }
            element(
                i == 0 ? "th" : "td", Self.shown(cell), class: figure ? "n" : nil,
                attributes: i == 0 ? "scope=\"row\"" : "", verbatim: !own)
        }
    }
}
