import Foundation
import Glibc
import Testing

@testable import PlanRollup
@testable import RollupBase
@testable import RollupCore
@testable import RollupReading

/// Inputs built to break a reader: each gives a named reject or error, and memory stays within
/// the limits (checked on the reader's own buffer figures, not on time or RSS).
@Suite("Hostile input: a clear reject within the limits, never a crash")
struct HostileInputTests {
    @Test("a file of 0 bytes is read as UTF-8 with no rows and refused for its missing header")
    func zeroBytes() throws {
        let (events, summary) = try readTable(BytesObject([]))
        #expect(events.isEmpty)
        #expect(summary.statistics.bytes == 0 && summary.statistics.records == 0)
        #expect(summary.missingHeader?.headersSeen == [])

        let (outcome, root) = try runOnExports(["empty.csv": []])
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(outcome.rejects.map(\.code) == [.missingHeader])
        let account = try #require(outcome.accounts.first)
        #expect(account.records == 0 && account.isBalanced && account.encoding == "UTF-8")
    }

    /// A data row whose last cell is `count` bytes of "x" with no line end, between two good rows.
    static func hugeLine(_ count: Int) -> GeneratedSource {
        GeneratedSource(
            head: exportHeader + goodRow(1) + "สผ-62-001,2/11/2561,1,10,", pattern: Array("x".utf8), repeats: count,
            tail: "\n" + goodRow(3))
    }

    @Test(
        "one 100 MB line: one cellTooLarge reject at its line, libcsv's buffer stays near the cell limit, the next row is read",
        arguments: [100_000_000, (2 << 30) + 1])
    func hugeLine(bytes: Int) throws {
        // The 2 GiB + 1 case streams through the reader without ever being in memory.
        let source = Self.hugeLine(bytes)
        let limits = CSVLimits()
        let (events, summary) = try readTable(source, limits: limits)
        #expect(events.dataRows.map(\.record.line) == [2, 4])
        let fault = try #require(events.malformed.first)
        #expect(events.malformed.count == 1)
        #expect(fault.kind == .cellTooLarge(limit: limits.maxCellBytes) && fault.line == 3 && fault.column == 5)
        #expect(summary.statistics.bytes == source.total)
        #expect(summary.statistics.largestParserBuffer <= parserBufferBound(limits))
        #expect(summary.statistics.largestParserBuffer > limits.maxCellBytes)  // the cell really was collected
        #expect(summary.statistics.largestRecordBytes < 1_000)
    }

    @Test(
        "a 100 MB quoted cell spanning 1,600 lines: one reject, skipped to its closing quote, line numbers still right")
    func hugeQuotedCell() throws {
        let line = Array(repeating: UInt8(ascii: "y"), count: 65_535) + [0x0A]
        let source = GeneratedSource(
            head: exportHeader + goodRow(1) + "สผ-62-001,2/11/2561,1,10,\"", pattern: line, repeats: 1_600,
            tail: "\",tail\n" + goodRow(3))
        let (events, summary) = try readTable(source)
        #expect(events.malformed.map(\.kind) == [.cellTooLarge(limit: CSVLimits().maxCellBytes)])
        #expect(events.malformed.first?.recordLine == 3)
        // The closing quote is on line 3 + 1,600; nothing inside the cell became a record.
        #expect(events.dataRows.map(\.record.line) == [2, 1_604])
        #expect(summary.statistics.records == 3)
        #expect(summary.statistics.largestParserBuffer <= parserBufferBound(CSVLimits()))
    }

    @Test(
        "a million columns: the row is refused for its cell count, reading stops collecting at the limit, other rows count"
    )
    func millionColumns() throws {
        let wide = "สผ-62-001,2/11/2561,1,10" + String(repeating: ",x", count: 1_000_000) + "\n"
        let bytes = Array((exportHeader + goodRow(1) + wide + goodRow(3)).utf8)
        let (events, summary) = try readTable(BytesObject(bytes))
        #expect(events.malformed.map(\.kind) == [.tooManyCells(limit: 1_000)])
        #expect(events.malformed.first?.column == 1_001)
        #expect(summary.statistics.largestRecordBytes < 2_000)

        let (outcome, root) = try runOnExports(["wide.csv": bytes])
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(outcome.rejects.map(\.code) == [.malformedCSV])
        #expect(outcome.rejects.first?.line == 3)
        #expect(outcome.summary.total.actual.rows == 2)
        #expect(outcome.accounts.first?.isBalanced == true)
    }

    @Test(
        "cells each under the cell limit but over the record limit together: recordTooLarge, the record never held whole"
    )
    func recordTooLarge() throws {
        let limits = CSVLimits(maxCellBytes: 1_000, maxRecordBytes: 5_000)
        let text =
            "a,b\n" + Array(repeating: String(repeating: "z", count: 900), count: 10).joined(separator: ",") + "\nc,d\n"
        var reader = CSVReader(source: MemoryByteSource(text), file: "x.csv", limits: limits)
        var kinds: [CSVSyntaxError.Kind] = []
        var lines: [Int] = []
        let statistics = try reader.forEach { event in
            switch event {
            case .record(let r): lines.append(r.line)
            case .malformed(let e): kinds.append(e.kind)
            }
        }
        #expect(kinds == [.recordTooLarge(limit: 5_000)])
        #expect(lines == [1, 3])
        #expect(statistics.largestRecordBytes <= 5_000)
    }

    @Test("NUL bytes at the start: the file is refused whole as binary")
    func nulAtStart() throws {
        let bytes = [UInt8](repeating: 0, count: 100) + Array((exportHeader + goodRow(1)).utf8)
        let (outcome, root) = try runOnExports(["nul.csv": bytes])
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(outcome.rejects.map(\.code) == [.undecodableFile])
        #expect(outcome.accounts.first?.refusal?.contains("NUL") == true)
    }

    /// Header, a good row with a remark long enough to push what follows past the detection sample, `bad` row, a good row.
    static func afterSample(_ bad: [UInt8]) -> [UInt8] {
        let long = "สผ-62-001,1/11/2561,1,10," + String(repeating: "ก", count: 25_000) + "\n"
        #expect(long.utf8.count > InputFile.sampleSize)
        return Array((exportHeader + long).utf8) + bad + Array(goodRow(3).utf8)
    }

    @Test("a NUL byte past the detection sample: that row is refused as malformed, the others count")
    func nulAfterSample() throws {
        let bytes = Self.afterSample(Array("สผ-62-001,2/11/2561,1,7,a".utf8) + [0] + Array("b\n".utf8))
        let (outcome, root) = try runOnExports(["x.csv": bytes])
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(outcome.accounts.first?.encoding == "UTF-8")
        #expect(outcome.rejects.map(\.code) == [.malformedCSV])
        #expect(outcome.rejects.first?.line == 3 && outcome.rejects.first?.english.contains("NUL") == true)
        #expect(outcome.summary.total.actual.participants == 20)
    }

    @Test("invalid UTF-8 past the sample of a file detected as UTF-8: that row is refused, never counted as mojibake")
    func invalidUTF8AfterSample() throws {
        let bytes = Self.afterSample(Array("สผ-62-001,2/11/2561,1,7".utf8) + [0xC3, 0x28] + Array(",ok\n".utf8))
        let (outcome, root) = try runOnExports(["x.csv": bytes])
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(outcome.accounts.first?.encoding == "UTF-8")
        #expect(outcome.rejects.map(\.code) == [.invalidText])
        #expect(outcome.rejects.first?.line == 3 && outcome.rejects.first?.column == "จำนวนผู้เข้าร่วม (คน)")
        #expect(outcome.summary.total.actual.participants == 20)
    }

    struct QuotedCase: CustomTestStringConvertible, Sendable {
        let name: String
        let text: String
        let faults: [CSVSyntaxError.Kind]
        /// Lines of the records read, in order.
        let recordLines: [Int]
        var testDescription: String { name }
    }

    static let quotedGarbage: [QuotedCase] = [
        QuotedCase(
            name: "2 million quotes: a valid cell of 999,999 quotes",
            text: "\"" + String(repeating: "\"\"", count: 999_999) + "\"\nnext,row\n", faults: [], recordLines: [1, 2]),
        QuotedCase(
            name: "4 million quotes: over the cell limit, skipped to the closing quote",
            text: "\"" + String(repeating: "\"\"", count: 1_999_999) + "\"\nnext,row\n",
            faults: [.cellTooLarge(limit: 1 << 20)], recordLines: [2]),
        QuotedCase(
            name: "an opening quote never closed swallows the rest and is reported at the end",
            text: "a,b\n\"" + String(repeating: "\"\"", count: 10) + "\nnext,row\n", faults: [.unterminatedQuote],
            recordLines: [1]),
        QuotedCase(
            name: "text after a closing quote",
            text: "\"a\"b\",c\nnext,row\n", faults: [.malformedQuote], recordLines: [2]),
        QuotedCase(
            name: "100,000 nested-looking quoted cells on one line: too many cells",
            text: String(repeating: "\"\"\"a\"\"\",", count: 100_000) + "\nnext,row\n",
            faults: [.tooManyCells(limit: 1_000)], recordLines: [2]),
    ]

    @Test("deeply quoted garbage gives the named fault and reading resumes after it", arguments: quotedGarbage)
    func quoted(_ c: QuotedCase) throws {
        var reader = CSVReader(source: MemoryByteSource(c.text), file: "x.csv")
        var faults: [CSVSyntaxError.Kind] = []
        var lines: [Int] = []
        let statistics = try reader.forEach { event in
            switch event {
            case .record(let r): lines.append(r.line)
            case .malformed(let e): faults.append(e.kind)
            }
        }
        #expect(faults == c.faults)
        #expect(lines == c.recordLines)
        #expect(statistics.bytes == c.text.utf8.count)
        #expect(statistics.largestParserBuffer <= parserBufferBound(CSVLimits()))
    }

    @Test("a megabyte of random quotes, delimiters, line ends and text stays within every limit")
    func randomQuotes() throws {
        var sequence = FixedSequence(seed: 0x9E37_79B9)
        let alphabet = Array("\"\"\"\",,;\n\r ab\u{E01}".utf8)
        let bytes = (0..<1_000_000).map { _ in alphabet[sequence.next(alphabet.count)] }
        let limits = CSVLimits(maxCellBytes: 10_000, maxCells: 100, maxRecordBytes: 20_000)
        var reader = CSVReader(source: MemoryByteSource(bytes), file: "x.csv", limits: limits)
        var seen = 0
        let statistics = try reader.forEach { event in
            seen += 1
            if case .record(let r) = event {
                #expect(r.count <= 100 && (0..<r.count).allSatisfy { r.cellLength($0) <= 10_000 })
            }
        }
        #expect(statistics.bytes == bytes.count)
        #expect(seen == statistics.records + statistics.malformed && statistics.malformed > 0)
        #expect(statistics.largestParserBuffer <= parserBufferBound(limits))
        #expect(statistics.largestRecordBytes <= 20_000)
    }

    @Test("a 2 GiB sparse file of NULs: refused by the size limit before a byte is copied; the run's other file counts")
    func sparseTwoGiB() throws {
        let (outcome, root) = try runOnFolder { input in
            let path = input.appendingPathComponent("exports/b1/huge.csv").path
            let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            #expect(fd >= 0 && ftruncate(fd, (2 << 30) + 1) == 0)
            close(fd)
            try (exportHeader + goodRow(1)).write(
                to: input.appendingPathComponent("exports/b1/good.csv"), atomically: true, encoding: .utf8)
        }
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(outcome.rejects.map(\.code) == [.unreadableFile])
        #expect(outcome.rejects.first?.file == "exports/b1/huge.csv")
        #expect(outcome.rejects.first?.english.contains("more than the limit of \(1 << 30)") == true)
        #expect(outcome.summary.total.actual.rows == 1)
        let archive = root.appendingPathComponent("output/archive")
        for name in try FileManager.default.contentsOfDirectory(atPath: archive.path) {
            let size =
                try FileManager.default.attributesOfItem(atPath: archive.appendingPathComponent(name).path)[.size]
                as? Int
            #expect((size ?? 0) < 1_000_000, "\(name)")
        }
    }

    @Test("the same sparse file under a larger size limit: encoding detection refuses it from its first 64 KiB")
    func sparseRefusedByDetection() throws {
        let folder = try makeTemporaryFolder("sparse")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("huge.csv").path
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        #expect(fd >= 0 && ftruncate(fd, (2 << 30) + 1) == 0)
        close(fd)
        let error = #expect(throws: UndecodableFile.self) {
            _ = try InputFile(path: path, limits: CSVLimits(maxFileBytes: 4 << 30))
        }
        #expect(error?.reason.contains("NUL") == true)
    }
}
