import Foundation
import RollupBase

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// A SAX pass over one XML part with closures for the elements that matter; libxml2 underneath
/// (Foundation's XMLParser), external entities never resolved.
final class XMLScan: NSObject, XMLParserDelegate {
    var start: (String, [String: String]) -> Void = { _, _ in }
    var end: (String) -> Void = { _ in }
    var text: (String) -> Void = { _ in }
    private(set) var failure: String?

    /// Runs over `parser`; throws the parser's own reason for XML that is not well-formed.
    func run(_ parser: XMLParser, part: String) throws {
        // The closures may capture this scan: drop them afterwards, so that nothing keeps the other alive.
        defer {
            start = { _, _ in }
            end = { _ in }
            text = { _ in }
        }
        parser.delegate = self
        parser.shouldResolveExternalEntities = false
        parser.shouldProcessNamespaces = false
        let parsed = parser.parse()
        if let failure {
            throw WorkbookRefusal(
                "the workbook's part \(part) cannot be read: \(failure)",
                thai: "อ่านส่วน \(part) ของไฟล์สมุดงานไม่ได้: \(failure)")
        }
        if !parsed {
            let code = (parser.parserError as NSError?).map { " \($0.code)" } ?? ""
            throw WorkbookRefusal(
                "the workbook's part \(part) is not well-formed XML (libxml2 error\(code) near line "
                    + "\(parser.lineNumber)): the file is damaged",
                thai: "ส่วน \(part) ของไฟล์สมุดงานเสียหาย (XML ไม่ถูกต้อง ใกล้บรรทัด \(parser.lineNumber))")
        }
    }

    /// Stops the pass with `reason` (a limit passed, a value out of range).
    func stop(_ parser: XMLParser, _ reason: String) {
        if failure == nil { failure = reason }
        parser.abortParsing()
    }

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) { start(Self.local(name), attributes) }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        end(Self.local(name))
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text(string) }

    func parser(_ parser: XMLParser, foundCDATA block: Data) { text(String(decoding: block, as: UTF8.self)) }

    /// "x:row" → "row": some writers prefix the main namespace.
    static func local(_ name: String) -> String {
        name.firstIndex(of: ":").map { String(name[name.index(after: $0)...]) } ?? name
    }
}

/// What the workbook says about itself: its sheets in order (name, hidden, part), the date system,
/// and which cell styles show a date.
struct XLSXWorkbookInfo {
    struct Sheet: Hashable {
        let name: String
        let hidden: Bool
        let part: String
    }

    var sheets: [Sheet] = []
    /// Dates count from 1904-01-01 (the Mac Excel system) instead of 1899-12-30.
    var date1904 = false
    /// For each cell style (the `s` attribute), whether its number format shows a date.
    var dateStyles: [Bool] = []
    var sharedStringsPart: String?

    init(_ container: XLSXContainer) throws {
        let relations = try Self.relations(container, part: "xl/_rels/workbook.xml.rels", base: "xl/")
        var sheets: [(String, Bool, String)] = []
        var date1904 = false
        let scan = XMLScan()
        scan.start = { name, attributes in
            switch name {
            case "workbookPr":
                let value = attributes["date1904"] ?? "0"
                date1904 = value == "1" || value == "true"
            case "sheet":
                let id = attributes["r:id"] ?? attributes.first { $0.key.hasSuffix(":id") }?.value ?? ""
                let state = attributes["state"] ?? "visible"
                if let part = relations.byID[id] {
                    sheets.append((attributes["name"] ?? "", state != "visible", part))
                }
            default: break
            }
        }
        try scan.run(XMLParser(data: try container.data("xl/workbook.xml")), part: "xl/workbook.xml")
        self.sheets = sheets.map { Sheet(name: $0.0, hidden: $0.1, part: $0.2) }
        self.date1904 = date1904
        sharedStringsPart = relations.byType["sharedStrings"].flatMap { container.has($0) ? $0 : nil }
        if let styles = relations.byType["styles"], container.has(styles) {
            dateStyles = try Self.dateStyles(container, part: styles)
        }
    }

    /// A part's relations: target part by id and by type (the last word of the type URI).
    static func relations(
        _ container: XLSXContainer, part: String, base: String
    ) throws -> (byID: [String: String], byType: [String: String]) {
        var byID: [String: String] = [:]
        var byType: [String: String] = [:]
        guard container.has(part) else { return (byID, byType) }
        let scan = XMLScan()
        scan.start = { name, attributes in
            guard name == "Relationship", let id = attributes["Id"], let target = attributes["Target"] else { return }
            // Targets are relative to xl/ unless absolute ("/xl/worksheets/sheet1.xml").
            let resolved = target.hasPrefix("/") ? String(target.dropFirst()) : base + target
            byID[id] = resolved
            if let type = attributes["Type"]?.split(separator: "/").last { byType[String(type)] = resolved }
        }
        try scan.run(XMLParser(data: try container.data(part)), part: part)
        return (byID, byType)
    }

    /// For each `cellXfs` entry, whether its number format is a date (built-in or custom).
    static func dateStyles(_ container: XLSXContainer, part: String) throws -> [Bool] {
        var custom: [Int: String] = [:]
        var formats: [Int] = []
        var inCellXfs = false
        let scan = XMLScan()
        scan.start = { name, attributes in
            switch name {
            case "numFmt":
                if let id = attributes["numFmtId"].flatMap(Int.init) { custom[id] = attributes["formatCode"] ?? "" }
            case "cellXfs": inCellXfs = true
            case "xf" where inCellXfs: formats.append(attributes["numFmtId"].flatMap(Int.init) ?? 0)
            default: break
            }
        }
        scan.end = { name in if name == "cellXfs" { inCellXfs = false } }
        try scan.run(XMLParser(data: try container.data(part)), part: part)
        return formats.map { id in custom[id].map(NumberFormat.isDate) ?? NumberFormat.builtInDate(id) }
    }
}

/// Whether a number format shows a date: Excel's built-in date formats, and any custom format
/// whose codes (outside quoted text and brackets other than a locale) name a day, month or year,
/// Thai Buddhist-era ones included (`[$-th-TH]d mmm bbbb`, `B2dd/mm/yyyy`, `[$-1070000]d/m/yy`).
enum NumberFormat {
    static func builtInDate(_ id: Int) -> Bool {
        (14...22).contains(id) || (27...36).contains(id) || (45...47).contains(id) || (50...58).contains(id)
            || (71...81).contains(id)
    }

    static func isDate(_ code: String) -> Bool {
        var plain = ""
        var quoted = false
        var bracket = false
        var escaped = false
        for c in code {
            if escaped {
                escaped = false
                continue
            }
            switch c {
            case "\\": escaped = true
            case "\"": quoted.toggle()
            case "[" where !quoted: bracket = true
            case "]" where !quoted: bracket = false
            default: if !quoted && !bracket { plain.append(c) }
            }
        }
        // Only the first section (positive numbers) decides; "General" is no date.
        let first = plain.split(separator: ";", omittingEmptySubsequences: false).first.map(String.init) ?? plain
        let codes = first.lowercased().replacingOccurrences(of: "general", with: "")
        guard !codes.contains("#"), !codes.contains("0"), !codes.contains("?") else { return false }
        // Day, year, Buddhist year (bb), era year (ee), the Thai codes (วัน เดือน ปี), or a month
        // without hours or seconds beside it (m alone is also minutes).
        return codes.contains("d") || codes.contains("y") || codes.contains("bb") || codes.contains("ee")
            || codes.contains("ว") || codes.contains("ด") || codes.contains("ป")
            || (codes.contains("m") && !codes.contains("h") && !codes.contains("s"))
    }
}

/// The shared strings of a workbook, in order: each item's text runs joined (phonetic runs left out).
enum XLSXSharedStrings {
    static func load(_ container: XLSXContainer, part: String) throws -> [String] {
        var strings: [String] = []
        var current = ""
        var inItem = false
        var inText = false
        var inPhonetic = false
        var bytes = 0
        let scan = XMLScan()
        var tooMany = false
        scan.start = { name, _ in
            switch name {
            case "si":
                inItem = true
                current = ""
            case "t": inText = inItem && !inPhonetic
            case "rPh": inPhonetic = true
            default: break
            }
        }
        scan.end = { name in
            switch name {
            case "si":
                strings.append(current)
                inItem = false
            case "t": inText = false
            case "rPh": inPhonetic = false
            default: break
            }
        }
        scan.text = { text in
            guard inText else { return }
            bytes += text.utf8.count
            if bytes > container.limits.maxSharedStringBytes { tooMany = true }
            current += text
        }
        let file = try XLSXTempPart(container, part: part)
        defer { file.remove() }
        guard let stream = InputStream(fileAtPath: file.path) else {
            throw WorkbookRefusal("the workbook's shared strings cannot be read back", thai: "อ่านไฟล์สมุดงานไม่ได้")
        }
        try scan.run(XMLParser(stream: stream), part: part)
        guard !tooMany else {
            throw WorkbookRefusal(
                "the workbook's shared strings pass \(container.limits.maxSharedStringBytes) bytes",
                thai: "ข้อความในไฟล์สมุดงานมีขนาดใหญ่เกินขีดจำกัด")
        }
        return strings
    }
}

/// A part unpacked to a private temporary file, so that XMLParser streams it from disk instead of
/// holding it in memory.
struct XLSXTempPart {
    let path: String

    init(_ container: XLSXContainer, part: String) throws {
        guard let path = SpoolFolder.newFile(), let handle = FileHandle(forWritingAtPath: path) else {
            throw WorkbookRefusal(
                "no room for the workbook's part \(part) in the temporary folder",
                thai: "ไม่มีที่ว่างชั่วคราวสำหรับอ่านไฟล์สมุดงาน")
        }
        defer { try? handle.close() }
        try container.unpack(part, maxBytes: container.limits.maxPartBytes) { try handle.write(contentsOf: $0) }
        self.path = path
    }

    func remove() { unlink(path) }
}
