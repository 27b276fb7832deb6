import Foundation
import Glibc
import Synchronization

/// The private temporary folder of this process's spool files (`SpillBuffer`): made on first use
/// under `$TMPDIR`, named with the process id so a later run can tell a dead run's folder, and
/// removed at exit.
public enum SpoolFolder {
    private struct State {
        var folder: String?
        var counter = 0
    }

    private static let state = Mutex(State())

    /// A new empty spool file (in `override` when given), or nil when the folder cannot hold one.
    public static func newFile(in override: String? = nil) -> String? {
        state.withLock { state -> String? in
            if override == nil, state.folder == nil {
                let base = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
                removeDeadSpools(in: base)
                // The process id in the name tells a later run whether the folder's owner is still alive.
                var template = Array((base + "/plan-rollup-spool-\(getpid())-XXXXXX").utf8CString)
                guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
                    return nil
                }
                state.folder = String(cString: made)
                atexit { SpoolFolder.removeFolder() }
            }
            state.counter += 1
            let path = (override ?? state.folder!) + "/\(state.counter)"
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            guard fd >= 0 else { return nil }
            close(fd)
            return path
        }
    }

    /// Removes the spool folders of runs that are no longer alive (a run killed before its exit
    /// handler), and only those: a folder whose process still runs is left alone.
    public static func removeDeadSpools(in base: String) {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: base)) ?? [] {
            guard let pid = ProcessLiveness.owner(of: name, prefix: "plan-rollup-spool-"), pid != getpid(),
                !ProcessLiveness.isAlive(pid)
            else { continue }
            var st = stat()
            let path = base + "/" + name
            guard lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR, st.st_uid == getuid() else { continue }
            try? FileManager.default.removeItem(atPath: path)
        }
    }

    static func removeFolder() {
        guard let folder = state.withLock({ $0.folder }) else { return }
        if let names = try? FileManager.default.contentsOfDirectory(atPath: folder) {
            for name in names { unlink(folder + "/" + name) }
        }
        rmdir(folder)
    }

    /// A spool file written by this process can no longer be read back: the refusals in it would
    /// be lost, so the run stops (the previous run stays the latest).
    public static func fail(_ operation: String, _ path: String) -> Never {
        fatalError("reject spool: \(operation) \(path) failed: \(String(cString: strerror(errno)))")
    }
}
