import Foundation
import Glibc

/// Publishes a run's files so that readers see the newest complete run or the one before, never a
/// half-written one: files go into a staging folder, are synced, the folder is renamed into
/// `runs/`, and `latest` (a symlink) and `LATEST.json` (for Windows shares) are swapped by rename.
public struct Publisher {
    public let outputFolder: String

    public init(outputFolder: String) { self.outputFolder = outputFolder }

    public var runsFolder: String { outputFolder + "/runs" }
    public var latestLink: String { outputFolder + "/latest" }

    /// Writes `files` as run `runID` and makes it the latest. Returns the run's folder.
    @discardableResult
    public func publish(runID: String, files: [(name: String, bytes: [UInt8])]) throws -> String {
        try makeFolder(outputFolder)
        try makeFolder(runsFolder)
        let staging = outputFolder + "/.staging-" + runID
        try? FileManager.default.removeItem(atPath: staging)
        try makeFolder(staging)
        var folders: Set<String> = [staging]
        for file in files {
            let path = staging + "/" + file.name
            if let slash = path.lastIndex(of: "/"), !folders.contains(String(path[..<slash])) {
                let folder = String(path[..<slash])
                try makeFolder(folder)
                folders.insert(folder)
            }
            try writeSynced(path: path, bytes: file.bytes)
        }
        for folder in folders.sorted(by: >) { try syncFolder(folder) }
        let final = runsFolder + "/" + runID
        try? FileManager.default.removeItem(atPath: final)
        try check(rename(staging, final), "rename", staging)
        try syncFolder(runsFolder)

        let tempLink = outputFolder + "/.latest-" + runID
        unlink(tempLink)
        try check(symlink("runs/" + runID, tempLink), "symlink", tempLink)
        try check(rename(tempLink, latestLink), "rename", latestLink)

        let pointer = JSONValue.object([("run", .string(runID)), ("path", .string("runs/" + runID))]).rendered()
        let tempPointer = outputFolder + "/.LATEST.json-" + runID
        try writeSynced(path: tempPointer, bytes: Array(pointer.utf8))
        try check(rename(tempPointer, outputFolder + "/LATEST.json"), "rename", "LATEST.json")
        try syncFolder(outputFolder)
        return final
    }

    private func makeFolder(_ path: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw PublishError(path: path, reason: "cannot create the folder (\(error.localizedDescription))")
        }
    }

    /// write(2) everything, then fsync(2), so a crash after publishing cannot leave a short file.
    func writeSynced(path: String, bytes: [UInt8]) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        try check(fd, "open", path)
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, bytes.count - offset) }
            if n < 0 && errno == EINTR { continue }
            try check(n < 0 ? -1 : 0, "write", path)
            offset += n
        }
        try check(fsync(fd), "fsync", path)
    }

    private func syncFolder(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        try check(fd, "open", path)
        defer { close(fd) }
        try check(fsync(fd), "fsync", path)
    }

    private func check(_ result: Int32, _ operation: String, _ path: String) throws {
        if result < 0 { throw PublishError(path: path, reason: "\(operation) failed: \(String(cString: strerror(errno)))") }
    }

    private func check(_ result: Int, _ operation: String, _ path: String) throws {
        try check(Int32(clamping: result), operation, path)
    }
}

/// Publishing failed: nothing new became `latest`.
public struct PublishError: Error, CustomStringConvertible, Sendable {
    public let path: String
    public let reason: String
    public var description: String { "\(path): \(reason); the previous run stays the latest" }
}
