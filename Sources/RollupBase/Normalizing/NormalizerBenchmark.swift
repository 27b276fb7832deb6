/// Times each normalizer over a fixed mix of realistic cells (the benchmark generator's forms, the seed's
/// quantities, a share of refusals) and reports cells per second. Used by `plan-rollup bench`.
public enum NormalizerBenchmark {
    public struct Measurement: Sendable {
        public let normalizer: String
        public let cells: Int
        public let seconds: Double
        public var cellsPerSecond: Double { Double(cells) / seconds }
    }

    /// Date cells: every day of FY 2562 in every `ThaiDateForm`, plus impossible dates and ranges.
    public static let dateCells: [String] = {
        let fy = FiscalYear(buddhistYear: 2562)
        var cells: [String] = []
        var day = fy.firstDay
        while day <= fy.lastDay {
            for form in ThaiDateForm.allCases { cells.append(form.render(day)) }
            day = day.adding(days: 1)
        }
        cells += ["๓๑ ก.พ. ๒๕๖๒", "29/02/2562", "๓๑ เม.ย. ๖๒", "๑-๓ ก.พ. ๖๒", "", "ไม่ระบุ"]
        return cells
    }()

    /// Amount cells as the exports write spending and the plan writes budgets.
    public static let amountCells: [String] = {
        var cells = [
            "", "-", "0", "๐", "งบประมาณสำนักงานเลขาธิการสภาผู้แทนราษฎร", "งบประมาณจากแผนบูรณาการ ป.ป.ช.",
            "สี่แสนสามหมื่นเก้าพันสองร้อยบาทถ้วน", "1,00,000", "#VALUE!",
        ]
        for i in 0..<200 {
            let baht = 500 + (i * 7919) % 60000
            let grouped = grouping(baht)
            switch i % 6 {
            case 0: cells.append(grouped)
            case 1: cells.append(ThaiDisplay.digits(grouped))
            case 2: cells.append("\(baht).50")
            case 3: cells.append(ThaiDisplay.digits("\(grouped).25"))
            case 4: cells.append("\(grouped) บาท")
            default: cells.append(String(baht))
            }
        }
        return cells
    }()

    /// Head-count cells, with the generator's bad ones.
    public static let countCells: [String] = {
        var cells = ["ไม่ระบุ", "รอข้อมูล", "n/a", "๑๒o", "50-60", "ประมาณ ๕๐"]
        for i in 0..<200 {
            let n = (i * 37) % 2000
            switch i % 4 {
            case 0: cells.append(String(n))
            case 1: cells.append(ThaiDisplay.digits(String(n)))
            case 2: cells.append(ThaiDisplay.digits(grouping(n)))
            default: cells.append("\(n) คน")
            }
        }
        return cells
    }()

    public static let percentCells = ["๑๐๐", "100", "ร้อยละ ๘๐", "๘๐%", "ไม่น้อยกว่าร้อยละ ๘๐", "๗๕", "62", "-", ""]

    public static let quantityCells = [
        "๘ ครั้ง/ ๕๒๐ คน", "จำนวน ๑,๐๐๐ คน", "๕ รุ่น รุ่นละ ๗๐ คน", "๖๐ เรื่อง", "๑๙ หน่วยงาน", "๕ ครั้ง/ ๒๐๐ คน",
        "ผู้บริหารและบุคลากร จำนวน ๓๐๐ คน", "ครั้ง", "ร้อยละ", "-",
    ]

    public static let textCells = [
        "สำนักพัฒนาบุคลากร (สผ.)", "สำนักพัฒนาบุคลากร(สผ.)", "สำนัก พัฒนาบุคลากร (สผ.)", " สำนักพัฒนาบุคลากร (สผ.)  ",
        "สำนักพัฒนาบุคลากร\n(สผ.)", "สผ-62-001\u{200B}", "กลุ่มงานตรวจสอบภายใน (สว.)",
    ]

    /// Runs every normalizer for about `seconds` each.
    public static func run(secondsEach seconds: Double) -> [Measurement] {
        var results: [Measurement] = []
        results.append(
            time("date", dateCells, seconds) { if case .success = ThaiDateParser.parse($0) { 1 } else { 0 } })
        results.append(
            time("amount", amountCells, seconds) {
                if case .success = ThaiNumberParser.parseAmount($0) { 1 } else { 0 }
            })
        results.append(
            time("count", countCells, seconds) { if case .success = ThaiNumberParser.parseCount($0) { 1 } else { 0 } })
        results.append(
            time("percent", percentCells, seconds) {
                if case .success = ThaiNumberParser.parsePercent($0) { 1 } else { 0 }
            })
        results.append(
            time("quantity", quantityCells, seconds) { if case .success = QuantityParser.parse($0) { 1 } else { 0 } })
        results.append(time("text key", textCells, seconds) { ThaiText.key($0).utf8.count })
        return results
    }

    private static func time(
        _ name: String, _ cells: [String], _ seconds: Double, _ body: (String) -> Int
    ) -> Measurement {
        let clock = ContinuousClock()
        let start = clock.now
        let budget = Duration.milliseconds(Int64(seconds * 1000))
        var count = 0
        var checksum = 0
        repeat {
            for cell in cells { checksum &+= body(cell) }
            count += cells.count
        } while clock.now - start < budget
        let elapsed = clock.now - start
        let secs = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        precondition(checksum != Int.min)  // keeps the work observable
        return Measurement(normalizer: name, cells: count, seconds: secs)
    }

    private static func grouping(_ n: Int) -> String {
        let digits = String(n)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return out
    }
}
