import Foundation
import Testing

@testable import PlanRollup
@testable import RollupBase
@testable import RollupCore
@testable import RollupReading

/// `SummaryInvariants`: every run's tables add up (random rounds through the real pipeline), a
/// summary broken anywhere is caught with the table and row named, and a broken one stops the run.
@Suite("The summaries add up")
struct SummaryInvariantsTests {
    static let golden = GoldenSmallTests.outcome.summary
    static let today = CalendarDay(year: 2026, month: 11, day: 26)!

    @Test("200 random rounds through the real pipeline: the tables add up, and to what the generator wrote")
    func randomRounds() throws {
        // What the rounds exercised, to show the generator reaches every case it claims to.
        var seen: [String: Int] = [:]
        for seed in UInt64(1)...200 {
            let root = try makeTemporaryFolder("invariants")
            defer { try? FileManager.default.removeItem(at: root) }
            let round = try GeneratedRound(seed: seed, root: root.appendingPathComponent("input"))
            let options = Pipeline.Options(
                input: root.appendingPathComponent("input").path, output: root.appendingPathComponent("output").path,
                asOf: round.asOf)
            let outcome = try Pipeline.compute(options, today: Self.today)
            let s = outcome.summary
            #expect(SummaryInvariants.violations(of: s) == [], "seed \(seed)")

            // The figures, worked out from the generated values alone.
            #expect(s.asOf == round.asOf, "seed \(seed)")
            #expect(s.total.actual == round.total, "seed \(seed)")
            #expect(outcome.accounts.map(\.accepted).reduce(0, +) == Int(round.total.rows), "seed \(seed)")
            #expect(outcome.rejects.count == round.rejected, "seed \(seed): \(outcome.rejects.map(\.message))")
            let firstCopies = outcome.accounts.filter { !$0.path.hasSuffix("/z_copy.csv") }
            #expect(
                firstCopies.map { $0.skipped[.afterAsOf, default: 0] }.reduce(0, +) == round.afterAsOf, "seed \(seed)")
            for p in s.projects {
                #expect(p.actual == round.byProject[p.project.id, default: Tally()], "seed \(seed) \(p.project.id)")
            }
            for m in s.months {
                #expect(m.actual == round.byMonth[m.label, default: Tally()], "seed \(seed) \(m.label)")
            }
            for b in s.bureaus {
                #expect(b.actual == round.byBureau[b.name, default: Tally()], "seed \(seed) \(b.name)")
            }
            #expect(s.projects.count == round.projectCount, "seed \(seed)")
            #expect(s.total.budgetSatang == round.plannedBudgetSatang, "seed \(seed)")
            #expect(s.total.plannedParticipantsYear == round.plannedParticipants, "seed \(seed)")
            #expect(s.total.plannedActivitiesYear == round.plannedActivities, "seed \(seed)")
            for account in outcome.accounts { #expect(account.isBalanced, "seed \(seed) \(account.path)") }

            for r in outcome.rejects { seen[r.code.rawValue, default: 0] += 1 }
            for n in outcome.notices { seen[n.code.rawValue, default: 0] += 1 }
            seen["after_as_of", default: 0] += round.afterAsOf
            seen["parents", default: 0] += s.projects.filter { !$0.isCounted }.count
            seen["listed twice", default: 0] += outcome.plan.projects.filter { $0.links.count > 1 }.count
            seen["budget source", default: 0] +=
                outcome.plan.projects.filter { if case .source = $0.budget { true } else { false } }.count
            seen["matched by name", default: 0] += round.matchedByName
        }
        let cases = [
            "project.unknown_id", "project.unmatched_name", "date.invalid", "date.outside_fiscal_year",
            "status.unknown",
            "spent.invalid", "row.duplicate_of_other_file", "row.repeated_in_file", "file.duplicate", "after_as_of",
            "parents", "listed twice", "budget source", "matched by name",
        ]
        for name in cases { #expect(seen[name, default: 0] >= 10, "\(name): \(seen[name, default: 0]) in 200 rounds") }
    }

    @Test("the golden run's summary adds up")
    func goldenAddsUp() {
        #expect(SummaryInvariants.violations(of: Self.golden) == [])
    }

    /// One figure of one row altered, and the messages that must name it.
    struct Breakage: CustomTestStringConvertible, Sendable {
        let name: String
        let breaking: @Sendable (Summary) -> Summary
        let expected: [String]
        var testDescription: String { name }
    }

    static let breakages: [Breakage] = [
        Breakage(
            name: "an agency spends one satang more",
            breaking: { s in
                s.changing(
                    agencies: s.agencies.map { a in
                        a.agency == "สผ."
                            ? a.changing(
                                actual: a.actual + Tally(rows: 0, activities: 0, participants: 0, spentSatang: 1)) : a
                    })
            },
            expected: [
                "total (รวม): spent_satang is 12950049, but the agencies add up to 12950050",
                "agencies สผ.: spent_satang is 10450050, but its projects add up to 10450049",
                "agencies สผ.: spent_satang is 10450050, but its issues add up to 10450049",
                "agencies สผ.: spent_satang is 10450050, but its measures add up to 10450049",
            ]),
        Breakage(
            name: "an agency counts one project more",
            breaking: { s in
                s.changing(
                    agencies: s.agencies.map { a in a.agency == "สว." ? a.changing(projects: a.projects + 1) : a })
            },
            expected: [
                "total (รวม): projects is 7, but the agencies add up to 8",
                "agencies สว.: projects is 3, but its projects add up to 2",
            ]),
        Breakage(
            name: "an agency's completed project counted as not started",
            breaking: { s in
                s.changing(
                    agencies: s.agencies.map { a in
                        a.agency == "สผ." ? a.changing(statusCounts: [.completed: 2, .notStarted: 2]) : a
                    })
            },
            expected: [
                "total (รวม): projects_completed is 4, but the agencies add up to 3",
                "agencies สผ.: projects_completed is 2, but its projects add up to 3",
                "agencies สผ.: projects_not_started is 2, but its issues add up to 1",
            ]),
        Breakage(
            name: "a bureau plans 100 satang more in October",
            breaking: { s in
                s.changing(
                    bureaus: s.bureaus.map { b in
                        guard b.name == "สำนักนโยบายและแผน (สว.)" else { return b }
                        var plan = b.plan
                        plan.budgetSatang[0] += 100
                        return b.changing(plan: plan)
                    })
            },
            expected: [
                "bureaus สำนักนโยบายและแผน (สว.): budget_satang_planned[2018-10] is 2000100, "
                    + "but the projects it is responsible for add up to 2000000",
                "total (รวม): budget_satang_planned[2018-10] is 5166666, but the bureaus add up to 5166766",
            ]),
        Breakage(
            name: "a bureau reports one row more",
            breaking: { s in
                s.changing(
                    bureaus: s.bureaus.map { b in
                        b.name == "สำนักนโยบายและแผน (สว.)"
                            ? b.changing(
                                actual: b.actual + Tally(rows: 1, activities: 0, participants: 0, spentSatang: 0)) : b
                    })
            },
            expected: ["total (รวม): rows_accepted is 11, but the bureaus add up to 12"]),
        Breakage(
            name: "an issue's activities",
            breaking: { s in
                s.changing(
                    issues: s.issues.map { i in
                        i.key == "สผ. 1"
                            ? i.changing(
                                actual: i.actual + Tally(rows: 0, activities: 1, participants: 0, spentSatang: 0)) : i
                    })
            },
            expected: [
                "issues สผ. 1: activities_actual is 6, but its projects add up to 5",
                "agencies สผ.: activities_actual is 5, but its issues add up to 6",
            ]),
        Breakage(
            name: "a measure counts a project twice",
            breaking: { s in
                s.changing(
                    measures: s.measures.map { m in
                        m.key == "สว. 3.5" ? m.changing(countedProjects: m.countedProjects + 1) : m
                    })
            },
            expected: [
                "measures สว. 3.5: projects_counted is 2, but its projects add up to 1",
                "measures สว. 3.5: projects_counted is 2, but its status counts add up to 1",
                "agencies สว.: projects_counted is 2, but its measures add up to 3",
            ]),
        Breakage(
            name: "a month's plan gains an activity",
            breaking: { s in
                s.changing(
                    months: s.months.enumerated().map { i, m in
                        i == 5
                            ? m.changing(
                                planned: m.planned + PlanAmounts(activities: 1, participants: 0, budgetSatang: 0)) : m
                    })
            },
            expected: [
                "months 2019-03: activities_planned is 1, but the total's plan for the month says 0",
                "total (รวม): activities_planned_to_date is 7, but the months to the as-of date add up to 8",
                "quarters Q2: activities_planned is 2, but its months 2019-01, 2019-02, 2019-03 add up to 3",
            ]),
        Breakage(
            name: "a month loses a participant",
            breaking: { s in
                s.changing(
                    months: s.months.enumerated().map { i, m in
                        i == 0
                            ? m.changing(
                                actual: Tally(
                                    rows: m.actual.rows, activities: m.actual.activities,
                                    participants: m.actual.participants - 1, spentSatang: m.actual.spentSatang)) : m
                    })
            },
            expected: [
                "total (รวม): participants_actual is 138, but the months add up to 137",
                "quarters Q1: participants_actual is 105, but its months 2018-10, 2018-11, 2018-12 add up to 104",
            ]),
        Breakage(
            name: "a quarter gains a row",
            breaking: { s in
                s.changing(
                    quarters: s.quarters.map { q in
                        q.quarter == 2
                            ? q.changing(
                                actual: q.actual + Tally(rows: 1, activities: 0, participants: 0, spentSatang: 0)) : q
                    })
            },
            expected: ["quarters Q2: rows_accepted is 4, but its months 2019-01, 2019-02, 2019-03 add up to 3"]),
        Breakage(
            name: "a sub-project spends one satang more than its rows",
            breaking: { s in
                s.changing(
                    projects: s.projects.map { p in
                        p.project.id == "สผ-62-003"
                            ? p.changing(
                                actual: p.actual + Tally(rows: 0, activities: 0, participants: 0, spentSatang: 1)) : p
                    })
            },
            expected: [
                "projects สผ-62-003: spent_satang_with_subprojects is 3950050, "
                    + "but its own rows and its sub-projects' add up to 3950051",
                "total (รวม): spent_satang is 12950049, but the projects add up to 12950050",
                "agencies สผ.: spent_satang is 10450049, but its projects add up to 10450050",
                "measures สผ. 1.1: spent_satang is 10450049, but its projects add up to 10450050",
            ]),
        Breakage(
            name: "a project's schedule gains an activity in March",
            breaking: { s in
                s.changing(
                    projects: s.projects.map { p in
                        guard p.project.id == "สผ-62-005" else { return p }
                        var plan = p.planYear
                        plan.activities[5] += 1
                        return p.changing(planYear: plan)
                    })
            },
            expected: [
                "projects สผ-62-005: activities_planned_to_date is 0, but its months to the as-of date add up to 1",
                "total (รวม): activities_planned[2019-03] is 0, but the projects add up to 1",
                "issues สผ. 2: activities_planned[2019-03] is 0, but its projects add up to 1",
            ]),
        Breakage(
            name: "an agency's spending overflows",
            breaking: { s in
                s.changing(
                    agencies: s.agencies.map { a in
                        a.agency == "สว."
                            ? a.changing(
                                actual: Tally(
                                    rows: a.actual.rows, activities: a.actual.activities,
                                    participants: a.actual.participants, spentSatang: .max)) : a
                    })
            },
            expected: [
                "total (รวม): spent_satang is 12950049, but the agencies add up to more than Int64 holds",
                "agencies สว.: spent_satang is 9223372036854775807, but its projects add up to 2500000",
            ]),
        Breakage(
            name: "a project missing from the agencies",
            breaking: { s in s.changing(agencies: s.agencies.filter { $0.agency != "สว." }) },
            expected: [
                "agencies: no row for \"สว.\", to which projects belong",
                "total (รวม): projects is 7, but the agencies add up to 5",
            ]),
    ]

    @Test("a summary broken in one figure of one row is reported, naming the table and the row", arguments: breakages)
    func reportsBreakage(_ breakage: Breakage) {
        let violations = SummaryInvariants.violations(of: breakage.breaking(Self.golden))
        for message in breakage.expected {
            #expect(violations.contains(message), "\(message)\nreported:\n\(violations.joined(separator: "\n"))")
        }
    }

    @Test("a summary that does not add up stops the run: nothing is written, the previous run stays the latest")
    func brokenSummaryPublishesNothing() throws {
        let root = try makeTemporaryFolder("inconsistent")
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("output").path
        var options = Pipeline.Options(
            input: GoldenSmallTests.folder.appendingPathComponent("input").path, output: output,
            asOf: CalendarDay(year: 2019, month: 3, day: 31))
        // A sound run is published first, as `run` does.
        let first = try Pipeline.compute(options, today: Self.today)
        let publisher = Publisher(outputFolder: output)
        try publisher.publish(runID: "2019-03-31_20261126T010000Z", files: first.files)
        let pointer = try String(contentsOfFile: output + "/LATEST.json", encoding: .utf8)

        options.alterSummary = { s in s.changing(total: s.total.changing(projects: s.total.projects + 1)) }
        let error = #expect(throws: SummaryInconsistency.self) { try Pipeline.compute(options, today: Self.today) }
        #expect(error?.violations.contains("total (รวม): projects is 8, but the projects add up to 7") == true)
        #expect(error?.description.hasPrefix("the summaries do not add up, so nothing is published:\n") == true)
        #expect(error?.description.hasSuffix("\nthe previous run stays the latest") == true)
        #expect(error.map(JobExit.code(for:)) == .failed)
        #expect(publisher.latestRun() == "2019-03-31_20261126T010000Z")
        #expect(try String(contentsOfFile: output + "/LATEST.json", encoding: .utf8) == pointer)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: output + "/runs") == ["2019-03-31_20261126T010000Z"])
    }

    @Test("the error lists ten violations and counts the rest")
    func errorListsTen() {
        let error = SummaryInconsistency(violations: (1...13).map { "v\($0)" })
        let lines = error.description.split(separator: "\n")
        #expect(lines.count == 1 + 10 + 1 + 1)
        #expect(lines[10] == "  v10")
        #expect(lines[11] == "  ... and 3 more")
    }
}

// Copies with one thing changed, for breaking a summary on purpose.

extension Summary {
    func changing(
        projects: [ProjectFigures]? = nil, bureaus: [GroupFigures]? = nil, measures: [GroupFigures]? = nil,
        issues: [GroupFigures]? = nil, agencies: [GroupFigures]? = nil, total: GroupFigures? = nil,
        months: [PeriodFigures]? = nil, quarters: [PeriodFigures]? = nil
    ) -> Summary {
        Summary(
            fiscalYear: fiscalYear, asOf: asOf, round: round, monthsElapsed: monthsElapsed,
            projects: projects ?? self.projects, bureaus: bureaus ?? self.bureaus, measures: measures ?? self.measures,
            issues: issues ?? self.issues, agencies: agencies ?? self.agencies, total: total ?? self.total,
            months: months ?? self.months, quarters: quarters ?? self.quarters, kpi: kpi)
    }
}

extension GroupFigures {
    func changing(
        projects: Int? = nil, countedProjects: Int? = nil, plan: MonthlyPlan? = nil, actual: Tally? = nil,
        statusCounts: [ProjectStatus: Int]? = nil
    ) -> GroupFigures {
        GroupFigures(
            key: key, name: name, agency: agency, issue: issue, measure: measure, projects: projects ?? self.projects,
            countedProjects: countedProjects ?? self.countedProjects, plan: plan ?? self.plan,
            plannedToDate: plannedToDate, actual: actual ?? self.actual,
            statusCounts: statusCounts ?? self.statusCounts,
            overallResult: overallResult, reporting: reporting, assessedBudgetSatang: assessedBudgetSatang,
            noReport: noReport)
    }
}

extension PeriodFigures {
    func changing(planned: PlanAmounts? = nil, actual: Tally? = nil) -> PeriodFigures {
        PeriodFigures(
            label: label, month: month, quarter: quarter, planned: planned ?? self.planned, known: known,
            actual: actual ?? self.actual)
    }
}

extension ProjectFigures {
    func changing(planYear: MonthlyPlan? = nil, actual: Tally? = nil) -> ProjectFigures {
        ProjectFigures(
            project: project, share: share, planYear: planYear ?? self.planYear, plannedToDate: plannedToDate,
            planWithSubprojects: planWithSubprojects, plannedToDateWithSubprojects: plannedToDateWithSubprojects,
            actual: actual ?? self.actual, actualWithSubprojects: actualWithSubprojects, status: status,
            statusSource: statusSource, pace: pace, paceReason: paceReason, bureauReporting: bureauReporting,
            reportedResult: reportedResult, result: result, evidence: evidence, note: note, isCounted: isCounted)
    }
}
