import Foundation
import Logging
import Testing

@testable import PlanRollup
@testable import RollupBase
@testable import RollupCore
@testable import RollupReading

/// The output lock, the log line format and the exit-code table.
@Suite("Operations")
struct OperationsTests {
    @Test("the output lock is exclusive until released, and names its holder")
    func outputLock() throws {
        let output = try makeTemporaryFolder("lock").path + "/out"
        let first = try OutputLock.acquire(outputFolder: output, note: "first")
        let error = #expect(throws: LockHeld.self) { try OutputLock.acquire(outputFolder: output) }
        #expect(error?.holder.contains("pid \(getpid())") == true)
        #expect(error?.holder.contains("first") == true)
        first.release()
        let again = try OutputLock.acquire(outputFolder: output)
        again.release()
    }

    @Test("a log line: local time, level, message, then key=value in key order, quoted when needed")
    func logLine() {
        let line = LineLogHandler.format(
            date: Date(timeIntervalSince1970: 0), level: .warning, message: "read",
            metadata: ["rejected": "1", "file": "exports/hr-it/a b.csv", "bureau": "hr-it"])
        let time = line.split(separator: " ")[0]
        #expect(time.count == 25 && time.hasPrefix("19"), "\(time)")
        #expect(line.dropFirst(26) == #"warning read bureau=hr-it file="exports/hr-it/a b.csv" rejected=1"#)
    }

    @Test("a file name with a line break or other control characters stays on one log line")
    func controlCharacters() {
        let line = LineLogHandler.format(
            date: Date(timeIntervalSince1970: 0), level: .info, message: "read",
            metadata: ["file": "exports/hr-it/a\nb\r\u{1B}[31m.csv", "bureau": "hr\tit"])
        #expect(!line.contains("\n") && !line.contains("\r") && !line.contains("\u{1B}"))
        #expect(line.dropFirst(26) == #"info    read bureau="hr\tit" file="exports/hr-it/a\nb\r\u{1b}[31m.csv""#)
    }

    @Test("the exit codes are the sysexits values, each distinct")
    func codes() {
        #expect(JobExit.allCases.map(\.rawValue) == [0, 64, 65, 70, 75, 77, 78])
        #expect(JobExit.code(for: ConfigurationError(path: "x", reason: "y")) == .configuration)
        #expect(JobExit.code(for: LockHeld(path: "x", holder: "")) == .locked)
        #expect(JobExit.code(for: PublishError(path: "x", reason: "y")) == .failed)
        #expect(JobExit.code(for: SummaryInconsistency(violations: ["x"])) == .failed)
        let shrink = PlanShrank(previousRun: "runs/x", previousProjects: 10, projects: 1, agenciesGone: [:], files: [])
        #expect(JobExit.code(for: shrink) == .planShrank)
    }

    @Test(
        "the progress bar",
        arguments: [(0, 4, "[--------] 0/4 a"), (2, 4, "[####----] 2/4 a"), (4, 4, "[########] 4/4 a")])
    func bar(done: Int, total: Int, text: String) {
        #expect(ConsoleSink.bar(done: done, total: total, label: "a", width: 8) == text)
    }
}
