import Glibc
import RollupBase

/// Bytes of another source converted to UTF-8 with iconv, block by block.
///
/// A multi-byte sequence cut by a block boundary is carried over to the next block. A byte the
/// encoding does not define is passed through unchanged, so it stays invalid UTF-8 and the row
/// holding it is refused by the stage that reads its cells: nothing becomes mojibake.
public final class DecodingByteSource<Inner: ByteSource>: ByteSource {
    private var inner: Inner
    private let encoding: TextEncoding
    private let converter: iconv_t?
    /// Decoded bytes `pendingStart..<pendingEnd` of `pending` wait to be handed on; the table path
    /// reuses the array's storage from block to block.
    private var pending: [UInt8] = []
    private var pendingStart = 0
    private var pendingEnd = 0
    private var input: [UInt8]
    private var inputCount = 0
    private var bomToSkip: Int
    private var innerEnded = false
    /// For a one-byte-per-character encoding: each byte's UTF-8, as iconv reads it.
    private let table: ByteTable?

    /// `inner` must start at the file's first byte; the BOM, if any, is skipped here.
    /// `byTable: false` converts Windows-874 with iconv call by call (tests compare the two).
    public init(_ inner: Inner, encoding: TextEncoding, blockSize: Int = 64 * 1024, byTable: Bool = true) throws {
        self.inner = inner
        self.encoding = encoding
        self.bomToSkip = encoding.bomLength
        self.input = [UInt8](repeating: 0, count: blockSize)
        table = encoding == .windows874 && byTable ? ByteTable.windows874 : nil
        if let name = encoding.iconvName {
            let cd = iconv_open("UTF-8", name)
            guard cd != iconv_t(bitPattern: -1) else {
                throw SystemError(path: name, operation: "iconv_open", errno: errno)
            }
            converter = cd
        } else {
            converter = nil
        }
    }

    deinit {
        if let converter { iconv_close(converter) }
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while true {
            if pendingStart < pendingEnd {
                let n = min(buffer.count, pendingEnd - pendingStart)
                pending.withUnsafeBytes { src in
                    buffer.baseAddress!.copyMemory(from: src.baseAddress! + pendingStart, byteCount: n)
                }
                pendingStart += n
                return n
            }
            if innerEnded && inputCount == 0 { return 0 }
            if !innerEnded {
                let filled = inputCount
                let got = try input.withUnsafeMutableBytes { raw in
                    try inner.read(into: UnsafeMutableRawBufferPointer(rebasing: raw[filled...]))
                }
                if got == 0 { innerEnded = true }
                inputCount += got
            }
            if bomToSkip > 0 {
                let skip = min(bomToSkip, inputCount)
                input.removeSubrange(0..<skip)
                input.append(contentsOf: repeatElement(0, count: skip))
                inputCount -= skip
                bomToSkip -= skip
                if bomToSkip > 0 && !innerEnded { continue }
                bomToSkip = 0
            }
            if converter == nil {
                // Already UTF-8: hand the bytes on as they are.
                pending = Array(input[0..<inputCount])
                pendingStart = 0
                pendingEnd = pending.count
                inputCount = 0
                continue
            }
            if let table {
                pendingEnd = table.decode(input, count: inputCount, into: &pending)
                pendingStart = 0
                inputCount = 0
            } else {
                convert()
            }
        }
    }

    /// Converts what is in `input` to `pending`, keeping an incomplete last sequence in `input`.
    private func convert() {
        pending.removeAll(keepingCapacity: true)
        pendingStart = 0
        var output = [UInt8](repeating: 0, count: inputCount * 3 + 16)
        var consumedTotal = 0
        var producedTotal = 0
        let unit = encoding.isUTF16 ? 2 : 1
        let converter = self.converter
        let inputCount = self.inputCount
        let innerEnded = self.innerEnded
        input.withUnsafeMutableBytes { inRaw in
            output.withUnsafeMutableBytes { outRaw in
                while consumedTotal < inputCount {
                    var inPtr: UnsafeMutablePointer<CChar>? =
                        (inRaw.baseAddress! + consumedTotal).assumingMemoryBound(to: CChar.self)
                    var inLeft = inputCount - consumedTotal
                    var outPtr: UnsafeMutablePointer<CChar>? =
                        (outRaw.baseAddress! + producedTotal).assumingMemoryBound(to: CChar.self)
                    var outLeft = outRaw.count - producedTotal
                    let before = inLeft
                    let outBefore = outLeft
                    let r = iconv(converter, &inPtr, &inLeft, &outPtr, &outLeft)
                    consumedTotal += before - inLeft
                    producedTotal += outBefore - outLeft
                    if r != -1 { break }
                    let e = errno
                    if e == EINVAL && !innerEnded { break }  // incomplete sequence: wait for more bytes
                    // EILSEQ, or EINVAL at the very end: pass the offending bytes through as invalid UTF-8.
                    let skip = min(unit, inputCount - consumedTotal)
                    for k in 0..<skip {
                        let byte = inRaw[consumedTotal + k]
                        outRaw[producedTotal] = byte >= 0x80 ? byte : 0xFF
                        producedTotal += 1
                    }
                    consumedTotal += skip
                }
            }
        }
        pending.append(contentsOf: output[0..<producedTotal])
        pendingEnd = pending.count
        let left = inputCount - consumedTotal
        if left > 0 {
            for k in 0..<left { input[k] = input[consumedTotal + k] }
        }
        self.inputCount = left
    }
}

/// A stateless one-byte-per-character encoding as a table: iconv is asked once for the UTF-8 of
/// each of the 256 bytes, and a file is then decoded by look-up, with exactly iconv's result and
/// the same treatment of undefined bytes as `DecodingByteSource.convert` (passed through as
/// invalid UTF-8). Windows-874 is such an encoding; most bureaus' Excel saves in it.
final class ByteTable: Sendable {
    /// UTF-8 of each byte, up to 3 bytes, packed low byte first, with its length in the top byte.
    private let entries: [UInt32]

    static let windows874 = ByteTable(iconvName: "CP874")

    init?(iconvName: String) {
        let cd = iconv_open("UTF-8", iconvName)
        guard cd != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(cd) }
        var utf8 = [UInt32](repeating: 0, count: 256)
        var lengths = [UInt8](repeating: 0, count: 256)
        for byte in 0..<0x80 {
            // ASCII is itself (as the decoder has always passed it).
            utf8[byte] = UInt32(byte)
            lengths[byte] = 1
        }
        for byte in 0x80..<256 {
            var input = [CChar(bitPattern: UInt8(byte))]
            var output = [CChar](repeating: 0, count: 8)
            let produced: Int? = input.withUnsafeMutableBufferPointer { inBuf in
                output.withUnsafeMutableBufferPointer { outBuf in
                    var inPtr: UnsafeMutablePointer<CChar>? = inBuf.baseAddress
                    var inLeft = 1
                    var outPtr: UnsafeMutablePointer<CChar>? = outBuf.baseAddress
                    var outLeft = 8
                    _ = iconv(cd, nil, nil, nil, nil)  // back to the initial state
                    guard iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft) != -1, inLeft == 0 else { return nil }
                    return 8 - outLeft
                }
            }
            if let produced, produced > 0, produced <= 3 {
                var packed: UInt32 = 0
                for k in 0..<produced { packed |= UInt32(UInt8(bitPattern: output[k])) << (8 * k) }
                utf8[byte] = packed
                lengths[byte] = UInt8(produced)
            } else {
                // Undefined: passed through unchanged, so it stays invalid UTF-8.
                utf8[byte] = UInt32(byte >= 0x80 ? byte : 0xFF)
                lengths[byte] = 1
            }
        }
        entries = (0..<256).map { utf8[$0] | UInt32(lengths[$0]) << 24 }
    }

    /// Writes the UTF-8 of the first `count` bytes of `input` to the start of `output` and returns
    /// how many bytes it wrote. `output` grows when it must and is never shrunk, so the blocks of a
    /// file reuse one buffer (a new 192 KiB array per block was an mmap and its page faults). Each
    /// byte is one 4-byte store of its entry: the byte past a character is overwritten by the next
    /// one, and the one spare byte at the end takes the last store's overhang.
    func decode(_ input: [UInt8], count: Int, into output: inout [UInt8]) -> Int {
        let needed = count * 3 + 1
        if output.count < needed { output = [UInt8](repeating: 0, count: needed) }
        return output.withUnsafeMutableBytes { out in
            input.withUnsafeBufferPointer { inBuf in
                entries.withUnsafeBufferPointer { table in
                    var o = 0
                    for i in 0..<count {
                        let entry = table[Int(inBuf[i])]
                        out.storeBytes(of: entry.littleEndian, toByteOffset: o, as: UInt32.self)
                        o += Int(entry >> 24)
                    }
                    return o
                }
            }
        }
    }
}
