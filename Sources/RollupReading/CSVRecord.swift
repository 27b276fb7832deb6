import RollupBase

/// One CSV record as libcsv delivered it: its cells' bytes end to end, and where it stands in the file.
///
/// Cells stay bytes until a stage asks for one as text, so unmapped columns cost no String.
public struct CSVRecord: Sendable {
    /// Physical line (1-based) on which the record starts, as a text editor numbers it.
    public internal(set) var line: Int = 0
    /// Physical line on which the record ends (greater than `line` when a quoted cell holds line breaks).
    public internal(set) var endLine: Int = 0
    /// Row number as a spreadsheet shows it: blank lines count, line breaks inside a cell do not.
    public internal(set) var row: Int = 0
    /// 1-based ordinal of this record among the records of the file.
    public internal(set) var ordinal: Int = 0
    @usableFromInline var bytes: [UInt8] = []
    @usableFromInline var ends: [Int] = []

    public init() {}

    /// Builds a record from text cells (tests and derived rows).
    public init(cells: [String], line: Int = 1) {
        for cell in cells { append(Array(cell.utf8)[...]) }
        self.line = line
        self.endLine = line
        self.row = line
        self.ordinal = line
    }

    /// Number of cells.
    @inlinable public var count: Int { ends.count }

    @inlinable func range(_ index: Int) -> Range<Int> {
        (index == 0 ? 0 : ends[index - 1])..<ends[index]
    }

    /// Calls `body` with the raw bytes of cell `index` (empty when the record is shorter).
    @inlinable
    public func withCellBytes<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        guard index >= 0, index < ends.count else {
            return try body(UnsafeBufferPointer(start: nil, count: 0))
        }
        let r = range(index)
        return try bytes.withUnsafeBufferPointer { all in
            try body(UnsafeBufferPointer(rebasing: all[r]))
        }
    }

    /// Cell `index` as text, or nil when its bytes are not valid UTF-8. Missing cells read as "".
    public func text(_ index: Int) -> String? {
        guard index >= 0, index < ends.count else { return "" }
        return String(validating: bytes[range(index)], as: UTF8.self)
    }

    /// Cell `index` as text, with invalid bytes shown as U+FFFD (for messages only, never figures).
    public func displayText(_ index: Int) -> String {
        guard index >= 0, index < ends.count else { return "" }
        return String(decoding: bytes[range(index)], as: UTF8.self)
    }

    /// All cells as display text.
    public var cells: [String] { (0..<count).map(displayText) }

    /// Byte length of cell `index`.
    public func cellLength(_ index: Int) -> Int {
        guard index >= 0, index < ends.count else { return 0 }
        return range(index).count
    }

    /// True when every cell is empty or only spaces and tabs.
    public var isBlank: Bool {
        bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }

    public mutating func append(_ cell: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: cell)
        ends.append(bytes.count)
    }

    public mutating func append(_ cell: ArraySlice<UInt8>) {
        bytes.append(contentsOf: cell)
        ends.append(bytes.count)
    }

    mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
    }
}
