import RollupBase

/// A column the job understands, in the plan or in a progress export.
public enum Field: String, CaseIterable, Hashable, Sendable, Codable {
    case projectID = "project_id"
    case parentID = "parent_id"
    case agency
    case issue
    case measure
    case project
    case indicator
    case unit
    case targetGroup = "target_group"
    case budget
    case bureau
    case date
    case activities
    case participants
    case spent
    case resultPercent = "result_pct"
    case status
    case evidence
    case note
    /// Which survey a row of the survey-results file reports (awareness or opinion).
    case survey
    /// The measure's name in a plan row (ชื่อมาตรการ), for the report form's headings.
    case measureName = "measure_name"
    /// Problems and obstacles a bureau reports (ปัญหา อุปสรรค), for the report form's section of them.
    case problems
}

extension Field {
    /// Position among `allCases`, for tables indexed by field.
    var ordinal: Int {
        switch self {
        case .projectID: 0
        case .parentID: 1
        case .agency: 2
        case .issue: 3
        case .measure: 4
        case .project: 5
        case .indicator: 6
        case .unit: 7
        case .targetGroup: 8
        case .budget: 9
        case .bureau: 10
        case .date: 11
        case .activities: 12
        case .participants: 13
        case .spent: 14
        case .resultPercent: 15
        case .status: 16
        case .evidence: 17
        case .note: 18
        case .survey: 19
        case .measureName: 20
        case .problems: 21
        }
    }
}

/// What a column of a file holds: a field, one month of a plan's schedule, or nothing the job reads.
public enum ColumnRole: Hashable, Sendable {
    case field(Field)
    case month(YearMonth)
    case unknown

    /// The role's name in `read --mapped` and the log: the field's key, the month, or "(not read)".
    public var name: String {
        switch self {
        case .field(let f): f.rawValue
        case .month(let m): m.iso
        case .unknown: "(not read)"
        }
    }
}
