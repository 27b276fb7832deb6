import RollupBase
import RollupReading

/// How every record of one input file ended: the counts add up to `records`.
public struct FileAccount: Sendable, Hashable {
    public let path: String
    public var bureau: String
    public var bytes: Int = 0
    public var encoding: String = ""
    public var delimiter: String = ""
    /// The sheet read, for a workbook.
    public var sheet: String?
    /// SHA-256 of the file as received; it is kept in the raw archive under this name.
    public var sha256: String = ""
    public var archivedAs: String = ""
    /// Records libcsv delivered plus stretches it refused: every row of the file.
    public var records = 0
    public var accepted = 0
    public var headerRows = 0
    public var skipped: [SkipReason: Int] = [:]
    /// The rows skipped as `outsideYear`, per fiscal year (BE) of their date; they add up to that skip count.
    public var outsideYear: [Int: Int] = [:]
    public var rejected = 0
    /// Rows identical to a row already counted from another file of the bureau.
    public var duplicates = 0
    /// Accepted rows with fewer cells than the header: the missing trailing cells read as empty.
    public var shortRows = 0
    /// The whole file was refused (undecodable, unreadable, no header): the reason.
    public var refusal: String?
    /// How the date column writes numeric dates, and the line whose date settled it ("month_first
    /// (line 7)"); "unsettled" when no date did and the dates that read two ways were refused; nil
    /// when no date needed it.
    public var dateOrder: String?
    /// Header cells the job did not recognise (kept out of the figures): near misses an operator may
    /// add as aliases in `input/config/header-aliases.json`.
    public var unrecognisedColumns: [String] = []

    public init(path: String, bureau: String) {
        self.path = path
        self.bureau = bureau
    }

    /// Counts nothing of the file: every record read is refused with it, for `reason`.
    public mutating func refuseAll(_ reason: String) {
        refusal = reason
        rejected = records
        accepted = 0
        headerRows = 0
        skipped = [:]
        outsideYear = [:]
        duplicates = 0
        shortRows = 0
    }

    public var skippedTotal: Int { skipped.values.reduce(0, +) }

    /// The invariant every file keeps: accepted + header + skipped + rejected + duplicates = records,
    /// and the rows outside the year reported, counted per year, add up to their skip count.
    public var isBalanced: Bool {
        accepted + headerRows + skippedTotal + rejected + duplicates == records
            && outsideYear.values.reduce(0, +) == skipped[.outsideYear, default: 0]
    }
}
