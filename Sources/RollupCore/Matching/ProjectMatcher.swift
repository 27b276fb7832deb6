import RollupBase
import RollupReading

/// Finds the plan project a progress row reports on: by id, else by name within the row's bureau.
public struct ProjectMatcher: Sendable {
    public let plan: Plan
    private let byBureauAndName: [String: [String]]
    private let byName: [String: [String]]

    public init(plan: Plan) {
        self.plan = plan
        var bureauName: [String: [String]] = [:]
        var name: [String: [String]] = [:]
        for p in plan.projects {
            bureauName[p.bureauKey + "\u{1F}" + p.nameKey, default: []].append(p.id)
            name[p.nameKey, default: []].append(p.id)
        }
        byBureauAndName = bureauName
        byName = name
    }

    /// The index in `plan.projects` of the project `row` reports on, or the reject that says why none.
    /// `idIndex`: the plan index of `row.projectID` when the caller has already looked it up (nil
    /// inside: not in the plan); without it the plan is asked.
    public func match(
        _ row: ProgressRow, columns: (id: String, name: String), record: @autoclosure () -> [String],
        idIndex: Int?? = nil
    ) -> Result<Int, Reject> {
        func reject(_ code: RejectCode, _ column: String, _ raw: String, _ english: String, _ thai: String) -> Result<
            Int, Reject
        > {
            .failure(
                Reject(
                    code: code, file: row.file, line: row.line, row: row.row, column: column, raw: raw,
                    record: record(),
                    english: english, thai: thai))
        }
        if !row.projectID.isEmpty {
            if let index = idIndex ?? plan.index(of: row.projectID) { return .success(index) }
            let byName = candidates(for: row)
            let hint = byName.isEmpty ? "" : "; the name matches \(byName.joined(separator: ", "))"
            let hintThai = byName.isEmpty ? "" : " ชื่อโครงการตรงกับรหัส \(byName.joined(separator: ", "))"
            return reject(
                .unknownProject, columns.id, row.projectID,
                "project id \(row.projectID) is not in the plan\(hint)",
                "ไม่พบรหัสโครงการ \(row.projectID) ในแผน\(hintThai)")
        }
        guard !row.nameKey.isEmpty else {
            return reject(
                .missingProject, columns.id, "",
                "the row gives neither a project id nor a project name",
                "แถวนี้ไม่มีทั้งรหัสโครงการและชื่อโครงการ")
        }
        let found = candidates(for: row)
        switch found.count {
        case 1: return .success(plan.index(of: found[0])!)
        case 0:
            let scope = row.bureauKey.isEmpty ? "in the plan" : "among the projects of \(row.bureau)"
            let scopeThai = row.bureauKey.isEmpty ? "ในแผน" : "ในโครงการของ\(row.bureau)"
            return reject(
                .unmatchedName, columns.name, row.name,
                "no project is named like this \(scope); add the project id (รหัสโครงการ)",
                "ไม่พบโครงการชื่อนี้\(scopeThai) กรุณาระบุรหัสโครงการ")
        default:
            return reject(
                .ambiguousName, columns.name, row.name,
                "the name matches several projects: \(found.joined(separator: ", ")); add the project id",
                "ชื่อนี้ตรงกับหลายโครงการ: \(found.joined(separator: ", ")) กรุณาระบุรหัสโครงการ")
        }
    }

    /// Plan ids whose name equals the row's, within the row's bureau when it names one.
    private func candidates(for row: ProgressRow) -> [String] {
        guard !row.nameKey.isEmpty else { return [] }
        if row.bureauKey.isEmpty { return byName[row.nameKey] ?? [] }
        return byBureauAndName[row.bureauKey + "\u{1F}" + row.nameKey] ?? []
    }
}
