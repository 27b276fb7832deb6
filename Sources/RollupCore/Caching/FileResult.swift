import Foundation
import RollupBase
import RollupReading

/// What one export file gave: kept until the merge (`Pipeline.readExports`), and what the read
/// cache keeps of a file so an unchanged one need not be read again (`ReadCache`).
struct FileResult: Sendable {
    let index: Int
    var account: FileAccount
    let rollup: Rollup
    let rejects: RejectLog
    let notices: RejectLog
    let records: RowRecordLog
    /// Byte for byte the same as an earlier file of the same bureau.
    let duplicateOf: String?
    var seconds: Double
    /// Taken from the read cache instead of being read.
    var cached = false
}

/// The as-of dates under which reading a file gives exactly the result it gave: reading depends on
/// the as-of date only through whether each row's date lies after it, so the result holds for every
/// as-of date on the same side of each date that was compared.
struct AsOfWindow: Sendable, Hashable {
    /// The latest row date compared that was on or before the as-of date.
    var latestAtOrBefore: CalendarDay?
    /// The earliest row date compared that was after it.
    var earliestAfter: CalendarDay?

    /// Records that `date` was compared with `asOf`.
    mutating func note(_ date: CalendarDay, asOf: CalendarDay) {
        if date > asOf {
            if earliestAfter.map({ date < $0 }) ?? true { earliestAfter = date }
        } else if latestAtOrBefore.map({ date > $0 }) ?? true {
            latestAtOrBefore = date
        }
    }

    /// Whether every date compared lies on the same side of `asOf` as it did.
    func holds(for asOf: CalendarDay) -> Bool {
        (latestAtOrBefore.map { $0 <= asOf } ?? true) && (earliestAfter.map { asOf < $0 } ?? true)
    }
}
