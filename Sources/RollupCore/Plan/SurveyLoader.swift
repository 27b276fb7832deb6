import Foundation
import RollupBase
import RollupReading

/// Reads the survey files of the input's `survey/` (KPI levels 2 and 5) through the raw archive, as
/// the plan is read: each file is kept as received, named in the manifest, and replayed with its round.
public struct SurveyLoader: Sendable {
    public let limits: CSVLimits

    public init(limits: CSVLimits = CSVLimits()) {
        self.limits = limits
    }

    /// Reads every CSV in `folder`, if it exists; with an `archive`, each file is also kept there.
    /// Columns: ส่วนราชการ (agency: สผ. or สว.), การสำรวจ (survey: การรับรู้ / awareness for level 2,
    /// ความคิดเห็น / opinion for level 5) and ร้อยละ (percent). A later row for the same agency and
    /// survey wins.
    public func load(folder: String, archive: RawArchive? = nil) -> SurveyResults {
        var results = SurveyResults()
        guard let names = try? InputFolder.csvFiles(in: folder) else { return results }
        for name in names {
            let display = "survey/" + name
            func issue(_ line: Int, _ field: String, _ message: String) {
                results.issues.append(
                    PlanIssue(severity: .error, file: display, line: line, field: field, message: message))
            }
            do {
                let path = folder + "/" + name
                let source: any ByteSource & AnyObject =
                    try archive.map { try $0.open(path: path) } ?? FileByteSource(path: path)
                let file = try InputFile(source: source, path: path, displayPath: display, limits: limits)
                try TableReader().read(file) { event in
                    guard case .data(let row) = event else { return }
                    if let problem = read(row, into: &results) {
                        issue(row.record.line, problem.field, problem.message)
                    }
                }
                if let archiving = source as? ArchivingByteSource {
                    results.archived.append((display, try archiving.finish()))
                }
            } catch {
                issue(0, "file", "\(error)")
            }
        }
        return results
    }

    /// Adds the row's percentage to `results`, or says which cell is wrong and why.
    private func read(_ row: TableRow, into results: inout SurveyResults) -> (field: String, message: String)? {
        let agency = ThaiText.normalize(row.text(.agency) ?? "")
        let kind = Keys.name(row.text(.survey) ?? "").lowercased()
        guard case .success(let percent?) = ThaiNumberParser.parsePercent(row.text(.resultPercent) ?? "") else {
            return (row.columnName(.resultPercent), "not a percentage")
        }
        if kind.hasPrefix("การรับรู้") || kind.hasPrefix("awareness") {
            results.byAgency[agency, default: SurveyResults.Agency()].awareness = percent
        } else if kind.hasPrefix("ความคิดเห็น") || kind.hasPrefix("opinion") {
            results.byAgency[agency, default: SurveyResults.Agency()].opinion = percent
        } else {
            return (row.columnName(.survey), "the survey must be การรับรู้ (awareness) or ความคิดเห็น (opinion)")
        }
        return nil
    }
}
