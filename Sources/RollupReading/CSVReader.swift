import CLibCSV
import Glibc
import RollupBase

/// The project's one CSV parser: libcsv (csv_parse) fed in blocks, counting lines itself.
///
/// libcsv runs in strict mode, so a malformed quote is reported instead of swallowing the rest of
/// the file, and a file that ends inside a quoted cell is an error, not a last record. After a
/// fault the parser is rebuilt and reading resumes at the next physical line.
public struct CSVReader<Source: ByteSource> {
    public let file: String
    public var dialect: CSVDialect
    public var limits: CSVLimits
    public var blockSize: Int
    private var source: Source

    public init(
        source: Source, file: String, dialect: CSVDialect = .comma, limits: CSVLimits = CSVLimits(),
        blockSize: Int = 256 * 1024
    ) {
        self.source = source
        self.file = file
        self.dialect = dialect
        self.limits = limits
        self.blockSize = blockSize
    }

    /// Reads the whole stream, calling `body` for each record or malformed stretch, in file order.
    /// Memory stays bounded by the block size and the limits: libcsv's cell buffer by `maxCellBytes`
    /// plus one block, the record by `maxRecordBytes`.
    @discardableResult
    public mutating func forEach(_ body: (CSVEvent) throws -> Void) throws -> CSVReadStatistics {
        // Records go to `body` straight from libcsv's callbacks, so a record's buffers are reused for
        // the next one instead of being copied into a queue. A callback cannot throw: the first
        // error `body` throws is kept, nothing more is delivered, and it is thrown once csv_parse returns.
        try withoutActuallyEscaping(body) { body in
            let context = ParseContext(file: file, limits: limits, deliver: body)
            defer { context.deliver = nil }
            return try read(context)
        }
    }

    private mutating func read(_ context: ParseContext) throws -> CSVReadStatistics {
        let parser = LibCSVParser(dialect: dialect)
        defer { parser.destroy() }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: blockSize, alignment: 16)
        defer { buffer.deallocate() }
        let contextPointer = Unmanaged.passUnretained(context).toOpaque()

        var statistics = CSVReadStatistics(blockSize: blockSize)
        var atLineStart = true
        var skip = Skip.nothing
        while true {
            let n = try source.read(into: buffer)
            if n == 0 { break }
            statistics.bytes += n
            let base = buffer.baseAddress!
            // A NUL byte is looked for in each cell only once a block holding one has been fed.
            if !context.mayHoldNul, memchr(base, 0, n) != nil { context.mayHoldNul = true }
            var start = 0
            while start < n {
                let newline = memchr(base + start, 0x0A, n - start)
                let end = newline.map { $0 - UnsafeMutableRawPointer(base) + 1 } ?? n
                let endsLine = newline != nil
                defer {
                    start = end
                    if endsLine { context.line += 1 }
                    atLineStart = endsLine
                }
                if case .quotedCell(let sawQuote) = skip {
                    // Inside the quoted cell that broke a limit: look for its closing quote.
                    skip = Self.skipQuotedCell(
                        UnsafeRawBufferPointer(start: base + start, count: end - start),
                        quote: dialect.quote, sawQuote: sawQuote, endsLine: endsLine)
                    continue
                }
                if skip == .restOfLine {
                    skip = endsLine ? .nothing : .restOfLine
                    continue
                }
                if atLineStart && parser.isBetweenRecords {
                    context.beginLine()
                }
                let length = end - start
                let consumed = parser.parse(base + start, length, context: contextPointer)
                statistics.largestParserBuffer = max(statistics.largestParserBuffer, parser.bufferSize)
                try context.rethrow()
                let fault: CSVSyntaxError.Kind?
                if consumed < length {
                    fault = .malformedQuote
                } else if parser.pendingCellBytes > limits.maxCellBytes {
                    fault = .cellTooLarge(limit: limits.maxCellBytes)
                } else {
                    // The open record already broke a limit: feeding the rest of it is wasted work.
                    fault = context.overflow
                }
                if let fault {
                    context.fail(fault)
                    // A quoted cell left open is skipped to its closing quote, not parsed as records.
                    if fault != .malformedQuote, let sawQuote = parser.quotedCellState {
                        skip = .quotedCell(sawQuote: sawQuote)
                    } else {
                        skip = endsLine ? .nothing : .restOfLine
                    }
                    parser.reset()
                }
                try context.rethrow()
            }
        }
        if skip == .nothing, !parser.finish(context: contextPointer) {
            context.fail(.unterminatedQuote)
        }
        try context.rethrow()
        statistics.lines = atLineStart ? context.line - 1 : context.line
        statistics.records = context.ordinal
        statistics.malformed = context.malformedCount
        statistics.largestRecordBytes = context.largestRecordBytes
        return statistics
    }
}

/// What the reader does with the bytes after a fault, before it feeds libcsv again.
private enum Skip: Equatable {
    case nothing
    /// Up to and including the next line end.
    case restOfLine
    /// Up to the closing quote of a quoted cell (`sawQuote`: the last byte seen was a quote), then the rest
    /// of that line.
    case quotedCell(sawQuote: Bool)
}

extension CSVReader {
    /// Scans one segment (ending at a line end or the block's end) of a quoted cell being skipped.
    /// A doubled quote is a quote inside the cell; a quote followed by anything else closes it.
    fileprivate static func skipQuotedCell(
        _ segment: UnsafeRawBufferPointer, quote: UInt8, sawQuote: Bool, endsLine: Bool
    ) -> Skip {
        guard let base = segment.baseAddress, !segment.isEmpty else { return .quotedCell(sawQuote: sawQuote) }
        var i = 0
        if sawQuote {
            if base.load(fromByteOffset: 0, as: UInt8.self) != quote { return endsLine ? .nothing : .restOfLine }
            i = 1
        }
        while i < segment.count, let q = memchr(base + i, Int32(quote), segment.count - i) {
            let at = base.distance(to: UnsafeRawPointer(q))
            if at + 1 == segment.count { return .quotedCell(sawQuote: true) }
            if base.load(fromByteOffset: at + 1, as: UInt8.self) != quote { return endsLine ? .nothing : .restOfLine }
            i = at + 2
        }
        return .quotedCell(sawQuote: false)
    }
}

/// libcsv's parser struct in memory the reader owns, so callbacks never overlap a Swift access to it.
private struct LibCSVParser {
    let pointer: UnsafeMutablePointer<csv_parser>
    let dialect: CSVDialect
    static let options = UInt8(CSV_STRICT | CSV_STRICT_FINI)

    init(dialect: CSVDialect) {
        pointer = .allocate(capacity: 1)
        self.dialect = dialect
        configure()
    }

    private func configure() {
        // csv_init only fails for a null pointer.
        _ = csv_init(pointer, Self.options)
        csv_set_delim(pointer, dialect.delimiter)
        csv_set_quote(pointer, dialect.quote)
        if dialect.keepsSpaces { csv_set_space_func(pointer) { _ in 0 } }
        csv_set_blk_size(pointer, 64 * 1024)
    }

    /// True when no record is under way (libcsv's ROW_NOT_BEGUN).
    var isBetweenRecords: Bool { pointer.pointee.pstate == 0 }

    /// Inside a quoted cell: nil when not; true when its last byte was a quote that may close it
    /// (libcsv's FIELD_MIGHT_HAVE_ENDED), false otherwise (FIELD_BEGUN).
    var quotedCellState: Bool? {
        guard pointer.pointee.quoted != 0 else { return nil }
        switch pointer.pointee.pstate {
        case 2: return false
        case 3: return true
        default: return nil
        }
    }

    /// Capacity of libcsv's cell buffer.
    var bufferSize: Int { csv_get_buffer_size(pointer) }

    /// Bytes of the cell libcsv is still collecting.
    var pendingCellBytes: Int { pointer.pointee.entry_pos }

    func parse(_ bytes: UnsafeRawPointer, _ count: Int, context: UnsafeMutableRawPointer) -> Int {
        csv_parse(pointer, bytes, count, onCell, onRecordEnd, context)
    }

    /// csv_fini: delivers a last record without a line end; false when the file ends inside a quote.
    func finish(context: UnsafeMutableRawPointer) -> Bool {
        csv_fini(pointer, onCell, onRecordEnd, context) == 0
    }

    /// After an error libcsv's state is unusable: free it and start anew.
    func reset() {
        csv_free(pointer)
        configure()
    }

    func destroy() {
        csv_free(pointer)
        pointer.deallocate()
    }
}

// The context outlives every callback (`forEach` holds it across csv_parse), so the callbacks use it
// without retaining and releasing it: a pair per cell was 1% of a night's instructions.
private let onCell: @convention(c) (UnsafeMutableRawPointer?, Int, UnsafeMutableRawPointer?) -> Void = {
    bytes, length, context in
    Unmanaged<ParseContext>.fromOpaque(context!)._withUnsafeGuaranteedRef {
        $0.cell(UnsafeBufferPointer(start: bytes?.assumingMemoryBound(to: UInt8.self), count: length))
    }
}

private let onRecordEnd: @convention(c) (Int32, UnsafeMutableRawPointer?) -> Void = { _, context in
    Unmanaged<ParseContext>.fromOpaque(context!)._withUnsafeGuaranteedRef { $0.endRecord() }
}

/// The reader's state that libcsv's callbacks reach through their context pointer.
private final class ParseContext {
    let file: String
    let limits: CSVLimits
    var line = 1
    var row = 0
    var ordinal = 0
    var recordLine = 1
    var recordRow = 1
    var current = CSVRecord()
    var overflow: CSVSyntaxError.Kind?
    var overflowColumn = 0
    /// Where events go; the first error it throws stops delivery and waits in `failure`.
    var deliver: ((CSVEvent) throws -> Void)?
    var failure: (any Error)?
    var malformedCount = 0
    var largestRecordBytes = 0
    /// True once a block holding a NUL byte was fed to libcsv: from then on each cell is checked
    /// for one (a cell's bytes all come from blocks fed before it is delivered).
    var mayHoldNul = false

    init(file: String, limits: CSVLimits, deliver: @escaping (CSVEvent) throws -> Void) {
        self.file = file
        self.limits = limits
        self.deliver = deliver
    }

    private func emit(_ event: CSVEvent) {
        guard failure == nil, let deliver else { return }
        do { try deliver(event) } catch { failure = error }
    }

    /// A physical line begins while no record is open: a new spreadsheet row, maybe a record.
    func beginLine() {
        row += 1
        recordLine = line
        recordRow = row
    }

    func cell(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard overflow == nil else { return }
        if bytes.count > limits.maxCellBytes {
            overflow = .cellTooLarge(limit: limits.maxCellBytes)
        } else if current.count >= limits.maxCells {
            overflow = .tooManyCells(limit: limits.maxCells)
        } else if current.bytes.count + bytes.count > limits.maxRecordBytes {
            overflow = .recordTooLarge(limit: limits.maxRecordBytes)
        } else if mayHoldNul, let base = bytes.baseAddress, memchr(base, 0, bytes.count) != nil {
            overflow = .nulByte
        } else {
            current.append(bytes)
            return
        }
        overflowColumn = current.count + 1
    }

    func endRecord() {
        if let overflow {
            emit(.malformed(error(overflow, column: overflowColumn)))
            self.overflow = nil
            current.reset()
            return
        }
        ordinal += 1
        current.line = recordLine
        current.endLine = line
        current.row = recordRow
        current.ordinal = ordinal
        largestRecordBytes = max(largestRecordBytes, current.bytes.count)
        emit(.record(current))
        current.reset()
    }

    /// Ends the open record as malformed: its cells were already collected and are dropped.
    func fail(_ kind: CSVSyntaxError.Kind) {
        let column = overflow == nil ? current.count + 1 : overflowColumn
        emit(.malformed(error(kind, column: column)))
        overflow = nil
        current.reset()
    }

    private func error(_ kind: CSVSyntaxError.Kind, column: Int) -> CSVSyntaxError {
        // At the end of the file only the record's first line is known for an unclosed quote.
        let at = kind == .unterminatedQuote ? recordLine : line
        malformedCount += 1
        return CSVSyntaxError(file: file, line: at, recordLine: recordLine, row: recordRow, column: column, kind: kind)
    }

    /// Throws what `deliver` threw, if it did.
    func rethrow() throws {
        if let failure { throw failure }
    }
}
