import RollupBase
import RollupReading

/// `plan-rollup plan` over a plan folder that holds several fiscal years' plans: each year on its own,
/// since a run reports one year and never adds one year's targets to another's.
extension PlanReport {
    /// Each fiscal year's plan, oldest first (one entry for a plan that names no year).
    static func years(_ plan: Plan) -> [(year: FiscalYear?, plan: Plan)] {
        let years = plan.fiscalYears
        return years.isEmpty ? [(nil, plan)] : years.map { ($0, plan.only($0)) }
    }

    /// `{"fiscal_years": [{"fiscal_year": 2562, …}, …]}`: per year, the fields of `json(plan:groups:)`
    /// for that year's projects.
    public static func jsonByYear(plan: Plan) -> JSONValue {
        .object([
            (
                "fiscal_years",
                .array(
                    years(plan).map { year, plan in
                        guard case .object(let fields) = json(plan: plan, groups: PlanTotals.breakdown(plan)) else {
                            return .null
                        }
                        return .object([("fiscal_year", year.map { .int($0.buddhistYear) } ?? .null)] + fields)
                    })
            )
        ])
    }

    /// The table of `table(plan:groups:)` for each year, under a line naming the year and its dates.
    public static func tableByYear(plan: Plan) -> String {
        years(plan).map { year, plan in
            let heading = year.map {
                "fiscal year \($0.buddhistYear) (\($0.firstDay.iso) to \($0.lastDay.iso)) / ปีงบประมาณ พ.ศ. "
                    + "\(ThaiDisplay.digits(String($0.buddhistYear)))\n"
            }
            return (heading ?? "") + table(plan: plan, groups: PlanTotals.breakdown(plan))
        }.joined(separator: "\n")
    }
}
