import Foundation
import Testing

@testable import RollupBase
@testable import RollupCore
@testable import RollupReading

/// A row counts as many times as the file that holds it most often, whatever the order of the files
/// and folders: a cumulative export that holds a session twice, after one that held it once, counts it
/// twice.
@Suite("Copies of a row across files")
struct CopiesAcrossFilesTests {
    /// The header lines of hr-it's shipped export (its header has a cell on two lines) and its first row.
    static func headerAndRow() throws -> (header: String, row: String) {
        let text = try String(
            contentsOfFile: PublishedRun.shippedInput + "/exports/hr-it/hr-it_progress.csv", encoding: .utf8)
        let lines = text.components(separatedBy: "\n")
        let first = try #require(lines.firstIndex { $0.hasPrefix("สผ-62-020") })
        return (lines[..<first].joined(separator: "\n") + "\n", lines[first] + "\n")
    }

    /// สผ-62-020's activities with `files` (path under exports/ → number of copies of the row) in place of hr-it's export.
    func activities(_ files: [(String, Int)]) throws -> Int64 {
        let root = try makeTemporaryFolder("copies")
        defer { try? FileManager.default.removeItem(at: root) }
        let input = root.appendingPathComponent("input")
        try FileManager.default.copyItem(atPath: PublishedRun.shippedInput, toPath: input.path)
        let exports = input.appendingPathComponent("exports")
        try FileManager.default.removeItem(at: exports.appendingPathComponent("hr-it/hr-it_progress.csv"))
        let (header, row) = try Self.headerAndRow()
        for (path, copies) in files {
            try Data((header + String(repeating: row, count: copies)).utf8).write(
                to: exports.appendingPathComponent(path))
        }
        let outcome = try Pipeline.compute(
            Pipeline.Options(
                input: input.path, output: root.appendingPathComponent("out").path,
                asOf: CalendarDay(year: 2019, month: 9, day: 30)),
            today: CalendarDay(year: 2026, month: 11, day: 26)!)
        return try #require(outcome.summary.projects.first { $0.project.id == "สผ-62-020" }).actual.activities
    }

    @Test("in one folder: once then twice, twice then once, and twice alone give the same figure")
    func oneFolder() throws {
        let once = try activities([("hr-it/a.csv", 1)])
        let twice = try activities([("hr-it/a.csv", 2)])
        #expect(twice > once)
        #expect(try activities([("hr-it/a.csv", 1), ("hr-it/b.csv", 2)]) == twice)
        #expect(try activities([("hr-it/a.csv", 2), ("hr-it/b.csv", 1)]) == twice)
        #expect(try activities([("hr-it/a.csv", 1), ("hr-it/b.csv", 1)]) == once)
        #expect(try activities([("hr-it/a.csv", 2), ("hr-it/b.csv", 1), ("hr-it/c.csv", 2)]) == twice)
    }

    @Test("across folders (the row names the same bureau): whichever folder holds it twice, it counts twice")
    func twoFolders() throws {
        let twice = try activities([("hr-it/a.csv", 2)])
        #expect(try activities([("hr-admin/zz.csv", 2), ("hr-it/a.csv", 1)]) == twice)
        #expect(try activities([("hr-admin/zz.csv", 1), ("hr-it/a.csv", 2)]) == twice)
        #expect(try activities([("hr-admin/zz.csv", 1), ("hr-it/a.csv", 1)]) == (try activities([("hr-it/a.csv", 1)])))
        // A folder whose later file holds the row once more than its earlier file: its two copies count, and
        // another folder's one copy is the first of them.
        #expect(try activities([("hr-admin/zz.csv", 1), ("hr-it/a.csv", 1), ("hr-it/b.csv", 2)]) == twice)
        #expect(try activities([("hr-admin/a.csv", 1), ("hr-admin/b.csv", 2), ("hr-it/a.csv", 1)]) == twice)
        #expect(
            try activities([("hr-admin/a.csv", 1), ("hr-admin/b.csv", 2), ("hr-it/a.csv", 3)])
                == (try activities([("hr-it/a.csv", 3)])))
    }
}
