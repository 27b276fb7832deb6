import Foundation
import Glibc
import Testing

@testable import PlanRollup
@testable import RollupBase
@testable import RollupCore
@testable import RollupReading

/// Files that are not what their name says, that change or vanish, folders that loop: each is
/// refused with its reason and the run's other files still count. Tests run as root, so the
/// unreadable cases are ones root cannot read either.
@Suite("File system faults: a clear reject, and the rest of the run goes on")
struct FileSystemFaultTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        /// Reason the reject must give.
        let reason: String
        var code: RejectCode = .unreadableFile
        /// Makes the odd entry at `path` (exports/b1/odd.csv).
        let make: @Sendable (String) throws -> Void
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "a directory named odd.csv", reason: "a folder inside the bureau's folder is not read",
            code: .notAnExport
        ) { path in
            #expect(mkdir(path, 0o755) == 0)
        },
        Case(
            name: "a FIFO named odd.csv, with no writer (must not block)",
            reason: "it is a FIFO (named pipe), not a regular file"
        ) { path in
            #expect(mkfifo(path, 0o644) == 0)
            // Safety net only: should the job open the FIFO blocking, this unblocks it after a
            // while, and the reason asserted below is then missing, so the test fails instead of hanging.
            DispatchQueue.global().asyncAfter(deadline: .now() + 5) {
                let fd = open(path, O_WRONLY | O_NONBLOCK)
                if fd >= 0 { close(fd) }
            }
        },
        // A link out of the input folder is refused before it is opened, endless device or not.
        Case(
            name: "a symlink to /dev/zero (an endless device)", reason: "leads outside the input folder",
            code: .outsideInput
        ) { path in
            #expect(symlink("/dev/zero", path) == 0)
        },
        Case(
            name: "a file that vanished between listing and opening (dangling symlink)",
            reason: "No such file or directory"
        ) { path in
            #expect(symlink(path + ".gone", path) == 0)
        },
        Case(name: "a symlink loop named odd.csv", reason: "Too many levels of symbolic links") { path in
            #expect(symlink(path, path) == 0)
        },
    ]

    @Test(
        "an entry named .csv that is no regular file is refused with its reason; the good file beside it counts",
        arguments: cases)
    func oddEntry(_ c: Case) throws {
        let (outcome, root) = try runOnFolder { input in
            try c.make(input.appendingPathComponent("exports/b1/odd.csv").path)
            try (exportHeader + goodRow(1)).write(
                to: input.appendingPathComponent("exports/b1/good.csv"), atomically: true, encoding: .utf8)
        }
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(outcome.rejects.map(\.code) == [c.code])
        #expect(outcome.rejects.first?.file == "exports/b1/odd.csv")
        #expect(outcome.rejects.first?.english.contains(c.reason) == true, "\(outcome.rejects.first?.english ?? "")")
        #expect(outcome.summary.total.actual.rows == 1)
        let balanced = outcome.accounts.allSatisfy { $0.isBalanced }
        #expect(balanced)
    }

    @Test("a bureau folder that is a symlink loop is refused by name; the other bureau's file counts")
    func bureauLoop() throws {
        let (outcome, root) = try runOnFolder { input in
            let loop = input.appendingPathComponent("exports/b2").path
            #expect(symlink(loop, loop) == 0)
            try (exportHeader + goodRow(1)).write(
                to: input.appendingPathComponent("exports/b1/good.csv"), atomically: true, encoding: .utf8)
        }
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(outcome.rejects.map(\.code) == [.unreadableFile])
        #expect(outcome.rejects.first?.file == "exports/b2")
        #expect(outcome.rejects.first?.english.contains("Too many levels of symbolic links") == true)
        #expect(outcome.summary.total.actual.rows == 1)
    }

    @Test("an input folder that is a symlink loop stops the run with the system's reason, naming the folder")
    func inputFolderLoop() throws {
        let root = try makeTemporaryFolder("loop")
        defer { try? FileManager.default.removeItem(at: root) }
        let input = root.appendingPathComponent("input").path
        #expect(symlink(input, input) == 0)
        let options = Pipeline.Options(input: input, output: root.appendingPathComponent("output").path)
        let error = #expect(throws: InputFolderError.self) {
            _ = try Pipeline.compute(options, today: CalendarDay(year: 2019, month: 9, day: 30)!)
        }
        #expect(error?.path == input + "/plan")
        #expect(error?.reason.contains("Too many levels of symbolic links") == true)
    }

    /// A 200 KB export on disk, opened as the job opens it (its first 64 KiB already read).
    static func openLargeExport(in folder: URL) throws -> (InputFile, String) {
        let path = folder.appendingPathComponent("x.csv").path
        var text = exportHeader
        for day in 1...30 { text += "สผ-62-001,\(day)/11/2561,1,10," + String(repeating: "ก", count: 2_200) + "\n" }
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        #expect(text.utf8.count > 3 * InputFile.sampleSize)
        return (try InputFile(path: path), path)
    }

    struct Change: CustomTestStringConvertible, Sendable {
        let name: String
        let apply: @Sendable (String) -> Void
        var testDescription: String { name }
    }

    static let changes: [Change] = [
        Change(name: "appended to") { path in
            let fd = open(path, O_WRONLY | O_APPEND)
            _ = "สผ-62-001,1/12/2561,1,10,late\n".withCString { write(fd, $0, strlen($0)) }
            close(fd)
        },
        Change(name: "truncated") { path in _ = truncate(path, 100_000) },
    ]

    @Test(
        "a file that changes while being read: reading stops with FileChanged, not a quietly different file",
        arguments: changes)
    func changedWhileRead(_ change: Change) throws {
        let folder = try makeTemporaryFolder("changing")
        defer { try? FileManager.default.removeItem(at: folder) }
        let (file, path) = try Self.openLargeExport(in: folder)
        change.apply(path)
        let error = #expect(throws: FileChanged.self) {
            try TableReader().read(file) { _ in }
        }
        #expect(error?.path == path && error?.reason.contains("changed while being read") == true)
    }

    @Test("a file deleted after it was opened is read whole as it was opened (POSIX keeps the open file)")
    func vanishedWhileRead() throws {
        let folder = try makeTemporaryFolder("vanishing")
        defer { try? FileManager.default.removeItem(at: folder) }
        let (file, path) = try Self.openLargeExport(in: folder)
        #expect(unlink(path) == 0)
        var data = 0
        try TableReader().read(file) { if case .data = $0 { data += 1 } }
        #expect(data == 30)
    }

    @Test(
        "the archive copy of a file that changed while the job finished copying it holds what was read, and finish does not throw"
    )
    func archiveOfChangedFile() throws {
        let folder = try makeTemporaryFolder("archive-change")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("x.csv").path
        let original = [UInt8](repeating: UInt8(ascii: "a"), count: 300_000)
        try Data(original).write(to: URL(fileURLWithPath: path))
        let archive = RawArchive(folder: folder.appendingPathComponent("archive").path)
        let source = try archive.open(path: path)
        let block = UnsafeMutableRawBufferPointer.allocate(byteCount: 100_000, alignment: 16)
        defer { block.deallocate() }
        #expect(try source.read(into: block) == 100_000)
        #expect(truncate(path, 150_000) == 0)
        let archived = try source.finish()
        #expect(archived.bytes == 150_000)
        // Named only once the file system is synced (the copy readable meanwhile where it was written).
        let named = folder.appendingPathComponent("archive/" + archived.name).path
        #expect(!FileManager.default.fileExists(atPath: named))
        #expect(try Data(contentsOf: URL(fileURLWithPath: try #require(source.copyPath))).count == 150_000)
        // A second copy of the same bytes, finished before the commit, is dropped by it.
        let twin = try archive.open(path: path)
        _ = try twin.finish()
        try archive.commit()
        let copy = try Data(contentsOf: URL(fileURLWithPath: named))
        #expect(copy.count == 150_000)
        let left = try FileManager.default.contentsOfDirectory(atPath: archive.folder)
        #expect(left == [archived.name], "no temporary copy left: \(left)")
    }

    @Test("a file that grows past the size limit while read is stopped at the limit")
    func grewPastLimit() throws {
        let folder = try makeTemporaryFolder("growing")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("x.csv").path
        try Data(repeating: UInt8(ascii: "a"), count: 1_000).write(to: URL(fileURLWithPath: path))
        let source = try FileByteSource(path: path, maxBytes: 2_000)
        let fd = open(path, O_WRONLY | O_APPEND)
        _ = [UInt8](repeating: UInt8(ascii: "b"), count: 5_000).withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        let block = UnsafeMutableRawBufferPointer.allocate(byteCount: 1_500, alignment: 16)
        defer { block.deallocate() }
        #expect(try source.read(into: block) == 1_500)
        let error = #expect(throws: FileChanged.self) { _ = try source.read(into: block) }
        #expect(error?.reason.contains("grew past the limit of 2000 bytes") == true)
        #expect(try source.read(into: block) == 0)
    }
}
