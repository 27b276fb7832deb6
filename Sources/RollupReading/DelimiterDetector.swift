import RollupBase

/// Chooses comma, semicolon or tab by parsing a decoded sample with each (through libcsv) and
/// keeping the one under which most records share the same number of cells, more than one.
public enum DelimiterDetector {
    public static let candidates: [CSVDialect] = [.comma, .semicolon, .tab]

    /// `sample` is UTF-8 from the start of the file; its last record may be cut off and is ignored.
    public static func detect(utf8 sample: [UInt8]) -> CSVDialect {
        var best = CSVDialect.comma
        var bestScore = (agreeing: 0, cells: 0)
        for dialect in candidates {
            // Without the delimiter every record is one cell, and one-cell records never vote.
            guard sample.contains(dialect.delimiter) else { continue }
            var reader = CSVReader(source: MemoryByteSource(sample), file: "", dialect: dialect)
            var counts: [Int] = []
            _ = try? reader.forEach { event in
                if case .record(let r) = event, !r.isBlank { counts.append(nonEmptyWidth(r)) }
            }
            if counts.count > 1 { counts.removeLast() }
            var frequency: [Int: Int] = [:]
            for c in counts where c > 1 { frequency[c, default: 0] += 1 }
            guard let (cells, agreeing) = frequency.max(by: { ($0.value, $0.key) < ($1.value, $1.key) }) else {
                continue
            }
            if (agreeing, cells) > (bestScore.agreeing, bestScore.cells) {
                best = dialect
                bestScore = (agreeing, cells)
            }
        }
        return best
    }

    /// Cells up to the last non-empty one, so trailing empty columns do not split the vote.
    private static func nonEmptyWidth(_ r: CSVRecord) -> Int {
        var width = r.count
        while width > 0 && r.cellLength(width - 1) == 0 { width -= 1 }
        return width
    }
}
