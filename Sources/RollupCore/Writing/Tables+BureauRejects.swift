import RollupBase

extension Tables {
    /// A bureau's own list of refusals, `rejects/<bureau>.csv`, to send back to its clerk: headed in
    /// Thai, the columns a clerk needs first (the file within the bureau's folder, the spreadsheet row,
    /// the column as headed, the cell, why, what to do), then the same in English and the rest; after
    /// the refusals, the plan's projects the bureau may report on (`BureauProjectList`).
    public static let bureauRejects = TableSpec<Reject>(
        file: "rejects/<bureau>.csv", key: "bureau_rejects",
        about:
            "one bureau's refused rows and files, for its clerk, headed in Thai; then the plan's projects it may use",
        columns: [
            ColumnSpec("file", "ไฟล์", .text, "the file, within the bureau's folder") {
                .text(SummaryFiles.withinBureauFolder($0.file))
            },
            ColumnSpec("row", "แถวที่", .integer, "the row as the bureau's spreadsheet numbers it (0 for a whole file)") {
                .int($0.row)
            },
            ColumnSpec("column", "คอลัมน์", .text, "the column as headed in the bureau's file") { .text($0.column) },
            ColumnSpec("raw", "ค่าที่ส่งมา", .text, "the cell as received") { .code($0.raw) },
            ColumnSpec("reason_th", "เหตุผล", .text, "why, in Thai") { .text($0.thai) },
            ColumnSpec("fix_th", "วิธีแก้", .text, "what to do, in Thai") { .text($0.code.fix.thai) },
            ColumnSpec("sheet", "แผ่นงาน", .text, "for a workbook, the sheet read (its rows are the sheet's)") {
                .text($0.sheet)
            },
            ColumnSpec("reason_en", "เหตุผล (อังกฤษ)", .text, "why, in English") { .text($0.english) },
            ColumnSpec("fix_en", "วิธีแก้ (อังกฤษ)", .text, "what to do, in English") { .text($0.code.fix.english) },
            ColumnSpec("code", "รหัสข้อผิดพลาด", .code, "stable error code, for filtering") {
                .text($0.code.rawValue)
            },
            ColumnSpec(
                "line", "บรรทัดที่ (ไฟล์ข้อความ)", .integer,
                "the physical line where the record starts, as a text editor shows it"
            ) { .int($0.line) },
            ColumnSpec("record", "ข้อมูลทั้งแถว", .text, "the whole original row, cells separated by |") {
                .text($0.record.joined(separator: " | "))
            },
        ], thaiHeader: true)
}

/// The projects of the plan a bureau may report on, written after its refusals so that a clerk can
/// correct a mistyped id from that file alone: its agency's projects (every project when the bureau's
/// agency is not known), its own marked, in the plan's order. Rows as wide as the refusals'.
public enum BureauProjectList {
    /// The bureau's agency (nil when not known) and the projects it may use, each marked when its own.
    /// `agencies`: `agencies(of:)`, made once for all folders; made here when nil.
    public static func projects(
        summary s: Summary, folder: String, bureauFolders: [String: String], agencies: Agencies? = nil
    ) -> (agency: String?, projects: [(project: PlanProject, own: Bool)]) {
        let names = Set(bureauFolders.filter { $0.value == folder }.map(\.key))
        let agencies = agencies ?? Self.agencies(of: s)
        // The agency of the first of the summary's bureaus named for the folder, as they are listed.
        let agency = names.compactMap { agencies[$0] }.min { $0.position < $1.position }?.agency
        let projects = s.projects.filter { agency == nil || $0.project.agency == agency }.map {
            (project: $0.project, own: names.contains($0.project.bureauKey))
        }
        return (agency, projects)
    }

    /// By the key of a bureau's name, the first of the summary's bureaus of that name: where it is
    /// listed, and its agency.
    public typealias Agencies = [String: (position: Int, agency: String)]

    public static func agencies(of s: Summary) -> Agencies {
        var agencies: Agencies = [:]
        for (i, b) in s.bureaus.enumerated() {
            let key = Keys.name(b.name)
            if agencies[key] == nil { agencies[key] = (i, b.agency) }
        }
        return agencies
    }

    public static func rows(
        summary s: Summary, folder: String, bureauFolders: [String: String], agencies: Agencies? = nil
    ) -> [[OutputCell]] {
        let (agency, projects) = Self.projects(
            summary: s, folder: folder, bureauFolders: bureauFolders, agencies: agencies)
        let width = Tables.bureauRejects.columns.count
        func row(_ cells: [OutputCell]) -> [OutputCell] { cells + Array(repeating: .empty, count: width - cells.count) }
        var rows = [
            row([]),
            row([
                .text(
                    "รหัสโครงการตามแผนที่ใช้ได้" + (agency.map { " (\($0))" } ?? "")
                        + " / project ids of the plan this bureau may use")
            ]),
            row([.text("รหัสโครงการ"), .text("ชื่อโครงการ/กิจกรรม"), .text("หน่วยงานที่รับผิดชอบ"), .text("ของหน่วยงานนี้")]),
        ]
        for (p, own) in projects {
            rows.append(row([.code(p.id), .text(p.name), .text(p.bureau), .text(own ? "ใช่" : "")]))
        }
        return rows
    }
}
