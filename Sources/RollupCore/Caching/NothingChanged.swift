import RollupBase
import RollupReading

/// The one refusal comparison last found to change nothing (`<output>/cache/compared`), by what
/// decided it: the previous run's rejects.csv bytes (their SHA-256), the refusals its summary.json
/// counted, the current refusals (their encoding) and this build. A night on which none of these
/// changed finds nothing again without reading the previous list: the comparison is a function of them.
enum NothingChanged {
    static let name = "compared"

    /// The key of comparing the previous list whose bytes hash to `previousSHA256` (with the counts
    /// `counted`) with `current`; nil when the build cannot be identified.
    static func key(previousSHA256: String, counted: [String: Int]?, current: RejectLog) -> String? {
        guard let build = OutputMemo.buildIdentity else { return nil }
        var e = CacheEncoder()
        e.string("plan-rollup refusals compared 1")
        e.string(build)
        e.string(previousSHA256)
        e.optional(counted) { e, counted in
            e.list(counted.sorted { $0.key < $1.key }) { e, item in
                e.string(item.key)
                e.int(item.value)
            }
        }
        e.int(current.count)
        let ranges = current.segmentRanges
        e.list(ranges) { e, range in
            e.int(range.count)
            e.string(current.digest(of: range))
        }
        let hasher = SHA256Hasher()
        e.bytes.withUnsafeBytes { hasher.update($0) }
        return hasher.finish()
    }

    /// Whether the memo in `folder` holds `key` (a damaged or foreign memo holds nothing).
    static func holds(_ key: String, in folder: String) -> Bool {
        guard let opened = try? CacheFile.open(folder: folder, name: name),
            let bytes = try? opened.read(0..<opened.contentSize)
        else { return false }
        return bytes == Array(key.utf8)
    }

    static func save(_ key: String, in folder: String) {
        _ = CacheFile.write(folder: folder, name: name, head: Array(key.utf8))
    }
}
