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

    public init() {}

    /// Reads every CSV in `folder` (the input's `survey/`), if it exists. Columns: ส่วนราชการ
    /// (agency: สผ. or สว.), การสำรวจ (survey: การรับรู้ / awareness for level 2, ความคิดเห็น /
    /// opinion for level 5) and ร้อยละ (percent). A later row for the same agency and survey wins.
    public static func load(folder: String) -> SurveyResults {
        var results = SurveyResults()
        guard let names = try? InputFolder.csvFiles(in: folder) else { return results }
        for name in names {
            let display = "survey/" + name
            func issue(_ line: Int, _ field: String, _ message: String) {
                results.issues.append(PlanIssue(severity: .error, file: display, line: line, field: field, message: message))
            }
            do {
                let file = try InputFile(path: folder + "/" + name, displayPath: display)
                try TableReader().read(file) { event in
                    guard case .data(let row) = event else { return }
                    let line = row.record.line
                    let agency = ThaiText.normalize(row.text(.agency) ?? "")
                    let kind = Keys.name(row.text(.survey) ?? "").lowercased()
                    guard case .success(let percent?) = ThaiNumberParser.parsePercent(row.text(.resultPercent) ?? "") else {
                        issue(line, row.columnName(.resultPercent), "not a percentage")
                        return
                    }
                    if kind.hasPrefix("การรับรู้") || kind.hasPrefix("awareness") {
                        results.byAgency[agency, default: Agency()].awareness = percent
                    } else if kind.hasPrefix("ความคิดเห็น") || kind.hasPrefix("opinion") {
                        results.byAgency[agency, default: Agency()].opinion = percent
                    } else {
                        issue(line, row.columnName(.survey), "the survey must be การรับรู้ (awareness) or ความคิดเห็น (opinion)")
                    }
                }
            } catch {
                issue(0, "file", "\(error)")
            }
        }
        return results
    }

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
