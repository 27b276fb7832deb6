import RollupCore
import Synchronization

/// Writes a run's files, copying from the previous run each file it would write again byte for
/// byte (`OutputMemo`): the previous run's file is copied only when its bytes are those the memo
/// says that run wrote, checked as they are copied; else the file is written as always. Used by
/// `Publisher.stage`, which syncs the files with the rest of the run folder (`SyncedFile.Sync.later`); the
/// memo of this run's files is saved once the run is published.
final class OutputReuse: Sendable {
    let outputFolder: String
    let cacheFolder: String
    private let previous: OutputMemo?
    private struct State {
        var entries: [String: OutputMemo.Entry] = [:]
        var copied = 0
        var written = 0
        var piecesCopied = 0
    }
    private let state = Mutex(State())

    init(outputFolder: String) {
        self.outputFolder = outputFolder
        cacheFolder = outputFolder + "/cache"
        // A memo that names no run folder describes nothing to copy from.
        previous = OutputMemo.load(cacheFolder: cacheFolder).flatMap { RunName($0.run) != nil ? $0 : nil }
    }

    /// Files copied from the previous run, files with a source written anew, and the pieces of those
    /// copied from the previous run's file.
    var counts: (copied: Int, written: Int, piecesCopied: Int) {
        state.withLock { ($0.copied, $0.written, $0.piecesCopied) }
    }

    /// Writes `file` at `path` (synced later, with the run folder): copied from the previous run when
    /// that run wrote it from the same source and its bytes are still those, else written (a file of
    /// pieces piece by piece, copying those that are the same).
    func write(_ file: OutputFile, to path: String) throws {
        guard let source = file.source, let key = OutputMemo.key(name: file.name, source: source) else {
            try SyncedFile.write(path: path, file, sync: .later)
            return
        }
        if let previous, let entry = previous.entries[file.name], entry.key == key,
            SyncedFile.copy(
                from: outputFolder, "runs/" + previous.run + "/" + file.name, to: path, size: entry.size,
                checksum: entry.checksum, sync: .later)
        {
            state.withLock {
                $0.entries[file.name] = entry
                $0.copied += 1
            }
            return
        }
        if let pieces = file.pieces {
            let (entry, piecesCopied) = try write(
                pieces, of: file.name, key: key, previous: previous?.entries[file.name], run: previous?.run, to: path)
            state.withLock {
                $0.entries[file.name] = entry
                $0.written += 1
                $0.piecesCopied += piecesCopied
            }
            return
        }
        let written = try SyncedFile.writeHashed(path: path, file, sync: .later)
        state.withLock {
            $0.entries[file.name] = OutputMemo.Entry(key: key, size: written.size, checksum: written.checksum)
            $0.written += 1
        }
    }

    /// Keeps what run `run` (published) was written from, for the next run; false when the memo could
    /// not be written (the next run then writes every file).
    @discardableResult
    func save(run: String) -> Bool {
        OutputMemo(run: run, entries: state.withLock { $0.entries }).save(cacheFolder: cacheFolder)
    }
}
