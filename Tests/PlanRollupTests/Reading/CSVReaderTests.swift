import Testing

@testable import PlanRollup
@testable import RollupBase
@testable import RollupCore
@testable import RollupReading

/// Reads `text` through the real libcsv reader and returns its events.
func readEvents(
    _ text: String, dialect: CSVDialect = .comma, limits: CSVLimits = CSVLimits(), blockSize: Int = 7
) throws -> [CSVEvent] {
    var reader = CSVReader(
        source: MemoryByteSource(text), file: "t.csv", dialect: dialect, limits: limits, blockSize: blockSize)
    var events: [CSVEvent] = []
    try reader.forEach { events.append($0) }
    return events
}

func records(_ events: [CSVEvent]) -> [CSVRecord] {
    events.compactMap { if case .record(let r) = $0 { r } else { nil } }
}

func faults(_ events: [CSVEvent]) -> [CSVSyntaxError] {
    events.compactMap { if case .malformed(let e) = $0 { e } else { nil } }
}

struct ReaderCase: CustomTestStringConvertible, Sendable {
    let name: String
    let input: String
    let cells: [[String]]
    let lines: [Int]
    var testDescription: String { name }
}

@Suite("CSV reader on libcsv")
struct CSVReaderTests {
    @Test("a NUL byte refuses its record wherever it falls: any block, a cell spanning blocks, a later file block")
    func nulInAnyBlock() throws {
        let clean = "a,b\nccc,ddd\n"
        for at in 0..<5 {
            var cell = Array("xxxxx".utf8)
            cell[at] = 0
            let text = clean + String(decoding: Array("1,".utf8) + cell + Array("\n2,z\n".utf8), as: UTF8.self)
            for blockSize in 1...12 {
                let events = try readEvents(text, blockSize: blockSize)
                #expect(
                    records(events).map(\.cells) == [["a", "b"], ["ccc", "ddd"], ["2", "z"]], "block \(blockSize)")
                #expect(faults(events).map(\.kind) == [.nulByte], "block \(blockSize), NUL at \(at)")
            }
        }
    }

    static let cases: [ReaderCase] = [
        ReaderCase(name: "plain LF", input: "a,b\nc,d\n", cells: [["a", "b"], ["c", "d"]], lines: [1, 2]),
        ReaderCase(name: "CRLF", input: "a,b\r\nc,d\r\n", cells: [["a", "b"], ["c", "d"]], lines: [1, 2]),
        ReaderCase(
            name: "last line without newline", input: "a,b\nc,d", cells: [["a", "b"], ["c", "d"]], lines: [1, 2]),
        ReaderCase(
            name: "quoted comma", input: "\"๔๓๙,๒๐๐\",x\n", cells: [["๔๓๙,๒๐๐", "x"]], lines: [1]),
        ReaderCase(
            name: "doubled quotes", input: "\"he said \"\"hi\"\"\",2\n", cells: [["he said \"hi\"", "2"]], lines: [1]),
        ReaderCase(
            name: "line break inside a quoted cell",
            input: "id,name\n1,\"โครงการ\nอบรม\"\n2,x\n",
            cells: [["id", "name"], ["1", "โครงการ\nอบรม"], ["2", "x"]], lines: [1, 2, 4]),
        ReaderCase(
            name: "CRLF inside a quoted cell",
            input: "1,\"a\r\nb\"\r\n2,c\r\n", cells: [["1", "a\r\nb"], ["2", "c"]], lines: [1, 3]),
        ReaderCase(name: "blank lines give no record", input: "a\n\n\nb\n", cells: [["a"], ["b"]], lines: [1, 4]),
        ReaderCase(name: "empty cells kept", input: ",,\n", cells: [["", "", ""]], lines: [1]),
        ReaderCase(name: "empty file", input: "", cells: [], lines: []),
        ReaderCase(name: "only a newline", input: "\n", cells: [], lines: []),
        ReaderCase(
            name: "Thai text split across tiny blocks", input: "สำนักพัฒนาบุคลากร,๕๒๐\n",
            cells: [["สำนักพัฒนาบุคลากร", "๕๒๐"]], lines: [1]),
        ReaderCase(name: "spaces around unquoted cells trimmed", input: " a , b \n", cells: [["a", "b"]], lines: [1]),
        ReaderCase(name: "spaces inside quotes kept", input: "\" a \",b\n", cells: [[" a ", "b"]], lines: [1]),
    ]

    @Test("reads records with their lines", arguments: cases)
    func readsRecords(_ c: ReaderCase) throws {
        for blockSize in [1, 3, 7, 4096] {
            let events = try readEvents(c.input, blockSize: blockSize)
            #expect(faults(events).isEmpty)
            let got = records(events)
            #expect(got.map(\.cells) == c.cells, "block size \(blockSize)")
            #expect(got.map(\.line) == c.lines, "block size \(blockSize)")
        }
    }

    @Test("a multi-line record reports its first and last line, and one spreadsheet row")
    func multiLineRecordPositions() throws {
        let got = records(try readEvents("h\n\n\"a\nb\nc\"\nd\n"))
        #expect(got.map(\.line) == [1, 3, 6])
        #expect(got.map(\.endLine) == [1, 5, 6])
        // Excel shows: row 1 h, row 2 blank, row 3 the three-line cell, row 4 d.
        #expect(got.map(\.row) == [1, 3, 4])
        #expect(got.map(\.ordinal) == [1, 2, 3])
    }

    @Test("a file cut inside a quoted cell is an error naming the line, not a last record")
    func cutInsideQuote() throws {
        let events = try readEvents("a,b\nc,\"unfinished\nstill open\n")
        #expect(records(events).map(\.cells) == [["a", "b"]])
        let errors = faults(events)
        #expect(errors.count == 1)
        #expect(errors.first?.kind == .unterminatedQuote)
        #expect(errors.first?.line == 2)
        #expect(errors.first?.column == 2)
        #expect(errors.first?.description.hasPrefix("t.csv:2:2: the file ends inside a quoted cell") == true)
    }

    @Test("a malformed quote is reported with its line and reading resumes on the next line")
    func malformedQuoteResumes() throws {
        let events = try readEvents("a,b\n\"ab\"c,d\ne,f\n")
        #expect(records(events).map(\.cells) == [["a", "b"], ["e", "f"]])
        #expect(records(events).map(\.line) == [1, 3])
        let errors = faults(events)
        #expect(errors.map(\.kind) == [.malformedQuote])
        #expect(errors.map(\.line) == [2])
    }

    @Test("a quote inside an unquoted cell is a malformed quote, not a silently swallowed file")
    func strayQuote() throws {
        let events = try readEvents("24\" screen,1\nnext,2\n")
        #expect(faults(events).map(\.kind) == [.malformedQuote])
        #expect(records(events).map(\.cells) == [["next", "2"]])
    }

    @Test("semicolon and tab dialects", arguments: [(CSVDialect.semicolon, "a;b\n"), (CSVDialect.tab, "a\tb\n")])
    func dialects(dialect: CSVDialect, text: String) throws {
        #expect(records(try readEvents(text, dialect: dialect)).map(\.cells) == [["a", "b"]])
    }

    @Test("tab-delimited empty cells are cells, not spaces to trim")
    func tabEmptyCells() throws {
        #expect(records(try readEvents("a\t\t\tb\n", dialect: .tab)).map(\.cells) == [["a", "", "", "b"]])
    }

    @Test("a cell over the limit is reported and the next line read")
    func cellLimit() throws {
        let big = String(repeating: "x", count: 100)
        let events = try readEvents("ok,1\n\(big),2\nfine,3\n", limits: CSVLimits(maxCellBytes: 50), blockSize: 16)
        #expect(records(events).map(\.cells) == [["ok", "1"], ["fine", "3"]])
        #expect(faults(events).map(\.kind) == [.cellTooLarge(limit: 50)])
        #expect(faults(events).map(\.line) == [2])
    }

    @Test("too many cells is reported for that record only")
    func cellCountLimit() throws {
        let events = try readEvents("a,b\n1,2,3,4,5\nc,d\n", limits: CSVLimits(maxCells: 3))
        #expect(records(events).map(\.cells) == [["a", "b"], ["c", "d"]])
        #expect(faults(events).map(\.kind) == [.tooManyCells(limit: 3)])
        #expect(faults(events).first?.column == 4)
    }

    @Test("cells are bytes: invalid UTF-8 is visible, never silently replaced")
    func invalidUTF8() throws {
        var reader = CSVReader(source: MemoryByteSource([0x61, 0x2C, 0xFF, 0x0A]), file: "bad.csv")
        var got: [CSVRecord] = []
        try reader.forEach { if case .record(let r) = $0 { got.append(r) } }
        #expect(got.count == 1)
        #expect(got[0].text(0) == "a")
        #expect(got[0].text(1) == nil)
    }
}

/// A 50 MB CSV made on the fly, never held in memory.
struct GeneratedCSV: ByteSource {
    let totalBytes: Int
    private(set) var produced = 0
    private let line: [UInt8] = Array("สผ-62-001,\"โครงการอบรม, รุ่นที่ ๑\",๒๖ ก.พ. ๖๒,๕๒๐,\"๔๓๙,๒๐๐\"\r\n".utf8)
    var lineCount: Int { totalBytes / line.count }

    init(totalBytes: Int) { self.totalBytes = totalBytes }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        var written = 0
        while written < buffer.count, produced < lineCount * line.count {
            let offset = produced % line.count
            let n = min(line.count - offset, buffer.count - written)
            line.withUnsafeBytes { src in
                (buffer.baseAddress! + written).copyMemory(from: src.baseAddress! + offset, byteCount: n)
            }
            written += n
            produced += n
        }
        return written
    }
}

@Test("a 50 MB file is read in bounded buffers")
func fiftyMegabytesBoundedMemory() throws {
    let source = GeneratedCSV(totalBytes: 50_000_000)
    let expectedLines = source.lineCount
    var reader = CSVReader(source: source, file: "big.csv")
    var count = 0
    var lastLine = 0
    let stats = try reader.forEach { event in
        guard case .record(let r) = event else {
            Issue.record("unexpected fault")
            return
        }
        count += 1
        lastLine = r.line
    }
    #expect(count == expectedLines)
    #expect(lastLine == expectedLines)
    #expect(stats.bytes > 49_000_000)
    #expect(stats.lines == expectedLines)
    // The reader's memory is its block, libcsv's cell buffer and one record: none grows with the file.
    #expect(stats.blockSize == 256 * 1024)
    #expect(stats.largestParserBuffer <= 64 * 1024)
    #expect(stats.largestRecordBytes < 200)
}
