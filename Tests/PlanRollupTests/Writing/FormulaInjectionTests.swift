import Foundation
import Testing

@testable import PlanRollup
@testable import RollupBase
@testable import RollupCore
@testable import RollupReading

/// A bureau export whose cells start like formulas, run through the real pipeline and publisher:
/// no CSV the job writes may hand them to Excel as formulas.
@Suite("Formula injection, end to end")
struct FormulaInjectionTests {
    static let hyperlink = "=HYPERLINK(\"http://x\",\"y\")"

    /// The note comes first, so every refused or flagged record starts with a hostile cell.
    static let export: [UInt8] = {
        let lines = [
            "note,project_id,date,project,activities,participants,spent,result_pct,status,bureau,evidence",
            // Accepted: its note and evidence reach projects.csv and report_form.csv.
            "-2+3,สผ-62-001,2019-01-18,\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",1,10,\"1,000\",100,ดำเนินการแล้วเสร็จ,@SUM(1),\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"",
            // Accepted, a refund (negative spending): a number that must stay a number.
            "\"\r+1+1\",สผ-62-002,2019-02-18,@SUM(1),1,10,-500,50,อยู่ระหว่างดำเนินการ,\"\t=cmd|' "
                + "/C calc'!A0\",\"\t@SUM(1)\"",
            // Refused: the id is a formula.
            "@SUM(1),=1+2,2019-02-18,-2+3,1,10,100,50,ดำเนินการแล้วเสร็จ,=bureau,x",
            // Refused: the spending cell is a formula.
            "+x,สผ-62-001,2019-02-20,@SUM(1),1,3,=1+1,50,ดำเนินการแล้วเสร็จ,@bureau,e",
            // The first row again: counted, and flagged in notices.csv.
            "-2+3,สผ-62-001,2019-01-18,\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",1,10,\"1,000\",100,ดำเนินการแล้วเสร็จ,@SUM(1),\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"",
        ]
        return Array(lines.joined(separator: "\r\n").utf8) + [0x0D, 0x0A]
    }()

    static let run: PublishedRun = {
        let (outcome, root) = try! runOnExports(["hostile.csv": export])
        return try! PublishedRun.publish(outcome, output: root.appendingPathComponent("output"), started: startTime(0))
    }()

    static func csv(_ name: String) throws -> ParsedCSV { try ParsedCSV(name: name, bytes: try run.bytes(name)) }

    @Test("the hostile rows were read: two accepted, two refused, one flagged")
    func rowsAsExpected() {
        #expect(Self.run.outcome.accounts.first?.accepted == 3)
        #expect(Self.run.outcome.rejects.map(\.code) == [.unknownProject, .badSpent])
        #expect(Self.run.outcome.notices.map(\.code) == [.repeatedRow])
    }

    @Test("projects.csv: hostile note and evidence carry a leading apostrophe; the refund stays a number")
    func projects() throws {
        let projects = try Self.csv("projects.csv")
        let first = try projects.row(where: "project_id", is: "สผ-62-001")
        #expect(first["evidence"] == "'" + Self.hyperlink)
        #expect(first["note"] == "'-2+3")
        let second = try projects.row(where: "project_id", is: "สผ-62-002")
        // Leading tab and CR are trimmed on reading; what follows is still guarded.
        #expect(second["evidence"] == "'@SUM(1)")
        #expect(second["note"] == "'+1+1")
        #expect(second["spent_baht"] == "-500.00")
        let text = String(decoding: try Self.run.bytes("projects.csv"), as: UTF8.self)
        #expect(text.contains(",-500.00,"), "the negative figure is written bare, unquoted and unguarded")
    }

    @Test("report_form.csv: evidence and remarks guarded")
    func reportForm() throws {
        let cells = try Self.csv("report_form.csv").rows.flatMap { $0 }
        #expect(cells.contains("'" + Self.hyperlink))
        #expect(cells.contains { $0.hasPrefix("'-2+3") })
        #expect(cells.contains("'@SUM(1)"))
    }

    @Test(
        "rejects.csv and the bureau's own rejects file: raw cells and whole records guarded",
        arguments: ["rejects.csv", "rejects/b1.csv"])
    func rejects(_ name: String) throws {
        let rejects = try Self.csv(name)
        #expect(try rejects.column("raw") == ["'=1+2", "'=1+1"])
        #expect(try rejects.column("record").map { String($0.prefix(8)) } == ["'@SUM(1)", "'+x | สผ"])
        #expect(try rejects.column("record")[0].contains(" | =1+2 | "), "the record keeps the cells as received")
    }

    @Test("notices.csv: the flagged record guarded")
    func notices() throws {
        #expect(try Self.csv("notices.csv").column("record").map { String($0.prefix(5)) } == ["'-2+3"])
    }

    @Test("no text cell of any CSV of the run would run as a formula; numeric cells are plain numbers")
    func everyCSV() throws {
        let dictionary = try Self.csv(Tables.dictionaryFile)
        var numeric: [String: Set<String>] = [:]
        for row in dictionary.rows where row[3] == "integer" || row[3] == "decimal" {
            numeric[row[0], default: []].insert(row[1])
        }
        let names = Self.run.fileNames.filter { $0.hasSuffix(".csv") }
        #expect(names.count >= 12)
        for name in names {
            let parsed = try Self.csv(name)
            let numbers = numeric[name.hasPrefix("rejects/") ? Tables.bureauRejects.file : name] ?? []
            for row in parsed.rows {
                for (column, cell) in zip(parsed.header, row) {
                    if numbers.contains(column) {
                        #expect(cell.isEmpty || isPlainNumber(cell), "\(name) \(column): \(cell)")
                    } else {
                        #expect(!runsAsFormula(cell), "\(name) \(column): \(cell)")
                    }
                }
            }
        }
    }

    @Test("summary.json keeps the text as received: JSON is not a spreadsheet")
    func jsonUnchanged() throws {
        let json = String(decoding: try Self.run.bytes("summary.json"), as: UTF8.self)
        #expect(!json.contains("'="))
        #expect(json.contains("\"spent_baht\": -500.00"))
    }
}
