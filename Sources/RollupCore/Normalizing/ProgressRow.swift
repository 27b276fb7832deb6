import Foundation
import RollupBase
import RollupReading

/// One accepted row of a bureau's progress export, its cells normalized, not yet matched to the plan.
public struct ProgressRow: Sendable, Hashable {
    /// Project id as keyed (`Keys.projectID`); "" when the row gives none.
    public let projectID: String
    public let name: String
    public let nameKey: String
    public let bureau: String
    public let bureauKey: String
    /// `bureauKey` hashed, and its loose form (`Keys.looseBureau`) hashed: compared per row instead of text.
    public let bureauHash: TextKeyHash
    public let bureauLooseHash: TextKeyHash
    public let date: CalendarDay
    public let activities: Int64
    public let participants: Int64
    public let spentSatang: Int64
    public let resultPercent: Decimal?
    public let status: ProjectStatus?
    public let evidence: String
    public let note: String
    /// Problems and obstacles the row reports (ปัญหา อุปสรรค), kept as received; not part of its identity.
    public let problems: String
    /// The evidence and remarks as compared for duplicates (`TextKeyHash`).
    public let evidenceKey: TextKeyHash
    public let noteKey: TextKeyHash
    /// Bureau folder the file came from.
    public let source: String
    public let file: String
    public let line: Int
    public let row: Int

    /// `evidenceKey` and `noteKey` default to the keys of `evidence` and `note`.
    public init(
        projectID: String, name: String, nameKey: String, bureau: String, bureauKey: String, date: CalendarDay,
        activities: Int64, participants: Int64, spentSatang: Int64, resultPercent: Decimal?, status: ProjectStatus?,
        evidence: String, note: String, evidenceKey: TextKeyHash? = nil, noteKey: TextKeyHash? = nil,
        bureauHash: TextKeyHash? = nil, bureauLooseHash: TextKeyHash? = nil, problems: String = "",
        source: String, file: String, line: Int, row: Int
    ) {
        self.projectID = projectID
        self.name = name
        self.nameKey = nameKey
        self.bureau = bureau
        self.bureauKey = bureauKey
        self.bureauHash = bureauHash ?? TextKeyHash(exact: bureauKey)
        self.bureauLooseHash = bureauLooseHash ?? TextKeyHash(exact: Keys.looseBureau(bureauKey))
        self.date = date
        self.activities = activities
        self.participants = participants
        self.spentSatang = spentSatang
        self.resultPercent = resultPercent
        self.status = status
        self.evidence = evidence
        self.note = note
        self.problems = problems
        self.evidenceKey = evidenceKey ?? TextKeyHash(evidence)
        self.noteKey = noteKey ?? TextKeyHash(note)
        self.source = source
        self.file = file
        self.line = line
        self.row = row
    }
}

/// Normalizes the data rows of one export into `ProgressRow`s, or says which cells are refused and why.
/// Every cell goes through a per-file memo keyed by its bytes: ids, names, dates, counts, amounts
/// and status words repeat from row to row, and each distinct text is read once. What a memo gives
/// back is exactly what reading the text gives (the readers depend on the text alone), refusals
/// included; bytes that are not text are never remembered, so they are refused on every row.
public struct ProgressRowParser {
    private var ids = CellMemo<String>()
    private var names = CellMemo<(String, String)>()
    private var bureaus = CellMemo<(String, String, TextKeyHash, TextKeyHash)>()
    private var dates = CellMemo<Result<CalendarDay, Refusal>>()
    private var activities = CellMemo<Result<Int64?, Refusal>>()
    private var participants = CellMemo<Result<Int64?, Refusal>>()
    private var amounts = CellMemo<Result<AmountCell, Refusal>>()
    private var percents = CellMemo<Result<Decimal?, Refusal>>()
    /// The status a cell names (nil: none or unknown) and its text, for the refusal of an unknown one.
    private var statuses = CellMemo<(ProjectStatus?, String)>()
    private var evidence = CellMemo<(String, TextKeyHash)>()
    private var notes = CellMemo<(String, TextKeyHash)>()
    private var problems = CellMemo<String>()

    /// The fiscal year the rows are read for: it settles 2-digit years (`ThaiDateParser`).
    private let fiscalYear: FiscalYear?
    /// How the file's date column writes numeric dates, once the column has settled it.
    public private(set) var dateOrder: DateOrder = .dayFirst

    public init(fiscalYear: FiscalYear? = nil) { self.fiscalYear = fiscalYear }

    /// Reads numeric dates in `order` from now on (cells read so far were ones either order reads alike).
    public mutating func setDateOrder(_ order: DateOrder) {
        guard order != dateOrder else { return }
        dateOrder = order
        dates = CellMemo()
    }

    /// The normalized row and all of its cell faults, in the order of the row's fields. A row with
    /// faults is refused; its id, name and bureau are still read so matching can report first.
    public mutating func parse(_ row: TableRow, file: String, source: String) -> (row: ProgressRow, faults: [Reject]) {
        var faults: [Reject] = []
        func reject(_ code: RejectCode, _ field: Field, _ raw: String, english: String, thai: String) {
            faults.append(
                Reject(
                    code: code, file: file, line: row.record.line, row: row.record.row, column: row.columnName(field),
                    raw: raw,
                    record: row.record.cells, english: english, thai: thai))
        }
        /// The cell's text, trimmed; bytes that are not text are refused (every time they occur).
        func cell(_ field: Field) -> String {
            if let t = row.text(field) { return t }
            reject(
                .invalidText, field, row.header.column(of: field).map(row.record.displayText) ?? "",
                english:
                    "the cell holds bytes that are not text in the file's "
                    + "encoding; retype it or save the file as CSV UTF-8",
                thai: "ช่องนี้มีอักขระที่อ่านไม่ได้ กรุณาพิมพ์ใหม่หรือบันทึกไฟล์เป็น CSV UTF-8")
            return ""
        }
        /// A cell through a memo: each distinct valid text is read and transformed once per file.
        /// A missing column or cell reads as empty text.
        /// No closure here captures the row: each would copy it (three references) on every cell.
        func memo<V>(_ field: Field, _ table: inout CellMemo<V>, _ transform: (String) -> V) -> V {
            let column = row.header.column(of: field) ?? -1
            let place = row.record.withCellBytes(column) { table.find($0) }
            if let known = place.value { return known }
            // The text is validated once: valid text is trimmed, read and remembered; bytes that are
            // not text are refused (`cell`) and never remembered. A missing column reads as "".
            guard let text = row.record.text(column) else { return transform(cell(field)) }
            let value = transform(ThaiText.trimmed(text))
            row.record.withCellBytes(column) { table.remember($0, value, at: place) }
            return value
        }
        /// A cell read into a value: for figures (`plain` given) a plain number straight from its
        /// bytes, anything else through a memo; a refusal is reported with the cell's text.
        func read<V>(
            _ field: Field, _ code: RejectCode, _ table: inout CellMemo<Result<V, Refusal>>,
            plain: ((PlainNumber) -> Result<V, Refusal>?)? = nil,
            _ parse: (String) -> Result<V, Refusal>
        ) -> V? {
            var fast: Result<V, Refusal>?
            if let plain {
                fast = row.record.withCellBytes(row.header.column(of: field) ?? -1) { PlainNumber($0).flatMap(plain) }
            }
            switch fast ?? memo(field, &table, parse) {
            case .success(let v): return v
            case .failure(let r):
                reject(code, field, row.text(field) ?? "", english: r.english, thai: r.thai)
                return nil
            }
        }
        let id = memo(.projectID, &ids) { Keys.projectID($0) }
        let (name, nameKey) = memo(.project, &names) { text in
            let n = ThaiText.normalize(text)
            return (n, Keys.name(n))
        }
        let (bureau, bureauKey, bureauHash, bureauLooseHash) = memo(.bureau, &bureaus) { text in
            let b = ThaiText.normalize(text)
            let key = Keys.name(b)
            return (b, key, TextKeyHash(exact: key), TextKeyHash(exact: Keys.looseBureau(key)))
        }
        let order = dateOrder
        let date =
            read(.date, .badDate, &dates) { text in
                let read = ThaiDateParser.parseDay(text, near: fiscalYear, order: order)
                guard case .failure = read, let evidence = ThaiDateParser.orderEvidence(text),
                    evidence == (order == .dayFirst ? .monthFirst : .dayFirst)
                else { return read }
                // A cell that reads only the other way round from the rest of its column.
                let (column, other) = order == .dayFirst ? ("day/month", "month/day") : ("month/day", "day/month")
                return .failure(
                    Refusal(
                        code: "date.order_conflict",
                        english: "“\(text)” reads only as \(other), but this file's dates are written \(column): "
                            + "correct the date, or write the month as a name",
                        thai: "“\(text)” อ่านได้เฉพาะแบบ \(other) แต่วันที่อื่นในไฟล์นี้เขียนแบบ \(column) กรุณาแก้วันที่ หรือเขียนชื่อเดือน")
                )
            }
            ?? CalendarDay(year: 1970, month: 1, day: 1)!
        let activityCount =
            read(.activities, .badActivities, &activities, plain: \.count) {
                ThaiNumberParser.parseCount($0)
            } ?? nil
        let participantCount =
            read(.participants, .badParticipants, &participants, plain: \.count) {
                ThaiNumberParser.parseCount($0)
            } ?? nil

        var spent: Int64 = 0
        switch read(.spent, .badSpent, &amounts, plain: \.amount, { ThaiNumberParser.parseAmount($0) }) {
        case .some(.satang(let s)): spent = s
        case .some(.none), .some(.empty), nil: spent = 0
        case .some(.source):
            reject(
                .badSpent, .spent, row.text(.spent) ?? "",
                english: "money spent must be a figure in baht, not a description",
                thai: "ยอดเบิกจ่ายต้องเป็นตัวเลขจำนวนเงิน (บาท) ไม่ใช่ข้อความ")
        }
        let result =
            read(.resultPercent, .badResult, &percents, plain: \.percent) {
                ThaiNumberParser.parsePercent($0)
            } ?? nil
        // Beyond the ceilings a figure is a typing slip, and sums of such figures could overflow: refused.
        // `shown` is worded only for a figure refused (every row comes here).
        func ceiling(
            _ value: Int64?, _ limit: Int64, _ field: Field, _ what: String, _ shown: @autoclosure () -> String
        ) {
            guard let value, value > limit || value < -limit else { return }
            reject(
                .figureTooLarge, field, row.text(field) ?? "",
                english:
                    "\(shown()) is beyond the \(what) one row may report "
                    + "(\(limit == FigureCeiling.budgetSatang ? Money.baht(limit) : String(limit))): "
                    + "check the figure",
                thai: "\(shown()) เกินกว่าที่หนึ่งแถวจะรายงานได้ กรุณาตรวจสอบตัวเลข")
        }
        ceiling(activityCount, FigureCeiling.count, .activities, "activities", "\(activityCount ?? 0)")
        ceiling(participantCount, FigureCeiling.participants, .participants, "participants", "\(participantCount ?? 0)")
        ceiling(spent, FigureCeiling.budgetSatang, .spent, "money", Money.baht(spent))

        let (status, statusText) = memo(.status, &statuses) { ($0.isEmpty ? nil : ProjectStatus(word: $0), $0) }
        if status == nil, !statusText.isEmpty {
            reject(
                .badStatus, .status, statusText,
                english: "unknown status; use one of \(ProjectStatus.knownWords)",
                thai: "ไม่รู้จักสถานะนี้ กรุณาใช้ \(ProjectStatus.knownWords)")
        }
        // Kept as received (trimmed); normalized when a summary shows them.
        let (evidenceText, evidenceKey) = memo(.evidence, &evidence) { ($0, TextKeyHash($0)) }
        let (note, noteKey) = memo(.note, &notes) { ($0, TextKeyHash($0)) }
        let problemsText = memo(.problems, &problems) { $0 }
        return (
            ProgressRow(
                projectID: id, name: name, nameKey: nameKey, bureau: bureau, bureauKey: bureauKey,
                date: date, activities: activityCount ?? 0, participants: participantCount ?? 0, spentSatang: spent,
                resultPercent: result, status: status, evidence: evidenceText, note: note, evidenceKey: evidenceKey,
                noteKey: noteKey, bureauHash: bureauHash, bureauLooseHash: bureauLooseHash, problems: problemsText,
                source: source, file: file,
                line: row.record.line, row: row.record.row), faults
        )
    }
}
