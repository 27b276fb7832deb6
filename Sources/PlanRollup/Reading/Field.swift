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
}

/// What a column of a file holds: a field, one month of a plan's schedule, or nothing the job reads.
public enum ColumnRole: Hashable, Sendable {
    case field(Field)
    case month(YearMonth)
    case unknown
}
