/// Limits that keep one hostile file from taking the job's memory.
public struct CSVLimits: Hashable, Sendable {
    /// Largest cell, in bytes of UTF-8.
    public var maxCellBytes: Int
    /// Most cells in one record.
    public var maxCells: Int
    /// Largest record, in bytes of cell content (all its cells together).
    public var maxRecordBytes: Int
    /// Largest input file, in bytes as stored; a larger file is refused before it is read.
    public var maxFileBytes: Int

    public init(
        maxCellBytes: Int = 1 << 20, maxCells: Int = 1_000, maxRecordBytes: Int = 16 << 20, maxFileBytes: Int = 1 << 30
    ) {
        self.maxCellBytes = maxCellBytes
        self.maxCells = maxCells
        self.maxRecordBytes = maxRecordBytes
        self.maxFileBytes = maxFileBytes
    }
}
