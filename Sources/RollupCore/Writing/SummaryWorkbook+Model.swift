import Foundation
import RollupBase

extension SummaryWorkbook {
    /// Everything `summary.xlsx` is written from, made once: every sheet's cells, every report form's
    /// lines and texts, the title and the date. The workbook is written from this alone (`render`),
    /// and what it is made from (`digest`) is taken from the same cells and texts, so the digest names
    /// exactly what is written, without describing the summary through reflection.
    struct Model: Sendable {
        struct Table: Sendable {
            var sheet: String
            var file: String
            var columns: [WorkbookTable.Column]
            var rows: [[OutputCell]]

            init<Row>(_ table: TableSpec<Row>, sheet: String, rows: some Sequence<Row>) {
                self.sheet = sheet
                file = table.file
                columns = table.columns.map {
                    WorkbookTable.Column(
                        name: $0.name, thai: $0.thai, type: ColumnType(rawValue: $0.type), unit: $0.unit)
                }
                self.rows = rows.map { row in table.columns.map { $0.cell(row) } }
            }

            var workbookTable: WorkbookTable {
                WorkbookTable(sheet: sheet, file: file, columns: columns) { each in for row in rows { try each(row) } }
            }
        }

        var title: String
        var asOf: CalendarDay
        /// What needs attention and what changed (written first), then the tables after the forms.
        var tables: [Table]
        var forms: [ReportFormSheet.Form]

        init(_ s: Summary, attention: [AttentionItem], changes: [ChangeItem]) {
            title = "ผลการดำเนินการตามแผนส่งเสริมคุณธรรมและความโปร่งใส ปีงบประมาณ \(s.fiscalYear.buddhistYear)"
            asOf = s.asOf
            tables = [
                Table(Tables.attention, sheet: "ต้องติดตาม", rows: attention),
                Table(Tables.changes, sheet: "เปลี่ยนแปลง", rows: changes),
                Table(Tables.agencies, sheet: "ส่วนราชการ", rows: s.agencies + [s.total]),
                Table(Tables.bureaus, sheet: "หน่วยงาน", rows: s.bureaus),
                Table(Tables.issues, sheet: "ประเด็น", rows: s.issues),
                Table(Tables.measures, sheet: "มาตรการ", rows: s.measures),
                Table(Tables.projects, sheet: projectsSheet, rows: s.projects),
                Table(Tables.months, sheet: "รายเดือน", rows: s.months),
                Table(Tables.quarters, sheet: "รายไตรมาส", rows: s.quarters),
                Table(Tables.kpi, sheet: "ระดับตัวชี้วัด", rows: s.kpi),
            ]
            // Each agency's form under a sheet name of its own.
            var names: Set<String> = Set(tables.map(\.sheet))
            var forms: [ReportFormSheet.Form] = []
            for agency in s.agencies {
                var name = ReportFormSheet.sheetName(agency.agency)
                var n = 2
                while names.contains(name) {
                    name = String(ReportFormSheet.sheetName(agency.agency).prefix(27)) + " (\(n))"
                    n += 1
                }
                names.insert(name)
                forms.append(ReportFormSheet.Form(s, agency: agency, name: name))
            }
            self.forms = forms
        }

        /// What the workbook is made from, as `OutputSource` digests it: every text and cell written.
        var digest: [UInt8]? {
            var source = OutputSource("workbook 2")
            source.add(bytes: Array(title.utf8))
            source.add(bytes: Array(asOf.iso.utf8))
            source.add(bytes: withUnsafeBytes(of: Int64(tables.count).littleEndian) { Array($0) })
            for table in tables {
                source.add(bytes: Array(table.sheet.utf8))
                source.add(bytes: Array(table.file.utf8))
                source.add(
                    rows: table.columns.map {
                        [.text($0.name), .text($0.thai), .text($0.type?.rawValue ?? ""), .text($0.unit)]
                    })
                source.add(rows: table.rows)
            }
            source.add(bytes: withUnsafeBytes(of: Int64(forms.count).littleEndian) { Array($0) })
            for form in forms {
                source.add(bytes: Array(form.name.utf8))
                source.add(rows: form.describingRows)
            }
            return source.digest
        }
    }
}
