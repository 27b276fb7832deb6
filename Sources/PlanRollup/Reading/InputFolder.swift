import Foundation

/// The input folder's layout: `plan/` holds the plan files, `exports/<bureau>/` each bureau's exports.
public struct InputFolder: Sendable {
    public let root: String

    public init(root: String) { self.root = root }

    public var planFolder: String { root + "/plan" }
    public var exportsFolder: String { root + "/exports" }

    /// File names that are read as CSV: .csv, .txt and .tsv, not hidden, in name order.
    public static func csvFiles(in folder: String) throws -> [String] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder)
        } catch {
            throw InputFolderError(path: folder, reason: "cannot list the folder (\(error.localizedDescription))")
        }
        return names.filter { name in
            guard !name.hasPrefix(".") else { return false }
            let lower = name.lowercased()
            guard lower.hasSuffix(".csv") || lower.hasSuffix(".txt") || lower.hasSuffix(".tsv") else { return false }
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: folder + "/" + name, isDirectory: &isDirectory)
                && !isDirectory.boolValue
        }.sorted()
    }

    /// Bureau folders under `exports/`, in name order.
    public func bureauFolders() throws -> [String] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: exportsFolder)
        } catch {
            throw InputFolderError(path: exportsFolder, reason: "cannot list the folder (\(error.localizedDescription))")
        }
        return names.filter { name in
            var isDirectory: ObjCBool = false
            return !name.hasPrefix(".")
                && FileManager.default.fileExists(atPath: exportsFolder + "/" + name, isDirectory: &isDirectory)
                && isDirectory.boolValue
        }.sorted()
    }

    /// Every export file as (bureau folder, path relative to the input folder), in order.
    public func exportFiles() throws -> [(bureau: String, relative: String)] {
        var files: [(String, String)] = []
        for bureau in try bureauFolders() {
            for name in try Self.csvFiles(in: exportsFolder + "/" + bureau) {
                files.append((bureau, "exports/\(bureau)/\(name)"))
            }
        }
        return files
    }
}

/// The input folder or one of its parts cannot be read.
public struct InputFolderError: Error, CustomStringConvertible, Sendable {
    public let path: String
    public let reason: String
    public var description: String { "\(path): \(reason)" }
}
