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
        // What decides the comparison, keyed with the build as an output file's source is.
        var source = OutputSource("refusals compared")
        source.add(previousSHA256)
        source.add(counted as Any)
        source.add(wholeLog: current)
        return source.digest.flatMap { OutputMemo.key(name: name, source: $0) }
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
