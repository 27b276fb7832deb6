/// Why a cell could not be read, in words a bureau clerk can act on, in English and Thai.
/// `code` is stable (`date.not_on_calendar`, `number.bad_grouping`, …): match on it, never on the wording.
public struct Refusal: Error, Hashable, Sendable, CustomStringConvertible {
    public let code: String
    public let english: String
    public let thai: String

    public init(code: String, english: String, thai: String) {
        self.code = code
        self.english = english
        self.thai = thai
    }

    /// "date.not_on_calendar: 29 February 2562 BE (2019) is not on the calendar: …"
    public var description: String { "\(code): \(english)" }
}
