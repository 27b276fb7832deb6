import Foundation
import RollupBase

/// The limits a workbook is read within, so that a zip bomb or a sheet of a million columns is
/// refused early: the file's size, how many entries the zip holds, how many bytes any one part
/// unpacks to (as the zip declares, and never more than declared), how many all the parts read
/// unpack to together (the sheets probed for a header, the shared strings, the sheet read), and
/// the shared strings' total.
public struct WorkbookLimits: Hashable, Sendable {
    public var maxFileBytes: Int
    public var maxEntries: Int
    public var maxPartBytes: Int
    public var maxTotalBytes: Int
    public var maxSharedStringBytes: Int

    public init(
        maxFileBytes: Int = 256 << 20, maxEntries: Int = 10_000, maxPartBytes: Int = 512 << 20,
        maxTotalBytes: Int = 1 << 30, maxSharedStringBytes: Int = 256 << 20
    ) {
        (self.maxFileBytes, self.maxEntries, self.maxPartBytes) = (maxFileBytes, maxEntries, maxPartBytes)
        (self.maxTotalBytes, self.maxSharedStringBytes) = (maxTotalBytes, maxSharedStringBytes)
    }
}

/// Why a workbook cannot be read, in English and Thai: the file refused whole, with its reason.
public struct WorkbookRefusal: Error, CustomStringConvertible, Sendable, Hashable {
    public let english: String
    public let thai: String

    public init(_ english: String, thai: String) {
        self.english = english
        self.thai = thai
    }

    public var description: String { english }
}

/// The zip inside an .xlsx: its entries by name (checked once: how many, and that none climbs out
/// with `..` or starts at `/`), each part unpacked on demand in chunks, within `limits`.
struct XLSXContainer {
    let limits: WorkbookLimits
    private let zip: ZipFile
    private let entries: [String: ZipEntry]

    init(path: String, limits: WorkbookLimits) throws {
        let zip: ZipFile
        do {
            zip = try ZipFile(
                path: path, maxFileBytes: limits.maxFileBytes, maxEntries: limits.maxEntries,
                maxTotalBytes: limits.maxTotalBytes)
        } catch let damage as ZipDamage {
            throw WorkbookRefusal(
                "not a readable .xlsx workbook (the zip cannot be opened: \(damage.reason))",
                thai: "เปิดไฟล์ .xlsx นี้ไม่ได้ (ไม่ใช่ไฟล์ zip ที่อ่านได้ หรือใหญ่เกินขีดจำกัด)")
        }
        var entries: [String: ZipEntry] = [:]
        for entry in zip.entries {
            let path = entry.name
            guard !path.hasPrefix("/"), !path.split(separator: "/").contains(".."), !path.contains("\\") else {
                throw WorkbookRefusal(
                    "the workbook has a part named \(path), which climbs out of the file: refused",
                    thai: "ไฟล์สมุดงานมีส่วนที่ชื่อชี้ออกนอกไฟล์ (\(path)) จึงไม่อ่าน")
            }
            entries[path] = entry
        }
        self.zip = zip
        self.limits = limits
        self.entries = entries
    }

    /// Whether the zip holds `path` as a file (not a directory or a link).
    func has(_ path: String) -> Bool { entries[path]?.kind == .file }

    /// Calls `body` with the part's bytes as they unpack; refuses a part that unpacks past `maxBytes`
    /// (whatever its header claims), does not unpack to exactly its size and CRC-32, or is not UTF-8
    /// (every XML part of an .xlsx is; the XML parser is never handed bytes that are not text).
    func unpack(_ path: String, maxBytes: Int, _ body: (Data) throws -> Void) throws {
        guard let entry = entries[path], entry.kind == .file else {
            throw WorkbookRefusal(
                "the workbook lacks its part \(path)", thai: "ไฟล์สมุดงานขาดส่วน \(path) จึงอ่านไม่ได้")
        }
        var check = UTF8Check()
        do {
            try zip.read(entry, maxBytes: maxBytes) { chunk in
                guard check.feed(chunk) else { throw NotText() }
                try body(chunk)
            }
        } catch let tooLarge as ZipTooLarge where tooLarge.whole {
            throw WorkbookRefusal(
                "the workbook's parts unpack to more than \(limits.maxTotalBytes) bytes in all: refused as a likely zip bomb",
                thai: "ไฟล์สมุดงานขยายใหญ่เกินขีดจำกัดรวม จึงไม่อ่าน")
        } catch is ZipTooLarge {
            throw WorkbookRefusal(
                "the workbook's part \(path) unpacks to more than \(maxBytes) bytes: refused as a likely zip bomb",
                thai: "ส่วน \(path) ของไฟล์สมุดงานขยายใหญ่เกินขีดจำกัด จึงไม่อ่าน")
        } catch is NotText {
            throw Self.notText(path)
        } catch let damage as ZipDamage {
            throw WorkbookRefusal(
                "the workbook's part \(path) does not unpack (\(damage.reason))",
                thai: "แตกไฟล์ส่วน \(path) ของสมุดงานไม่ได้ (ไฟล์เสียหาย)")
        }
        guard check.finished else { throw Self.notText(path) }
    }

    private static func notText(_ path: String) -> WorkbookRefusal {
        WorkbookRefusal(
            "the workbook's part \(path) is not UTF-8 text: the file is damaged",
            thai: "ส่วน \(path) ของไฟล์สมุดงานเสียหาย (ไม่ใช่ข้อความ UTF-8)")
    }

    private struct NotText: Error {}

    /// A small part whole (workbook.xml, its relations, the styles), within `maxBytes`.
    func data(_ path: String, maxBytes: Int = 16 << 20) throws -> Data {
        var data = Data()
        try unpack(path, maxBytes: maxBytes) { data.append($0) }
        return data
    }
}

/// Checks that bytes arriving in chunks are UTF-8, a sequence cut by a chunk's end carried over.
struct UTF8Check {
    private var carry: [UInt8] = []

    /// False as soon as the bytes so far are not UTF-8.
    mutating func feed(_ chunk: Data) -> Bool {
        let bytes = carry + chunk
        var cut = bytes.count
        var i = bytes.count - 1
        while i >= 0, bytes.count - i <= 4 {
            let b = bytes[i]
            if b & 0xC0 == 0x80 {
                i -= 1
                continue
            }
            let need = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1
            if bytes.count - i < need { cut = i }
            break
        }
        carry = Array(bytes[cut...])
        return String(validating: bytes[..<cut], as: UTF8.self) != nil
    }

    /// True when no sequence was left unfinished at the end.
    var finished: Bool { carry.isEmpty }
}
