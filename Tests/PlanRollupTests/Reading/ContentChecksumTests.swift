import Testing

@testable import RollupReading

/// The checksum of the job's own files is XXH3-128 as xxHash defines it (values from the Python
/// `xxhash` package, an independent build), whole or fed in pieces of any size.
@Suite("Content checksum")
struct ContentChecksumTests {
    @Test(
        "XXH3-128 of known bytes, in its canonical hex form",
        arguments: [
            ([UInt8](), "99aa06d3014798d86001c324468d497f"),
            (Array("plan-rollup".utf8), "d1725eb9f934928454e74eaeff268535"),
            (Array((0..<1000).flatMap { _ in (0...255).map(UInt8.init) }), "548512d98989de2d776474c39d20f9aa"),
        ] as [([UInt8], String)])
    func knownValues(_ bytes: [UInt8], _ expected: String) {
        #expect(bytes.withUnsafeBytes { ContentChecksum.of($0) } == expected)
        // Fed in uneven pieces: the same.
        let checksum = ContentChecksum()
        var at = 0
        var size = 1
        while at < bytes.count {
            let end = min(bytes.count, at + size)
            bytes[at..<end].withUnsafeBytes { checksum.update($0) }
            at = end
            size = size * 3 + 1
        }
        #expect(checksum.finish() == expected)
    }

    @Test("one byte changed anywhere changes the checksum")
    func oneByte() {
        var bytes = [UInt8](repeating: 0x2C, count: 300_000)
        let before = bytes.withUnsafeBytes { ContentChecksum.of($0) }
        for i in [0, 1, 63, 64, 1_023, 150_000, 299_999] {
            bytes[i] ^= 0x01
            #expect(bytes.withUnsafeBytes { ContentChecksum.of($0) } != before, "byte \(i)")
            bytes[i] ^= 0x01
        }
        #expect(bytes.withUnsafeBytes { ContentChecksum.of($0) } == before)
    }
}
