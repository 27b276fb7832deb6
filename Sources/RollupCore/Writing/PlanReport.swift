import RollupBase
import RollupReading

/// The plan's breakdown as a terminal table or JSON (`plan-rollup plan`).
public enum PlanReport {
    public static func json(plan: Plan, groups: [PlanTotals.Group]) -> JSONValue {
        .object([
            ("plan_files", .array(plan.files.map(JSONValue.string))),
            ("plan_rows", .int(plan.rows)),
            ("projects", .int(plan.projects.count)),
            ("groups", .array(groups.map(group))),
            ("project_figures", .array(plan.projects.map { project($0, plan: plan) })),
            ("issues", .array(plan.issues.map { .string($0.description) })),
        ])
    }

    static func group(_ g: PlanTotals.Group) -> JSONValue {
        let t = g.totals
        let fields: [(String, JSONValue)] = [
            ("agency", .string(g.agency)),
            ("issue", g.issue.map(JSONValue.int) ?? .null),
            ("measure", g.measure.map(JSONValue.int) ?? .null),
            ("projects", .int(t.projects)),
            ("also_listed", .int(t.alsoListed)),
            ("budget_baht", .optionalBaht(t.budgetSatang)),
            ("budget_from_source_projects", .int(t.budgetFromSource)),
            ("activities_planned", .optionalInt(t.plannedActivities)),
            ("items_planned", .optionalInt(t.plannedItems)),
            ("participants_planned", .optionalInt(t.plannedParticipants)),
        ]
        return .object(fields)
    }

    /// One project's planned figures: what its row states and from which cell, its own share that
    /// roll-ups count, and its figure with sub-projects.
    static func project(_ p: PlanProject, plan: Plan) -> JSONValue {
        let share = plan.share(of: p)
        var fields: [(String, JSONValue)] = [
            ("project_id", .string(p.id)), ("parent_id", .optional(p.parentID)), ("agency", .string(p.agency)),
            ("counts_items", .bool(p.countsItems)), ("item_unit", p.countsItems ? .string(p.itemUnit) : .null),
        ]
        for kind in PlanFigureKind.allCases {
            let stated = p.figures[kind]
            fields.append(
                (
                    kind.rawValue,
                    .object([
                        ("stated", .figure(stated.value, kind)),
                        ("source", .string(stated.source.rawValue)),
                        ("own_share", .figure(share.own[kind], kind)),
                        ("with_subprojects", .figure(share.total[kind], kind)),
                    ])
                ))
        }
        if case .source(let text) = p.budget { fields.append(("budget_funding", .string(text))) }
        return .object(fields)
    }

    public static func table(plan: Plan, groups: [PlanTotals.Group]) -> String {
        func show(_ n: Int64?) -> String { n.map(String.init) ?? "-" }
        var rows: [[String]] = [["group", "projects", "also", "budget_baht", "activities", "items", "participants"]]
        for g in groups {
            let label =
                g.measure.map { "  \(g.agency) issue \(g.issue!) measure \($0)" }
                ?? g.issue.map { " \(g.agency) issue \($0)" } ?? g.agency
            let t = g.totals
            rows.append([
                label, String(t.projects), t.alsoListed > 0 ? String(t.alsoListed) : "",
                t.budgetSatang.map(Money.baht) ?? "-", show(t.plannedActivities), show(t.plannedItems),
                show(t.plannedParticipants),
            ])
        }
        let widths = (0..<rows[0].count).map { c in rows.map { $0[c].count }.max()! }
        var out =
            "plan: \(plan.projects.count) projects in \(plan.rows) rows from \(plan.files.joined(separator: ", "))\n"
        for r in rows {
            out +=
                r.enumerated().map { c, cell in
                    c == 0
                        ? cell.padding(toLength: widths[c], withPad: " ", startingAt: 0)
                        : String(repeating: " ", count: widths[c] - cell.count) + cell
                }.joined(separator: "  ") + "\n"
        }
        out +=
            "(- : the plan states no figure of that kind; a parent's own share is its figure minus its sub-projects')\n"
        for issue in plan.issues { out += issue.description + "\n" }
        return out
    }
}
