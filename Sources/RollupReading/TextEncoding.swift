import RollupBase

/// The encodings bureaus' spreadsheets save CSV in, as detected from a file's first bytes.
public enum TextEncoding: String, Hashable, Sendable, CaseIterable {
    case utf8 = "UTF-8"
    case utf8BOM = "UTF-8 with BOM"
    /// Windows-874, what Excel on Thai Windows saves as plain "CSV" (a superset of TIS-620).
    case windows874 = "Windows-874"
    case utf16LE = "UTF-16LE"
    case utf16BE = "UTF-16BE"
    /// UTF-16 recognised by its pattern of NUL bytes, with no byte-order mark: nothing to skip.
    case utf16LEWithoutBOM = "UTF-16LE without BOM"
    case utf16BEWithoutBOM = "UTF-16BE without BOM"

    /// Bytes of the byte-order mark this encoding's files start with, skipped before decoding.
    var bomLength: Int {
        switch self {
        case .utf8BOM: 3
        case .utf16LE, .utf16BE: 2
        case .utf8, .windows874, .utf16LEWithoutBOM, .utf16BEWithoutBOM: 0
        }
    }

    /// Two bytes a code unit.
    var isUTF16: Bool { [.utf16LE, .utf16BE, .utf16LEWithoutBOM, .utf16BEWithoutBOM].contains(self) }

    /// The name iconv knows it by, or nil when the bytes are UTF-8 already.
    var iconvName: String? {
        switch self {
        case .utf8, .utf8BOM: nil
        // TIS-620 refuses 0x80-0x9F and 0xA0, which Excel writes; CP874 takes them.
        case .windows874: "CP874"
        case .utf16LE, .utf16LEWithoutBOM: "UTF-16LE"
        case .utf16BE, .utf16BEWithoutBOM: "UTF-16BE"
        }
    }
}

/// Why a file cannot be read as text at all: it is rejected whole, never turned into mojibake.
public struct UndecodableFile: Error, Hashable, Sendable, CustomStringConvertible {
    public let reason: String
    public var description: String { reason }
}

/// Tells a file's encoding from a sample of its first bytes.
///
/// Order: a byte-order mark decides; then valid UTF-8; then a UTF-16 pattern of NUL bytes;
/// then Windows-874 if every byte is defined there. A sample with NUL bytes or bytes that no
/// supported encoding defines is refused. A sample that ends inside a UTF-8 sequence is fine.
public enum EncodingDetector {
    public static func detect(_ sample: UnsafeRawBufferPointer) -> Result<TextEncoding, UndecodableFile> {
        let b = sample.bindMemory(to: UInt8.self)
        if b.starts(with: [0xEF, 0xBB, 0xBF]) { return .success(.utf8BOM) }
        if b.starts(with: [0xFF, 0xFE]) { return .success(.utf16LE) }
        if b.starts(with: [0xFE, 0xFF]) { return .success(.utf16BE) }
        let hasNUL = b.contains(0)
        if !hasNUL, isUTF8(b) { return .success(.utf8) }
        // Mostly UTF-8 with a few stray bytes: read it as UTF-8 and let those rows be refused.
        let evidence = utf8Evidence(b)
        if !hasNUL, evidence.valid >= 4, evidence.invalid * 20 <= evidence.valid { return .success(.utf8) }
        if hasNUL, let utf16 = utf16WithoutBOM(b) { return .success(utf16) }
        if hasNUL {
            return .failure(UndecodableFile(reason: "the file holds NUL bytes: it is binary, not a CSV text export"))
        }
        if let bad = b.firstIndex(where: { !isDefinedInWindows874($0) }) {
            return .failure(
                UndecodableFile(
                    reason:
                        "byte 0x\(String(b[bad], radix: 16, uppercase: true)) at offset \(bad) is neither "
                        + "UTF-8 nor Windows-874 (Thai) text; save the file again as CSV UTF-8"
                ))
        }
        return .success(.windows874)
    }

    /// Valid multi-byte UTF-8 sequences, and bytes that start no valid sequence.
    static func utf8Evidence(_ b: UnsafeBufferPointer<UInt8>) -> (valid: Int, invalid: Int) {
        var valid = 0
        var invalid = 0
        var i = 0
        while i < b.count {
            let length = sequenceLength(b, at: i)
            if length == 1 {
                i += 1
                continue
            }
            if length > 1 {
                valid += 1
                i += length
            } else {
                invalid += 1
                i += 1
            }
        }
        return (valid, invalid)
    }

    /// Length of the valid UTF-8 sequence starting at `i`, or 0 (or 1 for ASCII).
    private static func sequenceLength(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        let c = b[i]
        let need: Int
        var lowest: UInt8 = 0x80
        var highest: UInt8 = 0xBF
        switch c {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: need = 1
        case 0xE0:
            need = 2
            lowest = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: need = 2
        case 0xED:
            need = 2
            highest = 0x9F
        case 0xF0:
            need = 3
            lowest = 0x90
        case 0xF1...0xF3: need = 3
        case 0xF4:
            need = 3
            highest = 0x8F
        default: return 0
        }
        guard i + need < b.count else { return 0 }
        for k in 1...need {
            let d = b[i + k]
            let (lo, hi) = k == 1 ? (lowest, highest) : (UInt8(0x80), UInt8(0xBF))
            guard d >= lo && d <= hi else { return 0 }
        }
        return need + 1
    }

    /// UTF-8 validity, allowing a sequence cut off by the end of the sample.
    static func isUTF8(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < b.count {
            let n = sequenceLength(b, at: i)
            if n > 0 {
                i += n
                continue
            }
            // Only a lead byte and continuation bytes up to the end of the sample may remain.
            let rest = b[i...]
            return rest.count < 4 && (0xC2...0xF4).contains(rest.first!)
                && rest.dropFirst().allSatisfy { $0 & 0xC0 == 0x80 }
        }
        return true
    }

    /// UTF-16 without a BOM: NULs on one side of most code units, and text (ASCII or Thai) on the other.
    static func utf16WithoutBOM(_ b: UnsafeBufferPointer<UInt8>) -> TextEncoding? {
        let units = b.count / 2
        guard units >= 4 else { return nil }
        var highLE = 0
        var highBE = 0
        for u in 0..<units {
            let first = b[2 * u]
            let second = b[2 * u + 1]
            if second == 0 || second == 0x0E { highLE += 1 }
            if first == 0 || first == 0x0E { highBE += 1 }
        }
        if highLE * 10 >= units * 9 && highBE * 10 < units * 5 { return .utf16LEWithoutBOM }
        if highBE * 10 >= units * 9 && highLE * 10 < units * 5 { return .utf16BEWithoutBOM }
        return nil
    }

    /// Windows-874 leaves 0x81-0x84, 0x86-0x90, 0x98-0x9F, 0xDB-0xDE and 0xFC-0xFF undefined.
    static func isDefinedInWindows874(_ c: UInt8) -> Bool {
        switch c {
        case 0x81...0x84, 0x86...0x90, 0x98...0x9F, 0xDB...0xDE, 0xFC...0xFF: false
        default: true
        }
    }
}
