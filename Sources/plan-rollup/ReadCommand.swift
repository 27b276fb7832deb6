import ArgumentParser
import Foundation
import PlanRollup
import RollupBase
import RollupCore
import RollupReading

/// `plan-rollup read FILE`: what the job sees in one file, for "but my file is fine".
struct ReadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "read",
        abstract: "Print what the job sees in a file: one JSON array of decoded cells per record.",
        discussion: """
            Without --mapped, every record after decoding and before header mapping, as \
            {"line":N,"cells":[...]}; faults of the CSV itself as {"line":N,"error":"..."}. \
            With --mapped, one object per row with its fate (data, title, blank, subtotal, ...) and, \
            for data rows, the cells by field name. The detected encoding, delimiter and header go \
            to standard error.
            """
    )

    @Argument(help: "The CSV file to read.")
    var file: String

    @Flag(help: "Map columns through the header: one JSON object per row, with field names.")
    var mapped = false

    @OptionGroup var limits: LimitOptions

    func run() throws {
        var standardError = StandardError()
        if file.lowercased().hasSuffix(".xlsx") || file.lowercased().hasSuffix(".xlsm") {
            let reader = TableReader(monthOf: MonthHeader.parse)
            let workbook = try WorkbookFile(
                path: file, maxCells: limits.csvLimits.maxCells, maxCellBytes: limits.csvLimits.maxCellBytes,
                recognises: reader.recognises)
            print("workbook: sheet \(workbook.sheetName)", to: &standardError)
            try read(workbook)
            if !workbook.hiddenRows.isEmpty {
                print(
                    "hidden rows not read: " + workbook.hiddenRows.map(String.init).joined(separator: ", "),
                    to: &standardError)
            }
            return
        }
        let input = try InputFile(path: file, limits: limits.csvLimits)
        print("encoding: \(input.encoding.rawValue), delimiter: \(input.dialect.delimiterName)", to: &standardError)
        try read(input)
    }

    private func read(_ input: some RecordSource) throws {
        var standardError = StandardError()
        if mapped {
            // What the job decides for the date column: the order its numeric dates are written in.
            var order: String?
            var twoWays = false
            let summary = try TableReader(monthOf: MonthHeader.parse).read(input) { event in
                print(RecordJSON.event(event).compact())
                guard order == nil, case .data(let row) = event, let text = row.text(.date) else { return }
                switch ThaiDateParser.orderEvidence(text) {
                case .dayFirst?: order = "day/month (settled by line \(row.record.line): \(text))"
                case .monthFirst?: order = "month/day (settled by line \(row.record.line): \(text))"
                case .either?: twoWays = true
                default: break
                }
            }
            print(
                "numbers: a point is a decimal point (.5 is 0.5); commas, or spaces between groups of three, "
                    + "separate thousands; a count with a point before three digits (1.000) is refused",
                to: &standardError)
            if let order {
                print("date column: \(order)", to: &standardError)
            } else if twoWays {
                print("date column: order unsettled: dates that read both ways (2/3) are refused", to: &standardError)
            }
            if let header = summary.header {
                let roles = header.roles.enumerated().map { "\(header.name(ofColumn: $0.offset)) → \($0.element.name)" }
                print("header (line \(header.line)): " + roles.joined(separator: "; "), to: &standardError)
            } else if let missing = summary.missingHeader {
                print(missing.description, to: &standardError)
            }
        } else {
            try input.forEach { print(RecordJSON.raw($0).compact()) }
        }
    }
}
