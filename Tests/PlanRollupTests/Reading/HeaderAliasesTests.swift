import Foundation
import Testing

@testable import PlanRollup
@testable import RollupBase
@testable import RollupCore
@testable import RollupReading

/// The one-pass key for ASCII and Thai headers must be the full key whenever it answers.
@Suite("Header keys: the one-pass reading agrees with the full one")
struct HeaderKeyTests {
    @Test("generated header cells")
    func plainKeyAgrees() {
        let pieces = [
            "ก", "ข", "ำ", "ํ", "า", "ุ", "่", "้", "ู", "ิ", "ี", "ั", " ", "  ", "\t", "\n", ".", "(", ")",
            "A", "b", "Z", "/", "%", "๑", "1", "\u{00A0}", "\u{200B}", "é", "e\u{0301}", "ID", "รหัส", "โครงการ",
        ]
        var sequence = FixedSequence(seed: 7)
        var answered = 0
        for _ in 0..<20_000 {
            let text = (0..<(1 + sequence.next(10))).map { _ in pieces[sequence.next(pieces.count)] }.joined()
            if let key = HeaderAliases.plainKey(text) {
                answered += 1
                #expect(
                    Array(key.utf8) == Array(HeaderAliases.fullKey(text).utf8),
                    "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
            }
        }
        #expect(answered > 5_000)
    }
}

@Suite("Field ordinals")
struct FieldOrdinalTests {
    @Test("each field's ordinal is its position among all fields, so tables indexed by it never collide")
    func ordinals() {
        #expect(Field.allCases.map(\.ordinal) == Array(Field.allCases.indices))
    }
}

@Suite("Header names real offices use")
struct OfficeHeaderTests {
    @Test(
        "the headings of Thai government progress reports map to their fields",
        arguments: [
            ("หน่วยงานรับผิดชอบ", Field.bureau), ("ผลการเบิกจ่าย (บาท)", .spent), ("งบประมาณที่ใช้", .spent),
            ("จำนวนผู้เข้าร่วมโครงการ", .participants), ("จำนวนผู้เข้าร่วม โครงการ (คน)", .participants),
            ("วันที่จัดกิจกรรม", .date), ("ผลการดำเนินงาน (ร้อยละ)", .resultPercent), ("สถานะโครงการ", .status),
            ("งบประมาณที่ได้รับจัดสรร", .budget), ("ชื่อกิจกรรม", .project), ("เอกสารอ้างอิง", .evidence),
        ] as [(String, Field)])
    func known(_ header: String, _ field: Field) {
        #expect(HeaderAliases.standard.field(for: header) == field)
    }

    @Test("columns the header finder does not know are named in the manifest, as near misses to alias")
    func nearMisses() throws {
        let o = try DateColumnOrderTests.run(["a": ["1/10/2561"]], extraColumn: "ผู้ประสานงาน")
        #expect(o.accounts.first?.unrecognisedColumns == ["ผู้ประสานงาน"])
        let manifest = String(
            decoding: Manifest.render(
                outcome: o, commandLine: [], startedAt: Date(timeIntervalSince1970: 0),
                finishedAt: Date(timeIntervalSince1970: 0)),
            as: UTF8.self)
        #expect(manifest.contains("\"unrecognised_columns\": [\n        \"ผู้ประสานงาน\""))
    }
}
