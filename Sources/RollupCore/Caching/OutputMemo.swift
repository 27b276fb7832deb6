import Foundation
import Glibc
import RollupBase
import RollupReading

/// Which of the last published run's files were made from what (`<output>/cache/outputs`), so the
/// next run copies a file it would write again byte for byte instead of writing it: a run whose
/// refusals, notices and figures did not change copies its reject and notice lists and its workbook.
///
/// A file's key is the SHA-256 of this build (`ExecutableIdentity`), the shared libraries that write
/// it, its name and `OutputFile.source`. The memo keeps, per file, the key and the size and checksum
/// (`ContentChecksum`) of the bytes written; a copy is taken only when the previous run's file gives
/// those bytes exactly, checked as it is copied (`Publisher`). A file written from pieces (`OutputFile.Piece`: the
/// whole-run reject and notice lists, an input file's rows each) also keeps each piece's key, place,
/// size and checksum, so that a changed list copies the pieces that did not change, each checked the
/// same way. The memo itself is a cache file, checked whole before use.
public struct OutputMemo: Sendable, Equatable {
    public struct Entry: Sendable, Hashable {
        public let key: String
        public let size: Int
        /// `ContentChecksum` of the bytes written.
        public let checksum: String
        /// The file's pieces in order, when it was written from pieces.
        public let pieces: [Piece]

        public init(key: String, size: Int, checksum: String, pieces: [Piece] = []) {
            self.key = key
            self.size = size
            self.checksum = checksum
            self.pieces = pieces
        }

        /// Whether the pieces, when there are any, lie one after the other from the file's first byte
        /// to its last, as a run writes them: a memo whose pieces overlap, leave a gap or run past
        /// the file does not describe it and is not read.
        public var piecesTile: Bool {
            var at = 0
            for piece in pieces {
                guard piece.offset == at, piece.size >= 0, piece.size <= size - at else { return false }
                at += piece.size
            }
            return pieces.isEmpty || at == size
        }
    }

    /// A piece of a file: its key (`key(name:source:)` of the piece's source), where it starts in
    /// the file, its size and checksum (`ContentChecksum`).
    public struct Piece: Sendable, Hashable {
        public let key: String
        public let offset: Int
        public let size: Int
        public let checksum: String

        public init(key: String, offset: Int, size: Int, checksum: String) {
            self.key = key
            self.offset = offset
            self.size = size
            self.checksum = checksum
        }
    }

    public static let name = "outputs"

    /// The run (its folder's name under `runs/`) whose files `entries` describe.
    public var run: String
    /// By the file's path within the run folder.
    public var entries: [String: Entry]

    public init(run: String, entries: [String: Entry] = [:]) {
        self.run = run
        self.entries = entries
    }

    /// The memo in `cacheFolder`, or nil when there is none or it is damaged or not the job's.
    public static func load(cacheFolder: String) -> OutputMemo? {
        guard let opened = try? CacheFile.open(folder: cacheFolder, name: name),
            let bytes = try? opened.read(0..<opened.contentSize)
        else { return nil }
        var d = CacheDecoder(bytes)
        guard let memo = try? OutputMemo(decoding: &d), d.isAtEnd else { return nil }
        return memo
    }

    /// Writes the memo into `cacheFolder` (under a temporary name, renamed into place); false when
    /// it could not be written.
    @discardableResult
    public func save(cacheFolder: String) -> Bool {
        var e = CacheEncoder()
        e.string(Self.format)
        e.string(run)
        e.list(entries.sorted { $0.key < $1.key }) { e, item in
            e.string(item.key)
            e.string(item.value.key)
            e.int(item.value.size)
            e.string(item.value.checksum)
            e.list(item.value.pieces) { e, piece in
                e.string(piece.key)
                e.int(piece.offset)
                e.int(piece.size)
                e.string(piece.checksum)
            }
        }
        return CacheFile.write(folder: cacheFolder, name: Self.name, head: e.bytes) != nil
    }

    /// The memo's layout: a memo of another layout is not read (every file is then written).
    static let format = "plan-rollup outputs 3"

    private struct WrongFormat: Error {}

    private init(decoding d: inout CacheDecoder) throws {
        guard try d.string() == Self.format else { throw WrongFormat() }
        run = try d.string()
        entries = [:]
        for (name, entry) in try d.list({ d -> (String, Entry) in
            (
                try d.string(),
                Entry(
                    key: try d.string(), size: try d.count(), checksum: try d.string(),
                    pieces: try d.list { d in
                        Piece(
                            key: try d.string(), offset: try d.count(), size: try d.count(), checksum: try d.string())
                    })
            )
        }) {
            guard entry.piecesTile else { throw WrongFormat() }
            entries[name] = entry
        }
    }

    /// The key of file `name` made from `source`; nil when this build cannot be identified (then no
    /// file is ever copied).
    public static func key(name: String, source: [UInt8]) -> String? {
        guard let build = buildIdentity else { return nil }
        var e = CacheEncoder()
        e.string("plan-rollup output 1")
        e.string(build)
        e.string(name)
        e.int(source.count)
        source.withUnsafeBytes { e.raw($0) }
        let hasher = SHA256Hasher()
        e.bytes.withUnsafeBytes { hasher.update($0) }
        return hasher.finish()
    }

    /// This build and the libraries that write outputs (libxlsxwriter and zlib, glibc, Foundation, the
    /// Swift runtime), as the read cache identifies them.
    static let buildIdentity: String? = {
        guard let executable = ExecutableIdentity.current, let maps = ReadCache.Session.processMaps() else {
            return nil
        }
        return executable + "\n"
            + ReadCache.Session.librariesIdentity(
                maps: maps, named: ReadCache.Session.readingLibraries + ["libxlsxwriter."])
    }()
}
