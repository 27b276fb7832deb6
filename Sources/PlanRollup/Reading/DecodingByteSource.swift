import Glibc

/// Bytes of another source converted to UTF-8 with iconv, block by block.
///
/// A multi-byte sequence cut by a block boundary is carried over to the next block. A byte the
/// encoding does not define is passed through unchanged, so it stays invalid UTF-8 and the row
/// holding it is refused by the stage that reads its cells: nothing becomes mojibake.
public final class DecodingByteSource<Inner: ByteSource>: ByteSource {
    private var inner: Inner
    private let encoding: TextEncoding
    private let converter: iconv_t?
    private var pending: [UInt8] = []
    private var pendingStart = 0
    private var input: [UInt8]
    private var inputCount = 0
    private var bomToSkip: Int
    private var innerEnded = false

    /// `inner` must start at the file's first byte; the BOM, if any, is skipped here.
    public init(_ inner: Inner, encoding: TextEncoding, blockSize: Int = 64 * 1024) throws {
        self.inner = inner
        self.encoding = encoding
        self.bomToSkip = encoding.bomLength
        self.input = [UInt8](repeating: 0, count: blockSize)
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
            if pendingStart < pending.count {
                let n = min(buffer.count, pending.count - pendingStart)
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
                inputCount = 0
                continue
            }
            convert()
        }
    }

    /// Converts what is in `input` to `pending`, keeping an incomplete last sequence in `input`.
    private func convert() {
        pending.removeAll(keepingCapacity: true)
        pendingStart = 0
        var output = [UInt8](repeating: 0, count: inputCount * 3 + 16)
        var consumedTotal = 0
        var producedTotal = 0
        let unit = (encoding == .utf16LE || encoding == .utf16BE) ? 2 : 1
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
        let left = inputCount - consumedTotal
        if left > 0 {
            for k in 0..<left { input[k] = input[consumedTotal + k] }
        }
        self.inputCount = left
    }
}
