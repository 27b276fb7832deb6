import Testing

@testable import PlanRollup
@testable import RollupBase
@testable import RollupCore
@testable import RollupReading

@Suite("Quantities in text")
struct QuantityParserTests {
    /// Expected: `Quantity.description`, or a refusal code.
    static let cases: [CellCase] = [
        CellCase("๘ ครั้ง/ ๕๒๐ คน", "activities=8 participants=520"),
        // A size per unit or a rate is not a total; a stated total must agree with the product; groups add up.
        CellCase("รุ่นละ ๗๐ คน", "quantity.per_unit"), CellCase("เดือนละ ๕ เรื่อง", "quantity.per_unit"),
        CellCase("ครั้งละ ๕๐ คน", "quantity.per_unit"),
        CellCase("๕ รุ่น รุ่นละ ๗๐ คน รวม ๓๕๐ คน", "activities=5 participants=350"),
        CellCase("๕ รุ่น รุ่นละ ๗๐ คน รวม ๔๐๐ คน", "quantity.total_disagrees"),
        CellCase("- ผู้บริหาร สผ. จำนวน ๔๑ คน - ผ.กลุ่มงาน สผ. จำนวน ๑๕๓ คน", "activities=NONE participants=194"),
        CellCase("- ผู้บริหาร จำนวน ๔๑ คน\n- ผู้ปฏิบัติ จำนวน ๑๐ คน\n- วิทยากร ๒ คน", "activities=NONE participants=53"),
        CellCase("- ผู้บริหาร สผ. จำนวน ๔๑ คน - ผ.กลุ่มงาน สผ.", "quantity.group_without_count"),
        CellCase("๑๒๐ คน - บุคลากร จำนวน ๒๐๐ คน", "quantity.repeated_part"),
        // Ordinal labels and years are not counts.
        CellCase("กิจกรรมที่ ๑ สัมมนา ๒๐๐ คน", "activities=NONE participants=200"),
        CellCase("รุ่นที่ ๒ จำนวน ๔๐ คน", "activities=NONE participants=40"),
        CellCase("ปี ๒๕๖๑-๒๕๖๒ จำนวน ๔๐ คน", "activities=NONE participants=40"),
        CellCase("๒๕๐๐ คน", "activities=NONE participants=2500"),
        CellCase("๕ ครั้ง/ ๒๓๘ คน", "activities=5 participants=238"),
        CellCase("๕ ครั้ง/ ๒๐๐ คน", "activities=5 participants=200"),
        CellCase("8 ครั้ง/520 คน", "activities=8 participants=520"),
        CellCase("๘ ครั้ง ๕๒๐ คน", "activities=8 participants=520"),
        CellCase("จำนวน ๑,๐๐๐ คน", "activities=NONE participants=1000"),
        CellCase("๕ รุ่น รุ่นละ ๗๐ คน", "activities=5 participants=350"),
        CellCase("๕ รุ่นๆ ละ ๗๐ คน", "activities=5 participants=350"),
        CellCase("๘ ครั้ง ครั้งละ ๖๕ คน", "activities=8 participants=520"),
        CellCase("๖๐ เรื่อง", "activities=NONE participants=NONE items=60 unit=เรื่อง"),
        CellCase("๑๙ หน่วยงาน", "activities=NONE participants=NONE items=19 unit=หน่วยงาน"),
        CellCase("๑ ฉบับ", "activities=NONE participants=NONE items=1 unit=ฉบับ"),
        CellCase("ผู้บริหารและบุคลากร จำนวน ๓๐๐ คน", "activities=NONE participants=300"),
        CellCase("บุคลากรของสำนักงานเลขาธิการสภาผู้แทนราษฎร จำนวน ๕๒๐ คน", "activities=NONE participants=520"),
        CellCase("ผู้นำการขับเคลื่อน จำนวน ๑๕๓ คน", "activities=NONE participants=153"),
        CellCase("เครือข่ายจริยธรรม จำนวน ๑๔๗ คน", "activities=NONE participants=147"),
        CellCase("ประจำปีงบประมาณ พ.ศ. ๒๕๖๒ จำนวน ๕ ครั้ง", "activities=5 participants=NONE"),
        CellCase("ไม่น้อยกว่า ๕๐ คน", "activities=NONE participants=50"),
        CellCase("๒ ครั้ง ๕ เรื่อง", "activities=2 participants=NONE items=5 unit=เรื่อง"),
        CellCase("ครั้ง", "activities=NONE participants=NONE items=NONE unit=ครั้ง"),
        CellCase("ร้อยละ", "activities=NONE participants=NONE items=NONE unit=ร้อยละ"),
        CellCase("จำนวนครั้ง", "activities=NONE participants=NONE items=NONE unit=จำนวนครั้ง"),
        CellCase("-", "activities=NONE participants=NONE"),
        CellCase("", "activities=NONE participants=NONE"),
        // Refusals.
        CellCase("ร้อยละ ๘๐", "quantity.percent"),
        CellCase("๘๐%", "quantity.percent"),
        CellCase("ประมาณ ๕๐ คน", "quantity.approximate"),
        CellCase("๕๐ คนโดยประมาณ", "quantity.approximate"),
        CellCase("๕๒๐", "quantity.no_unit"),
        CellCase("๕๒๐ ตัว", "quantity.no_unit"),
        CellCase("๑๒๐ คน - บุคลากร จำนวน ๒๐๐ คน", "quantity.repeated_part"),
        CellCase("๘ ครั้ง/ ๓ ครั้ง", "quantity.repeated_part"),
        CellCase("๖๐ เรื่อง ๒ ฉบับ", "quantity.repeated_part"),
        CellCase("ทุกสำนัก/ กลุ่ม/ กลุ่มงานขึ้นตรง", "quantity.no_figure"),
        CellCase("บุคลากรทุกระดับ", "quantity.no_figure"),
        CellCase("1,00,000 คน", "number.bad_grouping"),
        CellCase("๑.๕ ครั้ง", "quantity.not_whole"),
        CellCase("๕ เรื่อง ละ ๗๐ คน", "quantity.unreadable"),
    ]

    @Test("reads activities, participants and items", arguments: cases)
    func reads(_ c: CellCase) {
        switch QuantityParser.parse(c.cell) {
        case .success(let q): #expect(q.description == c.expected)
        case .failure(let r): #expect(r.code == c.expected, "\(r.english)")
        }
    }

    @Test("cohorts multiply into participants and count as activities")
    func cohorts() throws {
        let q = try QuantityParser.parse("๕ รุ่น รุ่นละ ๗๐ คน").get()
        #expect(q == Quantity(activities: 5, participants: 350))
        let seed = try QuantityParser.parse("๘ ครั้ง/ ๕๒๐ คน").get()
        #expect(seed.activities == 8 && seed.participants == 520 && seed.items == nil)
    }
}
