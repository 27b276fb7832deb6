import Glibc
import RollupBase

/// The input folder's layout: `plan/` holds the plan files, `exports/<bureau>/` each bureau's exports.
public struct InputFolder: Sendable {
    public let root: String

    public init(root: String) { self.root = root }

    public var planFolder: String { root + "/plan" }
    public var exportsFolder: String { root + "/exports" }

    /// Names ending .csv, .txt or .tsv, not hidden, in name order, whatever they are: a directory,
    /// FIFO, device or broken symlink under such a name is listed so that opening it refuses it
    /// with its reason (`FileByteSource`), instead of it vanishing silently or blocking the job.
    public static func csvFiles(in folder: String) throws -> [String] {
        try entries(of: folder).filter { !$0.hasPrefix(".") && isCSVName($0) }.sorted()
    }

    /// Every entry of a bureau's folder, hidden ones (".x") too, in name order: exports to read, and
    /// anything else to refuse with its reason rather than pass over in silence.
    public static func bureauEntries(in folder: String) throws -> [String] {
        try entries(of: folder).sorted()
    }

    /// Whether a file name is one of an export's: a CSV (.csv, .txt, .tsv) or an Excel workbook
    /// (.xlsx, .xlsm), in any case.
    public static func isCSVName(_ name: String) -> Bool {
        let lower = name.lowercased()
        return lower.hasSuffix(".csv") || lower.hasSuffix(".txt") || lower.hasSuffix(".tsv") || isWorkbookName(name)
    }

    /// Whether a file name is an Excel workbook's the job reads (.xlsx, .xlsm).
    public static func isWorkbookName(_ name: String) -> Bool {
        let lower = name.lowercased()
        return lower.hasSuffix(".xlsx") || lower.hasSuffix(".xlsm")
    }

    /// Bureau folders under `exports/`, in name order: directories, and entries that do not resolve
    /// at all (a broken symlink, a symlink loop), so that those are refused with their reason.
    public func bureauFolders() throws -> [String] {
        try Self.entries(of: exportsFolder).filter { name in
            guard !name.hasPrefix(".") else { return false }
            var st = stat()
            guard stat(exportsFolder + "/" + name, &st) == 0 else { return true }
            return st.st_mode & S_IFMT == S_IFDIR
        }.sorted()
    }

    /// Every entry of every bureau folder as (bureau folder, path relative to the input folder), in
    /// order, hidden names (".x") aside. A bureau entry that does not resolve to a folder is given as
    /// itself, so reading it refuses it; so are workbooks, other files and folders inside it.
    public func exportFiles() throws -> [(bureau: String, relative: String)] {
        var files: [(String, String)] = []
        for bureau in try bureauFolders() {
            var st = stat()
            guard stat(exportsFolder + "/" + bureau, &st) == 0 else {
                files.append((bureau, "exports/\(bureau)"))
                continue
            }
            // Every entry, not only CSV files: what is not an export is refused with its reason, never
            // passed over in silence.
            for name in try Self.bureauEntries(in: exportsFolder + "/" + bureau) {
                files.append((bureau, "exports/\(bureau)/\(name)"))
            }
        }
        return files
    }

    /// The names in `folder` (opendir/readdir), without "." and "..".
    static func entries(of folder: String) throws -> [String] {
        guard let dir = opendir(folder) else {
            throw InputFolderError(path: folder, reason: "cannot list the folder (\(String(cString: strerror(errno))))")
        }
        defer { closedir(dir) }
        var names: [String] = []
        errno = 0
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
            errno = 0
        }
        if errno != 0 {
            throw InputFolderError(path: folder, reason: "cannot list the folder (\(String(cString: strerror(errno))))")
        }
        return names
    }
}

/// The input folder or one of its parts cannot be read.
public struct InputFolderError: Error, CustomStringConvertible, Sendable {
    public let path: String
    public let reason: String
    public var description: String { "\(path): \(reason)" }

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
}
