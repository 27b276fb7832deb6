import Foundation
import RollupBase
import RollupReading

/// Stages 2 to 5 for one export file: read, normalize, match and add up, accounting for every record.
struct ExportReader {
    let plan: Plan
    let matcher: ProjectMatcher
    let fiscalYear: FiscalYear
    let asOf: CalendarDay
    let limits: CSVLimits
    let archive: RawArchive
    let tableReader: TableReader
    let pathGuard: PathGuard
    var rollup: Rollup
    /// Refused rows and files of this file, spilled to disk beyond a few.
    let rejects = RejectLog()
    var parser: ProgressRowParser
    /// Rows counted once (identical to a row of another file) or flagged (repeated within the file).
    let notices = RejectLog()
    /// Accepted rows of the bureau folder's files so far, this one included, by fingerprint: a row
    /// repeated within a file is counted and flagged, one sent again in a later file of the folder
    /// counts once (the merge finds rows sent again from another folder).
    var bureauRows: FingerprintTable
    /// This file's index in `bureauRows`, set when reading starts.
    var fileIndex: Int32 = -1
    /// The last bureau a row named, hashed for its fingerprint (rows of a file nearly always share it).
    /// The bureau a row with an empty หน่วยงาน cell is taken to name: the file's (loose key, hashed).
    var fileNamedHash = TextKeyHash(exact: "")
    /// Each project's responsible bureau key hashed, for rows that name none in a file of no named bureau.
    var projectBureauHashes: [Int: TextKeyHash] = [:]
    /// Each distinct result percentage cell's key (`RowFingerprint.resultKey`), by the cell's bytes,
    /// computed once per file (the same bytes always read as the same percentage).
    var resultKeys = CellMemo<UInt64>()
    /// The header whose id and name column names the matcher was last given, and those names.
    var matchColumnNames: (header: TableHeader, id: String, name: String)?
    /// What each accepted row added, for the merge (`RowRecordLog`).
    let records = RowRecordLog()
    /// Plan index of each distinct project id cell (nil: not in the plan), so a row's id is looked
    /// up in the plan once per file, not once per row.
    var planIndexOfID = CellMemo<Int?>()
    /// The bureau the registry says the file comes from: every row counts for it.
    var folderBureau: (key: String, name: String, agency: String, hash: TextKeyHash, looseHash: TextKeyHash)?
    /// The date column's order once a cell settled it, and the line of that cell.
    private var settledOrder: (order: DateOrder, line: Int)?
    /// Rows whose date reads two ways (2/3/2019), waiting for the column to settle its order.
    private var pending: [TableRow] = []
    /// Rows held back at most; beyond, the waiting rows are refused for their ambiguous date.
    static let pendingLimit = 10_000

    /// The fiscal years (BE) the plan files cover, the reported one included: a row dated in another
    /// of them is outside this run's scope (`SkipReason.outsideYear`); in none of them, it is a year typo.
    let planYears: Set<Int>
    /// The fiscal year (BE) of each plan project's id, every year's plans included (empty with one plan year).
    let idYears: [String: Int]
    /// The agency of the last bureau key seen (rows of a file nearly always share it).
    var lastAgency: (bureau: TextKeyHash, agency: String) = (TextKeyHash(exact: "\u{0}"), "")
    /// The as-of dates under which this file's reading stays the same (for the read cache).
    var asOfWindow = AsOfWindow()
    /// False once the result depends on more than the file's bytes and the run's settings: a link
    /// refused, a folder, a file that could not be opened or read to its end (never cached).
    var dependsOnlyOnBytes = true

    init(
        plan: Plan, planYears: [FiscalYear]? = nil, idYears: [String: Int] = [:], matcher: ProjectMatcher,
        fiscalYear: FiscalYear, asOf: CalendarDay,
        limits: CSVLimits,
        archive: RawArchive, tableReader: TableReader, pathGuard: PathGuard,
        bureauRows: FingerprintTable = FingerprintTable()
    ) {
        self.pathGuard = pathGuard
        self.bureauRows = bureauRows
        self.archive = archive
        self.tableReader = tableReader
        self.plan = plan
        self.matcher = matcher
        self.fiscalYear = fiscalYear
        self.asOf = asOf
        self.limits = limits
        self.rollup = Rollup(projectCount: plan.projects.count)
        self.parser = ProgressRowParser(fiscalYear: fiscalYear)
        let years = Set((planYears ?? plan.fiscalYears).map(\.buddhistYear))
        self.planYears = years.union([fiscalYear.buddhistYear])
        self.idYears = idYears
    }

    /// Reads one export through the raw archive. Throws only when the file cannot be archived:
    /// a run that cannot keep what arrived publishes nothing.
    mutating func read(
        path: String, relative: String, bureau: String, bureauName: String? = nil, bureauAgency: String? = nil,
        sheet: String? = nil
    ) throws -> FileAccount {
        var account = FileAccount(path: relative, bureau: bureau)
        folderBureau = bureauName.map {
            let key = Keys.name($0)
            return (
                key, $0, bureauAgency ?? SummaryBuilder.agency(of: $0), TextKeyHash(exact: key),
                TextKeyHash(exact: Keys.looseBureau(key))
            )
        }
        fileNamedHash = folderBureau?.looseHash ?? TextKeyHash(exact: "folder:" + bureau)
        fileIndex = bureauRows.beginFile(relative, records: records)
        if let outside = pathGuard.refusal(for: path) {
            dependsOnlyOnBytes = false
            return refuse(
                &account, .outsideInput, english: "the file is not read: \(outside)",
                thai: "ไม่อ่านไฟล์นี้ เพราะเป็นลิงก์ที่ชี้ออกนอกโฟลเดอร์ข้อมูลนำเข้า")
        }
        if (relative.split(separator: "/").last ?? "").hasPrefix(".") {
            return refuse(
                &account, .notAnExport,
                english: "a hidden file (its name starts with a dot) is not read: if it is an export, rename it "
                    + "without the dot",
                thai: "ไม่อ่านไฟล์ที่ซ่อนอยู่ (ชื่อขึ้นต้นด้วยจุด) หากเป็นไฟล์รายงานผล กรุณาเปลี่ยนชื่อโดยไม่มีจุดนำหน้า")
        }
        var st = stat()
        if stat(path, &st) == 0, st.st_mode & S_IFMT == S_IFDIR {
            dependsOnlyOnBytes = false
            return refuse(
                &account, .notAnExport,
                english: "a folder inside the bureau's folder is not read: put its CSV files in the bureau's folder",
                thai: "ไม่อ่านโฟลเดอร์ย่อยในโฟลเดอร์ของหน่วยงาน กรุณาวางไฟล์ CSV ไว้ในโฟลเดอร์ของหน่วยงานโดยตรง")
        }
        let source: ArchivingByteSource
        do {
            source = try archive.open(path: path)
        } catch let error as SystemError where error.path == path {
            dependsOnlyOnBytes = false
            return refuse(
                &account, .unreadableFile, english: "the file cannot be read: \(error)", thai: "เปิดอ่านไฟล์นี้ไม่ได้")
        }
        if InputFolder.isWorkbookName(relative) {
            // A zip is read from its end: the workbook is archived whole first, and its archived copy
            // (the very bytes kept, named at the archive's commit) is what is read.
            let archived = try source.finish()
            (account.sha256, account.archivedAs, account.bytes) = (archived.sha256, archived.name, archived.bytes)
            return readWorkbook(
                at: source.copyPath ?? archive.folder + "/" + archived.name, relative: relative, bureau: bureau,
                sheet: sheet, account: account)
        }
        account = readRecords(source: source, path: path, relative: relative, bureau: bureau, account: account)
        if account.refusal == nil, account.encoding.hasPrefix("UTF-8"), source.endsInsideUTF8Character {
            account = refuseWhole(
                account,
                english: "the file ends inside a character: it was cut off in transfer, so nothing of it is counted; "
                    + "send the whole file again",
                thai: "ไฟล์จบกลางตัวอักษร แสดงว่าส่งมาไม่ครบ จึงไม่นับข้อมูลใดของไฟล์นี้ กรุณาส่งไฟล์ทั้งไฟล์ใหม่")
        }
        let archived = try source.finish()
        account.sha256 = archived.sha256
        account.archivedAs = archived.name
        account.bytes = archived.bytes
        return account
    }

    /// Why a file is not read as a CSV export, by its name: a workbook, or another kind of file.
    static func notCSV(_ name: String) -> (english: String, thai: String)? {
        guard !InputFolder.isCSVName(name) else { return nil }
        let ext = (name.split(separator: "/").last.map(String.init) ?? name).split(separator: ".").dropFirst().last
            .map { $0.lowercased() }
        switch ext {
        case "xls", "xlsb", "ods", "numbers":
            return (
                "a spreadsheet workbook of the .\(ext!) kind is not read: save it as .xlsx (Excel workbook) or CSV UTF-8",
                "ไม่อ่านไฟล์สมุดงานชนิด .\(ext!) กรุณาบันทึกเป็น .xlsx (Excel Workbook) หรือ CSV UTF-8 แล้วส่งใหม่"
            )
        default:
            return (
                "not a CSV export (.csv, .txt or .tsv), so it is not read",
                "ไม่ใช่ไฟล์ CSV (.csv .txt หรือ .tsv) จึงไม่อ่านไฟล์นี้"
            )
        }
    }

    private mutating func readRecords(
        source: ArchivingByteSource, path: String, relative: String, bureau: String, account: FileAccount
    ) -> FileAccount {
        var account = account
        if let kind = Self.notCSV(relative) {
            // Kept in the raw archive as received, like every file that arrives.
            return refuse(&account, .notAnExport, english: kind.english, thai: kind.thai)
        }
        let file: InputFile
        do {
            file = try InputFile(source: source, path: path, displayPath: relative, limits: limits)
        } catch let error as UndecodableFile {
            return refuse(
                &account, .undecodableFile, english: "the file cannot be read as text: \(error.reason)",
                thai: "อ่านไฟล์นี้เป็นข้อความไม่ได้ กรุณาบันทึกใหม่เป็น CSV UTF-8 หรือ CSV ธรรมดา")
        } catch {
            // Changed while its first bytes were read, or the system failed: not the bytes' doing.
            dependsOnlyOnBytes = false
            return refuse(
                &account, .unreadableFile, english: "the file cannot be read: \(error)",
                thai: "เปิดอ่านไฟล์นี้ไม่ได้")
        }
        account.encoding = file.encoding.rawValue
        account.delimiter = file.dialect.delimiterName
        return readTable(file, relative: relative, bureau: bureau, account: account)
    }

    /// One sheet of a workbook, through the same table reader and rules as a CSV; its hidden rows
    /// are skipped with a notice naming them.
    private mutating func readWorkbook(
        at archived: String, relative: String, bureau: String, sheet: String?, account: FileAccount
    ) -> FileAccount {
        var account = account
        let workbook: WorkbookFile
        do {
            workbook = try WorkbookFile(
                path: archived, displayPath: relative, maxCells: limits.maxCells, maxCellBytes: limits.maxCellBytes,
                sheet: sheet, recognises: tableReader.recognises)
        } catch let refusal as WorkbookRefusal {
            return refuse(&account, .badWorkbook, english: refusal.english, thai: refusal.thai)
        } catch {
            dependsOnlyOnBytes = false
            return refuse(
                &account, .badWorkbook, english: "the workbook cannot be read: \(error)", thai: "อ่านไฟล์สมุดงานนี้ไม่ได้")
        }
        account.encoding = "xlsx"
        account.sheet = workbook.sheetName
        account = readTable(workbook, relative: relative, bureau: bureau, account: account)
        // Every refusal and notice of the workbook names its sheet: streamed from the log (a workbook
        // of refused rows would otherwise be held whole in memory, as iterating the log does).
        for log in [rejects, notices] where !log.isEmpty {
            let named = RejectLog()
            log.forEachEntry { reject in
                var r = reject
                r.sheet = workbook.sheetName
                named.append(r)
            }
            log.removeAll()
            log.append(log: named)
        }
        if account.refusal == nil, !workbook.hiddenSheets.isEmpty {
            let names = workbook.hiddenSheets.joined(separator: ", ")
            notices.append(
                Reject(
                    code: .hiddenRows, file: relative, line: 0, row: 0, column: "", raw: names,
                    english: "hidden sheets are not read (\(names)); the sheet read is \(workbook.sheetName)",
                    thai: "แผ่นงานที่ซ่อนอยู่ไม่ได้อ่าน (\(names)) แผ่นงานที่อ่านคือ \(workbook.sheetName)"))
        }
        if account.refusal == nil, !workbook.hiddenRows.isEmpty {
            let rows = workbook.hiddenRows
            account.records += rows.count
            account.skipped[.hidden, default: 0] += rows.count
            let shown = rows.prefix(20).map(String.init).joined(separator: ", ") + (rows.count > 20 ? ", …" : "")
            notices.append(
                Reject(
                    code: .hiddenRows, file: relative, line: 0, row: 0, column: "", raw: shown,
                    english: "\(rows.count) hidden \(rows.count == 1 ? "row is" : "rows are") not read (sheet "
                        + "\(workbook.sheetName), rows \(shown)): unhide and resend if they should count",
                    thai: "แถวที่ซ่อนอยู่ \(rows.count) แถวไม่ได้อ่าน (แผ่นงาน \(workbook.sheetName) แถวที่ \(shown)) "
                        + "หากควรนับ กรุณายกเลิกการซ่อนแล้วส่งใหม่"))
        }
        return account
    }

    /// Sorts every record of `file` (a CSV or a workbook's sheet) into data, skipped or refused.
    private mutating func readTable(
        _ file: some RecordSource, relative: String, bureau: String, account: FileAccount
    ) -> FileAccount {
        var account = account
        do {
            let summary = try tableReader.read(file) { event in
                handle(event, file: relative, bureau: bureau, account: &account)
            }
            if !pending.isEmpty { refusePending(file: relative, account: &account) }
            if let header = summary.header {
                account.unrecognisedColumns = header.roles.indices.compactMap { c in
                    header.roles[c] == .unknown && !header.names[c].isEmpty ? header.names[c] : nil
                }
            }
            account.records = summary.statistics.records + summary.statistics.malformed
            if let missing = summary.missingHeader {
                account.refusal = missing.description
                rejects.append(
                    Reject(
                        code: .missingHeader, file: relative, line: 0, row: 0,
                        english: "no header row with known column names was found; the first row has: "
                            + missing.headersSeen.joined(separator: ", "),
                        thai: "ไม่พบแถวหัวตารางที่มีชื่อคอลัมน์ที่รู้จัก (เช่น รหัสโครงการ วันที่ดำเนินการ จำนวนครั้ง)"))
            }
        } catch {
            // What was counted came from a file that could not be read to its end (changed, cut,
            // unreadable): none of it counts. Every record read so far is refused with the file.
            account.records =
                account.accepted + account.headerRows + account.skippedTotal + account.rejected
                + account.duplicates
            dependsOnlyOnBytes = false
            return refuseWhole(
                account,
                english: "reading stopped, so nothing of this file is counted: \(error)",
                thai: "อ่านไฟล์ไม่สำเร็จจนจบ จึงไม่นับข้อมูลใดของไฟล์นี้ กรุณาส่งไฟล์ใหม่")
        }
        return account
    }

    /// Counts nothing of the file: every record read is refused with the file, for `english`/`thai`.
    private mutating func refuseWhole(_ account: FileAccount, english: String, thai: String) -> FileAccount {
        var account = account
        rollup = Rollup(projectCount: plan.projects.count)
        rejects.removeAll()
        notices.removeAll()
        bureauRows.removeFile(fileIndex)
        records.removeAll()
        pending = []
        account.refuseAll(english)
        return refuse(&account, .unreadableFile, english: english, thai: thai)
    }

    /// The date column writes numeric dates in `order` (settled by the cell on `line`): the rows that
    /// waited are read now.
    private mutating func settle(
        _ order: DateOrder, at line: Int, file: String, bureau: String, account: inout FileAccount
    ) {
        settledOrder = (order, line)
        account.dateOrder = "\(order.rawValue) (line \(line))"
        parser.setDateOrder(order)
        let waiting = pending
        pending = []
        for row in waiting { accept(row, file: file, bureau: bureau, account: &account) }
    }

    /// Refuses the rows still waiting: no cell of the column settled whether 2/3 is 2 March or 3 February.
    private mutating func refusePending(file: String, account: inout FileAccount) {
        for row in pending {
            account.rejected += 1
            let text = row.text(.date) ?? ""
            rejects.append(
                Reject(
                    code: .ambiguousDateOrder, file: file, line: row.record.line, row: row.record.row,
                    column: row.columnName(.date), raw: text, record: row.record.cells,
                    english: "“\(text)” reads as day/month and as month/day, and no date of the column settles which: "
                        + "write the month as a name (๒ มี.ค. ๒๕๖๒), a Buddhist "
                        + "Era year, or the year first (2019-03-02)",
                    thai: "“\(text)” อ่านได้ทั้งแบบ วัน/เดือน และ เดือน/วัน และไม่มีวันที่อื่นในคอลัมน์ที่ชี้ชัด "
                        + "กรุณาเขียนชื่อเดือน (๒ มี.ค. ๒๕๖๒) หรือใช้ปี พ.ศ."))
        }
        pending = []
        account.dateOrder = account.dateOrder ?? "unsettled"
    }

    private mutating func refuse(_ account: inout FileAccount, _ code: RejectCode, english: String, thai: String)
        -> FileAccount
    {
        account.refusal = english
        rejects.append(Reject(code: code, file: account.path, line: 0, row: 0, english: english, thai: thai))
        return account
    }

    private mutating func handle(_ event: TableEvent, file: String, bureau: String, account: inout FileAccount) {
        switch event {
        case .header:
            account.headerRows += 1
        case .skipped(_, let why):
            account.skipped[why, default: 0] += 1
        case .withoutHeader:
            account.rejected += 1
        case .malformed(let e):
            account.rejected += 1
            rejects.append(
                Reject(
                    code: .malformedCSV, file: file, line: e.line, row: e.row, column: "column \(e.column)",
                    english: e.message, thai: "รูปแบบ CSV ของแถวนี้ผิด (เครื่องหมายคำพูดไม่ครบคู่ หรือช่องยาวเกินไป)"))
        case .ragged(let record, let column, let expected):
            account.rejected += 1
            rejects.append(
                Reject(
                    code: .raggedRow, file: file, line: record.line, row: record.row, column: "column \(column + 1)",
                    raw: record.displayText(column), record: record.cells,
                    english:
                        "the row has cells beyond the header's \(expected) "
                        + "columns; a cell may hold an unquoted delimiter",
                    thai: "แถวนี้มีข้อมูลเกินจำนวนคอลัมน์ของหัวตาราง (\(expected) คอลัมน์)"))
        case .data(let row):
            if row.record.count < row.header.roles.count { account.shortRows += 1 }
            // The date column's order is the file's, never the cell's: a cell that reads two ways
            // waits until one that reads only one way settles it.
            if settledOrder == nil, let text = row.text(.date), let evidence = ThaiDateParser.orderEvidence(text) {
                switch evidence {
                case .dayFirst, .monthFirst:
                    settle(
                        evidence == .dayFirst ? .dayFirst : .monthFirst, at: row.record.line, file: file,
                        bureau: bureau,
                        account: &account)
                case .either:
                    pending.append(row)
                    if pending.count >= Self.pendingLimit { refusePending(file: file, account: &account) }
                    return
                case .same, .neither: break
                }
            }
            accept(row, file: file, bureau: bureau, account: &account)
        }
    }
}
