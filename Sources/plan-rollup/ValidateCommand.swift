import ArgumentParser
import Dispatch
import Foundation
import PlanRollup
import RollupBase
import RollupCore
import RollupReading

/// `plan-rollup validate`: what a clerk runs before sending a file. Reads everything as `run` would,
/// prints every reject by bureau and the missing bureaus, and writes nothing under the output folder.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Read every export as run would and print every reject by bureau; publish nothing.",
        discussion: """
            Pulls and reads into a temporary folder (removed afterwards), so it never touches the \
            output folder and can run beside the nightly job. Exit 0 when nothing would be rejected \
            and every pull worked, \(JobExit.findings.rawValue) otherwise (with --strict, missing and stale \
            bureaus count too), 78 for a configuration error, 70 when the summaries would not add up. \
            A plan that shrank against the latest published run's (see run --help) is a warning here.
            """
    )

    @OptionGroup var paths: PathOptions
    @OptionGroup var limits: LimitOptions
    @OptionGroup var job: JobOptions

    @Option(help: "Extra header names, JSON {\"field\": [\"name\", ...]}; input/config/header-aliases.json is read too.")
    var aliases: String?

    @Option(name: .customLong("as-of"), help: "Check as of this date, as run --as-of would.", transform: DateArgument.parse)
    var asOf: CalendarDay?

    func run() throws {
        MemoryPolicy.apply()
        let (log, sink) = job.makeLogger()
        let configuration = try JobConfiguration(input: paths.input, aliasesFile: aliases)
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("plan-rollup-validate-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        // SIGTERM or SIGINT removes the scratch folder too, and exits 128 + the signal.
        let signals = JobSignals.install(log: log) { try? FileManager.default.removeItem(atPath: scratch) }
        defer { withExtendedLifetime(signals) {} }

        let pulled = PullStage(registry: configuration.registry, input: paths.input, pulledFolder: scratch + "/pulled").withAliases(configuration.aliases).run(log: log)
        var options = Pipeline.Options(input: paths.input, output: scratch, asOf: asOf, limits: limits.csvLimits)
        options.archiveFolder = scratch + "/archive"
        options.aliases = configuration.aliases
        options.exports = pulled.exports
        options.reporting = pulled.reporting
        options.bureauFolders = pulled.bureauFolders
        options.events = JobLog.events(log: log, sink: sink)
        let outcome = try Pipeline.compute(options, today: CalendarDay.today())

        let bureauOfFile = Dictionary(outcome.accounts.map { ($0.path, $0.bureau) }) { first, _ in first }
        let byBureau = Dictionary(grouping: outcome.rejects) { bureauOfFile[$0.file] ?? "" }
        for code in byBureau.keys.sorted() {
            let entry = configuration.registry.bureaus.first { $0.code == code }
            let rejects = byBureau[code]!
            print("\(entry?.displayName ?? code): \(rejects.count) rejected")
            for r in rejects {
                print("  \(r.message)")
                print("    \(r.thai)")
            }
        }
        if case .shrank(let shrink) = PlanShrinkGuard(outputFolder: paths.output).compare(outcome.plan) {
            // A warning only: run would refuse to publish it without the flag.
            print("WARNING: \(shrink.english); run would publish nothing without \(PlanShrank.flag)")
            print("  \(shrink.thai)")
        }
        for b in pulled.missing { print("MISSING (sent nothing): \(b.bureau.displayName), expected from \(b.bureau.source)") }
        for b in pulled.stale { print("STALE: \(b.message)") }
        for f in pulled.failedPulls { print("PULL FAILED: \(f.bureau): \(f.url): \(f.reason)") }

        let accepted = outcome.accounts.map(\.accepted).reduce(0, +)
        var problems = outcome.rejects.count + pulled.failedPulls.count
        if job.strict { problems += pulled.missing.count + pulled.stale.count }
        print("validate: \(outcome.accounts.count) files, \(accepted) rows would be accepted, \(outcome.rejects.count) rejected, "
            + "\(pulled.missing.count) bureaus missing, \(pulled.stale.count) stale, \(pulled.failedPulls.count) pulls failed; summaries not written")
        if problems > 0 { throw ExitCode(JobExit.findings.rawValue) }
    }
}
