import Foundation
import Testing

@testable import PlanRollup
@testable import RollupBase
@testable import RollupCore
@testable import RollupReading

/// A clerk checks one bureau, or the one file about to be sent, without the rest of the input tree's
/// problems: the real binary on a copy of the shipped input.
@Suite("validate for one bureau or one file")
struct ValidateScopeTests {
    @Test("--bureau reads and prints only that bureau: no other bureau's refusals, none missing")
    func oneBureau() throws {
        let job = try JobFixture(registry: ExitCodeTests.shippedRegistry)
        defer { try? FileManager.default.removeItem(at: job.root) }
        let ran = try job.run(["validate", "--bureau", "hr-policy", "--input", job.input, "--output", job.output])
        #expect(ran.status == JobExit.findings.rawValue, "\(ran.stderr)")
        let headings = ran.stdout.split(separator: "\n").filter { !$0.hasPrefix(" ") }
        #expect(
            headings == [
                "สำนักนโยบายและแผน (สผ.) [hr-policy]: 1 rejected",
                "validate: 1 file, 8 rows would be accepted, 1 rejected, 0 bureaus missing, 0 stale, 0 pulls failed; "
                    + "summaries not written",
            ], "\(ran.stdout)")
        #expect(ran.stdout.contains("  hr-policy_progress_2562.csv แถวที่ 6 คอลัมน์ project_id ค่า \"สผ-62-099\""))
        #expect(ran.stdout.contains("    สผ-62-021 การบริหารความเสี่ยง"), "the valid ids follow an unknown id")
        #expect(!FileManager.default.fileExists(atPath: job.output))
    }

    @Test("FILE outside the input is read as the given bureau's export; its folder names the bureau when inside")
    func oneFile() throws {
        let job = try JobFixture(registry: ExitCodeTests.shippedRegistry)
        defer { try? FileManager.default.removeItem(at: job.root) }
        // The clerk's own copy, on the desktop, not under input/.
        let desktop = job.root.appendingPathComponent("desktop")
        try FileManager.default.createDirectory(at: desktop, withIntermediateDirectories: true)
        let mine = desktop.appendingPathComponent("ส่งผล.csv").path
        try FileManager.default.copyItem(atPath: job.input + "/exports/senate-hrd/senate-hrd_12m.csv", toPath: mine)
        let given = try job.run(
            ["validate", mine, "--bureau", "senate-hrd", "--input", job.input, "--output", job.output])
        #expect(given.status == JobExit.findings.rawValue, "\(given.stderr)")
        #expect(given.stdout.contains("[senate-hrd]: 1 rejected"), "\(given.stdout)")
        #expect(given.stdout.contains("  \(mine) แถวที่ 18 คอลัมน์ วันที่ดำเนินการ ค่า \"29/02/2562\""), "\(given.stdout)")
        #expect(given.stdout.contains("validate: 1 file, 16 rows would be accepted, 1 rejected"))
        #expect(!given.stdout.contains("outside the input"))

        let inside = try job.run(
            ["validate", job.input + "/exports/hr-it/hr-it_progress.csv", "--input", job.input, "--output", job.output])
        #expect(inside.status == JobExit.published.rawValue, "\(inside.stdout)\(inside.stderr)")
        #expect(inside.stdout.contains("validate: 1 file, 3 rows would be accepted, 0 rejected"))

        // A file with a mistyped id, checked alone: the bureau's agency's ids follow, its own marked.
        let policy = desktop.appendingPathComponent("policy.csv").path
        try FileManager.default.copyItem(
            atPath: job.input + "/exports/hr-policy/hr-policy_progress_2562.csv", toPath: policy)
        let ids = try job.run([
            "validate", policy, "--bureau", "hr-policy", "--input", job.input, "--output", job.output,
        ])
        #expect(ids.stdout.contains("(ของหน่วยงานนี้)") && !ids.stdout.contains("    สว-62-"), "\(ids.stdout)")
        let missing = try job.run(
            ["validate", desktop.path + "/nothing.csv", "--bureau", "hr-policy", "--input", job.input])
        #expect(missing.status == JobExit.usage.rawValue && missing.stderr.contains("no such file"))

        let unknown = try job.run(["validate", mine, "--input", job.input, "--output", job.output])
        #expect(unknown.status == JobExit.usage.rawValue)
        #expect(unknown.stderr.contains("which bureau sent it? give --bureau CODE"), "\(unknown.stderr)")
        let typo = try job.run(["validate", "--bureau", "hr-polcy", "--input", job.input, "--output", job.output])
        #expect(typo.status == JobExit.usage.rawValue)
        #expect(typo.stderr.contains("--bureau hr-polcy: no bureau has that code; the bureaus are: hr-personnel"))
    }
}
