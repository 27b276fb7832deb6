import Foundation
import Testing

@testable import PlanRollup
@testable import RollupBase
@testable import RollupCore
@testable import RollupReading

/// Every CSV of a real run on the shipped input, read back from disk: the Excel-safe format of issue 7.
@Suite("Output CSVs: BOM, CRLF, RFC 4180, plain numbers")
struct OutputCSVFormatTests {
    static let run: PublishedRun = try! PublishedRun.make(
        output: makeTemporaryFolder("csv-format"), started: startTime(0))

    static var csvNames: [String] { run.fileNames.filter { $0.hasSuffix(".csv") } }

    /// The data dictionary's type of each column, by file (per-bureau rejects files under rejects/<bureau>.csv).
    static let types: [String: [(column: String, type: String)]] = {
        let dictionary = try! ParsedCSV(name: Tables.dictionaryFile, bytes: try! run.bytes(Tables.dictionaryFile))
        var types: [String: [(String, String)]] = [:]
        for row in dictionary.rows { types[row[0], default: []].append((row[1], row[3])) }
        return types
    }()

    static func documented(_ name: String) -> String { name.hasPrefix("rejects/") ? Tables.bureauRejects.file : name }

    @Test("the run writes every summary CSV, the per-bureau rejects and the dictionary")
    func expectedFiles() {
        let names = Set(Self.csvNames)
        for file in [
            "projects.csv", "bureaus.csv", "measures.csv", "issues.csv", "agencies.csv", "months.csv", "quarters.csv",
            "report_form.csv", "rejects.csv", "notices.csv", "data_dictionary.csv",
        ] {
            #expect(names.contains(file), "\(file)")
        }
        // The shipped input has deliberate faults in four bureaus' files.
        #expect(Self.csvNames.filter { $0.hasPrefix("rejects/") }.count == 4)
    }

    @Test(
        "starts with the UTF-8 BOM and ends every line with CRLF, bare CR or LF only inside quotes", arguments: csvNames
    )
    func bomAndLineEnds(_ name: String) throws {
        let bytes = try Self.run.bytes(name)
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(Array(bytes.suffix(2)) == [0x0D, 0x0A])
        let ends = lineEnds(bytes)
        #expect(ends.bare.isEmpty, "bare line ends at bytes \(ends.bare)")
        let parsed = try ParsedCSV(name: name, bytes: bytes)
        #expect(
            ends.crlf == parsed.rows.count + parsed.closing.count + 1,
            "one CRLF per record (no line breaks inside these cells)")
    }

    @Test("parses back with RFC 4180 rules, every row as wide as its header", arguments: csvNames)
    func rectangular(_ name: String) throws {
        let parsed = try ParsedCSV(name: name, bytes: try Self.run.bytes(name))
        #expect(!parsed.header.isEmpty)
        for (i, row) in parsed.rows.enumerated() {
            #expect(
                row.count == parsed.header.count,
                "\(name) row \(i + 2): \(row.count) cells, header has \(parsed.header.count)")
        }
    }

    @Test(
        "the data dictionary lists every column, in order, with its type",
        arguments: csvNames.filter { $0 != Tables.dictionaryFile })
    func documentedColumns(_ name: String) throws {
        let parsed = try ParsedCSV(name: name, bytes: try Self.run.bytes(name))
        let documented = try #require(Self.types[Self.documented(name)], "\(name) is not in the data dictionary")
        #expect(documented.map(\.column) == parsed.header)
        let known = Set(["text", "integer", "decimal", "date", "month", "code", "boolean"])
        #expect(documented.allSatisfy { known.contains($0.type) })
    }

    @Test("numbers are plain Arabic digits with a dot, no thousands separators, no formula guard", arguments: csvNames)
    func plainNumbers(_ name: String) throws {
        let parsed = try ParsedCSV(name: name, bytes: try Self.run.bytes(name))
        let documented = Self.types[Self.documented(name)] ?? []
        var checked = 0
        for (column, type) in documented where type == "integer" || type == "decimal" {
            for cell in try parsed.column(column) where !cell.isEmpty {
                #expect(isPlainNumber(cell), "\(name) \(column): \(cell)")
                checked += 1
            }
        }
        for (column, type) in documented where type == "boolean" {
            #expect(try parsed.column(column).allSatisfy { $0 == "TRUE" || $0 == "FALSE" }, "\(name) \(column)")
        }
        if ["projects.csv", "agencies.csv", "months.csv", "rejects.csv"].contains(name) { #expect(checked > 0) }
    }

    @Test("money columns carry exactly two decimals: 875700.00, not 875700 or 875,700")
    func moneyTwoDecimals() throws {
        let agencies = try ParsedCSV(name: "agencies.csv", bytes: try Self.run.bytes("agencies.csv"))
        for column in agencies.header where column.hasSuffix("_baht") {
            #expect(try agencies.column(column).allSatisfy { isPlainNumber($0, decimals: 2) }, "\(column)")
        }
        #expect(try agencies.row(where: "agency", is: "รวม")["budget_baht"] == "875700.00")
    }

    @Test("no text cell of any CSV would run as a formula", arguments: csvNames)
    func noFormulas(_ name: String) throws {
        let parsed = try ParsedCSV(name: name, bytes: try Self.run.bytes(name))
        let numeric = Set(
            (Self.types[Self.documented(name)] ?? []).filter { ["integer", "decimal"].contains($0.type) }.map(\.column))
        for row in [parsed.header] + parsed.rows {
            for (column, cell) in zip(parsed.header, row) where !numeric.contains(column) {
                #expect(!runsAsFormula(cell), "\(name) \(column): \(cell)")
            }
        }
    }

    @Test("ids are kept as text: project ids unchanged, no Excel date or number conversion possible")
    func idsStayText() throws {
        let projects = try ParsedCSV(name: "projects.csv", bytes: try Self.run.bytes("projects.csv"))
        let ids = try projects.column("project_id")
        #expect(ids.count == 49)
        #expect(ids == ids.sorted())
        #expect(ids.allSatisfy { $0.hasPrefix("สผ-62-") || $0.hasPrefix("สว-62-") })
    }

    @Test("months carry ISO months and the Thai display beside them")
    func monthsReadable() throws {
        let months = try ParsedCSV(name: "months.csv", bytes: try Self.run.bytes("months.csv"))
        #expect(try months.column("month").prefix(2) == ["2018-10", "2018-11"])
        #expect(try months.column("month_th").prefix(2) == ["ต.ค. ๖๑", "พ.ย. ๖๑"])
    }
}
