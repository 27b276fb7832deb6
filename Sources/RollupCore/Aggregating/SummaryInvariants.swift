import RollupBase
import RollupReading

/// The arithmetic a `Summary` must satisfy before it is published: every roll-up equals the sum of
/// its parts, exactly, in overflow-checked integers (an overflow is itself a violation).
public enum SummaryInvariants {
    /// One message per figure that does not add up, naming the table, the row and both figures:
    /// "agencies สผ.: spent_satang is 10450050, but its issues add up to 10450049". Empty when sound.
    ///
    /// Checked: every group row (total, agency, issue, measure; a bureau on its planned figures and
    /// project counts) equals its own projects (a project counts under its first listing); the
    /// agencies and the bureaus add up to the total (bureaus' actual figures by reporting bureau);
    /// each agency's issues and measures add up to it; counted projects equal their status counts;
    /// each month's plan is the total's plan for that month, the months add up to the year's actual
    /// figures and to the plan to date, each quarter to its three months; each project's plan to
    /// date is its months', and its figures with sub-projects are its own plus theirs. A new figure
    /// is checked everywhere once it is added to the lists below (`actual`, `planned`, `counts`, ...).
    public static func violations(of summary: Summary) -> [String] {
        var check = Checker()
        let months = summary.months.map { $0.month?.iso ?? $0.label }
        func figures(_ g: GroupFigures) -> Figures { group(g, months) }
        let total = summary.total
        let totalRow = "total (\(total.name))"
        let agencies = summary.agencies.map { (row: "agencies \($0.agency)", g: $0) }
        let bureaus = summary.bureaus.map { (row: "bureaus \($0.name)", g: $0) }
        let issues = summary.issues.map { (row: "issues \($0.key)", g: $0) }
        let measures = summary.measures.map { (row: "measures \($0.key)", g: $0) }

        // Each group row against its own projects; bureaus on their planned figures only, since
        // their actual figures follow the bureau that reported the rows, not the responsible one.
        func members(_ key: (ProjectFigures) -> String) -> [String: [ProjectFigures]] {
            Dictionary(grouping: summary.projects, by: key)
        }
        let byAgency = members(\.project.agency)
        let byIssue = members { "\($0.project.agency) \($0.project.links[0].issue)" }
        let byMeasure = members { "\($0.project.agency) \($0.project.links[0].issue).\($0.project.links[0].measure)" }
        let byBureau = members(\.project.bureauKey)
        let all = summary.projects.map { project($0, months) }
        check.addUp(totalRow, figures(total), "the projects", all)
        for (row, a) in agencies {
            check.addUp(row, figures(a), "its projects", (byAgency[a.agency] ?? []).map { project($0, months) })
        }
        for (row, i) in issues {
            let key = "\(i.agency) \(i.issue ?? -1)"
            check.addUp(row, figures(i), "its projects", (byIssue[key] ?? []).map { project($0, months) })
        }
        for (row, m) in measures {
            let key = "\(m.agency) \(m.issue ?? -1).\(m.measure ?? -1)"
            check.addUp(row, figures(m), "its projects", (byMeasure[key] ?? []).map { project($0, months) })
        }
        for (row, b) in bureaus {
            check.addUp(
                row, plannedGroup(b, months), "the projects it is responsible for",
                (byBureau[b.key] ?? []).map { plannedProject($0, months) })
        }
        check.covered("agencies", Set(summary.agencies.map(\.agency)), byAgency.keys)
        check.covered("bureaus", Set(summary.bureaus.map(\.key)), byBureau.keys)

        // The tables partition the total, and each agency; counted projects are their status counts.
        check.addUp(totalRow, figures(total), "the agencies", summary.agencies.map(figures))
        check.addUp(totalRow, figures(total), "the bureaus", summary.bureaus.map(figures))
        for (row, a) in agencies {
            check.addUp(row, figures(a), "its issues", summary.issues.filter { $0.agency == a.agency }.map(figures))
            check.addUp(row, figures(a), "its measures", summary.measures.filter { $0.agency == a.agency }.map(figures))
        }
        for (row, g) in [(totalRow, total)] + agencies + bureaus + issues + measures {
            check.addUp(
                row, [("projects_counted", Int64(g.countedProjects))], "its status counts",
                ProjectStatus.allCases.map { [("projects_counted", Int64(g.count($0)))] })
        }

        // The months are the year's plan month by month, and add up to the year's actual figures
        // and to the plan to date; each quarter is its three months.
        for (i, m) in summary.months.enumerated() {
            check.equal(
                "months \(m.label)", periodPlan(m.planned), "the total's plan for the month",
                periodPlan(plannedMonth(total.plan, i)))
        }
        check.addUp(totalRow, actual(total.actual), "the months", summary.months.map { actual($0.actual) })
        let elapsed = summary.months.prefix(max(0, summary.monthsElapsed + 1))
        check.addUp(
            totalRow, toDate(total.plannedToDate), "the months to the as-of date",
            elapsed.map { toDate($0.planned) })
        for q in summary.quarters {
            let three = summary.months.filter { $0.quarter == q.quarter }
            check.addUp(
                "quarters \(q.label)", period(q), "its months " + three.map(\.label).joined(separator: ", "),
                three.map(period))
        }

        // Each project: its plan to date is its months to the as-of date, and with its
        // sub-projects it is its own rows plus each sub-project's (with theirs).
        var children: [String: [ProjectFigures]] = [:]
        for p in summary.projects { if let parent = p.project.parentID { children[parent, default: []].append(p) } }
        for p in summary.projects {
            let row = "projects \(p.project.id)"
            let through = min(summary.monthsElapsed + 1, p.planYear.activities.count)
            check.addUp(
                row, toDate(p.plannedToDate), "its months to the as-of date",
                (0..<max(0, through)).map { toDate(plannedMonth(p.planYear, $0)) })
            check.addUp(
                row, actual(p.actualWithSubprojects, "_with_subprojects"), "its own rows and its sub-projects'",
                [actual(p.actual, "_with_subprojects")]
                    + (children[p.project.id] ?? []).map { actual($0.actualWithSubprojects, "_with_subprojects") })
        }
        return check.violations
    }

    /// A row's figures by name, in a fixed order; rows of one kind add up name by name.
    typealias Figures = [(name: String, value: Int64)]

    /// The year's plan, month by month (`activities_planned[2018-10]`, ...).
    static func planned(_ plan: MonthlyPlan, _ months: [String]) -> Figures {
        func each(_ name: String, _ values: [Int64]) -> Figures {
            values.enumerated().map { i, v in ("\(name)[\(months.indices.contains(i) ? months[i] : String(i))]", v) }
        }
        return each("activities_planned", plan.activities) + each("items_planned", plan.items)
            + each("participants_planned", plan.participants) + each("budget_satang_planned", plan.budgetSatang)
    }

    /// The plan to the as-of date.
    static func toDate(_ t: PlanAmounts) -> Figures {
        [
            ("activities_planned_to_date", t.activities), ("items_planned_to_date", t.items),
            ("participants_planned_to_date", t.participants), ("budget_satang_planned_to_date", t.budgetSatang),
        ]
    }

    /// The accepted rows' sums.
    static func actual(_ t: Tally, _ suffix: String = "") -> Figures {
        [
            ("rows_accepted" + suffix, t.rows), ("activities_actual" + suffix, t.activities),
            ("items_actual" + suffix, t.items), ("participants_actual" + suffix, t.participants),
            ("spent_satang" + suffix, t.spentSatang), ("activities_cancelled" + suffix, t.activitiesCancelled),
            ("items_cancelled" + suffix, t.itemsCancelled),
            ("participants_cancelled" + suffix, t.participantsCancelled),
        ]
    }

    /// Project counts: all, counted (those without sub-projects), and counted ones by status.
    static func counts(projects: Int, counted: Int, status: (ProjectStatus) -> Int) -> Figures {
        [("projects", Int64(projects)), ("projects_counted", Int64(counted))]
            + ProjectStatus.allCases.map { ("projects_" + $0.rawValue, Int64(status($0))) }
    }

    /// A month's or quarter's plan.
    static func periodPlan(_ t: PlanAmounts) -> Figures {
        [
            ("activities_planned", t.activities), ("items_planned", t.items), ("participants_planned", t.participants),
            ("budget_satang_planned", t.budgetSatang),
        ]
    }

    static func period(_ p: PeriodFigures) -> Figures { periodPlan(p.planned) + actual(p.actual) }

    /// Month `i` (0 = October) of a plan; 0 for a month the plan does not have.
    static func plannedMonth(_ plan: MonthlyPlan, _ i: Int) -> PlanAmounts {
        plan.activities.indices.contains(i) ? plan.month(i) : PlanAmounts()
    }

    static func plannedGroup(_ g: GroupFigures, _ months: [String]) -> Figures {
        planned(g.plan, months) + toDate(g.plannedToDate)
            + counts(projects: g.projects, counted: g.countedProjects, status: g.count)
    }

    static func group(_ g: GroupFigures, _ months: [String]) -> Figures {
        plannedGroup(g, months) + actual(g.actual)
    }

    static func plannedProject(_ p: ProjectFigures, _ months: [String]) -> Figures {
        planned(p.planYear, months) + toDate(p.plannedToDate)
            + counts(projects: 1, counted: p.isCounted ? 1 : 0) { p.isCounted && p.status == $0 ? 1 : 0 }
    }

    static func project(_ p: ProjectFigures, _ months: [String]) -> Figures {
        plannedProject(p, months) + actual(p.actual)
    }

    /// Collects the violations.
    struct Checker {
        var violations: [String] = []

        /// `whole` must equal the sum of `parts`, figure by figure (by name); a part without a figure adds 0.
        mutating func addUp(_ row: String, _ whole: Figures, _ partsName: String, _ parts: [Figures]) {
            var sums: [String: Int64] = [:]
            var overflowed: Set<String> = []
            for part in parts {
                for (name, value) in part where !overflowed.contains(name) {
                    let (sum, overflow) = sums[name, default: 0].addingReportingOverflow(value)
                    if overflow { overflowed.insert(name) } else { sums[name] = sum }
                }
            }
            for (name, value) in whole {
                let sum = sums[name, default: 0]
                if overflowed.contains(name) {
                    violations.append("\(row): \(name) is \(value), but \(partsName) add up to more than Int64 holds")
                } else if sum != value {
                    violations.append("\(row): \(name) is \(value), but \(partsName) add up to \(sum)")
                }
            }
        }

        /// `figures` must equal `other`, figure by figure (by name).
        mutating func equal(_ row: String, _ figures: Figures, _ otherName: String, _ other: Figures) {
            let others = Dictionary(other.map { ($0.name, $0.value) }) { first, _ in first }
            for (name, value) in figures where others[name, default: 0] != value {
                violations.append("\(row): \(name) is \(value), but \(otherName) says \(others[name, default: 0])")
            }
        }

        /// Each key that projects belong to has a row in `table`.
        mutating func covered(_ table: String, _ rows: Set<String>, _ keys: Dictionary<String, [ProjectFigures]>.Keys) {
            for key in keys.sorted() where !rows.contains(key) {
                violations.append("\(table): no row for \"\(key)\", to which projects belong")
            }
        }
    }
}

/// The summaries' tables do not add up: a defect, not an input problem, so the run publishes
/// nothing and exits 70 (`JobExit.failed`); the previous run stays the latest.
public struct SummaryInconsistency: Error, CustomStringConvertible, Sendable {
    /// How many violations the description lists; the rest are counted.
    public static let listed = 10
    public let violations: [String]

    public init(violations: [String]) {
        self.violations = violations
    }

    public var description: String {
        let more = violations.count > Self.listed ? "\n  ... and \(violations.count - Self.listed) more" : ""
        return "the summaries do not add up, so nothing is published:\n"
            + violations.prefix(Self.listed).map { "  " + $0 }.joined(separator: "\n") + more
            + "\nthe previous run stays the latest"
    }
}
