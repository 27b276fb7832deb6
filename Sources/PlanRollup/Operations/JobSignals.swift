import Dispatch
import Foundation
import Glibc
import Logging
import RollupBase
import RollupCore
import RollupReading

/// SIGTERM and SIGINT stop a run promptly: the job's temporary folders are removed, the log says so,
/// and the process exits 128 + the signal. Nothing is published; `latest` stays on the previous run
/// (the output folder's lock goes with the process, and the next run clears what was staged).
public enum JobSignals {
    /// Installs the handlers; they hold while the caller keeps the returned sources. `archiveFolder`:
    /// where this run's `.incoming-<pid>-…` copies are, removed on the way out.
    public static func install(log: Logger, archiveFolder: String) -> [any DispatchSourceSignal] {
        install(log: log) { RawArchive(folder: archiveFolder).removeOwnLeftovers() }
    }

    /// Installs the handlers with `cleanUp`, run once a signal arrives, before the process exits.
    public static func install(log: Logger, cleanUp: @escaping @Sendable () -> Void) -> [any DispatchSourceSignal] {
        var sources: [any DispatchSourceSignal] = []
        for signalNumber in [SIGTERM, SIGINT] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                log.error(
                    "stopped by a signal", metadata: ["signal": "\(signalNumber == SIGTERM ? "SIGTERM" : "SIGINT")"])
                cleanUp()
                exit(128 + signalNumber)  // the exit handler removes the reject spool
            }
            source.resume()
            sources.append(source)
        }
        return sources
    }
}
