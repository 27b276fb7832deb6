import Foundation

@testable import PlanRollup
@testable import RollupBase
@testable import RollupCore
@testable import RollupReading

/// SplitMix64 (Steele, Lea and Flood): a seeded 64-bit sequence, the same on every run.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `range`.
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    /// True with probability `percent` / 100.
    mutating func chance(_ percent: Int) -> Bool { int(0...99) < percent }

    mutating func pick<T>(_ items: [T]) -> T { items[int(0...items.count - 1)] }

    mutating func shuffled<T>(_ items: [T]) -> [T] {
        var out = items
        for i in stride(from: out.count - 1, to: 0, by: -1) { out.swapAt(i, int(0...i)) }
        return out
    }
}

/// A random small round of fiscal year 2562 written as real files: a plan (parents and children,
/// projects listed under two measures, budgets as figures, "-" or a source text, month schedules)
/// and a few exports per bureau folder with valid, invalid, repeated and too-new rows, plus what the
/// job must make of them, worked out here from the generated values alone.
struct GeneratedRound {
    let asOf: CalendarDay
    /// Accepted rows in total, per project id, per month ("2018-10") and per reporting bureau name.
    private(set) var total = Tally()
    private(set) var byProject: [String: Tally] = [:]
    private(set) var byMonth: [String: Tally] = [:]
    private(set) var byBureau: [String: Tally] = [:]
    /// Rows refused (files that are byte-for-byte copies left out: they count once, under the first).
    private(set) var rejected = 0
    private(set) var afterAsOf = 0
    /// Accepted rows that name their project without its id.
    private(set) var matchedByName = 0
    /// The plan's year figures, each project and each baht once (a parent's figure is left out
    /// when a child carries the same figure).
    private(set) var plannedBudgetSatang: Int64 = 0
    private(set) var plannedParticipants: Int64 = 0
    private(set) var plannedActivities: Int64 = 0
    private(set) var projectCount = 0

    static let fiscalYear = FiscalYear(containing: CalendarDay(year: 2019, month: 1, day: 1)!)
    static let monthHeaders = [
        "ต.ค. ๖๑", "พ.ย. ๖๑", "ธ.ค. ๖๑", "ม.ค. ๖๒", "ก.พ. ๖๒", "มี.ค. ๖๒",
        "เม.ย. ๖๒", "พ.ค. ๖๒", "มิ.ย. ๖๒", "ก.ค. ๖๒", "ส.ค. ๖๒", "ก.ย. ๖๒",
    ]
    static let thaiMonths = [
        "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
    ]
    static let exportFields = [
        "รหัสโครงการ", "โครงการ/กิจกรรม", "หน่วยงาน", "วันที่ดำเนินการ", "จำนวนครั้ง",
        "จำนวนผู้เข้าร่วม (คน)", "เบิกจ่าย (บาท)", "ผลการดำเนินการ (ร้อยละ)", "สถานะ",
        "เอกสาร/หลักฐาน", "หมายเหตุ",
    ]

    struct Bureau {
        let folder: String
        let name: String
        let agency: String
    }

    struct Project {
        let id: String
        let agency: String
        let bureau: Bureau
        let name: String
        var parent: String?
        var schedule: [Int64]
        var headCount: Int64?
        var budgetSatang: Int64?
    }

    /// One data row: its cells in the field order of `exportFields`, and what it holds when valid.
    struct Row {
        var cells: [String]
        var project: String?
        var date: CalendarDay?
        var activities: Int64 = 0
        var participants: Int64 = 0
        var spentSatang: Int64 = 0
        /// Marked cancelled: its counts are what did not take place, not what was held.
        var cancelled = false
        var kind: Kind

        enum Kind { case valid, invalid, afterAsOf }
    }

    /// Writes the round under `root` (`plan/plan.csv`, `exports/<bureau>/*.csv`).
    init(seed: UInt64, root: URL) throws {
        var rng = SplitMix64(seed: seed)
        let fy = Self.fiscalYear
        asOf = fy.firstDay.adding(days: rng.int(10...364))

        let bureaus = (0..<rng.int(2...4)).map { i in
            let agency = i < 2 ? ["สผ.", "สว."][i] : rng.pick(["สผ.", "สว."])
            return Bureau(folder: "b\(i)", name: "สำนักทดสอบที่ \(Self.thai(String(i + 1))) (\(agency))", agency: agency)
        }
        var projects: [Project] = []
        for k in 1...rng.int(2...10) {
            let bureau = rng.pick(bureaus)
            let prefix = bureau.agency == "สผ." ? "สผ" : "สว"
            let id = "\(prefix)-62-\(k < 10 ? "00" : "0")\(k)"
            let tops = projects.filter { $0.agency == bureau.agency && $0.parent == nil }
            var p = Project(
                id: id, agency: bureau.agency, bureau: bureau, name: "โครงการทดสอบที่ \(Self.thai(String(k)))",
                parent: !tops.isEmpty && rng.chance(35) ? rng.pick(tops).id : nil,
                schedule: (0..<12).map { _ in rng.chance(25) ? Int64(rng.int(1...3)) : 0 },
                headCount: rng.chance(60) ? Int64(rng.int(5...200)) : nil,
                budgetSatang: rng.chance(60) ? Int64(rng.int(1_000...200_000)) * 100 + (rng.chance(30) ? 50 : 0) : nil)
            if rng.chance(10) { p.schedule = p.schedule.map { $0 > 0 ? 1 : 0 } }
            projects.append(p)
        }
        projectCount = projects.count
        // A parent's figure is its approved total: a top-level project brings the larger of its own
        // figure and its sub-projects' (each once); children never have children here.
        func total(_ p: Project, _ figure: (Project) -> Int64?) -> Int64? {
            let kids = projects.filter { $0.parent == p.id }.compactMap(figure)
            let sum: Int64? = kids.isEmpty ? nil : kids.reduce(0, +)
            switch (figure(p), sum) {
            case (nil, nil): return nil
            case (let s?, nil): return s
            case (nil, let c?): return c
            case (let s?, let c?): return max(s, c)
            }
        }
        for p in projects where p.parent == nil {
            plannedBudgetSatang += total(p, \.budgetSatang) ?? 0
            plannedParticipants += total(p, \.headCount) ?? 0
            plannedActivities += total(p) { q in q.schedule.reduce(0, +) > 0 ? q.schedule.reduce(0, +) : nil } ?? 0
        }
        try Self.writePlan(projects, rng: &rng, to: root.appendingPathComponent("plan"))

        for bureau in bureaus {
            let folder = root.appendingPathComponent("exports/\(bureau.folder)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let own = projects.filter { $0.agency == bureau.agency }
            let responsible = projects.filter { $0.bureau.name == bureau.name }
            var earlier: [Row] = []
            /// How many copies of each valid row count: the most any one file holds, as the job's duplicate rule has it.
            var counted: [[String]: Int] = [:]
            let files = rng.int(1...3)
            var firstFileBytes: Data?
            for f in 0..<files {
                var rows: [Row] = []
                for _ in 0..<rng.int(0...8) {
                    // A valid row sent again, in this file (both count) or after an earlier file (once,
                    // unless this file holds it more often).
                    let sent = earlier + rows.filter { $0.kind == .valid }
                    if !sent.isEmpty, rng.chance(15) {
                        rows.append(rng.pick(sent))
                        continue
                    }
                    rows.append(makeRow(bureau: bureau, own: own, responsible: responsible, rng: &rng))
                }
                var here: [[String]: Int] = [:]
                for row in rows {
                    switch row.kind {
                    case .invalid: rejected += 1
                    case .afterAsOf: afterAsOf += 1
                    case .valid:
                        here[row.cells, default: 0] += 1
                        guard here[row.cells]! > counted[row.cells, default: 0] else { continue }
                        counted[row.cells] = here[row.cells]
                        count(row, bureau: bureau)
                    }
                }
                earlier += rows.filter { $0.kind == .valid }
                let bytes = Self.exportFile(rows, bureau: bureau, rng: &rng)
                if f == 0 { firstFileBytes = bytes }
                try bytes.write(to: folder.appendingPathComponent("f\(f).csv"))
            }
            if let copy = firstFileBytes, rng.chance(20) {
                // Byte for byte the first file again: its rows count once, under the first.
                try copy.write(to: folder.appendingPathComponent("z_copy.csv"))
            }
        }
    }

    private mutating func count(_ row: Row, bureau: Bureau) {
        let t =
            row.cancelled
            ? Tally(
                rows: 1, activities: 0, participants: 0, spentSatang: row.spentSatang,
                activitiesCancelled: row.activities, participantsCancelled: row.participants)
            : Tally(rows: 1, activities: row.activities, participants: row.participants, spentSatang: row.spentSatang)
        total += t
        byProject[row.project!, default: Tally()] += t
        byMonth[row.date!.yearMonth.iso, default: Tally()] += t
        byBureau[bureau.name, default: Tally()] += t
        if row.cells[0].isEmpty { matchedByName += 1 }
    }

    private func makeRow(bureau: Bureau, own: [Project], responsible: [Project], rng: inout SplitMix64) -> Row {
        let fy = Self.fiscalYear
        let span = asOf.daysSince1970 - fy.firstDay.daysSince1970
        var row = Row(cells: [], kind: .valid)
        let byName = !responsible.isEmpty && rng.chance(30)
        let project: Project? = byName ? rng.pick(responsible) : (own.isEmpty ? nil : rng.pick(own))
        var id = project.map { byName ? "" : $0.id } ?? ""
        var name = project?.name ?? "กิจกรรมอื่น"
        var date = fy.firstDay.adding(days: rng.int(0...span))
        var dateText = Self.dateText(date, rng: &rng)
        row.activities = Int64(rng.int(0...3))
        row.participants = Int64(rng.int(0...40))
        row.spentSatang = rng.chance(20) ? 0 : Int64(rng.int(0...5_000_000))
        var spentText = Self.amountText(row.spentSatang, rng: &rng)
        var status =
            rng.chance(50) ? "" : rng.pick(["ดำเนินการแล้วเสร็จ", "อยู่ระหว่างดำเนินการ", "ยังไม่ดำเนินการ", "ยกเลิก", "เสร็จสิ้น"])
        let result = rng.chance(60) ? "" : rng.pick(["0", "50", "๑๐๐", "100", "75.5"])
        if project == nil || rng.chance(20) {
            row.kind = .invalid
            switch project == nil ? 0 : rng.int(0...5) {
            case 0: id = (bureau.agency == "สผ." ? "สผ" : "สว") + "-62-9\(rng.int(10...99))"
            case 1: dateText = rng.pick(["๓๑ ก.พ. ๖๒", "30/02/2562", "2019-02-30"])
            case 2: dateText = rng.pick(["15/09/2561", "2018-09-30", "๑ ก.ย. ๖๑"])  // before the fiscal year
            case 3: status = "ไม่ทราบ"
            case 4: spentText = "ไม่ระบุ"
            default:
                id = ""
                name = "โครงการที่ไม่มีในแผน"
            }
        } else if rng.chance(10) {
            date = asOf.adding(days: rng.int(1...60))
            dateText = Self.dateText(date, rng: &rng)
            // After the year the plan covers it is a year typo, refused; within it, a later round.
            row.kind = date > Self.fiscalYear.lastDay ? .invalid : .afterAsOf
        }
        row.project = project?.id
        row.date = date
        row.cancelled = status == "ยกเลิก"
        row.cells = [
            id, name, bureau.name, dateText, Self.countText(row.activities, rng: &rng),
            Self.countText(row.participants, rng: &rng), spentText, result, status,
            rng.chance(50) ? "" : "หลักฐาน \(rng.int(1...9))", rng.chance(70) ? "" : "หมายเหตุ",
        ]
        return row
    }

    /// An export: maybe a title row, the header in a random column order, the rows, maybe a subtotal.
    private static func exportFile(_ rows: [Row], bureau: Bureau, rng: inout SplitMix64) -> Data {
        let order = rng.chance(30) ? rng.shuffled(Array(exportFields.indices)) : Array(exportFields.indices)
        var lines: [String] = []
        if rng.chance(30) { lines.append("รายงานผลการดำเนินการ \(bureau.name)") }
        lines.append(order.map { exportFields[$0] }.map(csvCell).joined(separator: ","))
        for row in rows { lines.append(order.map { row.cells[$0] }.map(csvCell).joined(separator: ",")) }
        if rng.chance(30) { lines.append(order.map { $0 == 1 ? "รวม" : "" }.joined(separator: ",")) }
        let eol = rng.chance(50) ? "\r\n" : "\n"
        return Data(((rng.chance(50) ? "\u{FEFF}" : "") + lines.joined(separator: eol) + eol).utf8)
    }

    private static func writePlan(_ projects: [Project], rng: inout SplitMix64, to folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let header =
            [
                "รหัสโครงการ", "รหัสโครงการหลัก", "ส่วนราชการ", "ประเด็น", "มาตรการ", "โครงการ/กิจกรรม", "ตัวชี้วัด",
                "หน่วยนับ", "กลุ่มเป้าหมาย",
            ] + monthHeaders + ["งบประมาณ (บาท)", "หน่วยงาน"]
        var lines = [header.joined(separator: ",")]
        var again: [String] = []
        for p in rng.shuffled(projects) {
            let budget: String
            if let b = p.budgetSatang {
                budget = amountText(b, rng: &rng)
            } else {
                budget = rng.pick(["", "-", "งบประมาณสำนักงานเลขาธิการวุฒิสภา"])
            }
            let schedule = p.schedule.map { n -> String in
                n == 0 ? "" : (n == 1 && rng.chance(30) ? "✓" : countText(n, rng: &rng))
            }
            let group = p.headCount.map { "บุคลากร จำนวน \(countText($0, rng: &rng)) คน" } ?? "บุคลากร"
            func line(issue: Int, measure: Int) -> String {
                ([
                    p.id, p.parent ?? "", p.agency, thai(String(issue)), thai(String(measure)), p.name, "ร้อยละ ๘๐",
                    "ครั้ง",
                    group,
                ] + schedule + [budget, p.bureau.name]).map(csvCell).joined(separator: ",")
            }
            let (issue, measure) = (rng.int(1...3), rng.int(1...4))
            lines.append(line(issue: issue, measure: measure))
            // Listed under a second measure: the same row but for its issue and measure.
            if rng.chance(20) { again.append(line(issue: issue % 3 + 1, measure: measure % 4 + 1)) }
        }
        let text = "\u{FEFF}" + (lines + again).joined(separator: "\r\n") + "\r\n"
        try Data(text.utf8).write(to: folder.appendingPathComponent("plan.csv"))
    }

    static func csvCell(_ s: String) -> String {
        s.contains(",") || s.contains("\"") ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }

    static func thai(_ s: String) -> String {
        String(s.map { c in c.isASCII && c.isNumber ? Character(UnicodeScalar(0x0E50 + Int(c.asciiValue! - 48))!) : c })
    }

    static func countText(_ n: Int64, rng: inout SplitMix64) -> String {
        rng.chance(30) ? thai(String(n)) : String(n)
    }

    /// Baht with satang in one of the ways bureaus write it: 25000, 25,000, ๒๕,๐๐๐.๕๐, 25000.00.
    static func amountText(_ satang: Int64, rng: inout SplitMix64) -> String {
        let baht = String(satang / 100)
        var grouped = ""
        for (i, c) in baht.enumerated() {
            if i > 0, (baht.count - i) % 3 == 0 { grouped.append(",") }
            grouped.append(c)
        }
        let cents = satang % 100
        let fraction = cents == 0 && rng.chance(60) ? "" : "." + (cents < 10 ? "0" : "") + String(cents)
        let text = (rng.chance(50) ? grouped : baht) + fraction
        return rng.chance(25) ? thai(text) : text
    }

    /// A day as ISO, as d/m/BE year, or in Thai words with Thai digits.
    static func dateText(_ d: CalendarDay, rng: inout SplitMix64) -> String {
        switch rng.int(0...2) {
        case 0: return d.iso
        case 1: return "\(d.day)/\(d.month)/\(d.year + 543)"
        default: return thai("\(d.day)") + " " + thaiMonths[d.month - 1] + " " + thai(String((d.year + 543) % 100))
        }
    }
}
