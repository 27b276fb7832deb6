import CXXHash

/// Incremental XXH3-128 (libxxhash): the checksum of bytes the job wrote itself and reads back (read
/// cache entries, the files and pieces of files it copies from the previous run), so damage since
/// they were written is found. About ten times faster than SHA-256 here, and not meant to resist a
/// forger: whoever can write the output folder could forge a SHA-256 as well. What names an input
/// (the raw archive, the manifest) or decides whether a result may be reused (the read cache's keys,
/// the outputs' digests) stays SHA-256 (`SHA256Hasher`), as bureaus choose those bytes.
public final class ContentChecksum {
    private let state: OpaquePointer

    public init() {
        state = XXH3_createState()
        XXH3_128bits_reset(state)
    }

    deinit { XXH3_freeState(state) }

    public func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        XXH3_128bits_update(state, base, bytes.count)
    }

    /// The checksum as 32 lowercase hex digits (the canonical, big-endian form). Call once.
    public func finish() -> String {
        var canonical = XXH128_canonical_t()
        XXH128_canonicalFromHash(&canonical, XXH3_128bits_digest(state))
        let hex = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(32)
        withUnsafeBytes(of: canonical.digest) { digest in
            for b in digest {
                out.append(hex[Int(b >> 4)])
                out.append(hex[Int(b & 0x0F)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The checksum of `bytes`.
    public static func of(_ bytes: UnsafeRawBufferPointer) -> String {
        let checksum = ContentChecksum()
        checksum.update(bytes)
        return checksum.finish()
    }
}
