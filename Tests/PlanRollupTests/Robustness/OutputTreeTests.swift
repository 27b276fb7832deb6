import Foundation
import Testing

@testable import PlanRollup

/// Nothing outside the output folder is ever written or deleted: a link or an entry of the wrong
/// type planted in the output tree stops the run before any work, and its target is untouched.
@Suite("The output tree is never written through a link")
struct OutputTreeTests {
    @Test(
        "a link planted at each path the job writes stops the run (exit 78) and leaves its target alone",
        arguments: ["pulled/senate-ict", "pulled", "archive", "runs", "logs", "LATEST.json", ".plan-rollup.lock", "latest-dir"])
    func plantedLink(_ entry: String) throws {
        let job = try JobFixture()
        let target = try makeTemporaryFolder("victim")
        defer { try? FileManager.default.removeItem(at: target) }
        let bystander = target.appendingPathComponent("keep.txt")
        try Data("precious".utf8).write(to: bystander)
        try FileManager.default.createDirectory(atPath: job.output, withIntermediateDirectories: true)
        if entry.hasPrefix("pulled/") {
            try FileManager.default.createDirectory(atPath: job.output + "/pulled", withIntermediateDirectories: true)
        }
        if entry == "latest-dir" {
            try FileManager.default.createDirectory(atPath: job.output + "/latest", withIntermediateDirectories: true)
        } else {
            let linkTarget = entry.hasSuffix(".json") || entry.hasSuffix(".lock") ? bystander.path : target.path
            try FileManager.default.createSymbolicLink(atPath: job.output + "/" + entry, withDestinationPath: linkTarget)
        }
        let ran = try job.runJob(["--no-progress"])
        #expect(ran.status == JobExit.configuration.rawValue, "\(ran.stderr)")
        #expect(ran.stderr.contains("never") || ran.stderr.contains("not the link"), "\(ran.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: target.path) == ["keep.txt"])
        #expect(try String(contentsOf: bystander, encoding: .utf8) == "precious")
        #expect(!FileManager.default.fileExists(atPath: job.output + "/runs/") || entry == "runs")
    }
}
