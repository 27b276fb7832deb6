import COpenSSLCrypto
import RollupBase

/// Incremental SHA-256 through OpenSSL's EVP digest API (EVP_DigestInit_ex / Update / Final_ex).
public final class SHA256Hasher {
    private let context: OpaquePointer

    public init() {
        context = EVP_MD_CTX_new()
        EVP_DigestInit_ex(context, EVP_sha256(), nil)
    }

    deinit { EVP_MD_CTX_free(context) }

    public func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        EVP_DigestUpdate(context, base, bytes.count)
    }

    /// Hashes everything `source` gives until its end, in 256 KiB blocks; returns the bytes hashed.
    public func update(readingAll source: inout some ByteSource) throws -> Int {
        try source.forEachBlock { update($0) }
    }

    /// The digest as 64 lowercase hex digits. Call once.
    public func finish() -> String {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        EVP_DigestFinal_ex(context, &digest, &length)
        let hex = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for b in digest[0..<Int(length)] {
            out.append(hex[Int(b >> 4)])
            out.append(hex[Int(b & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
