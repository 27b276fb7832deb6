/// How a column writes numeric dates: day first (21/02/2562, the Thai way) or month first
/// (2/21/2019, an English-locale Excel). Decided for a whole column of a file, never cell by cell.
public enum DateOrder: String, Sendable, Hashable {
    case dayFirst = "day_first"
    case monthFirst = "month_first"

    /// What one cell says of its column's order.
    public enum Evidence: Sendable, Hashable {
        /// Only day-first makes sense (21/02/2019), or the year is Buddhist Era, as Thai dates are written.
        case dayFirst
        /// Only month-first makes sense (2/21/2019).
        case monthFirst
        /// Both make sense and differ (2/3/2019): the column must settle it.
        case either
        /// Day and month are the same number: both orders read the same date.
        case same
        /// Neither makes sense (13/14/2019): refused either way.
        case neither
    }
}
