import Foundation
import Testing

@testable import PlanRollup

/// The shipped FY 2562 plan (input/plan/), transcribed from the seed document.
@Suite("The FY 2562 plan as transcribed from the seed")
struct SeedPlanTests {
    static let plan: Plan = {
        try! PlanLoader().load(folder: Paths.repository.appendingPathComponent("input/plan").path)
    }()

    static func totals(_ agency: String) -> GroupFigures {
        let summary = SummaryBuilder.build(
            plan: plan, rollup: Rollup(projectCount: plan.projects.count),
            fiscalYear: FiscalYear(buddhistYear: 2562), asOf: CalendarDay(year: 2019, month: 9, day: 30)!)
        return summary.agencies.first { $0.agency == agency }!
    }

    @Test("the plan loads without errors")
    func loadsCleanly() {
        #expect(Self.plan.issues.filter { $0.severity == .error }.map(\.description) == [])
    }

    /// Figures derived by hand from the seed (../shared/seed/000_c859ca8274cb8d23.txt), per agency.
    ///
    /// สผ. budget 541,200 baht = 100,000 + 150,000 + 82,000 + 107,200 (the four sub-projects of
    /// โครงการของสำนักพัฒนาบุคลากร, lines 474-476; their parent's ๔๓๙,๒๐๐ on line 468 is their total
    /// and is not counted again) + 102,000 of the House's other budgeted projects (input/plan/README.md
    /// lists each with its seed line). Planned participants 1,378 take 280 + 80 + 80 + 80 (line 325)
    /// for the parent's ๘ ครั้ง/ ๕๒๐ คน, which is left out.
    /// สว. budget 334,500 = 60,500 (line 534) + 120,000 (Strong Model, lines 542 and 573, one project
    /// listed twice) + 50,000 (line 565) + 68,000 (line 566) + 36,000 (line 567). Planned activities 4:
    /// the marks on lines 565, 566, 567 and 584. Participants 2,435 = 60 + 500 + 27 + 60 + 20 + 40
    /// + 1,000 + 38 + 300 + 40 + 350 (lines 201-431).
    @Test(
        "totals per agency, each project and each baht once",
        arguments: [
            ("สผ.", 22, Int64(541_200_00), Int64(61), Int64(1_378)),
            ("สว.", 27, Int64(334_500_00), Int64(4), Int64(2_435)),
        ])
    func agencyTotals(agency: String, projects: Int, budgetSatang: Int64, activities: Int64, participants: Int64) {
        let t = Self.totals(agency)
        #expect(t.projects == projects)
        #expect(t.budgetSatang == budgetSatang)
        #expect(t.plannedActivitiesYear == activities)
        #expect(t.plannedParticipantsYear == participants)
    }

    @Test("plan rows: a project listed under two measures is one project with two links")
    func repeatedProjects() throws {
        #expect(Self.plan.rows == 23 + 33)
        #expect(Self.plan.projects.count == 49)
        let strong = try #require(Self.plan["สว-62-008"])
        #expect(strong.links.count == 2)
        #expect(strong.budgetSatang == 120_000_00)
    }

    @Test("a parent and its sub-projects: the parent's total is not added to its children's")
    func parentAndChildren() throws {
        let parent = try #require(Self.plan["สผ-62-002"])
        #expect(parent.budgetSatang == 439_200_00)
        #expect(Self.plan.children(of: "สผ-62-002") == ["สผ-62-003", "สผ-62-004", "สผ-62-005", "สผ-62-006"])
        #expect(!Self.plan.counts(parent) { $0.budgetSatang != nil })
        let children = Self.plan.children(of: "สผ-62-002").compactMap { Self.plan[$0]?.budgetSatang }
        #expect(children.reduce(0, +) == 439_200_00)
    }

    @Test("budget cells that name a source are kept as the source, not as zero")
    func budgetSources() {
        let sources = Self.plan.projects.compactMap { p -> String? in
            if case .source(let s) = p.budget { s } else { nil }
        }
        #expect(!sources.isEmpty)
        #expect(sources.allSatisfy { $0.hasPrefix("งบประมาณ") })
    }
}

@Suite("Plan breakdown per agency, issue and measure")
struct PlanBreakdownTests {
    @Test("issues and measures add up to their agency; repeated listings are counted once")
    func partsAddUp() {
        let plan = SeedPlanTests.plan
        let groups = PlanTotals.breakdown(plan)
        for agency in ["สผ.", "สว."] {
            let whole = groups.first { $0.agency == agency && $0.issue == nil }!.totals
            let issues = groups.filter { $0.agency == agency && $0.issue != nil && $0.measure == nil }.map(\.totals)
            let measures = groups.filter { $0.agency == agency && $0.measure != nil }.map(\.totals)
            for parts in [issues, measures] {
                #expect(parts.map(\.projects).reduce(0, +) == whole.projects)
                #expect(parts.map(\.budgetSatang).reduce(0, +) == whole.budgetSatang)
                #expect(parts.map(\.plannedActivities).reduce(0, +) == whole.plannedActivities)
                #expect(parts.map(\.plannedParticipants).reduce(0, +) == whole.plannedParticipants)
            }
        }
        // Strong Model (สว-62-008) is listed under measures 2 and 4 of issue 2: counted under 2, "also" under 4.
        let measure4 = groups.first { $0.agency == "สว." && $0.measure == 4 }!.totals
        #expect(measure4.alsoListed >= 1)
    }

    @Test("the JSON breakdown carries the same agency totals as the run's summary")
    func jsonMatchesSummary() throws {
        let json = PlanReport.json(plan: SeedPlanTests.plan, groups: PlanTotals.breakdown(SeedPlanTests.plan)).rendered()
        #expect(json.contains("\"budget_baht\": 541200.00"))
        #expect(json.contains("\"budget_baht\": 334500.00"))
        #expect(json.contains("\"participants_planned\": 2435"))
    }
}
