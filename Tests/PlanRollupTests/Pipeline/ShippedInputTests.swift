import Foundation
import Testing

@testable import PlanRollup
@testable import RollupBase
@testable import RollupCore
@testable import RollupReading

/// The job on the input a fresh checkout ships (input/), as `plan-rollup run` sees it.
@Suite("The nightly job on the shipped input")
struct ShippedInputTests {
    static let output = try! makeTemporaryFolder("shipped-output")

    static func options() -> Pipeline.Options {
        Pipeline.Options(input: Paths.repository.appendingPathComponent("input").path, output: output.path)
    }

    static let outcome: Pipeline.Outcome = {
        let options = Self.options()
        return try! Pipeline.compute(options, today: CalendarDay(year: 2026, month: 11, day: 26)!)
    }()

    @Test("as of today the newest plan year's 12-month round is reported")
    func asOfIsClamped() {
        #expect(Self.outcome.summary.asOf.iso == "2019-09-30")
        #expect(Self.outcome.summary.round == .twelve)
        #expect(Self.outcome.summary.fiscalYear.buddhistYear == 2562)
    }

    @Test("every export file is read and every record accounted for")
    func everyRowAccounted() {
        #expect(Self.outcome.accounts.count == 11)
        for account in Self.outcome.accounts {
            #expect(account.isBalanced, "\(account.path)")
            #expect(account.refusal == nil, "\(account.path)")
            #expect(account.accepted > 0, "\(account.path)")
        }
    }

    @Test("all five encodings and three delimiters of the shipped exports are read")
    func encodingsSeen() {
        let encodings = Set(Self.outcome.accounts.map(\.encoding))
        #expect(encodings == ["UTF-8", "UTF-8 with BOM", "Windows-874", "UTF-16LE"])
        #expect(Set(Self.outcome.accounts.map(\.delimiter)) == ["comma", "semicolon", "tab"])
    }

    @Test("the summaries show every bureau of the plan with rows")
    func everyBureauReports() {
        let planBureaus = Set(Self.outcome.plan.bureaus.map(\.key))
        let reporting = Set(Self.outcome.summary.bureaus.filter { $0.actual.rows > 0 }.map(\.key))
        #expect(planBureaus.count == 9)
        #expect(planBureaus.isSubset(of: reporting))
        #expect(Self.outcome.silentBureaus.isEmpty)
    }

    @Test("the deliberate faults are rejected, two of each kind, with file and line")
    func deliberateRejects() {
        let byCode = Dictionary(grouping: Self.outcome.rejects, by: \.code).mapValues(\.count)
        #expect(byCode == [.unknownProject: 2, .badDate: 2, .badParticipants: 2])
        #expect(Self.outcome.rejects.allSatisfy { $0.line > 0 && !$0.file.isEmpty && !$0.thai.isEmpty })
    }

    @Test("accepted rows add up: totals equal the sum over projects, bureaus and months")
    func rollupsAddUp() {
        let s = Self.outcome.summary
        let byProject = s.projects.map(\.actual).reduce(Tally(), +)
        let byBureau = s.bureaus.map(\.actual).reduce(Tally(), +)
        let byMonth = s.months.map(\.actual).reduce(Tally(), +)
        #expect(byProject == s.total.actual)
        #expect(byBureau == s.total.actual)
        #expect(byMonth == s.total.actual)
        for (i, month) in s.months.enumerated() {
            let agencies = s.agencies.map { s.agencyMonths[$0.agency]![i] }.reduce(Tally(), +)
            #expect(agencies == month.actual, "\(month.label): the agencies' months add up to the month")
        }
        for a in s.agencies {
            #expect(s.agencyMonths[a.agency]!.reduce(Tally(), +) == a.actual, "\(a.agency): its months add up")
            #expect(s.agencyMonths[a.agency]!.contains { $0.spentSatang > 0 }, "\(a.agency) spent in some month")
        }
        #expect(s.total.actual.rows == Int64(Self.outcome.accounts.map(\.accepted).reduce(0, +)))
    }

    @Test("the project over budget and the project with no rows are visible")
    func planAgainstActual() throws {
        let s = Self.outcome.summary
        let over = try #require(s.projects.first { $0.project.id == "สว-62-020" })
        #expect(over.actual.spentSatang > (over.project.budgetSatang ?? 0))
        let silent = try #require(s.projects.first { $0.project.id == "สว-62-024" })
        #expect(silent.actual.rows == 0)
    }

    @Test(
        "an as-of date in a year the plan does not cover is refused before anything is read; one in March reports round 6"
    )
    func earlierRounds() throws {
        var options = Self.options()
        options.asOf = CalendarDay(year: 2019, month: 3, day: 31)
        let march = try Pipeline.compute(options, today: CalendarDay(year: 2026, month: 11, day: 26)!)
        #expect(march.summary.round == .six)
        #expect(march.summary.total.actual.rows > 0)
        #expect(march.summary.total.actual.rows < Self.outcome.summary.total.actual.rows)
        #expect(
            march.summary.months.filter { $0.month! > YearMonth(year: 2019, month: 3)! }.allSatisfy {
                $0.actual.rows == 0
            })
        for account in march.accounts { #expect(account.isBalanced) }

        for day in [CalendarDay(year: 2018, month: 9, day: 30)!, CalendarDay(year: 1900, month: 1, day: 1)!] {
            options.asOf = day
            let error = #expect(throws: AsOfOutsidePlan.self) {
                try Pipeline.compute(options, today: CalendarDay(year: 2026, month: 11, day: 26)!)
            }
            #expect(error?.description.contains("it covers 2562") == true)
            #expect(JobExit.code(for: error!) == .usage)
        }
    }
}

@Suite("The README's sample rows")
struct ReadmeSampleTests {
    /// The lines of the README's ```csv block that follows `heading`.
    static func block(after heading: String) throws -> [String] {
        let readme = try String(contentsOf: Paths.repository.appendingPathComponent("README.md"), encoding: .utf8)
        let start = try #require(readme.range(of: heading))
        let open = try #require(readme.range(of: "```csv\n", range: start.upperBound..<readme.endIndex))
        let close = try #require(readme.range(of: "\n```", range: open.upperBound..<readme.endIndex))
        return readme[open.upperBound..<close.lowerBound].split(separator: "\n").map(String.init)
    }

    static func lines(_ name: String) -> [String] {
        let bytes = ShippedInputTests.outcome.files.first { $0.name == name }!.bytes
        return String(decoding: bytes.dropFirst(3), as: UTF8.self).split(separator: "\r\n").map(String.init)
    }

    @Test("agencies.csv in the README is the shipped input's, line for line")
    func agencies() throws {
        #expect(try Self.block(after: "`agencies.csv` of the shipped input's run") == Self.lines("agencies.csv"))
    }

    @Test("the projects.csv rows in the README are the shipped input's")
    func projects() throws {
        let shown = try Self.block(after: "Three rows of its `projects.csv`")
        let actual = Self.lines("projects.csv")
        #expect(shown.first == actual.first)
        #expect(shown.count == 4)
        for row in shown.dropFirst() { #expect(actual.contains(row), "\(row.prefix(40))") }
    }
}
