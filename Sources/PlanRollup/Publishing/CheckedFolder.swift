import Foundation
import Glibc
import RollupBase
import RollupCore
import RollupReading

/// `<output>/checked/<bureau>/`: where `validate --format xlsx` leaves the marked copies of each
/// bureau's files. Written like the rest of the output tree, never through a link: the folders are
/// made with mkdirat(2) and opened with O_NOFOLLOW, a copy goes to a new temporary file in its
/// bureau's folder, synced, then renamed over the name (a rename replaces an entry, never writes
/// through it), and what is reported is read back from disk. A link, or an entry of the wrong kind,
/// at `checked`, a bureau's folder or a copy's name is refused as a configuration error (exit 78,
/// as `run` refuses one in its own tree) with what to do.
public struct CheckedFolder: Sendable {
    public static let name = "checked"
    /// Temporary copies are `.marked-<pid>-<random>.xlsx`: a dead run's are removed on the next write.
    static let temporaryPrefix = ".marked-"

    public let output: String
    public var path: String { output + "/" + Self.name }

    public init(output: String) { self.output = output }

    /// Before anything is read or written: refuses a link or an entry that is not a folder at
    /// `checked` and at the folder of each of `bureaus`, and a link or an entry that is not a file at
    /// each of `copies`. Creates nothing.
    public func preflight(bureaus: [String], copies: [(bureau: String, name: String)] = []) throws {
        if let found = kind(path), found != S_IFDIR { throw refusal(path, found, expected: "a folder") }
        for code in Set(bureaus).sorted() {
            try Self.checkName(code, what: "bureau code")
            let folder = path + "/" + code
            if let found = kind(folder), found != S_IFDIR { throw refusal(folder, found, expected: "a folder") }
        }
        for copy in copies {
            let file = path + "/" + copy.bureau + "/" + copy.name
            if let found = kind(file), found != S_IFREG { throw refusal(file, found, expected: "a file") }
        }
    }

    /// Moves the workbook at `spooled` into place as `<bureau>/<name>`, making the folders as needed.
    /// Returns the copy's path and its size as read back from disk.
    public func place(_ spooled: String, bureau: String, name: String) throws -> (path: String, bytes: Int) {
        try Self.checkName(name, what: "file name")
        let folder = try openBureauFolder(bureau, making: true)!
        defer { close(folder.fd) }
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        where ProcessLiveness.isDeadLeftover(entry, prefix: Self.temporaryPrefix) {
            unlinkat(folder.fd, entry, 0)
        }
        let target = folder.path + "/" + name
        if let found = kind(at: folder.fd, name), found != S_IFREG {
            throw refusal(target, found, expected: "a file")
        }
        let temporary = Self.temporaryPrefix + "\(getpid())-\(UInt64.random(in: 0...UInt64.max)).xlsx"
        do {
            try copy(spooled, into: folder.fd, temporary, shown: folder.path + "/" + temporary)
            try check(renameat(folder.fd, temporary, folder.fd, name), "rename into place", target)
        } catch {
            unlinkat(folder.fd, temporary, 0)
            throw error
        }
        try check(fsync(folder.fd), "fsync", folder.path)
        var st = stat()
        guard fstatat(folder.fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0, st.st_mode & S_IFMT == S_IFREG else {
            throw CheckedFolderError(path: target, reason: "the copy is not there after the rename")
        }
        return (target, Int(st.st_size))
    }

    /// Removes `<bureau>/<name>` when it is a file: the copy a previous check left for a file that has
    /// nothing to mark now. Returns its path when one was removed; makes no folder.
    public func removeStale(bureau: String, name: String) throws -> String? {
        try Self.checkName(name, what: "file name")
        guard let folder = try openBureauFolder(bureau, making: false) else { return nil }
        defer { close(folder.fd) }
        guard kind(at: folder.fd, name) == S_IFREG else { return nil }
        let target = folder.path + "/" + name
        try check(unlinkat(folder.fd, name, 0), "remove", target)
        return target
    }

    /// `checked/<bureau>` opened without following a link (made first when `making`), or nil when it
    /// is not there and `making` is false.
    private func openBureauFolder(_ bureau: String, making: Bool) throws -> (fd: Int32, path: String)? {
        try Self.checkName(bureau, what: "bureau code")
        if making {
            do {
                try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
            } catch {
                throw CheckedFolderError(
                    path: output, reason: "cannot create the folder (\(error.localizedDescription))")
            }
        }
        // The output folder itself may be a link (the job's own output may live elsewhere); below it, none.
        let top = open(output, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if top < 0 && !making && errno == ENOENT { return nil }
        try check(top, "open", output)
        defer { close(top) }
        guard let checked = try openFolder(in: top, Self.name, shown: path, making: making) else { return nil }
        defer { close(checked) }
        let shown = path + "/" + bureau
        guard let fd = try openFolder(in: checked, bureau, shown: shown, making: making) else { return nil }
        return (fd, shown)
    }

    /// Folder `name` of the folder `parent`, opened with O_NOFOLLOW; a link or a file there is refused.
    private func openFolder(in parent: Int32, _ name: String, shown: String, making: Bool) throws -> Int32? {
        if making, mkdirat(parent, name, 0o755) != 0, errno != EEXIST {
            throw CheckedFolderError(
                path: shown, reason: "cannot create the folder (\(String(cString: strerror(errno))))")
        }
        let fd = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        if fd >= 0 { return fd }
        let error = errno
        if !making && error == ENOENT { return nil }
        if let found = kind(at: parent, name), found != S_IFDIR { throw refusal(shown, found, expected: "a folder") }
        throw CheckedFolderError(path: shown, reason: "cannot open the folder (\(String(cString: strerror(error))))")
    }

    /// Copies the file at `source` into a new file `name` of folder `folder`, synced.
    private func copy(_ source: String, into folder: Int32, _ name: String, shown: String) throws {
        let input = try FileByteSource(path: source, maxBytes: Int.max, followingLinks: false)
        let fd = openat(folder, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        try check(fd, "create", shown)
        defer { close(fd) }
        var block = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = try block.withUnsafeMutableBytes { try input.read(into: $0) }
            if n == 0 { break }
            var offset = 0
            while offset < n {
                let w = block.withUnsafeBytes { write(fd, $0.baseAddress! + offset, n - offset) }
                if w < 0 && errno == EINTR { continue }
                try check(w < 0 ? -1 : 0, "write", shown)
                offset += w
            }
        }
        try check(fsync(fd), "fsync", shown)
    }

    private func kind(_ path: String) -> mode_t? {
        var st = stat()
        return lstat(path, &st) == 0 ? st.st_mode & S_IFMT : nil
    }

    private func kind(at folder: Int32, _ name: String) -> mode_t? {
        var st = stat()
        return fstatat(folder, name, &st, AT_SYMLINK_NOFOLLOW) == 0 ? st.st_mode & S_IFMT : nil
    }

    private func refusal(_ path: String, _ found: mode_t, expected: String) -> ConfigurationError {
        let what =
            found == S_IFLNK ? "a link" : found == S_IFDIR ? "a folder" : found == S_IFREG ? "a file" : "a special file"
        return ConfigurationError(
            path: path,
            reason: "is \(what), not \(expected): validate writes its marked copies only inside the output folder "
                + "and never through a link; move it out of \(self.path) and run again; no marked copy was written "
                + "through it")
    }

    /// A folder or file name of the tree: one path component.
    private static func checkName(_ name: String, what: String) throws {
        guard !name.isEmpty, name != ".", name != "..", !name.contains("/"), !name.contains("\0") else {
            throw ConfigurationError(path: name, reason: "not usable as a \(what) in the checked folder")
        }
    }

    private func check(_ result: Int32, _ operation: String, _ path: String) throws {
        if result < 0 {
            throw CheckedFolderError(path: path, reason: "\(operation) failed: \(String(cString: strerror(errno)))")
        }
    }

    private func check(_ result: Int, _ operation: String, _ path: String) throws {
        try check(Int32(clamping: result), operation, path)
    }
}

/// A marked copy could not be written into the output folder (no room, no permission): exit 70.
public struct CheckedFolderError: Error, CustomStringConvertible, Sendable {
    public let path: String
    public let reason: String
    public var description: String { "\(path): \(reason)" }
}
