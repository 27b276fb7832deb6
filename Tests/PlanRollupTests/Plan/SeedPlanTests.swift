import Foundation
import Testing

@testable import PlanRollup
@testable import RollupBase
@testable import RollupCore
@testable import RollupReading

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

    /// Figures derived by hand from the seed (../shared/seed/000_c859ca8274cb8d23.txt), per agency;
    /// input/plan/README.md gives each with its seed line.
    ///
    /// สผ. budget 541,200 baht = 30,000 (line 467) + 439,200 (โครงการของสำนักพัฒนาบุคลากร, line 468: its
    /// sub-projects state 100,000 + 150,000 + 82,000 on lines 474-476 and the fourth none, so the
    /// parent's own share is 107,200) + 72,000 (line 503). Activities 16 = 8 (the parent's stated
    /// "๘ ครั้ง", of which its sub-project's "๕ ครั้ง" is part) + 1 (a schedule mark) + 2 + 5; items 60
    /// ("๖๐ เรื่อง", never added to activities). Participants 1,378: the parent's ๕๒๐ คน are its
    /// children's 280 + 80 + 80 + 80, so its own share is 0.
    /// สว. budget 334,500 = 60,500 (line 534) + 120,000 (Strong Model, lines 542 and 573, one project
    /// listed twice) + 50,000 (line 565) + 68,000 (line 566) + 36,000 (line 567). Activities 7: two
    /// schedule marks (lines 565, 566) and "จำนวน ๕ รุ่น" (line 567's target group); items 1 (the
    /// report of line 584, unit ฉบับ). Participants 2,435 = 60 + 500 + 27 + 60 + 20 + 40 + 1,000 + 38
    /// + 300 + 40 + 350 (lines 201-431).
    @Test(
        "totals per agency, each project and each baht once",
        arguments: [
            ("สผ.", 22, Int64(541_200_00), Int64(16), Int64(60), Int64(1_378)),
            ("สว.", 27, Int64(334_500_00), Int64(7), Int64(1), Int64(2_435)),
        ])
    func agencyTotals(
        agency: String, projects: Int, budgetSatang: Int64, activities: Int64, items: Int64, participants: Int64
    ) {
        let t = Self.totals(agency)
        #expect(t.projects == projects)
        #expect(t.budgetSatang == budgetSatang)
        #expect(t.plannedActivitiesYear == activities)
        #expect(t.plannedItemsYear == items)
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

    @Test("a parent's approved total counts once: its sub-projects' figures plus its own share")
    func parentAndChildren() throws {
        let parent = try #require(Self.plan["สผ-62-002"])
        #expect(parent.budgetSatang == 439_200_00)
        #expect(Self.plan.children(of: "สผ-62-002") == ["สผ-62-003", "สผ-62-004", "สผ-62-005", "สผ-62-006"])
        // The seed prints no budget for สผ-62-006: the plan invents none.
        #expect(Self.plan["สผ-62-006"]?.budgetSatang == nil)
        let share = Self.plan.share(of: parent)
        #expect(share.own.budget == 107_200_00)
        #expect(share.subprojects.budget == 332_000_00)
        #expect(share.total.budget == 439_200_00)
        #expect(share.own.activities == 3)  // ๘ ครั้ง, of which สผ-62-003 states ๕
        #expect(share.own.participants == 0)  // ๕๒๐ คน = 280 + 80 + 80 + 80
        #expect(parent.figures.activities.source == .unit)
    }

    @Test("items are a figure of their own: a project counted in เรื่อง has no planned activities")
    func itemsApart() throws {
        let p = try #require(Self.plan["สผ-62-019"])
        #expect(p.countsItems && p.itemUnit == "เรื่อง")
        #expect(p.figures.items == PlannedFigure(60, .unit))
        #expect(p.figures.activities.value == nil)
        let scheduleOnly = try #require(Self.plan["สผ-62-007"])
        #expect(scheduleOnly.figures.activities == PlannedFigure(1, .schedule))
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
                for figure in [\PlanTotals.budgetSatang, \.plannedActivities, \.plannedItems, \.plannedParticipants] {
                    #expect(parts.compactMap { $0[keyPath: figure] }.reduce(0, +) == whole[keyPath: figure] ?? 0)
                }
            }
        }
        // Strong Model (สว-62-008) is listed under measures 2 and 4 of issue 2: counted under 2, "also" under 4.
        let measure4 = groups.first { $0.agency == "สว." && $0.measure == 4 }!.totals
        #expect(measure4.alsoListed >= 1)
    }

    @Test("the JSON breakdown carries the same agency totals as the run's summary")
    func jsonMatchesSummary() throws {
        let json = PlanReport.json(plan: SeedPlanTests.plan, groups: PlanTotals.breakdown(SeedPlanTests.plan))
            .rendered()
        #expect(json.contains("\"budget_baht\": 541200.00"))
        #expect(json.contains("\"budget_baht\": 334500.00"))
        #expect(json.contains("\"participants_planned\": 2435"))
    }
}
