import RollupBase
import RollupReading

/// The plan's own targets for a group of projects, each project and each baht counted once.
///
/// Each project brings its own share of each figure (`PlanShare.own`): a parent's figure minus its
/// sub-projects', so the group adds up to the approved totals. A project listed under two measures
/// counts under its first listing only, and `alsoListed` says how many projects of other groups
/// are listed here too. A figure no project of the group states is nil, never 0.
public struct PlanTotals: Sendable, Hashable {
    public var projects = 0
    public var budgetSatang: Int64?
    /// Projects whose budget cell names a source and gives no figure.
    public var budgetFromSource = 0
    public var plannedActivities: Int64?
    public var plannedItems: Int64?
    public var plannedParticipants: Int64?
    public var alsoListed = 0

    public init() {}

    public init(plan: Plan, projects: some Sequence<PlanProject>) {
        for p in projects { add(p, plan: plan) }
    }

    mutating func add(_ p: PlanProject, plan: Plan) {
        projects += 1
        let own = plan.share(of: p).own
        func add(_ total: inout Int64?, _ value: Int64?) {
            if let value { total = (total ?? 0) + value }
        }
        add(&budgetSatang, own.budget)
        add(&plannedActivities, own.activities)
        add(&plannedItems, own.items)
        add(&plannedParticipants, own.participants)
        if p.figures.budget.source == .fundingText { budgetFromSource += 1 }
    }

    /// A row of the plan's breakdown: an agency, an issue within it, or a measure within that.
    public struct Group: Sendable, Hashable {
        public let agency: String
        public let issue: Int?
        public let measure: Int?
        public let totals: PlanTotals
    }

    /// Totals per agency, per (agency, issue) and per (agency, issue, measure), in that order.
    public static func breakdown(_ plan: Plan) -> [Group] {
        var groups: [Group] = []
        for agency in Set(plan.projects.map(\.agency)).sorted() {
            let own = plan.projects.filter { $0.agency == agency }
            groups.append(
                Group(agency: agency, issue: nil, measure: nil, totals: PlanTotals(plan: plan, projects: own)))
            let links = Set(own.flatMap(\.links)).sorted()
            for issue in Set(links.map(\.issue)).sorted() {
                var t = PlanTotals(plan: plan, projects: own.filter { $0.links[0].issue == issue })
                t.alsoListed =
                    own.filter { $0.links[0].issue != issue && $0.links.contains { $0.issue == issue } }.count
                groups.append(Group(agency: agency, issue: issue, measure: nil, totals: t))
                for link in links where link.issue == issue {
                    var m = PlanTotals(plan: plan, projects: own.filter { $0.links[0] == link })
                    m.alsoListed = own.filter { $0.links[0] != link && $0.links.dropFirst().contains(link) }.count
                    groups.append(Group(agency: agency, issue: issue, measure: link.measure, totals: m))
                }
            }
        }
        return groups
    }
}
