import Foundation
import Glibc

@testable import PlanRollup
@testable import RollupBase
@testable import RollupCore
@testable import RollupReading

/// A stream made of a head, a pattern repeated `repeats` times, and a tail, produced block by
/// block: gigabytes pass through the reader without ever being in memory.
final class GeneratedSource: ByteSource {
    private let head: [UInt8]
    private let pattern: [UInt8]
    private let tail: [UInt8]
    let total: Int
    private var position = 0

    init(head: String, pattern: [UInt8], repeats: Int, tail: String) {
        self.head = Array(head.utf8)
        self.pattern = pattern
        self.tail = Array(tail.utf8)
        total = self.head.count + pattern.count * repeats + self.tail.count
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        var written = 0
        while written < buffer.count && position < total {
            let headEnd = head.count
            let tailStart = total - tail.count
            let n: Int
            if position < headEnd {
                n = min(buffer.count - written, headEnd - position)
                head.withUnsafeBytes {
                    buffer.baseAddress!.advanced(by: written).copyMemory(from: $0.baseAddress! + position, byteCount: n)
                }
            } else if position < tailStart {
                let offset = (position - headEnd) % pattern.count
                n = min(
                    buffer.count - written, tailStart - position, pattern.count == 1 ? Int.max : pattern.count - offset)
                if pattern.count == 1 {
                    memset(buffer.baseAddress! + written, Int32(pattern[0]), n)
                } else {
                    pattern.withUnsafeBytes {
                        buffer.baseAddress!.advanced(by: written).copyMemory(
                            from: $0.baseAddress! + offset, byteCount: n)
                    }
                }
            } else {
                n = min(buffer.count - written, total - position)
                tail.withUnsafeBytes {
                    buffer.baseAddress!.advanced(by: written).copyMemory(
                        from: $0.baseAddress! + position - tailStart, byteCount: n)
                }
            }
            written += n
            position += n
        }
        return written
    }
}

/// Bytes in memory as the shared object `InputFile` reads through.
final class BytesObject: ByteSource {
    private var inner: MemoryByteSource
    init(_ bytes: [UInt8]) { inner = MemoryByteSource(bytes) }
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int { try inner.read(into: buffer) }
}

/// Every event of a file read the job's way (`InputFile` + `TableReader`), and the summary.
func readTable(_ source: any ByteSource & AnyObject, limits: CSVLimits = CSVLimits()) throws -> (
    [TableEvent], TableSummary
) {
    let file = try InputFile(source: source, path: "x.csv", limits: limits)
    var events: [TableEvent] = []
    let summary = try TableReader().read(file) { events.append($0) }
    return (events, summary)
}

extension [TableEvent] {
    var dataRows: [TableRow] { compactMap { if case .data(let r) = $0 { r } else { nil } } }
    var malformed: [CSVSyntaxError] { compactMap { if case .malformed(let e) = $0 { e } else { nil } } }
}

/// The export header and a good row the tiny plan of `runOnExports` accepts, for day `day` of Nov 2561.
let exportHeader = "รหัสโครงการ,วันที่ดำเนินการ,จำนวนครั้ง,จำนวนผู้เข้าร่วม (คน),หมายเหตุ\n"
func goodRow(_ day: Int, participants: Int = 10) -> String { "สผ-62-001,\(day)/11/2561,1,\(participants),ok\n" }

/// Largest libcsv buffer the reader may reach: the cell limit, one fed block, one growth step.
func parserBufferBound(_ limits: CSVLimits, blockSize: Int = 256 * 1024) -> Int {
    limits.maxCellBytes + blockSize + 64 * 1024
}

/// A small plan (two projects of one bureau) and an input folder the caller fills (`exports/b1` is
/// made), run through the job as of 30 September 2019.
func runOnFolder(
    limits: CSVLimits = CSVLimits(), aliases: HeaderAliases = .standard, _ fill: (URL) throws -> Void
) throws -> (Pipeline.Outcome, URL) {
    let root = try makeTemporaryFolder("job-input")
    let fm = FileManager.default
    try fm.createDirectory(at: root.appendingPathComponent("input/plan"), withIntermediateDirectories: true)
    try fm.createDirectory(at: root.appendingPathComponent("input/exports/b1"), withIntermediateDirectories: true)
    let plan = """
        รหัสโครงการ,ส่วนราชการ,ประเด็น,มาตรการ,โครงการ/กิจกรรม,ต.ค. ๖๑,งบประมาณ (บาท),หน่วยงาน
        สผ-62-001,สผ.,1,1,อบรมคุณธรรม,๑,"๑๐,๐๐๐",สำนักพัฒนาบุคลากร (สผ.)
        สผ-62-002,สผ.,1,1,เผยแพร่ความรู้,๑,-,สำนักพัฒนาบุคลากร (สผ.)
        """
    try plan.write(to: root.appendingPathComponent("input/plan/plan.csv"), atomically: true, encoding: .utf8)
    try fill(root.appendingPathComponent("input"))
    var options = Pipeline.Options(
        input: root.appendingPathComponent("input").path, output: root.appendingPathComponent("output").path,
        limits: limits)
    options.aliases = aliases
    let outcome = try Pipeline.compute(options, today: CalendarDay(year: 2019, month: 9, day: 30)!)
    return (outcome, root)
}
