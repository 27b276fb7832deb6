import Foundation
import Testing

@testable import PlanRollup
@testable import RollupBase
@testable import RollupCore
@testable import RollupReading

/// Help that is true: each command's help offers what it uses and says what it does.
@Suite("Help texts")
struct HelpTests {
    func help(_ arguments: [String]) throws -> String {
        let ran = try Ran.start(JobFixture.binary, arguments + ["--help"]).wait()
        #expect(ran.status == 0, "\(ran.stderr)")
        return ran.stdout
    }

    @Test("validate --help does not describe publishing; plan --help offers no --output it would ignore")
    func truthful() throws {
        let validate = try help(["validate"])
        #expect(!validate.lowercased().contains("publish"), "\(validate)")
        #expect(validate.contains("--bureau") && validate.contains("<files>"))
        let plan = try help(["plan"])
        #expect(!plan.contains("--output"), "\(plan)")
        #expect(plan.contains("--input"))
    }

    @Test("run --help lists the exit codes aligned, each wrapped line indented under its meaning")
    func exitCodes() throws {
        let run = try help(["run"])
        let lines = run.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let start = try #require(lines.firstIndex(of: "Exit codes (sysexits):"))
        let table = lines[(start + 1)...].prefix { !$0.isEmpty }
        #expect(table.count >= JobExit.allCases.count)
        for exit in JobExit.allCases {
            let code = String(exit.rawValue)
            #expect(
                table.contains { $0.hasPrefix(String(repeating: " ", count: 4 - code.count) + code + "  ") },
                "\(code) in \(table)")
        }
        #expect(table.allSatisfy { $0.hasPrefix("  ") }, "no line of the table starts at the margin: \(table)")
    }

    @Test("plan-rollup alone, where there is no input folder, prints a short help and exits 64")
    func nothingToRunOn() throws {
        let empty = try makeTemporaryFolder("no-input")
        defer { try? FileManager.default.removeItem(at: empty) }
        let ran = try Ran.start(JobFixture.binary, [], directory: empty.path).wait()
        #expect(ran.status == JobExit.usage.rawValue)
        #expect(ran.stderr.contains("there is no input/ folder here"), "\(ran.stderr)")
        #expect(ran.stderr.contains("validate") && ran.stderr.contains("--input DIR"))
        #expect(!FileManager.default.fileExists(atPath: empty.appendingPathComponent("output").path))
    }
}
