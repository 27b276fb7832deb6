import PlanRollup

/// libFuzzer entry point for the reading path over arbitrary bytes: encoding detection, decoding,
/// delimiter detection, libcsv and the header finder (as `InputFile` + `TableReader`), then
/// `CSVReader` alone under each dialect with a block size chosen by the input, and each decoder.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzReading(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let limits = CSVLimits(maxCellBytes: 2_048, maxCells: 64, maxRecordBytes: 8_192, maxFileBytes: 1 << 20)
    readAsInputFile(bytes, limits: limits)
    // Small and odd block sizes put block boundaries inside quotes, CRLFs and UTF-8 sequences.
    let blockSize = 1 + Int(bytes.first ?? 0) % 97
    for dialect in [CSVDialect.comma, .semicolon, .tab] {
        var reader = CSVReader(
            source: MemoryByteSource(bytes), file: "fuzz.csv", dialect: dialect, limits: limits, blockSize: blockSize)
        var records = 0
        var malformed = 0
        let statistics = try! reader.forEach { event in
            switch event {
            case .record(let record):
                records += 1
                check(record, limits: limits)
            case .malformed(let error):
                malformed += 1
                require(error.line >= 1 && error.recordLine >= 1 && error.column >= 1, "error position \(error)")
            }
        }
        require(statistics.bytes == size, "read \(statistics.bytes) of \(size) bytes")
        require(statistics.records == records && statistics.malformed == malformed, "statistics disagree")
        require(
            statistics.largestParserBuffer <= limits.maxCellBytes + blockSize + 2 * 65_536,
            "libcsv buffer grew to \(statistics.largestParserBuffer)")
        require(
            statistics.largestRecordBytes <= limits.maxRecordBytes, "record of \(statistics.largestRecordBytes) bytes")
    }
    for encoding in TextEncoding.allCases {
        decodeAll(bytes, encoding: encoding, blockSize: blockSize)
    }
    return 0
}

/// The job's own path: detection, decoding and header finding, as for a file on disk.
private func readAsInputFile(_ bytes: [UInt8], limits: CSVLimits) {
    guard let file = try? InputFile(source: BytesObject(bytes), path: "fuzz.csv", limits: limits) else { return }
    let summary = try! TableReader().read(file) { event in
        switch event {
        case .header(let r), .skipped(let r, _), .withoutHeader(let r), .ragged(let r, _, _): check(r, limits: limits)
        case .data(let row):
            check(row.record, limits: limits)
            for field in Field.allCases { _ = row.text(field) }
        case .malformed: break
        }
    }
    require(summary.statistics.largestRecordBytes <= limits.maxRecordBytes, "record too large")
}

/// A record the reader hands out keeps every limit and holds no NUL byte.
private func check(_ record: CSVRecord, limits: CSVLimits) {
    require(record.count <= limits.maxCells, "\(record.count) cells")
    var total = 0
    for c in 0..<record.count {
        let length = record.cellLength(c)
        require(length <= limits.maxCellBytes, "cell of \(length) bytes")
        total += length
        record.withCellBytes(c) { require(!$0.contains(0), "NUL in a cell") }
        _ = record.text(c)
    }
    require(total <= limits.maxRecordBytes, "record of \(total) bytes")
    require(record.line >= 1 && record.endLine >= record.line && record.row >= 1, "record position")
}

/// Runs a decoder to the end: it must stop, and produce at most three bytes per input byte.
private func decodeAll(_ bytes: [UInt8], encoding: TextEncoding, blockSize: Int) {
    guard let source = try? DecodingByteSource(MemoryByteSource(bytes), encoding: encoding, blockSize: blockSize + 3)
    else { return }
    var out = [UInt8](repeating: 0, count: blockSize)
    var produced = 0
    while true {
        let n = try! out.withUnsafeMutableBytes { try source.read(into: $0) }
        if n == 0 { break }
        produced += n
        require(produced <= bytes.count * 3 + 16, "decoder produced \(produced) bytes from \(bytes.count)")
    }
}

/// `MemoryByteSource` as the shared object `InputFile` reads through.
private final class BytesObject: ByteSource {
    private var inner: MemoryByteSource
    init(_ bytes: [UInt8]) { inner = MemoryByteSource(bytes) }
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int { try inner.read(into: buffer) }
}
