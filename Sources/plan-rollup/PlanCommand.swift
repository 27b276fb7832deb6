import ArgumentParser
import PlanRollup
import RollupBase
import RollupCore
import RollupReading

/// `plan-rollup plan`: the plan's own targets per agency, issue and measure, for each fiscal year's plan.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Print the plan's totals per agency, issue and measure, each project and each baht counted once.",
        discussion: """
            A parent whose sub-projects carry a figure is left out of that figure's sum; a project \
            listed under two measures counts under its first listing (the "also" column counts it \
            where it is listed again). Plan problems are printed after the table, with file and line. \
            Each fiscal year's plan in the plan folder is shown on its own (JSON: one entry of fiscal_years each).
            """
    )

    @OptionGroup var paths: InputOption

    @Flag(help: "Print JSON for machines instead of a table.")
    var json = false

    func run() throws {
        let plan = try PlanLoader().load(folder: InputFolder(root: paths.input).planFolder)
        if json {
            print(PlanReport.jsonByYear(plan: plan).rendered(), terminator: "")
        } else {
            print(PlanReport.tableByYear(plan: plan), terminator: "")
        }
    }
}
