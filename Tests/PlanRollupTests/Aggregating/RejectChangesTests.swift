import Foundation
import Testing

@testable import PlanRollup
@testable import RollupBase
@testable import RollupCore
@testable import RollupReading

/// Refusals new and fixed since the previous run, matched one by one through the previous run's
/// rejects.csv as the job wrote it and reads it back.
@Suite("Refusals new and fixed since the previous run")
struct RejectChangesTests {
    static func row(
        _ code: RejectCode, _ file: String, _ row: Int, column: String = "", raw: String = "", record: [String] = []
    ) -> Reject {
        Reject(
            code: code, file: file, line: row, row: row, column: column, raw: raw, record: record,
            english: "why \(code.rawValue)", thai: "เหตุ \(code.rawValue)")
    }

    static let unknown = row(
        .unknownProject, "exports/hr/a_6m.csv", 5, column: "รหัสโครงการ", raw: "สผ-62-099",
        record: ["สผ-62-099", "15/10/2561", "1"])
    static let leapDay = row(
        .badDate, "exports/hr/a_6m.csv", 7, column: "วันที่", raw: "29/02/2562",
        record: ["สผ-62-002", "29/02/2562", "1"])
    static func twin(_ at: Int) -> Reject {
        row(
            .badParticipants, "exports/hr/a_6m.csv", at, column: "ผู้เข้าร่วม", raw: "ไม่ระบุ",
            record: ["สผ-62-003", "01/11/2561", "ไม่ระบุ", ""])
    }
    static let wholeFile = Reject(
        code: .undecodableFile, file: "exports/it/x.csv", line: 0, row: 0, english: "not text", thai: "ไม่ใช่ข้อความ")

    /// `previous` written as the job writes rejects.csv, then compared with `current` as a run would.
    func compare(_ previous: [Reject], _ current: [Reject]) throws -> RejectChanges.Result {
        let folder = try makeTemporaryFolder("reject-changes")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("rejects.csv").path
        try Data(Tables.rejects.render(previous)).write(to: URL(fileURLWithPath: path))
        let read = try PreviousRunLoader.rejects(at: path).get()
        return try RejectChanges.compare(previous: read, current: RejectLog(current), suffix: " (since R)")
    }

    @Test(
        "a row re-sent in a file of another name is no change; a corrected row is fixed; one of two identical bad rows fixed is one fix; a new fault is new, with its file, row, column and cell"
    )
    func matchedOneByOne() throws {
        let resent = Self.row(
            .unknownProject, "exports/hr/a_12m.csv", 6, column: "รหัสโครงการ", raw: "สผ-62-099",
            record: Self.unknown.record)
        let leapDayAgain = Self.row(
            .badDate, "exports/hr/a_12m.csv", 8, column: "วันที่", raw: "29/02/2562", record: Self.leapDay.record)
        let fresh = Self.row(
            .badActivities, "exports/it/y.csv", 3, column: "จำนวนครั้ง", raw: "-5", record: ["สว-62-001", "-5"])
        let result = try compare(
            [Self.unknown, Self.leapDay, Self.twin(8), Self.twin(9), Self.wholeFile],
            [resent, leapDayAgain, Self.twin(8), Self.wholeFile, fresh])
        #expect(result.newByFolder == ["it": 1])
        let lines = result.items.map { [$0.kind.rawValue, $0.scope, $0.key, $0.row.map(String.init) ?? ""] }
        #expect(
            lines == [
                ["rejects_new", "bureau", "it", ""], ["rejects_new", "row", "exports/it/y.csv", "3"],
                ["rejects_fixed", "bureau", "hr", ""], ["rejects_fixed", "row", "exports/hr/a_6m.csv", "8"],
            ])
        let new = result.items[1]
        #expect((new.field, new.before, new.after) == ("จำนวนครั้ง", "", "-5"), "the cell as received, unguarded")
        #expect(new.english == "row 3: newly refused: why activities.invalid (since R)")
        #expect(new.thai == "แถวที่ 3: ไม่รับ: เหตุ activities.invalid")
        let fixed = result.items[3]
        #expect((fixed.field, fixed.before, fixed.after) == ("ผู้เข้าร่วม", "ไม่ระบุ", ""))
        #expect(fixed.english == "row 8: no longer refused (was: why participants.invalid) (since R)")
        let hr = result.items[2]
        #expect((hr.before, hr.after) == ("4", "3"), "the bureau's refusals before and after")
        #expect(hr.english == "1 refusal fixed (since R)")
    }

    @Test("a whole-file refusal is the same one whatever its reason says (an input path spelled otherwise)")
    func wholeFileByPath() throws {
        let other = Reject(
            code: .undecodableFile, file: "exports/it/x.csv", line: 0, row: 0, english: "not text at /srv/input",
            thai: "ไม่ใช่ข้อความ")
        #expect(try compare([Self.wholeFile], [other]).items.isEmpty)
    }

    @Test("a previous rejects.csv that holds fewer refusals than its summary counted is not trusted")
    func countsMustAgree() throws {
        let folder = try makeTemporaryFolder("reject-changes-counts")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("rejects.csv").path
        try Data(Tables.rejects.render([Self.unknown])).write(to: URL(fileURLWithPath: path))
        let cut = try PreviousRunLoader.rejects(at: path, counted: ["project.unknown_id": 1, "date.invalid": 1]).get()
        #expect(throws: RejectChanges.Disagrees.self) {
            try RejectChanges.compare(previous: cut, current: RejectLog([Self.unknown]), suffix: "")
        }
        let whole = try PreviousRunLoader.rejects(at: path, counted: ["project.unknown_id": 1]).get()
        #expect(
            try RejectChanges.compare(previous: whole, current: RejectLog([Self.unknown]), suffix: "").items.isEmpty)
    }

    @Test("a refused row with a cell of more than a MiB is read back from the job's own file")
    func bigCellReadBack() throws {
        let big = Self.row(
            .badDate, "exports/hr/a.csv", 9, column: "หมายเหตุ", raw: "x",
            record: ["สผ-62-002", String(repeating: "ก", count: 700_000)])
        let result = try compare([big], [big])
        #expect(result.items.isEmpty, "the same refusal, not a fallback")
    }

    @Test("the same refusals are no change, whatever their order")
    func nothingChanged() throws {
        let all = [Self.unknown, Self.leapDay, Self.twin(8), Self.twin(9), Self.wholeFile]
        let result = try compare(all, all.reversed())
        #expect(result.items.isEmpty)
        #expect(result.newByFolder.isEmpty)
    }

    @Test("a bureau's new refusals are all counted, and the first hundred listed")
    func listedWithinBound() throws {
        let many = (1...(RejectChanges.listedPerBureau + 5)).map {
            Self.row(.badDate, "exports/hr/b.csv", $0 + 1, column: "วันที่", raw: "x\($0)", record: ["x\($0)"])
        }
        let result = try compare([], many)
        #expect(result.newByFolder == ["hr": many.count])
        #expect(result.items.count == 1 + RejectChanges.listedPerBureau)
        #expect(result.items.first?.english == "\(many.count) new refusals (the first 100 listed) (since R)")
        #expect(result.items.last?.row == RejectChanges.listedPerBureau + 1)
    }

    @Test("a previous rejects.csv that is a link, not the job's, or cut short is not compared one by one")
    func untrusted() throws {
        let folder = try makeTemporaryFolder("reject-changes-untrusted")
        defer { try? FileManager.default.removeItem(at: folder) }
        let real = folder.appendingPathComponent("real.csv")
        try Data(Tables.rejects.render([Self.unknown])).write(to: real)
        let link = folder.appendingPathComponent("rejects.csv")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: real)
        guard case .failure(let linked) = PreviousRunLoader.rejects(at: link.path) else {
            Issue.record("a linked rejects.csv was read")
            return
        }
        #expect(linked.reason.hasPrefix("its rejects.csv cannot be opened"))

        try FileManager.default.removeItem(at: link)
        try Data("\u{FEFF}code,file\r\nx,y\r\n".utf8).write(to: link)
        let other = try PreviousRunLoader.rejects(at: link.path).get()
        #expect(throws: (any Error).self) { try other.forEach { _ in } }

        try FileManager.default.removeItem(at: link)
        try Data("\u{FEFF}code;file;row\r\n".utf8).write(to: link)
        let semicolons = try PreviousRunLoader.rejects(at: link.path).get()
        #expect(throws: (any Error).self) { try semicolons.forEach { _ in } }
    }
}
