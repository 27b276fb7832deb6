import Testing

/// One row of a table test: a cell as written, and what it must read as (a value, or a refusal code).
struct CellCase: CustomTestStringConvertible, Sendable {
    let cell: String
    let expected: String

    init(_ cell: String, _ expected: String) {
        self.cell = cell
        self.expected = expected
    }

    var testDescription: String { "“\(cell)” → \(expected)" }
}
