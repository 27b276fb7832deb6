import Foundation
import RollupBase
import RollupReading

/// Accepting one data row: its project, its bureau, its fingerprint against the rows sent before,
/// and what it adds to the tallies.
extension ExportReader {
    mutating func accept(_ tableRow: TableRow, file: String, bureau: String, account: inout FileAccount) {
        let (row, cellFaults) = parser.parse(tableRow, file: file, source: bureau)
        if planYears.count > 1, settledByYear(row, tableRow, cellFaults: cellFaults, file: file, account: &account) {
            return
        }
        var faults: [Reject] = []
        // Looked up and remembered without a closure that would copy the row (`CellMemo.find`).
        var idIndex: Int?? = nil
        if !row.projectID.isEmpty {
            let column = tableRow.header.column(of: .projectID) ?? -1
            let place = tableRow.record.withCellBytes(column) { planIndexOfID.find($0) }
            if let known = place.value {
                idIndex = known
            } else {
                let index = plan.index(of: row.projectID)
                tableRow.record.withCellBytes(column) { planIndexOfID.remember($0, index, at: place) }
                idIndex = index
            }
        }
        let match = matcher.match(
            row, columns: matchColumns(tableRow.header),
            record: tableRow.record.cells, idIndex: idIndex)
        if case .failure(let r) = match { faults.append(r) }
        faults += cellFaults
        // The bureau the row counts for: the file's bureau when the registry names it, else the
        // row's หน่วยงาน cell, else the project's responsible bureau.
        var bureauKey = row.bureauKey
        var bureauName = row.bureau
        var bureauHash = row.bureauHash
        var cellNamesOther = false
        if let folder = folderBureau {
            cellNamesOther = !row.bureauKey.isEmpty && row.bureauLooseHash != folder.looseHash
            bureauKey = folder.key
            bureauName = folder.name
            bureauHash = folder.hash
        }
        if faults.isEmpty, case .success(let index) = match {
            // Read in place: a copy of the whole project on every row cost 1% of a night.
            if bureauKey.isEmpty {
                bureauKey = plan.projects[index].bureauKey
                bureauName = plan.projects[index].bureau
                if let h = projectBureauHashes[index] {
                    bureauHash = h
                } else {
                    bureauHash = TextKeyHash(exact: bureauKey)
                    projectBureauHashes[index] = bureauHash
                }
            }
            if lastAgency.bureau != bureauHash {
                lastAgency = (bureauHash, folderBureau?.agency ?? SummaryBuilder.agency(of: bureauName))
            }
            if !lastAgency.agency.isEmpty, lastAgency.agency != plan.projects[index].agency {
                let project = plan.projects[index]
                faults.append(
                    Reject(
                        code: .otherAgency, file: file, line: row.line, row: row.row,
                        column: tableRow.columnName(row.projectID.isEmpty ? .project : .projectID),
                        raw: tableRow.text(row.projectID.isEmpty ? .project : .projectID) ?? "",
                        record: tableRow.record.cells,
                        english: "project \(project.id) belongs to \(project.agency), but the row is \(bureauName)'s "
                            + "(\(lastAgency.agency)); check the project id",
                        thai: "โครงการ \(project.id) เป็นของ \(project.agency) แต่แถวนี้เป็นของ \(bureauName) "
                            + "(\(lastAgency.agency)) กรุณาตรวจสอบรหัสโครงการ"))
            }
        }
        // The one place the as-of date decides anything about a row: the cache keeps which dates it compared.
        if faults.isEmpty { asOfWindow.note(row.date, asOf: asOf) }
        if faults.isEmpty, row.date > asOf {
            if row.date > fiscalYear.lastDay, !planYears.contains(FiscalYear(containing: row.date).buddhistYear) {
                // After the year the run reports, in a year no plan covers: a year typo (2563 for 2562)
                // the bureau must hear about.
                faults.append(
                    Reject(
                        code: .dateAfterYear, file: file, line: row.line, row: row.row,
                        column: tableRow.columnName(.date),
                        raw: tableRow.text(.date) ?? "", record: tableRow.record.cells,
                        english: "\(row.date.iso) is after fiscal year \(fiscalYear.buddhistYear), which ends "
                            + "\(fiscalYear.lastDay.iso): check the year (\(fiscalYear.buddhistYear + 1) "
                            + "for \(fiscalYear.buddhistYear)?)",
                        thai: "วันที่ \(ThaiDisplay.date(row.date)) อยู่หลังสิ้นปีงบประมาณ พ.ศ. "
                            + "\(ThaiDisplay.digits(String(fiscalYear.buddhistYear))) กรุณาตรวจสอบปี พ.ศ."))
            } else {
                // Dated after the as-of date in a year the plan covers: it belongs to a later round.
                account.skipped[.afterAsOf, default: 0] += 1
                return
            }
        }
        if faults.isEmpty, !fiscalYear.contains(row.date) {
            faults.append(
                Reject(
                    code: .dateOutsideYear, file: file, line: row.line, row: row.row,
                    column: tableRow.columnName(.date),
                    raw: tableRow.text(.date) ?? "", record: tableRow.record.cells,
                    english:
                        "\(row.date.iso) is before fiscal year \(fiscalYear.buddhistYear), "
                        + "which starts \(fiscalYear.firstDay.iso)",
                    thai:
                        "วันที่ \(ThaiDisplay.date(row.date)) อยู่ก่อนปีงบประมาณ พ.ศ. "
                        + "\(ThaiDisplay.digits(String(fiscalYear.buddhistYear)))"
                ))
        }
        guard faults.isEmpty, case .success(let index) = match else {
            account.rejected += 1
            rejects.append(contentsOf: faults)
            return
        }
        var resultKey: UInt64 = 0
        if let r = row.resultPercent {
            let column = tableRow.header.column(of: .resultPercent) ?? -1
            let place = tableRow.record.withCellBytes(column) { resultKeys.find($0) }
            if let known = place.value {
                resultKey = known
            } else {
                resultKey = RowFingerprint.resultKey(r)
                tableRow.record.withCellBytes(column) { resultKeys.remember($0, resultKey, at: place) }
            }
        }
        let namedHash = row.bureauKey.isEmpty ? fileNamedHash : row.bureauLooseHash
        let fingerprint = RowFingerprint(row, project: index, bureau: namedHash, resultKey: resultKey)
        let rowNumber = Int32(truncatingIfNeeded: tableRow.record.row)
        switch bureauRows.sight(fingerprint, file: fileIndex, index: records.count) {
        case .new: break
        case .duplicate(let seen):
            let earlier = bureauRows.fileNames[Int(seen.file)]
            account.duplicates += 1
            notices.append(
                notice(
                    .duplicateRow, tableRow, file: file,
                    english:
                        "the same as row \(seen.row) of \(earlier) "
                        + "once each cell is normalised; counted once, "
                        + "under \(earlier)",
                    thai: "ข้อมูลซ้ำกับแถวที่ \(seen.row) ในไฟล์ \(earlier) เมื่อปรับรูปแบบแล้ว นับเพียงครั้งเดียว"))
            return
        case .again(let seen) where seen.file == fileIndex:
            notices.append(
                notice(
                    .repeatedRow, tableRow, file: file,
                    english:
                        "the same as row \(seen.row) of the same file (once each cell is normalised); both are "
                        + "counted: please confirm both happened",
                    thai: "ข้อมูลซ้ำกับแถวที่ \(seen.row) ในไฟล์เดียวกัน นับทั้งสองแถว กรุณายืนยันว่าเป็นกิจกรรมจริงทั้งสองครั้ง"))
        case .again(let seen):
            // This file holds the row more often than any earlier file: the extra copy is counted.
            let earlier = bureauRows.fileNames[Int(seen.file)]
            notices.append(
                notice(
                    .repeatedRow, tableRow, file: file,
                    english:
                        "the same as row \(seen.row) of \(earlier) (once each cell is normalised), but this file "
                        + "holds the row more often than \(earlier) does: this copy is counted as well; please "
                        + "confirm every copy happened",
                    thai: "ข้อมูลซ้ำกับแถวที่ \(seen.row) ในไฟล์ \(earlier) แต่ไฟล์นี้มีแถวนี้มากครั้งกว่า จึงนับแถวนี้ด้วย "
                        + "กรุณายืนยันว่าเป็นกิจกรรมจริงทุกครั้ง"))
        }
        var added = Tally()
        added.add(row, asItems: plan.projects[index].countsItems)
        records.append(
            RowRecord(
                fingerprint: fingerprint, line: Int32(truncatingIfNeeded: tableRow.record.line), row: rowNumber,
                project: Int32(index),
                month: Int32(row.date.year * 100 + row.date.month),
                bureau: records.bureauIndex(bureauHash, key: bureauKey),
                named: records.namedIndex(namedHash), tally: added))
        if cellNamesOther {
            notices.append(
                Reject(
                    code: .otherBureau, file: file, line: tableRow.record.line, row: tableRow.record.row,
                    column: tableRow.columnName(.bureau), raw: row.bureau, record: tableRow.record.cells,
                    english:
                        "the หน่วยงาน cell names \(row.bureau), but the file "
                        + "is \(bureauName)'s: counted for \(bureauName); "
                        + "both bureaus please check",
                    thai: "ช่องหน่วยงานระบุ \(row.bureau) แต่ไฟล์นี้เป็นของ \(bureauName) จึงนับให้ \(bureauName) "
                        + "กรุณาทั้งสองหน่วยงานตรวจสอบ"))
        }
        if row.status == .cancelled, row.activities > 0 || row.participants > 0 {
            notices.append(
                notice(
                    .cancelledCounts, tableRow, file: file,
                    english:
                        "the row is marked cancelled: its \(row.activities) "
                        + "\(plan.projects[index].countsItems ? "items" : "activities") "
                        + "and \(row.participants) participants are counted as "
                        + "cancelled, not as held (its money spent counts)",
                    thai:
                        "แถวนี้ระบุสถานะยกเลิก จึงนับ \(row.activities) ครั้ง/เรื่อง "
                        + "และผู้เข้าร่วม \(row.participants) คน เป็นรายการที่ยกเลิก "
                        + "ไม่นับเป็นการดำเนินการ (ยอดเบิกจ่ายยังนับ)"))
        }
        account.accepted += 1
        rollup.add(row, project: index, bureauKey: bureauKey, bureauName: bureauName, plan: plan)
    }

    /// Hands the bureau folder's rows on to the reader of its next file, leaving this reader without them.
    mutating func takeBureauRows() -> FingerprintTable {
        defer { bureauRows = FingerprintTable() }
        return bureauRows
    }

    /// The id and name columns' names for the matcher's refusals, worded once per header, not per row.
    private mutating func matchColumns(_ header: TableHeader) -> (id: String, name: String) {
        if let cached = matchColumnNames, cached.header === header { return (cached.id, cached.name) }
        // As `TableRow.columnName` words them.
        func name(_ field: Field) -> String { header.column(of: field).map(header.name(ofColumn:)) ?? field.rawValue }
        let names = (id: name(.projectID), name: name(.project))
        matchColumnNames = (header, names.id, names.name)
        return names
    }

    private func notice(_ code: RejectCode, _ row: TableRow, file: String, english: String, thai: String) -> Reject {
        Reject(
            code: code, file: file, line: row.record.line, row: row.record.row, record: row.record.cells,
            english: english, thai: thai)
    }
}
