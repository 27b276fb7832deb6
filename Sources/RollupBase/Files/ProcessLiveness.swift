import Foundation
import Glibc

/// Whether a process still runs: what tells a dead run's leftovers from a live run's files.
public enum ProcessLiveness {
    /// The process id in a leftover's name `<prefix><pid>` or `<prefix><pid>-…`, or nil when the name is not one.
    static func owner(of name: String, prefix: String) -> Int32? {
        guard name.hasPrefix(prefix) else { return nil }
        return name.dropFirst(prefix.count).split(separator: "-", maxSplits: 1).first.flatMap { Int32($0) }
    }

    /// Removes the files `<prefix><pid>…` of `folder` whose process id `matches`.
    public static func removeFiles(in folder: String, prefix: String, ownedBy matches: (Int32) -> Bool) {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
            guard let pid = owner(of: name, prefix: prefix), matches(pid) else { continue }
            unlink(folder + "/" + name)
        }
    }

    /// Removes the files `<prefix><pid>…` of `folder` left by processes no longer alive, and only those.
    public static func removeDeadLeftovers(in folder: String, prefix: String) {
        removeFiles(in: folder, prefix: prefix) { $0 != getpid() && !isAlive($0) }
    }

    /// True when `name` is `<prefix><pid>…` of a process no longer alive (never this one's).
    public static func isDeadLeftover(_ name: String, prefix: String) -> Bool {
        guard let pid = owner(of: name, prefix: prefix) else { return false }
        return pid != getpid() && !isAlive(pid)
    }

    static func isAlive(_ pid: Int32) -> Bool {
        guard pid > 0 else { return false }
        return kill(pid, 0) == 0 || errno == EPERM
    }
}
