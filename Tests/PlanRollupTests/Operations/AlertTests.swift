import Foundation
import Testing

@testable import PlanRollup
@testable import RollupBase
@testable import RollupCore
@testable import RollupReading

/// Alerts that say what matters: `run --alert-on` rules, the reason first in the report, and the cron
/// wrapper's mail opening with that reason.
@Suite("Alert rules")
struct AlertTests {
    @Test(
        "rules parse from a comma-separated list",
        arguments: [
            ("missing,stale", [AlertPolicy.Rule.missing, .stale]),
            ("pull-failed, plan-change", [.pullFailed, .planChange]),
            ("rejects>50,new-rejects", [.rejectsAbove(50), .newRejects]),
            ("rejects>0", [.rejectsAbove(0)]), ("missing,rejects>0,missing", [.missing, .rejectsAbove(0)]),
        ])
    func parses(text: String, rules: [AlertPolicy.Rule]) throws {
        #expect(try AlertPolicy(parsing: text).rules == rules)
    }

    @Test(
        "an unknown rule or a bad limit is refused, naming the rules there are",
        arguments: ["late", "rejects>", "rejects>-1", "rejects>x", "", " , ,", "missing,"])
    func refuses(text: String) {
        #expect(throws: UnknownAlertRule.self) { try AlertPolicy(parsing: text) }
    }

    @Test("a missing bureau alerts with its name; new refusals alert once, not every night for the same rows")
    func firesWhenItMatters() throws {
        // The shipped registry and one bureau more, whose folder does not exist: it sent nothing.
        var registry = try #require(
            try JSONSerialization.jsonObject(with: Data(ExitCodeTests.shippedRegistry.utf8)) as? [String: Any])
        registry["bureaus"] = (registry["bureaus"] as? [Any] ?? []) + [["code": "hr-gone"]]
        let job = try JobFixture(
            registry: String(decoding: try JSONSerialization.data(withJSONObject: registry), as: UTF8.self))
        defer { try? FileManager.default.removeItem(at: job.root) }
        let quiet = try job.runJob()
        #expect(quiet.status == 0, "no rule asked for: published, exit 0: \(quiet.stdout)")
        #expect(!quiet.stdout.contains("ALERT"))

        let first = try job.runJob(["--alert-on", "missing,new-rejects"])
        #expect(first.status == JobExit.findings.rawValue, "\(first.stderr)")
        let lines = first.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "plan-rollup: ALERT: published, but 1 alert rule fired (exit 65):", "\(lines.prefix(3))")
        let missing = lines.dropFirst().first ?? ""
        #expect(
            missing.hasPrefix("plan-rollup: ALERT: missing: ") && missing.contains("[hr-gone] sent nothing"),
            "\(missing)")
        #expect(first.stderr.contains("alert: published, but rules fired"))

        // The input changes: one refused row corrected, a new one sent.
        let policy = job.input + "/exports/hr-policy/hr-policy_progress_2562.csv"
        let text = try String(contentsOfFile: policy, encoding: .utf8)
        try text.replacingOccurrences(of: "สผ-62-099", with: "สผ-62-0x9").write(
            toFile: policy, atomically: true, encoding: .utf8)
        let second = try job.runJob(["--alert-on", "new-rejects"])
        #expect(second.status == JobExit.findings.rawValue)
        #expect(
            second.stdout.contains("plan-rollup: ALERT: new-rejects: hr-policy 1 new refusal since the previous run."),
            "\(second.stdout)")
        let third = try job.runJob(["--alert-on", "new-rejects,rejects>10"])
        #expect(third.status == 0, "the same refusals again, 6 of them: nothing new, under the limit: \(third.stdout)")
    }

    @Test("the cron wrapper's mail opens with the exit, then the job's alert lines, then the log")
    func wrapperMailReasonFirst() throws {
        let job = try JobFixture(registry: ExitCodeTests.shippedRegistry)
        defer { try? FileManager.default.removeItem(at: job.root) }
        let ran = try Ran.start(
            JobFixture.wrapper, ["--alert-on", "rejects>2"], environment: NightlyWrapperTests.environment(job)
        ).wait()
        #expect(ran.status == JobExit.findings.rawValue, "\(ran.stdout)\(ran.stderr)")
        let lines = ran.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("plan-rollup nightly: exit 65: published, but alert rules fired") == true)
        #expect(lines.dropFirst().first == "plan-rollup: ALERT: published, but 1 alert rule fired (exit 65):")
        #expect(
            lines.dropFirst(2).first?.hasPrefix("plan-rollup: ALERT: rejects>2: 6 refusals (hr-personnel 2") == true)
        #expect(lines.dropFirst(3).first?.hasPrefix("log: ") == true, "\(lines.prefix(5))")
    }

    @Test(
        "the wrapper refuses an empty --at (it would run at every start) and writes each log as a new file of its own")
    func wrapperGuards() throws {
        let job = try JobFixture(registry: ExitCodeTests.shippedRegistry)
        defer { try? FileManager.default.removeItem(at: job.root) }
        for arguments in [["--at", ""], ["--at="]] {
            let ran = try Ran.start(JobFixture.wrapper, arguments, environment: NightlyWrapperTests.environment(job))
                .wait()
            #expect(ran.status == JobExit.usage.rawValue, "\(arguments): \(ran.stderr)")
            #expect(!FileManager.default.fileExists(atPath: job.output + "/runs"), "nothing ran")
        }
        let first = try Ran.start(JobFixture.wrapper, [], environment: NightlyWrapperTests.environment(job)).wait()
        let second = try Ran.start(JobFixture.wrapper, [], environment: NightlyWrapperTests.environment(job)).wait()
        #expect(first.status == 0 && second.status == 0, "\(first.stdout)\(second.stdout)")
        let logs = try FileManager.default.contentsOfDirectory(atPath: job.output + "/logs")
            .filter { $0.hasPrefix("plan-rollup-") }
        #expect(logs.count == 2, "two runs in the same second still get two logs: \(logs)")
    }
}
