/// What the reader hands out: a record, or a stretch of the file that is not well-formed CSV.
public enum CSVEvent: Sendable {
    case record(CSVRecord)
    case malformed(CSVSyntaxError)
}
