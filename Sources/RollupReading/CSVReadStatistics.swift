/// What one pass of the reader used: figures a test or a log can check.
package struct CSVReadStatistics: Hashable, Sendable {
    package var bytes = 0
    package var lines = 0
    package var records = 0
    package var malformed = 0
    /// Largest record handed out, in bytes of cell content.
    package var largestRecordBytes = 0
    /// Largest size libcsv's own cell buffer reached (csv_get_buffer_size).
    package var largestParserBuffer = 0
    /// The block the reader feeds libcsv from.
    package var blockSize = 0
}
