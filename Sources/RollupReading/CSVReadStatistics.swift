/// What one pass of the reader used: figures a test or a log can check.
public struct CSVReadStatistics: Hashable, Sendable {
    public var bytes = 0
    public var lines = 0
    public var records = 0
    public var malformed = 0
    /// Largest record handed out, in bytes of cell content.
    public var largestRecordBytes = 0
    /// Largest size libcsv's own cell buffer reached (csv_get_buffer_size).
    public var largestParserBuffer = 0
    /// The block the reader feeds libcsv from.
    public var blockSize = 0
}
