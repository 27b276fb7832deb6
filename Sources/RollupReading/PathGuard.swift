import Glibc
import RollupBase

/// Keeps the job inside its folders: a file is read only when its real path (symlinks resolved)
/// lies under one of the allowed roots (the input folder, and the output folder's pulled copies).
/// A symlink in a bureau folder that points at /etc/passwd is refused, not read and archived.
public struct PathGuard: Sendable {
    public let roots: [String]

    /// `roots` are resolved once; a root that does not exist yet is kept as written.
    public init(roots: [String]) {
        self.roots = roots.map { Self.realPath($0) ?? $0 }
    }

    /// Nil when `path` may be read; else why not.
    public func refusal(for path: String) -> String? {
        guard let real = Self.realPath(path) else { return nil }  // opening it will say why it cannot be read
        if roots.contains(where: { real == $0 || real.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") }) { return nil }
        return "it leads outside the input folder (to \(real)); a link out of the input is not read"
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
