import Foundation
import RollupBase
import RollupReading

/// Reads the plan files (every CSV in the plan folder, in name order) into a validated `Plan`.
///
/// Validation: ids unique (a repeated id whose row differs only in issue and measure is one
/// project listed under a second measure); parents exist; no cycles; children whose budgets add
/// up to more than their parent's are flagged. Problems are collected as `PlanIssue`s naming the
/// file, line and field; only a plan folder with no readable project throws.
public struct PlanLoader {
    public var tableReader: TableReader
    public var limits: CSVLimits

    /// The most projects a plan may hold: with each figure within its ceiling, every sum over the
    /// plan stays inside 64 bits (a million × 10^11 satang is 10^17). A real plan has dozens.
    public var maxProjects: Int = 1_000_000

    public init(aliases: HeaderAliases = .standard, limits: CSVLimits = CSVLimits()) {
        self.tableReader = TableReader(aliases: aliases, monthOf: MonthHeader.parse)
        self.limits = limits
    }

    /// Reads every plan file of `folder`; with an `archive`, each file is also kept there as received.
    public func load(folder: String, displayPrefix: String = "plan/", archive: RawArchive? = nil) throws -> Plan {
        let names = try InputFolder.csvFiles(in: folder)
        var builder = Builder()
        for name in names {
            let path = folder + "/" + name
            let source: any ByteSource & AnyObject
            do {
                source = try archive.map { try $0.open(path: path) } ?? FileByteSource(path: path)
            } catch let error as SystemError where error.path == path {
                // A plan file that cannot be opened (a directory, a FIFO, unreadable) is reported and left out.
                builder.issue(.error, displayPrefix + name, 0, "file", "\(error)")
                continue
            }
            read(source: source, path: path, display: displayPrefix + name, into: &builder)
            if let archiving = source as? ArchivingByteSource {
                builder.archived.append((displayPrefix + name, try archiving.finish()))
            }
        }
        guard builder.projects.count <= maxProjects else {
            throw PlanError(
                message: "the plan in \(folder) holds \(builder.projects.count) projects, more than the "
                    + "\(maxProjects) a plan may hold (so that its sums stay "
                    + "exact): not a plan; nothing is read from it. "
                    + "แผนมีโครงการมากเกินกว่าที่แผนจะมีได้ จึงไม่อ่านแผนนี้")
        }
        guard !builder.projects.isEmpty else {
            throw PlanError(
                message: "no plan project could be read from \(folder)"
                    + (builder.issues.isEmpty ? "" : ":\n" + builder.issues.map(\.description).joined(separator: "\n")))
        }
        return builder.finish(files: names.map { displayPrefix + $0 })
    }

    private func read(source: any ByteSource & AnyObject, path: String, display: String, into builder: inout Builder) {
        let file: InputFile
        let summary: TableSummary
        do {
            file = try InputFile(source: source, path: path, displayPath: display, limits: limits)
            summary = try tableReader.read(file) { event in
                switch event {
                case .data(let row): builder.add(row, file: display)
                case .malformed(let e): builder.issue(.error, display, e.line, "CSV", e.message)
                case .ragged(let r, let column, let expected):
                    builder.issue(
                        .error, display, r.line, "column \(column + 1)",
                        "the row has cells beyond the header's \(expected) columns; row left out")
                case .header, .skipped, .withoutHeader: break
                }
            }
        } catch {
            builder.issue(.error, display, 0, "file", "\(error)")
            return
        }
        if let missing = summary.missingHeader {
            builder.issue(.error, display, 0, "header", missing.description)
        } else if let header = summary.header {
            for field in [Field.projectID, .agency, .project, .bureau] where header.column(of: field) == nil {
                builder.issue(.error, display, header.line, field.rawValue, "the plan has no \(field.rawValue) column")
            }
        }
    }

    private struct Builder {
        var projects: [String: PlanProject] = [:]
        var issues: [PlanIssue] = []
        var rows = 0
        var rowsByFile: [String: Int] = [:]
        var archived: [(String, ArchivedFile)] = []
        /// Each measure's name (ชื่อมาตรการ) and the line that first gave it.
        var measureNames: [PlanLink: (name: String, line: Int)] = [:]

        mutating func issue(_ s: PlanIssue.Severity, _ file: String, _ line: Int, _ field: String, _ message: String) {
            issues.append(PlanIssue(severity: s, file: file, line: line, field: field, message: message))
        }

        mutating func add(_ row: TableRow, file: String) {
            let line = row.record.line
            func text(_ f: Field) -> String { row.text(f) ?? "" }
            let id = Keys.projectID(text(.projectID))
            guard !id.isEmpty else {
                issue(.error, file, line, row.columnName(.projectID), "the row has no project id; row left out")
                return
            }
            rows += 1
            rowsByFile[file, default: 0] += 1
            let link = PlanLink(issue: number(text(.issue)) ?? 0, measure: number(text(.measure)) ?? 0)
            let measureName = ThaiText.normalize(text(.measureName))
            if !measureName.isEmpty {
                if let named = measureNames[link], named.name != measureName {
                    issue(
                        .warning, file, line, row.columnName(.measureName),
                        "the measure's name differs from the one on line \(named.line); the first is kept")
                } else if measureNames[link] == nil {
                    measureNames[link] = (measureName, line)
                }
            }
            var planned: [YearMonth: Int64] = [:]
            for (column, month) in row.header.months {
                let cell = ThaiText.trimmed(row.record.text(column) ?? "")
                guard !cell.isEmpty else { continue }
                switch ThaiNumberParser.parseCount(cell) {
                case .success(let n?) where n > FigureCeiling.count:
                    issue(
                        .error, file, line, row.header.name(ofColumn: column),
                        "\"\(cell)\" is beyond the ceiling of \(FigureCeiling.count) "
                            + "a month; read as a mark (scheduled once)"
                    )
                    planned[month, default: 0] += 1
                case .success(let n?): planned[month, default: 0] += n
                case .success(nil): break
                // A mark (✓, an arrow) schedules the month once.
                case .failure: planned[month, default: 0] += 1
                }
            }
            let budgetText = text(.budget)
            var budget: AmountCell
            switch ThaiNumberParser.parseAmount(budgetText) {
            case .success(let cell): budget = cell
            case .failure(let refusal):
                issue(.error, file, line, row.columnName(.budget), "\"\(budgetText)\": \(refusal.english)")
                budget = .empty
            }
            if case .satang(let s) = budget, s < 0 || s > FigureCeiling.budgetSatang {
                let ceiling = "beyond the ceiling of \(Money.baht(FigureCeiling.budgetSatang)) baht"
                issue(
                    .error, file, line, row.columnName(.budget),
                    "\"\(budgetText)\" is \(s < 0 ? "negative" : ceiling): not a plan figure; the project is read "
                        + "without a budget")
                budget = .empty
            }
            let parent = Keys.projectID(text(.parentID))
            let name = ThaiText.normalize(text(.project))
            let bureau = ThaiText.normalize(text(.bureau))
            let unitText = ThaiText.normalize(text(.unit))
            let groupText = ThaiText.normalize(text(.targetGroup))
            let itemUnit = Self.itemUnit(unit: unitText)
            let scheduled = planned.values.reduce(0, +)
            // A rate ("เดือนละ ๕ เรื่อง") is not a total: the schedule's months give the total, and
            // without a schedule the plan states no figure.
            var counts: [Quantity?] = []
            for (cell, field) in [(unitText, Field.unit), (groupText, Field.targetGroup)] {
                guard Self.isRate(cell) else {
                    counts.append(Self.quantity(cell))
                    continue
                }
                counts.append(nil)
                if scheduled == 0 {
                    issue(
                        .warning, file, line, row.columnName(field),
                        "\"\(cell)\" is a rate, not a total, and the schedule "
                            + "marks no month: no planned figure is read from it"
                    )
                }
            }
            let (unitCount, groupCount) = (counts[0], counts[1])
            var figures = PlanFigures()
            switch budget {
            case .satang(let s): figures.budget = PlannedFigure(s, .budget)
            case .source: figures.budget = PlannedFigure(nil, .fundingText)
            case .none, .empty: break
            }
            if let n = unitCount?.activities {
                figures.activities = PlannedFigure(n, .unit)
            } else if let n = groupCount?.activities {
                figures.activities = PlannedFigure(n, .targetGroup)
            } else if itemUnit == nil, scheduled > 0 {
                figures.activities = PlannedFigure(scheduled, .schedule)
            }
            if itemUnit != nil {
                if let n = unitCount?.items {
                    figures.items = PlannedFigure(n, .unit)
                } else if scheduled > 0 {
                    figures.items = PlannedFigure(scheduled, .schedule)
                }
            }
            if let n = groupCount?.participants {
                figures.participants = PlannedFigure(n, .targetGroup)
                if let u = unitCount?.participants, u != n {
                    issue(
                        .warning, file, line, row.columnName(.targetGroup),
                        "the target group states \(n) people and the unit \(u); the target group's \(n) is used")
                }
            } else if let n = unitCount?.participants {
                figures.participants = PlannedFigure(n, .unit)
            }
            for kind in [PlanFigureKind.activities, .items, .participants] {
                guard let n = figures[kind].value, n > FigureCeiling.ceiling(kind) else { continue }
                issue(
                    .error, file, line, kind == .participants ? "target_group" : "unit",
                    "\(n) \(kind.rawValue) is beyond the ceiling of \(FigureCeiling.ceiling(kind)): "
                        + "not a plan figure; left out"
                )
                figures[kind] = .none
            }
            var target = Self.targetPercent(in: text(.indicator))
            if let t = target, t < 0 || t > 100 {
                issue(
                    .error, file, line, row.columnName(.indicator),
                    "the indicator's target of \(DecimalText.plain(t)) percent is not a percentage a result can reach; "
                        + "the project is read without a target")
                target = nil
            }
            var project = PlanProject(
                id: id, parentID: parent.isEmpty ? nil : parent, agency: ThaiText.normalize(text(.agency)),
                links: [link], name: name, nameKey: Keys.name(name), indicator: ThaiText.normalize(text(.indicator)),
                targetPercent: target, unit: unitText,
                targetGroup: groupText, plannedActivities: planned, figures: figures,
                countsItems: itemUnit != nil, itemUnit: itemUnit ?? "",
                budget: budget, bureau: bureau, bureauKey: Keys.name(bureau), notes: ThaiText.normalize(text(.note)),
                file: file, line: line)
            project.fiscalYear = (row.header.months.first?.month ?? planned.keys.min()).map(
                FiscalYear.init(containing:))
            if var first = projects[id] {
                if first.sameExceptLinks(project) {
                    if !first.links.contains(link) { first.links.append(link) }
                    projects[id] = first
                } else {
                    issue(
                        .error, file, line, row.columnName(.projectID),
                        "id \(id) is already used at \(first.file):\(first.line) by a different project; row left out")
                }
                return
            }
            projects[id] = project
        }

        func number(_ s: String) -> Int? {
            if case .success(let n?) = ThaiNumberParser.parseCount(s) { return Int(n) }
            return nil
        }

        static func targetPercent(in indicator: String) -> Decimal? {
            guard let range = indicator.range(of: "ร้อยละ") else {
                if case .success(let p?) = ThaiNumberParser.parsePercent(indicator) { return p }
                return nil
            }
            var number = ""
            for ch in indicator[range.upperBound...] {
                if ch == " " && number.isEmpty { continue }
                guard ch.isNumber || ch == "." || ch == "," else { break }
                number.append(ch)
            }
            if case .success(let p?) = ThaiNumberParser.parsePercent("ร้อยละ " + number) { return p }
            return nil
        }

        /// The counts a target group or unit cell states. Free text may carry other figures (a year
        /// range before "จำนวน ๔๐ คน"), so when the whole cell is not a quantity, the part from its
        /// last "จำนวน" is tried.
        static func quantity(_ text: String) -> Quantity? {
            guard !text.isEmpty else { return nil }
            if case .success(let q) = QuantityParser.parse(text) { return q }
            guard let from = text.range(of: "จำนวน", options: .backwards),
                case .success(let q) = QuantityParser.parse(text[from.lowerBound...])
            else { return nil }
            return q
        }

        /// Whether a cell states a rate per period ("เดือนละ ๕ เรื่อง", "ไตรมาสละ ๑ ครั้ง").
        static func isRate(_ text: String) -> Bool {
            ["เดือนละ", "ไตรมาสละ", "สัปดาห์ละ", "วันละ"].contains { text.contains($0) }
        }

        /// The item unit a unit cell names ("๖๐ เรื่อง", "ฉบับ", "จำนวนช่องทาง"), when it names no
        /// activity or people: then the project's schedule and count column count items.
        static func itemUnit(unit text: String) -> String? {
            if let q = quantity(text), q.activities == nil, q.participants == nil,
                let u = q.unit, QuantityParser.itemUnits.contains(u)
            {
                return u
            }
            let others = QuantityParser.activityUnits + QuantityParser.participantUnits + ["ร้อยละ"]
            guard !others.contains(where: { text.contains($0) }) else { return nil }
            return QuantityParser.itemUnits.filter { text.contains($0) }.max { $0.count < $1.count }
        }

        mutating func finish(files: [String]) -> Plan {
            // Parents that do not exist, then cycles.
            for id in projects.keys.sorted() {
                guard let parent = projects[id]!.parentID else { continue }
                if projects[parent] == nil {
                    let p = projects[id]!
                    issue(
                        .error, p.file, p.line, "parent_id",
                        "parent \(parent) is not in the plan; counted as a top-level project")
                    projects[id]!.parentID = nil
                }
            }
            for id in projects.keys.sorted() {
                var seen: Set<String> = [id]
                var cursor = projects[id]!.parentID
                while let c = cursor {
                    if seen.contains(c) {
                        let p = projects[id]!
                        issue(
                            .error, p.file, p.line, "parent_id",
                            "parent links form a cycle through \(c); the link of \(id) is dropped")
                        projects[id]!.parentID = nil
                        break
                    }
                    seen.insert(c)
                    cursor = projects[c]?.parentID
                }
            }
            var plan = Plan(
                projects: Array(projects.values), issues: issues, rows: rows, files: files, archived: archived)
            plan.measureNames = measureNames.mapValues(\.name)
            plan.rowsByFile = rowsByFile
            return plan
        }
    }
}

extension PlanProject {
    func sameExceptLinks(_ other: PlanProject) -> Bool {
        var a = self
        a.links = other.links
        return a.id == other.id && a.parentID == other.parentID && a.name == other.name && a.budget == other.budget
            && a.bureau == other.bureau && a.plannedActivities == other.plannedActivities
            && a.targetGroup == other.targetGroup && a.agency == other.agency
    }
}

/// A plan that cannot be used at all.
public struct PlanError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public var description: String { message }
}

/// A month column of a plan's schedule: "ต.ค. ๖๑", "ตุลาคม ๒๕๖๑" or "2018-10".
public enum MonthHeader {
    /// "2018-10", or a month as the date reader reads one ("ต.ค. ๖๑"). The first form is read for the
    /// years a row's date can have (Christian Era 1900 to 2199, as `ThaiDateParser`): a column of
    /// another year (9999-10, whose fiscal year would end in the year 10000) is no month of the plan.
    public static func parse(_ header: String) -> YearMonth? {
        let t = ThaiText.trimmed(header)
        let u = Array(t.utf8)
        if u.count == 7, u[4] == UInt8(ascii: "-"), let y = Int(t.prefix(4)), let m = Int(t.suffix(2)),
            (1900...2199).contains(y), (1...12).contains(m)
        {
            return YearMonth(year: y, month: m)
        }
        if case .success(.month(let m)) = ThaiDateParser.parse(t) { return m }
        return nil
    }
}
