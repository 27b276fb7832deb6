import Foundation
import RollupBase
import RollupReading

/// Survey percentages per agency for the KPI rubric's levels 2 (awareness of the plan) and 5
/// (opinion of staff and stakeholders), from an optional file in the input folder.
public struct SurveyResults: Sendable {
    public struct Agency: Sendable, Hashable {
        public var awareness: Decimal?
        public var opinion: Decimal?
    }

    public var byAgency: [String: Agency] = [:]
    /// Problems in the survey file, with file and line; the rows they name are left out.
    public var issues: [PlanIssue] = []
    /// Each survey file as kept in the raw archive (`survey/<name>`), so a replay reads it again.
    public var archived: [(path: String, file: ArchivedFile)] = []

    public init() {}

    /// Level 2: 75% → 1, 70% → 0.85, 65% → 0.7, 60% → 0.55, below → 0.
    public static func awarenessScore(_ percent: Decimal) -> Decimal {
        score(percent, [(75, 1), (70, 0.85), (65, 0.7), (60, 0.55)])
    }

    /// Level 5: 80% → 1, 75% → 0.85, 70% → 0.7, 65% → 0.55, 60% → 0.4, below → 0.
    public static func opinionScore(_ percent: Decimal) -> Decimal {
        score(percent, [(80, 1), (75, 0.85), (70, 0.7), (65, 0.55), (60, 0.4)])
    }

    private static func score(_ percent: Decimal, _ table: [(Decimal, Decimal)]) -> Decimal {
        table.first { percent >= $0.0 }?.1 ?? 0
    }
}
