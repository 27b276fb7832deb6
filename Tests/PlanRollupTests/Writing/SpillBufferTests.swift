import Foundation
import Testing

@testable import RollupBase

/// A spill buffer read at random (`copy(from:into:)`, how the row fingerprint table reads a record
/// back) gives the bytes appended, wherever they lie.
@Suite("Spill buffer: random reads")
struct SpillBufferTests {
    @Test(
        "bytes across the spool file's end (appended in pieces that are not whole records, the spool then full) read back"
    )
    func acrossSpoolEnd() throws {
        let folder = NSTemporaryDirectory() + "plan-rollup-spill-test-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let bytes = (0..<300).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) }
        let buffer = SpillBuffer(spillBytes: 100, spoolFolder: folder)
        // 100 bytes go to the spool file, which a first read keeps open.
        buffer.append { $0 += bytes[0..<100] }
        var probe = [UInt8](repeating: 0, count: 1)
        probe.withUnsafeMutableBytes { buffer.copy(from: 0, into: $0) }
        #expect(probe == [bytes[0]])
        // The spool file takes no more (as a full disk would refuse them): a folder now holds its name.
        let spool = folder + "/" + (try #require(try FileManager.default.contentsOfDirectory(atPath: folder).first))
        try FileManager.default.moveItem(atPath: spool, toPath: spool + ".kept")
        try FileManager.default.createDirectory(atPath: spool, withIntermediateDirectories: false)
        buffer.append { $0 += bytes[100..<300] }
        #expect(buffer.byteCount == 300)
        for (offset, count) in [(90, 20), (99, 2), (0, 300), (100, 50), (37, 104), (299, 1)] {
            var out = [UInt8](repeating: 0, count: count)
            out.withUnsafeMutableBytes { buffer.copy(from: offset, into: $0) }
            #expect(out == Array(bytes[offset..<(offset + count)]), "\(count) bytes from \(offset)")
        }
        buffer.endReads()
    }
}
