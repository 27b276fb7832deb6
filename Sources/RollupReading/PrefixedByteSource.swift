import RollupBase

/// A source whose first bytes were already read (to detect the encoding) and are handed out again first.
public struct PrefixedByteSource<Inner: ByteSource>: ByteSource {
    private let prefix: [UInt8]
    private var offset: Int
    private var inner: Inner

    /// Hands out `prefix` from `skipping` on, then the rest of `inner`.
    public init(prefix: [UInt8], skipping: Int = 0, then inner: Inner) {
        self.prefix = prefix
        self.offset = min(skipping, prefix.count)
        self.inner = inner
    }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        if offset < prefix.count {
            let n = min(buffer.count, prefix.count - offset)
            prefix.withUnsafeBytes { src in
                buffer.baseAddress!.copyMemory(from: src.baseAddress! + offset, byteCount: n)
            }
            offset += n
            return n
        }
        return try inner.read(into: buffer)
    }
}
