import Testing

@testable import PlanRollup
@testable import RollupBase
@testable import RollupCore
@testable import RollupReading

@Suite("Thai text")
struct ThaiTextTests {
    static let normalized: [CellCase] = [
        CellCase("สำนักพัฒนาบุคลากร (สผ.)", "สำนักพัฒนาบุคลากร (สผ.)"),
        CellCase(" สำนักพัฒนาบุคลากร (สผ.)  ", "สำนักพัฒนาบุคลากร (สผ.)"),
        CellCase("สำนักพัฒนาบุคลากร\n(สผ.)", "สำนักพัฒนาบุคลากร (สผ.)"),
        CellCase("สำนัก  พัฒนา\tบุคลากร", "สำนัก พัฒนา บุคลากร"),
        CellCase("สผ-62-001\u{200B}", "สผ-62-001"),
        CellCase("\u{FEFF}สผ-62-001", "สผ-62-001"),
        CellCase("สผ\u{200C}-62\u{200D}-001\u{2060}", "สผ-62-001"),
        CellCase("สำนัก", "สำนัก"),
        CellCase("ส\u{0E4D}\u{0E32}นัก", "สำนัก"),
        CellCase("กิจกรรมท\u{0E4D}\u{0E32}ดี", "กิจกรรมทำดี"),
        CellCase("ผ\u{0E49}\u{0E39}", "ผ\u{0E39}\u{0E49}"),
        CellCase("e\u{0301}", "\u{00E9}"),
        CellCase("a\u{00A0}b", "a b"),
        CellCase("", ""),
        CellCase("   ", ""),
    ]

    @Test("normalize: NFC, invisible characters, sara am, spaces", arguments: normalized)
    func normalize(_ c: CellCase) {
        #expect(ThaiText.normalize(c.cell) == c.expected)
    }

    @Test(
        "key: the same name however it was typed",
        arguments: [
            "สำนักพัฒนาบุคลากร (สผ.)", "สำนักพัฒนาบุคลากร(สผ.)", "สำนัก พัฒนาบุคลากร (สผ.)",
            " สำนักพัฒนาบุคลากร (สผ.)  ", "สำนักพัฒนาบุคลากร\n(สผ.)", "ส\u{0E4D}\u{0E32}นักพัฒนาบุคลากร (สผ.)",
            "สำนักพัฒนา\u{200B}บุคลากร (สผ.)",
        ])
    func key(_ cell: String) {
        #expect(ThaiText.key(cell) == "สำนักพัฒนาบุคลากร(สผ.)")
    }

    @Test(
        "key is its own key, also when taking the spaces out joins a nikhahit and sara aa (a fuzzer's find)",
        arguments: [
            ("\t\t\t\t\u{0E4D}\tาําย (\n", "ำำย("), ("ส\u{0E4D} \u{0E32}นัก", "สำนัก"), ("ก ข", "กข"),
        ])
    func keyIdempotent(cell: String, expected: String) {
        let key = ThaiText.key(cell)
        #expect(key == expected)
        #expect(ThaiText.key(key) == key)
    }

    @Test(
        "arabic digits",
        arguments: [("สผ-๖๒-๐๐๑", "สผ-62-001"), ("๔๓๙,๒๐๐", "439,200"), ("１２３", "123"), ("abc", "abc")])
    func arabicDigits(cell: String, expected: String) {
        #expect(ThaiText.arabicDigits(cell) == expected)
    }

    @Test("Thai display writes BE years and Thai digits")
    func display() {
        let day = CalendarDay(year: 2019, month: 2, day: 21)!
        #expect(ThaiDisplay.date(day) == "๒๑ ก.พ. ๒๕๖๒")
        #expect(ThaiDisplay.longDate(day) == "๒๑ กุมภาพันธ์ ๒๕๖๒")
        #expect(ThaiDisplay.month(YearMonth(year: 2018, month: 10)!) == "ต.ค. ๖๑")
        #expect(ThaiDisplay.month(YearMonth(year: 2043, month: 1)!) == "ม.ค. ๘๖")
        #expect(ThaiDisplay.month(YearMonth(year: 2057, month: 1)!) == "ม.ค. ๐๐")
        #expect(ThaiDisplay.digits("439,200 บาท") == "๔๓๙,๒๐๐ บาท")
        #expect(day.iso == "2019-02-21")
    }
}

/// The shortcuts `ThaiText` takes for Thai text must agree with the standard library's tables.
@Suite("ThaiText shortcuts agree with Unicode")
struct ThaiTextShortcutTests {
    @Test("combining classes of Latin-1, the combining marks and the whole Thai block")
    func combiningClasses() {
        for v in Array(0..<0x0370) + Array(0x0E00...0x0E7F) + [0x2019, 0x1AB0, 0xFE20] {
            let s = Unicode.Scalar(UInt32(v))!
            #expect(
                ThaiScalar.combiningClass(s) == s.properties.canonicalCombiningClass.rawValue,
                "U+\(String(v, radix: 16))")
        }
    }

    @Test(
        "lowercasing",
        arguments: ["", "abc", "ABC", "Project ID", "รหัสโครงการ", "KPI ตัวชี้วัด", "ÀÉ", "ΣΑ", "İ", "x\u{0301}Y"])
    func lowercasing(text: String) {
        #expect(ThaiText.lowercased(text) == text.lowercased())
    }
}
