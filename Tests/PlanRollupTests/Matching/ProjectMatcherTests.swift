import Foundation
import Testing

@testable import PlanRollup
@testable import RollupBase
@testable import RollupCore
@testable import RollupReading

@Suite("Matching progress rows to plan projects")
struct ProjectMatcherTests {
    static let plan: Plan = {
        let folder = try! writePlan([
            "P-1,,สผ.,1,1,อบรมคุณธรรม,,,,,สำนัก ก (สผ.)",
            "P-2,,สผ.,1,1,อบรมคุณธรรม,,,,,สำนัก ข (สผ.)",
            "P-3,,สผ.,1,1,เผยแพร่ความรู้,,,,,สำนัก ข (สผ.)",
            "P-4,,สผ.,1,1,เผยแพร่ความรู้,,,,,สำนัก ข (สผ.)",
        ])
        return try! PlanLoader().load(folder: folder.path)
    }()

    static func row(id: String = "", name: String = "", bureau: String = "") -> ProgressRow {
        ProgressRow(
            projectID: Keys.projectID(id), name: name, nameKey: Keys.name(name), bureau: bureau,
            bureauKey: Keys.name(bureau),
            date: CalendarDay(year: 2019, month: 1, day: 1)!, activities: 1, participants: 1, spentSatang: 0,
            resultPercent: nil, status: nil, evidence: "", note: "", source: "b", file: "f.csv", line: 7, row: 7)
    }

    static func match(_ r: ProgressRow) -> Result<String, Reject> {
        ProjectMatcher(plan: plan).match(r, columns: ("รหัสโครงการ", "โครงการ/กิจกรรม"), record: []).map {
            plan.projects[$0].id
        }
    }

    enum Expected: Sendable {
        case project(String)
        case reject(RejectCode)
    }

    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let id: String
        let project: String
        let bureau: String
        let expected: Expected
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "by id", id: "P-3", project: "", bureau: "", expected: .project("P-3")),
        Case(
            name: "by id with Thai digits and stray spaces", id: " P-\u{200B}๒ ", project: "", bureau: "",
            expected: .project("P-2")),
        Case(
            name: "id wins over a name of another project", id: "P-1", project: "เผยแพร่ความรู้", bureau: "สำนัก ข (สผ.)",
            expected: .project("P-1")),
        Case(
            name: "by name within the bureau", id: "", project: "อบรม คุณธรรม", bureau: "สำนัก ก(สผ.)",
            expected: .project("P-1")),
        Case(
            name: "the same name in the other bureau", id: "", project: "อบรมคุณธรรม", bureau: "สำนัก ข (สผ.)",
            expected: .project("P-2")),
        Case(
            name: "a name two projects of the bureau share", id: "", project: "เผยแพร่ความรู้", bureau: "สำนัก ข (สผ.)",
            expected: .reject(.ambiguousName)),
        Case(
            name: "a name without a bureau that two bureaus use", id: "", project: "อบรมคุณธรรม", bureau: "",
            expected: .reject(.ambiguousName)),
        Case(
            name: "a name the bureau does not have", id: "", project: "เผยแพร่ความรู้", bureau: "สำนัก ก (สผ.)",
            expected: .reject(.unmatchedName)),
        Case(name: "an unknown id", id: "P-9", project: "", bureau: "", expected: .reject(.unknownProject)),
        Case(
            name: "neither id nor name", id: "", project: "", bureau: "สำนัก ก (สผ.)", expected: .reject(.missingProject)),
    ]

    @Test("matches by id, else by name within the bureau", arguments: cases)
    func matches(_ c: Case) {
        let got = Self.match(Self.row(id: c.id, name: c.project, bureau: c.bureau))
        switch (got, c.expected) {
        case (.success(let a), .project(let b)): #expect(a == b)
        case (.failure(let r), .reject(let code)): #expect(r.code == code)
        default: Issue.record("got \(got), expected \(c.expected)")
        }
    }

    @Test("an ambiguous name names every candidate; an unknown id names a project with that name")
    func candidatesNamed() throws {
        guard case .failure(let ambiguous) = Self.match(Self.row(name: "เผยแพร่ความรู้", bureau: "สำนัก ข (สผ.)")) else {
            Issue.record("expected a reject")
            return
        }
        #expect(ambiguous.english.contains("P-3") && ambiguous.english.contains("P-4"))
        #expect(ambiguous.thai.contains("P-3") && ambiguous.thai.contains("P-4"))
        #expect(ambiguous.column == "โครงการ/กิจกรรม")
        guard case .failure(let unknown) = Self.match(Self.row(id: "P-9", name: "อบรมคุณธรรม", bureau: "สำนัก ก (สผ.)"))
        else {
            Issue.record("expected a reject")
            return
        }
        #expect(unknown.english.contains("P-1"))
        #expect(unknown.line == 7)
    }
}
