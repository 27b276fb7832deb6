import Foundation
import Glibc

/// A test-only hook for proving the job survives being killed anywhere: with
/// `PLAN_ROLLUP_TEST_PAUSE_AT=<stage>` in the environment, the job creates the file named by
/// `PLAN_ROLLUP_TEST_PAUSE_FILE` when it reaches that stage and then waits, so a test can SIGKILL
/// it there. Stages: reading, aggregating, writing, publishing (files staged, not yet renamed),
/// swapping (run renamed into runs/, `latest` not yet swapped). Without the variable it does nothing.
public enum StagePause {
    public static let stages = ["reading", "aggregating", "writing", "publishing", "swapping"]

    private static let requested = ProcessInfo.processInfo.environment["PLAN_ROLLUP_TEST_PAUSE_AT"]

    public static func reached(_ stage: String) {
        guard let requested, requested == stage else { return }
        if let marker = ProcessInfo.processInfo.environment["PLAN_ROLLUP_TEST_PAUSE_FILE"] {
            _ = FileManager.default.createFile(atPath: marker, contents: Data(stage.utf8))
        }
        // Wait to be killed; give up after a minute so a forgotten variable cannot hang a night.
        for _ in 0..<600 { usleep(100_000) }
    }
}
