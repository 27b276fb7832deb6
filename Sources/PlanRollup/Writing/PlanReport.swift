/// The plan's breakdown as a terminal table or JSON (`plan-rollup plan`).
public enum PlanReport {
    public static func json(plan: Plan, groups: [PlanTotals.Group]) -> JSONValue {
        .object([
            ("plan_files", .array(plan.files.map(JSONValue.string))),
            ("plan_rows", .int(plan.rows)),
            ("projects", .int(plan.projects.count)),
            ("groups", .array(groups.map { g in
                .object([
                    ("agency", .string(g.agency)),
                    ("issue", g.issue.map(JSONValue.int) ?? .null),
                    ("measure", g.measure.map(JSONValue.int) ?? .null),
                    ("projects", .int(g.totals.projects)),
                    ("also_listed", .int(g.totals.alsoListed)),
                    ("budget_baht", .baht(g.totals.budgetSatang)),
                    ("budget_from_source_projects", .int(g.totals.budgetFromSource)),
                    ("activities_planned", .int(g.totals.plannedActivities)),
                    ("participants_planned", .int(g.totals.plannedParticipants)),
                ])
            })),
            ("issues", .array(plan.issues.map { .string($0.description) })),
        ])
    }

    public static func table(plan: Plan, groups: [PlanTotals.Group]) -> String {
        var rows: [[String]] = [["group", "projects", "also", "budget_baht", "activities", "participants"]]
        for g in groups {
            let label =
                g.measure.map { "  \(g.agency) issue \(g.issue!) measure \($0)" }
                ?? g.issue.map { " \(g.agency) issue \($0)" } ?? g.agency
            rows.append([
                label, String(g.totals.projects), g.totals.alsoListed > 0 ? String(g.totals.alsoListed) : "",
                Money.baht(g.totals.budgetSatang), String(g.totals.plannedActivities), String(g.totals.plannedParticipants),
            ])
        }
        let widths = (0..<rows[0].count).map { c in rows.map { $0[c].count }.max()! }
        var out = "plan: \(plan.projects.count) projects in \(plan.rows) rows from \(plan.files.joined(separator: ", "))\n"
        for r in rows {
            out += r.enumerated().map { c, cell in
                c == 0 ? cell.padding(toLength: widths[c], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[c] - cell.count) + cell
            }.joined(separator: "  ") + "\n"
        }
        for issue in plan.issues { out += issue.description + "\n" }
        return out
    }
}
