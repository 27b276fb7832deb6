import Foundation
import Testing

@testable import PlanRollup
@testable import RollupBase
@testable import RollupCore
@testable import RollupReading

/// The same inputs and as-of date give the same bytes: only the manifest records when a run ran.
@Suite("Reproducible runs")
struct ReproducibilityTests {
    /// The summaries proper: every file whose rows do not name input files.
    static let summaries = [
        "agencies.csv", "bureaus.csv", "data_dictionary.csv", "issues.csv", "measures.csv", "months.csv",
        "projects.csv",
        "quarters.csv", "report_form.csv", "summary.json", "summary.schema.json",
    ]

    @Test("two runs at different times into different folders: every file but manifest.json byte-identical")
    func twoRuns() throws {
        let first = try PublishedRun.make(output: makeTemporaryFolder("repro-a"), started: startTime(0))
        let second = try PublishedRun.make(output: makeTemporaryFolder("repro-b"), started: startTime(3_725))
        defer {
            try? FileManager.default.removeItem(at: first.output)
            try? FileManager.default.removeItem(at: second.output)
        }
        #expect(first.folder.lastPathComponent != second.folder.lastPathComponent)
        #expect(first.fileNames == second.fileNames)
        #expect(Set(Self.summaries).isSubset(of: Set(first.fileNames)))
        for name in first.fileNames where name != "manifest.json" {
            #expect(try first.bytes(name) == second.bytes(name), "\(name)")
        }
        #expect(
            try first.bytes("manifest.json") != second.bytes("manifest.json"),
            "the manifests record different start times")
    }

    @Test("two processes of the real binary (each with its own hash seed) write the same bytes, the manifest aside")
    func twoProcesses() throws {
        let root = try makeTemporaryFolder("repro-processes")
        defer { try? FileManager.default.removeItem(at: root) }
        let outputs = ["a", "b"].map { root.appendingPathComponent($0) }
        for output in outputs {
            let (status, message) = try runBinary([
                "run", "--input", PublishedRun.shippedInput, "--output", output.path,
            ])
            try #require(status == 0, "\(message)")
        }
        let latest = outputs.map { $0.appendingPathComponent("latest") }
        let names = filesUnder(latest[0])
        #expect(names == filesUnder(latest[1]))
        #expect(names.count >= 16)
        for name in names where name != "manifest.json" {
            let bytes = try latest.map { Array(try Data(contentsOf: $0.appendingPathComponent(name))) }
            #expect(bytes[0] == bytes[1], "\(name)")
        }
    }

    @Test("the exports read in another order, under other names: the same summaries, the same rejects")
    func shuffledExports() throws {
        let root = try makeTemporaryFolder("repro-shuffled")
        defer { try? FileManager.default.removeItem(at: root) }
        let fm = FileManager.default
        let input = root.appendingPathComponent("input")
        try fm.copyItem(atPath: PublishedRun.shippedInput, toPath: input.path)
        // Within each bureau folder, rename the files so that they sort in reverse; remember the old names.
        var original: [String: String] = [:]
        let exports = input.appendingPathComponent("exports")
        var reordered = 0
        for bureau in try fm.contentsOfDirectory(atPath: exports.path) {
            let folder = exports.appendingPathComponent(bureau)
            let names = try fm.contentsOfDirectory(atPath: folder.path).sorted()
            for (i, name) in names.enumerated() {
                let renamed = "\(names.count - i)-copy-" + name
                try fm.moveItem(at: folder.appendingPathComponent(name), to: folder.appendingPathComponent(renamed))
                original["exports/\(bureau)/\(renamed)"] = "exports/\(bureau)/\(name)"
            }
            if names.count > 1 { reordered += 1 }
        }
        #expect(reordered >= 2, "the shipped input has bureaus with more than one export")

        let plain = try PublishedRun.make(output: root.appendingPathComponent("plain"), started: startTime(0))
        let shuffled = try PublishedRun.make(
            input: input.path, output: root.appendingPathComponent("shuffled"), started: startTime(60))
        let order = { (run: PublishedRun) in run.outcome.accounts.map { original[$0.path] ?? $0.path } }
        #expect(order(plain) != order(shuffled), "the files were read in another order")
        for name in Self.summaries {
            #expect(try plain.bytes(name) == shuffled.bytes(name), "\(name)")
        }
        // The rejects name the files: with the old names put back, the same lines.
        let renamedBack = { (bytes: [UInt8]) -> [String] in
            var text = String(decoding: bytes, as: UTF8.self)
            for (renamed, name) in original { text = text.replacingOccurrences(of: renamed, with: name) }
            return text.components(separatedBy: "\r\n").sorted()
        }
        #expect(renamedBack(try plain.bytes("rejects.csv")) == renamedBack(try shuffled.bytes("rejects.csv")))
    }
}
