import Foundation
import Glibc
import Logging
import Testing

@testable import PlanRollup
@testable import RollupBase
@testable import RollupCore
@testable import RollupReading

/// What a person at a terminal sees: the progress bar to its end, the report before the warnings,
/// no info lines unless --verbose.
@Suite("The terminal")
struct ConsoleTests {
    /// A sink writing to a scratch file, and a way to read what it wrote.
    func sink(progress: Bool, quiet: Bool) throws -> (ConsoleSink, () -> String, () -> Void) {
        let folder = try makeTemporaryFolder("console")
        let path = folder.appendingPathComponent("stderr").path
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        try #require(fd >= 0)
        let read = { (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }
        return (
            ConsoleSink(fd: fd, progress: progress, quiet: quiet), read,
            {
                close(fd)
                try? FileManager.default.removeItem(at: folder)
            }
        )
    }

    @Test("quiet: info lines are not shown, warnings wait for releaseHeld, errors show at once")
    func quietTerminal() throws {
        let (sink, written, done) = try sink(progress: false, quiet: true)
        defer { done() }
        let log = JobLog.logger(sink: sink, level: .info)
        log.info("read", metadata: ["file": "a.csv"])
        log.warning("reject example", metadata: ["row": "11"])
        #expect(written().isEmpty, "nothing before the report")
        log.error("cannot write")
        #expect(written().contains(" error   cannot write"))
        #expect(!written().contains("reject example"))
        sink.releaseHeld()
        let all = written()
        #expect(all.contains("warnings (1):\n  ") && all.contains("reject example row=11"))
        #expect(!all.contains(" info "), "\(all)")
    }

    @Test("not quiet (cron, a log file, --verbose): every line as it happens")
    func verbose() throws {
        let (sink, written, done) = try sink(progress: false, quiet: false)
        defer { done() }
        let log = JobLog.logger(sink: sink, level: .info)
        log.info("read", metadata: ["file": "a.csv"])
        log.warning("reject example")
        let text = written()
        #expect(text.contains(" info    read file=a.csv") && text.contains(" warning reject example"))
        sink.releaseHeld()
        #expect(written() == text, "nothing was held")
    }

    @Test("the progress bar counts files finished and ends full, left on screen")
    func barEndsFull() throws {
        let (sink, written, done) = try sink(progress: true, quiet: true)
        defer { done() }
        let events = JobLog.events(log: JobLog.logger(sink: sink, level: .info), sink: sink)
        let files = (1...3).map {
            Pipeline.ExportFile(bureau: "b", path: "/x/\($0).csv", displayPath: "exports/b/\($0).csv")
        }
        for (i, file) in files.enumerated() {
            events(.exportStarted(index: i, started: i + 1, total: 3, file: file))
        }
        for (i, file) in files.enumerated() {
            events(
                .exportRead(
                    index: i, total: 3, account: FileAccount(path: file.displayPath, bureau: "b"), rejects: RejectLog(),
                    seconds: 0))
        }
        events(.aggregated(bureaus: 1, seconds: 0))
        let text = written()
        #expect(text.contains("] 0/3 exports/b/1.csv"), "started, none finished yet")
        #expect(text.hasSuffix("[########################] 3/3 export files read\n"), "\(text.suffix(80))")
    }
}
