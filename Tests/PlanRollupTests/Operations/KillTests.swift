import Foundation
import Glibc
import Testing

@testable import PlanRollup
@testable import RollupBase
@testable import RollupCore
@testable import RollupReading

/// The real job killed with SIGKILL at each stage (held there by the test-only `StagePause`).
@Suite("Killed at any stage", .serialized)
struct KillTests {
    @Test(
        "latest stays on the previous complete run, nothing half-written shows there, and the next run succeeds",
        arguments: StagePause.stages)
    func killedAt(_ stage: String) throws {
        let job = try JobFixture()
        defer { try? FileManager.default.removeItem(at: job.root) }
        #expect(try job.runJob().status == 0)
        let latestBefore = try FileManager.default.destinationOfSymbolicLink(atPath: job.output + "/latest")
        let pointerBefore = job.contents("LATEST.json")
        let filesBefore = try FileManager.default.contentsOfDirectory(atPath: job.output + "/latest").sorted()
        let summaryBefore = job.contents("latest/summary.json")
        sleep(1)  // the next run gets a later name

        let marker = job.root.appendingPathComponent("paused").path
        let ran = try Ran.start(
            JobFixture.binary, ["run", "--input", job.input, "--output", job.output],
            environment: ["PLAN_ROLLUP_TEST_PAUSE_AT": stage, "PLAN_ROLLUP_TEST_PAUSE_FILE": marker])
        let deadline = Date().addingTimeInterval(60)
        while !FileManager.default.fileExists(atPath: marker) && ran.process.isRunning && Date() < deadline {
            usleep(10_000)
        }
        try #require(FileManager.default.fileExists(atPath: marker), "the job never reached \(stage): \(ran.stderr)")
        kill(ran.process.processIdentifier, SIGKILL)
        ran.process.waitUntilExit()
        #expect(ran.process.terminationReason == .uncaughtSignal)

        // Readers still see the previous complete run, whole.
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: job.output + "/latest") == latestBefore)
        #expect(job.contents("LATEST.json") == pointerBefore)
        #expect(try FileManager.default.contentsOfDirectory(atPath: job.output + "/latest").sorted() == filesBefore)
        #expect(job.contents("latest/summary.json") == summaryBefore)

        // The next run takes the lock the killed one held, clears its leftovers and publishes.
        let next = try job.runJob()
        #expect(next.status == 0, "\(next.stderr)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: job.output + "/latest") != latestBefore)
        let hidden = try FileManager.default.contentsOfDirectory(atPath: job.output)
            .filter { $0.hasPrefix(".staging-") || $0.hasPrefix(".latest-") || $0.hasPrefix(".LATEST.json-") }
        #expect(hidden.isEmpty, "leftovers of the killed run: \(hidden)")
        #expect(job.contents("latest/summary.json") == summaryBefore)  // same input, same figures
    }
}
