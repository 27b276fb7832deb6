import Foundation
import RollupBase

/// Writes the read cache's values as bytes: integers little-endian in 8 bytes, strings and lists
/// length first, so `CacheDecoder` reads back exactly what was written or notices it cannot.
struct CacheEncoder {
    private(set) var bytes: [UInt8] = []

    mutating func int(_ n: Int) {
        withUnsafeBytes(of: Int64(n).littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func uint(_ n: UInt64) {
        withUnsafeBytes(of: n.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func bool(_ b: Bool) { bytes.append(b ? 1 : 0) }

    mutating func string(_ s: String) {
        int(s.utf8.count)
        bytes.append(contentsOf: s.utf8)
    }

    mutating func optional<T>(_ value: T?, _ write: (inout CacheEncoder, T) -> Void) {
        bool(value != nil)
        if let value { write(&self, value) }
    }

    mutating func list<C: Collection>(_ values: C, _ write: (inout CacheEncoder, C.Element) -> Void) {
        int(values.count)
        for v in values { write(&self, v) }
    }

    mutating func day(_ d: CalendarDay) {
        int(d.year * 10_000 + d.month * 100 + d.day)
    }

    /// A decimal as its in-memory bytes: exact, and read back only by the same executable (its
    /// SHA-256 is part of every cache key).
    mutating func decimal(_ d: Decimal) {
        withUnsafeBytes(of: d) { bytes.append(contentsOf: $0) }
    }

    mutating func raw(_ data: UnsafeRawBufferPointer) { bytes.append(contentsOf: data) }
}

/// The cache's bytes could not be read back as written: the entry is ignored and the file read.
struct CacheDamage: Error, CustomStringConvertible {
    let reason: String
    var description: String { "cache entry damaged: \(reason)" }
}

/// Reads what `CacheEncoder` wrote, checking every length against the bytes there are.
struct CacheDecoder {
    let bytes: [UInt8]
    private(set) var at = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var isAtEnd: Bool { at == bytes.count }

    mutating func int() throws -> Int {
        guard at + 8 <= bytes.count else { throw CacheDamage(reason: "ends inside a number") }
        defer { at += 8 }
        return bytes.withUnsafeBytes { Int(Int64(littleEndian: $0.loadUnaligned(fromByteOffset: at, as: Int64.self))) }
    }

    /// A count or length: not negative and at most `limit`.
    mutating func count(max limit: Int = 1 << 40) throws -> Int {
        let n = try int()
        guard n >= 0, n <= limit else { throw CacheDamage(reason: "a length out of range (\(n))") }
        return n
    }

    mutating func uint() throws -> UInt64 { UInt64(bitPattern: Int64(try int())) }

    mutating func bool() throws -> Bool {
        guard at < bytes.count else { throw CacheDamage(reason: "ends inside a flag") }
        defer { at += 1 }
        switch bytes[at] {
        case 0: return false
        case 1: return true
        default: throw CacheDamage(reason: "a flag is neither 0 nor 1")
        }
    }

    mutating func string() throws -> String {
        let n = try count(max: bytes.count - at)
        defer { at += n }
        guard let s = String(validating: bytes[at..<at + n], as: UTF8.self) else {
            throw CacheDamage(reason: "a string is not UTF-8")
        }
        return s
    }

    mutating func optional<T>(_ read: (inout CacheDecoder) throws -> T) throws -> T? {
        try bool() ? try read(&self) : nil
    }

    mutating func list<T>(_ read: (inout CacheDecoder) throws -> T) throws -> [T] {
        // Every element takes at least one byte: a count past the bytes left is damage, not a huge allocation.
        let n = try count(max: bytes.count - at)
        var out: [T] = []
        out.reserveCapacity(n)
        for _ in 0..<n { out.append(try read(&self)) }
        return out
    }

    mutating func day() throws -> CalendarDay {
        let n = try int()
        guard let d = CalendarDay(year: n / 10_000, month: n / 100 % 100, day: n % 100) else {
            throw CacheDamage(reason: "not a date (\(n))")
        }
        return d
    }

    mutating func decimal() throws -> Decimal {
        let size = MemoryLayout<Decimal>.size
        guard at + size <= bytes.count else { throw CacheDamage(reason: "ends inside a decimal") }
        defer { at += size }
        return bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: at, as: Decimal.self) }
    }

    mutating func enumCase<E: RawRepresentable>(_: E.Type) throws -> E where E.RawValue == String {
        let raw = try string()
        guard let e = E(rawValue: raw) else { throw CacheDamage(reason: "unknown value \(raw)") }
        return e
    }
}
