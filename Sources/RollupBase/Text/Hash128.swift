/// A 128-bit hash of bytes, for keys compared by hash alone (duplicate rows, free-text cells): the
/// chance that two different keys share all 128 bits is far below any other fault of a night.
public enum Hash128 {
    /// Two independently keyed lanes of a multiply-fold hash (wyhash's `mum` step) over 16-byte
    /// blocks: each block is folded by a 64×64→128-bit multiply, so every input bit reaches every
    /// output bit; the lanes share nothing but the input.
    @inlinable
    public static func of(_ bytes: UnsafeRawBufferPointer) -> (UInt64, UInt64) {
        @inline(__always) func mum(_ a: UInt64, _ b: UInt64) -> UInt64 {
            let r = a.multipliedFullWidth(by: b)
            return r.high ^ r.low
        }
        let k0: UInt64 = 0xA076_1D64_78BD_642F
        let k1: UInt64 = 0xE703_7ED1_A0B4_28DB
        let k2: UInt64 = 0x8EBC_6AF0_9C88_C6E3
        let k3: UInt64 = 0x5899_65CC_7537_4CC3
        let n = bytes.count
        var a = mum(UInt64(n) ^ k0, k1)
        var b = mum(UInt64(n) ^ k2, k3)
        var i = 0
        func word(_ at: Int) -> UInt64 {
            if at + 8 <= n { return bytes.loadUnaligned(fromByteOffset: at, as: UInt64.self) }
            var w: UInt64 = 0
            var shift: UInt64 = 0
            for j in at..<max(at, n) {
                w |= UInt64(bytes[j]) << shift
                shift += 8
            }
            return w
        }
        while i < n {
            let w0 = word(i)
            let w1 = i + 8 < n ? word(i + 8) : 0
            a = mum(w0 ^ k1 ^ a, w1 ^ k2)
            b = mum(w0 ^ k3 ^ b, w1 ^ k0)
            i += 16
        }
        return (mum(a ^ k3, UInt64(n) ^ k1), mum(b ^ k1, UInt64(n) ^ k3))
    }
}
