import Foundation
import RollupBase

/// Every name a header may carry for each field: the one place to extend when a bureau
/// invents a new one. Extra aliases can also come from a JSON file (see `merging(json:)`).
///
/// Names compare by `HeaderAliases.key`: case, spaces, line breaks, zero-width characters and
/// dots do not matter, so "จำนวนผู้เข้าร่วม(คน)" and "จำนวนผู้เข้าร่วม (คน)" are one name.
public struct HeaderAliases: Sendable {
    private var byKey: [String: Field]

    public static let standard = HeaderAliases(names: [
        .projectID: ["รหัสโครงการ", "รหัส", "project_id", "project id", "projectid", "id", "code"],
        .parentID: ["รหัสโครงการหลัก", "รหัสโครงการแม่", "parent_id", "parent id", "parent"],
        .agency: ["ส่วนราชการ", "agency"],
        .issue: ["ประเด็น", "issue"],
        .measure: ["มาตรการ", "measure"],
        .measureName: ["ชื่อมาตรการ", "measure_name", "measure name"],
        .problems: [
            "ปัญหา อุปสรรค", "ปัญหา/อุปสรรค", "ปัญหาและอุปสรรค", "ปัญหา อุปสรรค และข้อเสนอแนะ", "ปัญหา อุปสรรค ข้อเสนอแนะ",
            "problems", "obstacles",
        ],
        .project: [
            "โครงการ/กิจกรรม", "โครงการ / กิจกรรม", "โครงการ", "กิจกรรม", "ชื่อโครงการ", "ชื่อโครงการ/กิจกรรม",
            "ชื่อกิจกรรม", "แผนงาน/โครงการ", "โครงการ/กิจกรรม/แนวทาง", "project", "project name", "activity",
        ],
        .indicator: ["ตัวชี้วัด", "indicator", "kpi"],
        .unit: ["หน่วยนับ", "unit"],
        .targetGroup: ["กลุ่มเป้าหมาย", "กลุ่มเป้าหมาย (คน)", "เป้าหมาย", "target_group", "target group"],
        .budget: [
            "งบประมาณ (บาท)", "งบประมาณ", "งบประมาณที่ได้รับ", "งบประมาณที่ได้รับจัดสรร", "งบประมาณที่ได้รับจัดสรร (บาท)",
            "วงเงินงบประมาณ", "งบประมาณตามแผน", "budget", "budget (baht)", "budget_baht",
        ],
        .bureau: [
            "หน่วยงาน", "หน่วยงานผู้รับผิดชอบ", "หน่วยงานรับผิดชอบ", "หน่วยงานที่รับผิดชอบ", "ผู้รับผิดชอบ",
            "ผู้รับผิดชอบโครงการ", "หน่วยงาน / ผู้รับผิดชอบ", "หน่วยงานผู้ดำเนินการ", "สำนัก", "สำนัก/กลุ่มงาน",
            "bureau", "responsible", "unit responsible",
        ],
        .date: [
            "วันที่ดำเนินการ", "วันที่", "วันที่จัด", "วันที่จัดกิจกรรม", "วันที่ดำเนินงาน", "วัน/เดือน/ปี", "วันเดือนปี",
            "date", "date held",
        ],
        .activities: [
            "จำนวนครั้ง", "ครั้ง", "จำนวนครั้งที่ดำเนินการ", "จำนวนกิจกรรม", "จำนวนรุ่น", "activities", "sessions", "times",
        ],
        .participants: [
            "จำนวนผู้เข้าร่วม (คน)", "จำนวนผู้เข้าร่วม", "ผู้เข้าร่วม (คน)", "ผู้เข้าร่วม", "จำนวนผู้เข้าร่วมโครงการ",
            "จำนวนผู้เข้าร่วมโครงการ (คน)", "ผู้เข้าร่วมโครงการ", "จำนวนผู้เข้าอบรม", "ผู้เข้ารับการอบรม", "จำนวนคน",
            "participants", "attendees",
        ],
        .spent: [
            "เบิกจ่าย (บาท)", "เบิกจ่าย", "ค่าใช้จ่าย (บาท)", "ค่าใช้จ่าย", "งบประมาณที่ใช้", "งบประมาณที่ใช้ (บาท)",
            "งบประมาณที่ใช้จริง", "ผลการเบิกจ่าย", "ผลการเบิกจ่าย (บาท)", "เบิกจ่ายจริง", "ใช้จ่ายจริง", "จำนวนเงินที่ใช้",
            "spent", "spent (baht)", "expenditure",
        ],
        .resultPercent: [
            "ผลการดำเนินการ (ร้อยละ)", "ผลการดำเนินการ ร้อยละ", "ผลการดำเนินการร้อยละ", "ร้อยละ", "result_pct",
            "result", "result (%)", "percent", "ผลการสำรวจ (ร้อยละ)", "ผลการดำเนินงาน (ร้อยละ)", "ผลการดำเนินงานร้อยละ",
            "ร้อยละความสำเร็จ", "ผลสำเร็จ (ร้อยละ)",
        ],
        .status: ["สถานะ", "สถานะการดำเนินการ", "สถานะโครงการ", "status"],
        .evidence: ["เอกสาร/หลักฐาน", "เอกสารหลักฐาน", "หลักฐาน", "เอกสารอ้างอิง", "หลักฐานประกอบ", "evidence"],
        .note: ["หมายเหตุ", "ข้อสังเกต", "note", "notes", "remarks"],
        .survey: ["การสำรวจ", "แบบสำรวจ", "survey"],
    ])

    public init(names: [Field: [String]]) {
        var byKey: [String: Field] = [:]
        for (field, list) in names {
            for name in list + [field.rawValue] { byKey[Self.key(name)] = field }
        }
        self.byKey = byKey
    }

    /// Every name and its field, one per line in name order: what a cache key says of the table.
    public var identity: String {
        byKey.sorted { $0.key < $1.key }.map { "\($0.key)\t\($0.value.rawValue)\n" }.joined()
    }

    /// The field a header cell names, if any.
    public func field(for header: String) -> Field? {
        byKey[Self.key(header)]
    }

    /// Adds aliases from JSON of the form `{"participants": ["ผู้มาร่วม", ...], ...}`.
    /// An unknown field name is an error that names it.
    public func merging(json: [UInt8]) throws -> HeaderAliases {
        let decoded = try JSONDecoder().decode([String: [String]].self, from: Data(json))
        var copy = self
        for (name, list) in decoded.sorted(by: { $0.key < $1.key }) {
            guard let field = Field(rawValue: name) else {
                throw AliasFileError(field: name)
            }
            for alias in list { copy.byKey[Self.key(alias)] = field }
        }
        return copy
    }

    /// Header comparison key: `ThaiText.key` (no spaces, line breaks or zero-width characters),
    /// lowercased, without dots.
    public static func key(_ header: String) -> String {
        plainKey(header) ?? fullKey(header)
    }

    static func fullKey(_ header: String) -> String {
        String(String.UnicodeScalarView(ThaiText.lowercased(ThaiText.key(header)).unicodeScalars.filter { $0 != "." }))
    }

    /// `fullKey` for text of ASCII and Thai only, in one pass over its scalars: spaces, line breaks
    /// and dots dropped, ASCII lowercased. nil (use `fullKey`) where normalizing would change more: a
    /// sara am written as nikhahit + sara aa, or marks out of canonical order, also once the dropped
    /// spaces and dots no longer stand between them (`ThaiText.key` normalizes again after dropping
    /// spaces). Every header cell of the header search comes through here, most of them long data cells.
    static func plainKey(_ header: String) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(header.utf8.count)
        // The previous scalar kept: a dropped one is not there to separate its neighbours.
        var previous: UInt32 = 0
        var previousClass: UInt8 = 0
        for scalar in header.unicodeScalars {
            let v = scalar.value
            if v < 0x80 {
                if v == 0x20 || (0x09...0x0D).contains(v) || v == 0x2E { continue }
                previousClass = 0
                previous = v
                out.append(v >= 0x41 && v <= 0x5A ? UInt8(v + 0x20) : UInt8(v))
                continue
            }
            defer { previous = v }
            guard v >= 0x0E00 && v <= 0x0E7F, !(v == 0x0E32 && previous == 0x0E4D) else { return nil }
            let combiningClass = ThaiScalar.combiningClass(scalar)
            if combiningClass != 0 && previousClass > combiningClass { return nil }
            previousClass = combiningClass
            out.append(0xE0)
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// An alias file names a field the job does not have.
public struct AliasFileError: Error, CustomStringConvertible, Sendable {
    public let field: String
    public var description: String {
        "header alias file: \"\(field)\" is not a field; fields are "
            + "\(Field.allCases.map(\.rawValue).joined(separator: ", "))"
    }
}

extension HeaderAliases {
    /// Standard header aliases plus those of `<input>/config/header-aliases.json` when present, and
    /// of `extraFile` when given (JSON: `{"participants": ["ผู้มาร่วม"], ...}`).
    public static func load(input: String, extraFile: String? = nil) throws -> HeaderAliases {
        var aliases = standard
        let configured = input + "/config/header-aliases.json"
        for path in [configured, extraFile].compactMap({ $0 }) {
            guard path != configured || FileManager.default.fileExists(atPath: path) else { continue }
            guard let data = FileManager.default.contents(atPath: path) else {
                throw InputFolderError(path: path, reason: "cannot read the header alias file")
            }
            do {
                aliases = try aliases.merging(json: Array(data))
            } catch let error as AliasFileError {
                throw InputFolderError(path: path, reason: error.description)
            } catch {
                throw InputFolderError(
                    path: path, reason: "not a JSON object of field name to list of header names (\(error))")
            }
        }
        return aliases
    }
}
