import ArgumentParser
import Foundation
import PlanRollup
import RollupBase
import RollupCore
import RollupReading

/// `plan-rollup normalize <kind>`: one cell per line in, one answer per line out, so a clerk can check a column.
struct NormalizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "normalize",
        abstract: "Read one cell per line on standard input; write how the job reads each one.",
        discussion: """
            One output line per input line, in order:
              date      2019-02-21 for a day, 2018-10 for a month-only cell ("ต.ค. ๖๑"); always Gregorian (CE).
              number    an amount in baht as a plain decimal: 439200, 1234.5, -500 (accountants' brackets);
                        80% for a percentage cell; a count for a cell with a unit such as คน;
                        NONE for "-", "–" or "ไม่มี" (none, not zero); EMPTY for an empty cell;
                        SOURCE: <text> for a budget cell that names a source and no figure.
              quantity  activities=8 participants=520 (NONE for a part the cell does not give),
                        plus " items=60 unit=เรื่อง" for counts of another unit.
              count     a whole count (people, times); NONE for empty or "-".
              percent   the percentage as a number (80 for "ไม่น้อยกว่าร้อยละ ๘๐"); NONE for empty or "-".
              text      the cell normalized (NFC, no zero-width characters, single spaces).
            A cell that cannot be read gives ERROR: <code>: <reason>, the reason in Thai with --thai.
            """
    )

    @Argument(help: "What the column holds: \(NormalizeOutput.Kind.allCases.map(\.rawValue).joined(separator: ", ")).")
    var kind: NormalizeOutput.Kind

    @Flag(help: "Write refusal reasons in Thai.")
    var thai = false

    @Option(
        name: .customLong("fiscal-year"),
        help:
            """
            Read as `run` does for this fiscal year (BE, e.g. 2562): a 2-digit year is whichever of 25yy and 20yy \
            falls near it.
            """
    )
    var fiscalYear: Int?

    @Flag(
        help:
            """
            Read all the lines as one column of a file, as `run` does: numeric dates take the order (day/month or \
            month/day) the column's unambiguous dates settle; the decision goes to standard error.
            """
    )
    var column = false

    func validate() throws {
        if let fiscalYear, !(2400...2699).contains(fiscalYear) {
            throw ValidationError("--fiscal-year \(fiscalYear): give a Buddhist Era year, such as 2562")
        }
    }

    func run() throws {
        if column {
            var cells: [String] = []
            while let line = readLine(strippingNewline: true) { cells.append(line) }
            let (lines, decision) = NormalizeOutput.formatColumn(
                cells, as: kind, thai: thai, fiscalYear: fiscalYear.map(FiscalYear.init(buddhistYear:)))
            if let decision { FileHandle.standardError.write(Data((decision + "\n").utf8)) }
            print(lines.map { $0 + "\n" }.joined(), terminator: "")
            return
        }
        var out = ""
        while let line = readLine(strippingNewline: true) {
            out += NormalizeOutput.format(
                line, as: kind, thai: thai, fiscalYear: fiscalYear.map(FiscalYear.init(buddhistYear:)))
            out += "\n"
            if out.utf8.count >= 1 << 16 {
                print(out, terminator: "")
                out = ""
            }
        }
        print(out, terminator: "")
    }
}

extension NormalizeOutput.Kind: ExpressibleByArgument {}
