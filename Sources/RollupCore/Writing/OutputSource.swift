import Foundation
import RollupBase
import RollupReading

/// What an output file is made from, as one SHA-256 that is the same in every process: the run
/// copies a file from the previous run instead of writing it again when this digest (with the
/// build, `OutputMemo.key`) is the one the previous run wrote the file from.
///
/// A value enters whole or not at all: through `Mirror`, every stored property of a struct, every
/// element of an array in order, an enum's case and payload, dictionaries and sets by their
/// entries' digests in sorted order, and leaves by type and lossless text. Anything it cannot see
/// whole (a class instance, a closure, a leaf that cannot be written losslessly, a type whose custom
/// mirror is not its contents, such as Data or a pointer) makes the digest nil, and the file is
/// written. A reject log enters by its encoded bytes.
public struct OutputSource {
    private var encoder = CacheEncoder()
    private var complete = true

    public init(_ kind: String) { encoder.string("plan-rollup output source 1: " + kind) }

    /// The SHA-256, or nil when something added could not be described whole.
    public var digest: [UInt8]? {
        guard complete else { return nil }
        let hasher = SHA256Hasher()
        encoder.bytes.withUnsafeBytes { hasher.update($0) }
        return Array(hasher.finish().utf8)
    }

    /// Adds `value` whole (see the type's description).
    public mutating func add(_ value: Any) {
        guard complete else { return }
        if let bytes = Self.describe(value) {
            encoder.int(bytes.count)
            bytes.withUnsafeBytes { encoder.raw($0) }
        } else {
            complete = false
        }
    }

    /// Adds `bytes` as they are.
    public mutating func add(bytes: [UInt8]) {
        encoder.int(bytes.count)
        bytes.withUnsafeBytes { encoder.raw($0) }
    }

    /// Adds rows of cells, each cell by its kind and text (quicker than `add(_:)` through `Mirror`).
    public mutating func add(rows: [[OutputCell]]) {
        encoder.int(rows.count)
        for row in rows {
            encoder.int(row.count)
            for cell in row {
                switch cell {
                case .text(let s):
                    encoder.int(0)
                    encoder.string(s)
                case .number(let s):
                    encoder.int(1)
                    encoder.string(s)
                case .empty: encoder.int(2)
                case .code(let s):
                    encoder.int(3)
                    encoder.string(s)
                case .flag(let b): encoder.int(b ? 5 : 4)
                }
            }
        }
    }

    /// Adds the entries of `ranges` of `log` by their encoded bytes (which decode to one list).
    public mutating func add(_ log: RejectLog, ranges: [Range<Int>]) {
        encoder.int(ranges.count)
        for range in ranges {
            encoder.int(range.count)
            encoder.string(log.digest(of: range))
        }
    }

    /// Adds every entry of `log`, file by file (the ranges the lists of single bureaus hash too).
    public mutating func add(wholeLog log: RejectLog) {
        add(log, ranges: log.segmentRanges)
    }

    /// `value` as bytes that no other value of any type gives, or nil.
    static func describe(_ value: Any) -> [UInt8]? {
        var describer = Describer()
        return describer.describe(value) ? describer.out : nil
    }

    /// Writes values length-prefixed: each value's type, a letter for its shape, then its text, bits or
    /// children.
    private struct Describer {
        var out: [UInt8] = []
        /// What is known of each type once found: its name (`String(reflecting:)` of a type costs more
        /// than the rest) and whether it is `CustomReflectable` (a conformance check on every value
        /// was a fifth of the digest's time). Both depend on the type alone.
        var types: [ObjectIdentifier: TypeFacts] = [:]

        struct TypeFacts {
            let name: [UInt8]
            let customReflectable: Bool
        }

        mutating func put(_ bytes: some Collection<UInt8>) {
            put(count: bytes.count)
            out.append(contentsOf: bytes)
        }

        mutating func put(count: Int) {
            withUnsafeBytes(of: Int64(count).littleEndian) { out.append(contentsOf: $0) }
        }

        /// Writes the type of `value`; returns what is known of it.
        mutating func putType(_ value: Any) -> TypeFacts {
            let type = Swift.type(of: value)
            if let facts = types[ObjectIdentifier(type)] {
                out.append(contentsOf: facts.name)
                return facts
            }
            var name: [UInt8] = []
            let text = String(reflecting: type)
            withUnsafeBytes(of: Int64(text.utf8.count).littleEndian) { name.append(contentsOf: $0) }
            name.append(contentsOf: text.utf8)
            let facts = TypeFacts(name: name, customReflectable: value is any CustomReflectable)
            types[ObjectIdentifier(type)] = facts
            out.append(contentsOf: name)
            return facts
        }

        mutating func describe(_ value: Any) -> Bool {
            let facts = putType(value)
            // The common leaves first, without a Mirror; by their exact type, as a cast would also
            // take an optional holding one.
            let type = Swift.type(of: value)
            if type == String.self, let s = value as? String {
                out.append(UInt8(ascii: "s"))
                put(s.utf8)
                return true
            }
            if type == Int.self, let n = value as? Int {
                out.append(UInt8(ascii: "i"))
                put(count: n)
                return true
            }
            if type == Int64.self, let n = value as? Int64 {
                out.append(UInt8(ascii: "i"))
                put(count: Int(n))
                return true
            }
            if type == Bool.self, let b = value as? Bool {
                out.append(UInt8(ascii: "b"))
                out.append(b ? 1 : 0)
                return true
            }
            if type == Decimal.self, let d = value as? Decimal {
                out.append(UInt8(ascii: "d"))
                put(withUnsafeBytes(of: d) { Array($0) })
                return true
            }
            let mirror = Mirror(reflecting: value)
            // A custom mirror shows what its type chooses, not what it holds (Data of 64 bytes or more
            // shows its count and address, a pointer its address, not the bytes there): only the
            // standard collections' and optionals' mirrors (their elements) and leaves without children
            // (numbers, characters: their text below) are taken.
            if facts.customReflectable {
                switch mirror.displayStyle {
                case .collection?, .dictionary?, .set?, .optional?: break
                case nil where mirror.children.isEmpty: break
                default: return false
                }
            }
            switch mirror.displayStyle {
            case .class?, .foreignReference?:
                return false
            case .dictionary?, .set?:
                // Entries in the order of their own descriptions: the same in every process.
                var entries: [[UInt8]] = []
                for child in mirror.children {
                    var entry = Describer(types: types)
                    guard entry.describe(child.value) else { return false }
                    types = entry.types
                    entries.append(entry.out)
                }
                out.append(UInt8(ascii: "m"))
                put(count: entries.count)
                for entry in entries.sorted(by: { $0.lexicographicallyPrecedes($1) }) { put(entry) }
                return true
            case .enum? where mirror.children.isEmpty:
                // A case without a payload: its bits (the case), as Mirror gives no name for it.
                out.append(UInt8(ascii: "e"))
                put(_openExistential(value, do: rawBytes(_:)))
                return true
            default:
                break
            }
            if mirror.children.isEmpty, mirror.displayStyle == nil {
                guard let leaf = value as? any LosslessStringConvertible else { return false }
                out.append(UInt8(ascii: "t"))
                put(leaf.description.utf8)
                return true
            }
            out.append(UInt8(ascii: "c"))
            put(count: mirror.children.count)
            for child in mirror.children {
                put((child.label ?? "-").utf8)
                guard describe(child.value) else { return false }
            }
            return true
        }
    }
}

/// The bytes of `value` as its own type lays them out (given an opened existential, not its box).
private func rawBytes<T>(_ value: T) -> [UInt8] {
    withUnsafeBytes(of: value) { Array($0) }
}
