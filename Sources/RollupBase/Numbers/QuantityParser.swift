import Foundation

/// Reads the counts hidden in plan text: "๘ ครั้ง/ ๕๒๐ คน", "จำนวน ๑,๐๐๐ คน", "๕ รุ่น รุ่นละ ๗๐ คน" (5 activities,
/// 350 participants), "๖๐ เรื่อง". Descriptive words around the figures are allowed; a figure without a unit,
/// an estimate, a percentage, or two figures for the same part are refused.
public enum QuantityParser {
    /// Units counted as activities.
    public static let activityUnits = ["ครั้ง", "รุ่น", "กิจกรรม", "หลักสูตร", "โครงการ"]
    /// Units counted as participants.
    public static let participantUnits = ["คน", "ท่าน", "ราย"]
    /// Other units, counted as items with their unit.
    public static let itemUnits = [
        "เรื่อง", "ฉบับ", "หน่วยงาน", "แห่ง", "สำนัก", "ช่องทาง", "ชิ้น", "เล่ม", "ระบบ", "หน่วย", "ด้าน", "ประเด็น",
        "มาตรการ", "แผน", "ข้อ", "รายการ", "ชุด", "เครือข่าย", "ส่วนราชการ", "กลุ่มงาน", "กลุ่ม",
    ]
    private static let unitsLongestFirst = (activityUnits + participantUnits + itemUnits).sorted { $0.count > $1.count }
    /// Unit-column cells that name a unit and no figure.
    private static let unitOnlyCells = ["ร้อยละ", "จำนวนครั้ง", "จำนวนคน"]
    private static let estimateWords = ["ประมาณ", "ราว", "เกือบ", "กว่า", "เศษ"]

    private struct Figure {
        public var value: Int64
        var before: String  // letters of the text before the figure, up to the previous unit
        var after: String  // letters of the text after the figure, up to the next figure
        var text: String  // the figure as written, for messages
    }

    public static func parse(_ text: some StringProtocol) -> Result<Quantity, Refusal> {
        let cell = Substring(cell: text)
        let groups = bulletItems(cell)
        if groups.count > 1 { return sum(groups, cell) }
        let figures: [Figure]
        do { figures = try readFigures(cell) } catch { return .failure(error) }
        if figures.isEmpty { return lone(cell) }

        var quantity = Quantity()
        var i = 0
        var leading = figures[0].before
        while i < figures.count {
            let figure = figures[i]
            let context = leading.replacingOccurrences("ไม่น้อยกว่า", "")
            let isYear =
                (2400...2699).contains(figure.value)
                && !unitsLongestFirst.contains(where: { figure.after.hasPrefix($0) })
            if context.hasSuffix("พ.ศ.") || context.hasSuffix("พศ") || isYear  // a year: "พ.ศ. ๒๕๖๒", "ปี ๒๕๖๑-๒๕๖๒"
                || context.hasSuffix("ที่")  // an ordinal label: "กิจกรรมที่ ๑", "รุ่นที่ ๒"
            {
                leading = figure.after
                i += 1
                continue
            }
            if context.hasSuffix("ร้อยละ") || figure.after.hasPrefix("%") {
                return .failure(
                    refusal(
                        "quantity.percent", "“\(cell)” is a percentage, not a count", "“\(cell)” เป็นร้อยละ ไม่ใช่จำนวนนับ"))
            }
            if context.hasSuffix("ละ") || context.hasSuffix("ละๆ") {
                // "รุ่นละ ๗๐ คน", "เดือนละ ๕ เรื่อง": a size per cohort or a rate per month, not a total.
                return .failure(
                    refusal(
                        "quantity.per_unit",
                        "“\(cell)” gives a figure per \(context.dropLast(2)), not a total: "
                            + "write how many in all (๕ รุ่น รุ่นละ ๗๐ คน, ๖๐ เรื่อง)",
                        "“\(cell)” ระบุจำนวนต่อ\(context.dropLast(2)) ไม่ใช่ยอดรวม "
                            + "กรุณาระบุจำนวนทั้งหมด (๕ รุ่น รุ่นละ ๗๐ คน หรือ ๖๐ เรื่อง)"
                    ))
            }
            if estimateWords.contains(where: { context.contains($0) }) {
                return .failure(estimate(cell))
            }
            guard let unit = unitsLongestFirst.first(where: { figure.after.hasPrefix($0) }) else {
                let word = figure.after.isEmpty ? "" : " (“\(figure.after)”)"
                return .failure(
                    refusal(
                        "quantity.no_unit",
                        "the figure \(figure.text) in “\(cell)” has no unit this job "
                            + "counts\(word): write คน, ครั้ง, รุ่น, เรื่อง or similar",
                        "ตัวเลข \(figure.text) ใน “\(cell)” ไม่มีหน่วยนับที่รู้จัก\(word) กรุณาระบุ คน ครั้ง รุ่น เรื่อง หรือหน่วยอื่น"))
            }
            var rest = String(figure.after.dropFirst(unit.count))
            if estimateWords.contains(where: { rest.replacingOccurrences("ไม่น้อยกว่า", "").contains($0) }) {
                return .failure(estimate(cell))
            }
            var activities: Int64? = nil
            var participants: Int64? = nil
            var items: Int64? = nil
            if rest.hasPrefix("ละ") || rest.hasPrefix("ๆละ") || rest.hasPrefix(unit + "ละ") {
                // "๕ รุ่น รุ่นละ ๗๐ คน": per-activity head count.
                guard activityUnits.contains(unit), i + 1 < figures.count,
                    participantUnits.contains(where: { figures[i + 1].after.hasPrefix($0) })
                else {
                    return .failure(
                        refusal(
                            "quantity.unreadable",
                            "“\(cell)” gives a per-\(unit) figure this job cannot read: write the total",
                            "“\(cell)” ระบุจำนวนต่อ\(unit)ในรูปที่อ่านไม่ได้ กรุณาระบุยอดรวม"))
                }
                let per = figures[i + 1]
                let (total, overflow) = figure.value.multipliedReportingOverflow(by: per.value)
                guard !overflow else {
                    return .failure(refusal("quantity.too_large", "“\(cell)” is too large", "“\(cell)” มีค่ามากเกินไป"))
                }
                activities = figure.value
                participants = total
                let perUnit = participantUnits.first { per.after.hasPrefix($0) }!
                rest = String(per.after.dropFirst(perUnit.count))
                i += 1
            } else if activityUnits.contains(unit) {
                activities = figure.value
            } else if participantUnits.contains(unit) {
                participants = figure.value
            } else {
                items = figure.value
            }
            for (part, value) in [("activities", activities), ("participants", participants), ("items", items)] {
                guard let value else { continue }
                let existing: Int64?
                switch part {
                case "activities":
                    existing = quantity.activities
                    quantity.activities = value
                case "participants":
                    existing = quantity.participants
                    quantity.participants = value
                default:
                    existing = quantity.items
                    if quantity.unit != nil && quantity.unit != unit { return .failure(repeated(cell, part)) }
                    quantity.items = value
                    quantity.unit = unit
                }
                if let existing {
                    // "๕ รุ่น รุ่นละ ๗๐ คน รวม ๓๕๐ คน": a stated total may repeat the product, and must agree.
                    guard context.contains("รวม") || context.contains("ทั้งหมด") else {
                        return .failure(repeated(cell, part))
                    }
                    guard existing == value else {
                        return .failure(
                            refusal(
                                "quantity.total_disagrees",
                                "“\(cell)” states a total of \(value) \(part) but "
                                    + "its parts give \(existing): correct one of them",
                                "“\(cell)” ระบุยอดรวม \(value) แต่ผลคูณ/ผลรวมของส่วนย่อยได้ \(existing) กรุณาแก้ให้ตรงกัน"))
                    }
                }
            }
            leading = rest
            i += 1
        }
        return .success(quantity)
    }

    /// The items of a list cell ("- ผู้บริหาร จำนวน ๔๑ คน - ผ.กลุ่มงาน จำนวน ๑๕๓ คน"): a cell that starts
    /// with a dash or bullet is split at each dash or bullet that starts a line or stands between
    /// spaces. One item for any other cell ("๑๒๐ คน - บุคลากร ๒๐๐ คน" is not a list).
    static func bulletItems(_ cell: Substring) -> [Substring] {
        let scalars = Array(cell.unicodeScalars)
        var cuts: [Int] = []
        for (i, s) in scalars.enumerated() where s == "-" || s == "•" || s == "–" {
            let before = i == 0 ? nil : scalars[i - 1]
            let after = i + 1 < scalars.count ? scalars[i + 1] : nil
            let startsLine =
                before == nil || before == "\n" || (before == " " && scalars[..<i].allSatisfy { $0 == " " })
            let spaced = before == " " && after == " "
            if startsLine || spaced, after != nil, ThaiScalar.digit(after!) == nil { cuts.append(i) }
        }
        let first = scalars.firstIndex { !ThaiScalar.isSpace($0) }
        guard cuts.count >= 2, let first, cuts.first == first else { return [cell] }
        var items: [Substring] = []
        var start = 0
        for cut in cuts + [scalars.count] {
            let piece = String(String.UnicodeScalarView(scalars[start..<cut]))
            if !piece.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { items.append(Substring(piece)) }
            start = min(cut + 1, scalars.count)
        }
        return items
    }

    /// The counts of a list cell's items added up; an item that gives no count of a part the others
    /// give makes that part unknowable, so the cell is refused.
    private static func sum(_ items: [Substring], _ cell: Substring) -> Result<Quantity, Refusal> {
        var parts: [Quantity] = []
        for item in items {
            switch parse(item) {
            case .success(let q): parts.append(q)
            case .failure(let r) where r.code == "quantity.no_figure":
                return .failure(
                    refusal(
                        "quantity.group_without_count",
                        "“\(cell)” lists groups but “\(item.trimmingCharacters(in: .whitespaces))” "
                            + "gives no count: the total cannot be known",
                        "“\(cell)” ระบุกลุ่มหลายกลุ่ม แต่ “\(item.trimmingCharacters(in: .whitespaces))” "
                            + "ไม่ระบุจำนวน จึงไม่อาจรวมยอดได้"
                    ))
            case .failure(let r): return .failure(r)
            }
        }
        var total = Quantity()
        for (name, value) in [
            ("activities", \Quantity.activities), ("participants", \.participants), ("items", \.items),
        ] {
            let given = parts.compactMap { $0[keyPath: value] }
            guard !given.isEmpty else { continue }
            guard given.count == parts.count else {
                return .failure(
                    refusal(
                        "quantity.group_without_count",
                        "“\(cell)” lists groups but not every group gives its \(name): the total cannot be known",
                        "“\(cell)” ระบุกลุ่มหลายกลุ่ม แต่บางกลุ่มไม่ระบุจำนวน จึงไม่อาจรวมยอดได้"))
            }
            total[keyPath: value] = given.reduce(0, +)
        }
        let units = Set(parts.compactMap(\.unit))
        guard units.count <= 1 else { return .failure(repeated(cell, "items")) }
        total.unit = units.first
        return .success(total)
    }

    /// A cell with no figure: empty, a dash, or a unit alone ("ครั้ง", "ร้อยละ").
    private static func lone(_ cell: Substring) -> Result<Quantity, Refusal> {
        let key = letters(ThaiText.key(cell))
        let symbols = ThaiText.key(cell)
        if symbols.isEmpty || symbols.allSatisfy({ "-–—".contains($0) }) { return .success(Quantity()) }
        if unitOnlyCells.contains(key) || (activityUnits + participantUnits + itemUnits).contains(key) {
            return .success(Quantity(unit: key))
        }
        return .failure(
            refusal(
                "quantity.no_figure", "“\(cell)” gives no figure: write the count with its unit (๘ ครั้ง/ ๕๒๐ คน)",
                "“\(cell)” ไม่มีตัวเลข กรุณาระบุจำนวนพร้อมหน่วย (๘ ครั้ง/ ๕๒๐ คน)"))
    }

    /// The figures of the cell with the letters around each; thousands groups joined, decimals refused.
    private static func readFigures(_ cell: Substring) throws(Refusal) -> [Figure] {
        var t = CellTokenizer(cell)
        var gaps: [CellTokenizer.Gap] = [t.gap()]
        var numbers: [CellTokenizer.Number] = []
        while let n = t.number() {
            numbers.append(n)
            gaps.append(t.gap())
        }
        var figures: [Figure] = []
        var k = 0
        while k < numbers.count {
            let first = k
            var value = numbers[k].value
            let start = numbers[k].start
            var end = numbers[k].end
            guard numbers[k].digits <= 15 else {
                throw refusal("quantity.too_large", "“\(cell)” is too large", "“\(cell)” มีค่ามากเกินไป")
            }
            while k + 1 < numbers.count, gaps[k + 1].isSole(UInt8(ascii: ",")), gaps[k + 1].spaces == 0 {
                guard numbers[k + 1].digits == 3, value < 1_000_000_000_000 else {
                    throw refusal(
                        "number.bad_grouping", "“\(cell)” has misplaced thousands separators: commas go every 3 digits",
                        "“\(cell)” ใส่เครื่องหมายจุลภาคผิดตำแหน่ง ต้องคั่นทุก ๓ หลัก")
                }
                value = value * 1000 + numbers[k + 1].value
                end = numbers[k + 1].end
                k += 1
            }
            if k + 1 < numbers.count, gaps[k + 1].isSole(UInt8(ascii: ".")), gaps[k + 1].spaces == 0 {
                throw refusal(
                    "quantity.not_whole", "“\(cell)” has a decimal figure: counts are whole numbers",
                    "“\(cell)” มีทศนิยม จำนวนนับต้องเป็นจำนวนเต็ม")
            }
            figures.append(
                Figure(
                    value: value, before: letters(t.text(gaps[first].start, gaps[first].end)),
                    after: letters(t.text(gaps[k + 1].start, gaps[k + 1].end)), text: t.text(start, end)))
            k += 1
        }
        return figures
    }

    /// Letters (and "%", "ๆ") only: spaces, dots, slashes and brackets dropped; sara am composed.
    private static func letters(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in ThaiText.normalize(s).unicodeScalars
        where ThaiScalar.letterCode(scalar) != nil || scalar.value == 0x0E33 || scalar == "%" {
            out.append(scalar)
        }
        return String(out)
    }

    private static func refusal(_ code: String, _ english: String, _ thai: String) -> Refusal {
        Refusal(code: code, english: english, thai: thai)
    }

    private static func estimate(_ cell: Substring) -> Refusal {
        refusal(
            "quantity.approximate", "“\(cell)” is an estimate: give the exact count",
            "“\(cell)” เป็นจำนวนโดยประมาณ กรุณาระบุจำนวนที่แน่นอน")
    }

    private static func repeated(_ cell: Substring, _ part: String) -> Refusal {
        refusal(
            "quantity.repeated_part", "“\(cell)” gives \(part) more than once: give one total",
            "“\(cell)” ระบุ\(["activities": "จำนวนครั้ง", "participants": "จำนวนคน"][part] ?? "จำนวน")ซ้ำกัน "
                + "กรุณาระบุยอดรวมเพียงค่าเดียว"
        )
    }
}

extension String {
    fileprivate func replacingOccurrences(_ target: String, _ replacement: String) -> String {
        guard !target.isEmpty, contains(target) else { return self }
        var out = ""
        var rest = self[...]
        while let r = rest.range(of: target) {
            out += rest[..<r.lowerBound]
            out += replacement
            rest = rest[r.upperBound...]
        }
        return out + rest
    }
}
