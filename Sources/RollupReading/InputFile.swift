import RollupBase

/// One input file opened for reading: its encoding and delimiter detected, its text decoded to UTF-8.
public struct InputFile {
    /// The path as shown in messages and rejects (relative to the input folder).
    public let displayPath: String
    public let path: String
    public let encoding: TextEncoding
    /// The delimiter detected; `keepsSpaces` may be set before reading.
    public var dialect: CSVDialect
    public let limits: CSVLimits
    private let sample: [UInt8]
    private let file: any ByteSource & AnyObject

    /// Bytes looked at to detect the encoding and the delimiter.
    public static let sampleSize = 64 * 1024

    /// Opens `path` and detects how to read it. Throws `UndecodableFile` for a file that is no text
    /// in a supported encoding, and `SystemError` when it cannot be read at all (not a regular file,
    /// larger than `limits.maxFileBytes`, changed while its sample was read).
    public init(path: String, displayPath: String? = nil, limits: CSVLimits = CSVLimits()) throws {
        try self.init(
            source: FileByteSource(path: path, maxBytes: limits.maxFileBytes), path: path, displayPath: displayPath,
            limits: limits)
    }

    /// Reads through `source`, e.g. an `ArchivingByteSource` that keeps the bytes as they pass.
    public init(
        source: any ByteSource & AnyObject, path: String, displayPath: String? = nil, limits: CSVLimits = CSVLimits()
    ) throws {
        self.path = path
        self.displayPath = displayPath ?? path
        self.limits = limits
        self.file = source
        var shared = SharedSource(source)
        var sample = [UInt8](repeating: 0, count: Self.sampleSize)
        var filled = 0
        while filled < sample.count {
            let n = try sample.withUnsafeMutableBytes { raw in
                try shared.read(into: UnsafeMutableRawBufferPointer(rebasing: raw[filled...]))
            }
            if n == 0 { break }
            filled += n
        }
        sample.removeSubrange(filled...)
        self.sample = sample
        encoding = try sample.withUnsafeBytes { EncodingDetector.detect($0) }.get()
        let decoded = try Self.decode(sample, encoding: encoding)
        dialect = DelimiterDetector.detect(utf8: decoded)
    }

    /// Reads every record of the file, decoded, in order, from the same open file the sample came
    /// from (so detection and reading see one file). Call once. See `CSVReader.forEach`.
    @discardableResult
    public func forEach(_ body: (CSVEvent) throws -> Void) throws -> CSVReadStatistics {
        if encoding.iconvName == nil {
            // UTF-8 already: skip the BOM and hand the bytes to libcsv as they are.
            var reader = CSVReader(
                source: PrefixedByteSource(prefix: sample, skipping: encoding.bomLength, then: SharedSource(file)),
                file: displayPath, dialect: dialect, limits: limits)
            return try reader.forEach(body)
        }
        let decoded = try DecodingByteSource(
            PrefixedByteSource(prefix: sample, then: SharedSource(file)), encoding: encoding)
        var reader = CSVReader(source: decoded, file: displayPath, dialect: dialect, limits: limits)
        return try reader.forEach(body)
    }

    static func decode(_ bytes: [UInt8], encoding: TextEncoding) throws -> [UInt8] {
        let source = try DecodingByteSource(MemoryByteSource(bytes), encoding: encoding)
        var out: [UInt8] = []
        var block = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let n = try block.withUnsafeMutableBytes { try source.read(into: $0) }
            if n == 0 { return out }
            out.append(contentsOf: block[0..<n])
        }
    }
}

/// A reference-typed source handed on by value: reads go to the one shared object.
struct SharedSource: ByteSource {
    let object: any ByteSource & AnyObject

    init(_ object: any ByteSource & AnyObject) { self.object = object }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        var o = object
        return try o.read(into: buffer)
    }
}
