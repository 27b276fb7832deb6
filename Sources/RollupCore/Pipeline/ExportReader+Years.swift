import RollupBase
import RollupReading

/// The fiscal-year rules a row meets before it is matched, when several years' plans lie side by side.
///
/// A row belongs to the fiscal year its date falls in. A row dated in another year that has a plan is
/// outside this run's scope: skipped (`SkipReason.outsideYear`, counted per year in
/// `FileAccount.outsideYear`), never matched, never refused. Except when its project id is of another
/// plan year than its date's (the year of the plan that lists the id, else the one its form encodes,
/// `Plan.yearEncoded`): then the id or the date's year is wrong, and the row is refused
/// (`project.year_mismatch`) whichever year is reported, so the bureau hears about it.
/// Rows whose date cannot be read, and rows dated in a year no plan covers, go on to the usual rules
/// (a date after the reported year refused as `date.after_fiscal_year`, before it as
/// `date.outside_fiscal_year`); for the latter, when the id encodes another plan year than the one
/// reported, those date rules are applied here, before matching, since the reported year's plan
/// would only call the id unknown; so is a date that cannot be read on such a row (refused for its
/// cells alone).
extension ExportReader {
    /// True when the row was skipped or refused here (and accounted); false to go on matching it.
    mutating func settledByYear(
        _ row: ProgressRow, _ tableRow: TableRow, cellFaults: [Reject], file: String, account: inout FileAccount
    ) -> Bool {
        let dateColumn = tableRow.columnName(.date)
        // The id's plan year: that of the plan listing it, else the one its form encodes.
        let idYear = idYears[row.projectID] ?? Plan.yearEncoded(in: row.projectID, planYears: planYears)
        guard !cellFaults.contains(where: { $0.column == dateColumn }) else {
            // A date that cannot be read, with the id of another plan year than the one reported: the
            // date is what the bureau must fix (the id would only read as unknown in this year's plan).
            guard let idYear, idYear != fiscalYear.buddhistYear else { return false }
            account.rejected += 1
            rejects.append(contentsOf: cellFaults)
            return true
        }
        let year = FiscalYear(containing: row.date)
        guard planYears.contains(year.buddhistYear) else {
            // Dated in a year no plan covers, with the id of another plan year than the one reported:
            // the date's year is what is wrong (matched against the reported year's plan, the id would
            // only read as unknown). Refused as any row dated outside the plans is.
            guard let idYear, idYear != fiscalYear.buddhistYear else { return false }
            let after = row.date > fiscalYear.lastDay
            account.rejected += 1
            rejects.append(
                Reject(
                    code: after ? .dateAfterYear : .dateOutsideYear, file: file, line: row.line, row: row.row,
                    column: dateColumn, raw: tableRow.text(.date) ?? "", record: tableRow.record.cells,
                    english:
                        "\(row.date.iso) lies in fiscal year \(year.buddhistYear), which no plan covers, and project "
                        + "id \(row.projectID) is of fiscal year \(idYear)'s plan: check the year",
                    thai: "วันที่ \(ThaiDisplay.date(row.date)) อยู่ในปีงบประมาณ พ.ศ. "
                        + "\(ThaiDisplay.digits(String(year.buddhistYear))) ซึ่งไม่มีแผน และรหัสโครงการ \(row.projectID) "
                        + "เป็นของแผนปีงบประมาณ พ.ศ. \(ThaiDisplay.digits(String(idYear))) กรุณาตรวจสอบปี พ.ศ."))
            rejects.append(contentsOf: cellFaults)
            return true
        }
        if let idYear, idYear != year.buddhistYear {
            account.rejected += 1
            rejects.append(
                Reject(
                    code: .yearMismatch, file: file, line: row.line, row: row.row, column: dateColumn,
                    raw: tableRow.text(.date) ?? "", record: tableRow.record.cells,
                    english: "project id \(row.projectID) is of fiscal year \(idYear)'s plan, but the row is dated "
                        + "\(row.date.iso), in fiscal year \(year.buddhistYear): check the date's year or the project id",
                    thai: "รหัสโครงการ \(row.projectID) เป็นของแผนปีงบประมาณ พ.ศ. \(ThaiDisplay.digits(String(idYear))) "
                        + "แต่วันที่ \(ThaiDisplay.date(row.date)) อยู่ในปีงบประมาณ พ.ศ. "
                        + "\(ThaiDisplay.digits(String(year.buddhistYear))) กรุณาตรวจสอบปี พ.ศ. ของวันที่หรือรหัสโครงการ"))
            rejects.append(contentsOf: cellFaults)
            return true
        }
        guard year != fiscalYear else { return false }
        account.skipped[.outsideYear, default: 0] += 1
        account.outsideYear[year.buddhistYear, default: 0] += 1
        return true
    }
}
