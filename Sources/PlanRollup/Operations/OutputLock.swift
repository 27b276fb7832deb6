import Foundation
import Glibc
import RollupBase
import RollupCore
import RollupReading

/// An exclusive flock(2) on `<output>/.plan-rollup.lock`, held until `release()` or the process ends,
/// so that a run started by hand cannot write the output folder while the nightly run does.
public final class OutputLock {
    public static let fileName = ".plan-rollup.lock"
    public let path: String
    private var fd: Int32

    private init(path: String, fd: Int32) {
        self.path = path
        self.fd = fd
    }

    deinit { release() }

    /// Takes the lock at once or throws `LockHeld`; creates the output folder when it is missing.
    public static func acquire(outputFolder: String, note: String = "") throws -> OutputLock {
        do {
            try FileManager.default.createDirectory(atPath: outputFolder, withIntermediateDirectories: true)
        } catch {
            throw PublishError(
                path: outputFolder, reason: "cannot create the output folder (\(error.localizedDescription))")
        }
        let path = outputFolder + "/" + fileName
        var st = stat()
        if lstat(path, &st) == 0, (st.st_mode & S_IFMT) != S_IFREG {
            throw ConfigurationError(
                path: path,
                reason: "is not a plain file (a link?): the job never writes through a link in its output folder; "
                    + "remove it and run again")
        }
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard fd >= 0 else { throw SystemError(path: path, operation: "open", errno: errno) }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let e = errno
            close(fd)
            guard e == EWOULDBLOCK else { throw SystemError(path: path, operation: "flock", errno: e) }
            let holder =
                (try? String(contentsOfFile: path, encoding: .utf8))?
                .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            throw LockHeld(path: path, holder: holder)
        }
        let text = "pid \(getpid()) since \(Manifest.timestamp(Date()))" + (note.isEmpty ? "" : " " + note) + "\n"
        ftruncate(fd, 0)
        _ = text.withCString { pwrite(fd, $0, strlen($0), 0) }
        return OutputLock(path: path, fd: fd)
    }

    /// Lets the next run in. Called by deinit too.
    public func release() {
        guard fd >= 0 else { return }
        flock(fd, LOCK_UN)
        close(fd)
        fd = -1
    }
}
