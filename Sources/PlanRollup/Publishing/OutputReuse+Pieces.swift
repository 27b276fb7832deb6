import Glibc
import RollupCore
import RollupReading

extension OutputReuse {
    /// Writes a file made of `pieces` at `path` (synced with the run folder: `SyncedFile.Sync.later`):
    /// each piece that run `run` (the previous one; `previous` is its memo entry for the file) wrote
    /// from the same source is copied from that run's file, its bytes checked against the memo's
    /// checksum as they are copied; the others are written. When a copied piece proves not to hold
    /// those bytes, the file is written again from the start with every piece written. Returns the
    /// file's memo entry and how many pieces were copied.
    func write(
        _ pieces: [OutputFile.Piece], of name: String, key: String, previous: OutputMemo.Entry?, run: String?,
        to path: String
    ) throws -> (OutputMemo.Entry, copied: Int) {
        var known: [String: OutputMemo.Piece] = [:]
        var input: Int32 = -1
        if let previous, let run, !previous.pieces.isEmpty {
            for piece in previous.pieces where known[piece.key] == nil { known[piece.key] = piece }
            input = SyncedFile.openBeneath(outputFolder, "runs/" + run + "/" + name)
            var st = stat()
            if input >= 0, fstat(input, &st) != 0 || st.st_mode & S_IFMT != S_IFREG || Int(st.st_size) != previous.size
            {
                close(input)
                input = -1
            }
        }
        defer { if input >= 0 { close(input) } }
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o644)
        try SyncedFile.check(fd, "open", path)
        defer { close(fd) }
        let whole = ContentChecksum()
        var entries: [OutputMemo.Piece] = []
        var total = 0
        var copied = 0
        for piece in pieces {
            let pieceKey = piece.source.flatMap { OutputMemo.key(name: name, source: $0) } ?? ""
            let hasher = ContentChecksum()
            var size = 0
            let put = { (bytes: UnsafeRawBufferPointer) throws in
                hasher.update(bytes)
                whole.update(bytes)
                try SyncedFile.writeAll(fd, bytes, path: path)
                size += bytes.count
            }
            if input >= 0, !pieceKey.isEmpty, let before = known[pieceKey] {
                guard Self.copy(input, before, put), size == before.size, hasher.finish() == before.checksum else {
                    // Not the bytes the previous run wrote: nothing of that file is taken.
                    return try write(pieces, of: name, key: key, previous: nil, run: nil, to: path)
                }
                copied += 1
                entries.append(OutputMemo.Piece(key: pieceKey, offset: total, size: size, checksum: before.checksum))
            } else {
                try piece.write { bytes in try bytes.withUnsafeBytes { try put($0) } }
                entries.append(OutputMemo.Piece(key: pieceKey, offset: total, size: size, checksum: hasher.finish()))
            }
            total += size
        }
        try SyncedFile.check(SyncedFile.finish(fd, .later) ? 0 : -1, "fsync", path)
        return (OutputMemo.Entry(key: key, size: total, checksum: whole.finish(), pieces: entries), copied)
    }

    /// Copies `piece` of the file open at `input` through `put`, a MiB at a time; false when the file
    /// ends before it, cannot be read or `put` fails (the caller then writes the whole file again,
    /// which reports a failure to write).
    private static func copy(
        _ input: Int32, _ piece: OutputMemo.Piece, _ put: (UnsafeRawBufferPointer) throws -> Void
    ) -> Bool {
        let block = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { block.deallocate() }
        var done = 0
        while done < piece.size {
            let n = pread(input, block.baseAddress, min(block.count, piece.size - done), off_t(piece.offset + done))
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return false }
            do { try put(UnsafeRawBufferPointer(rebasing: block[0..<n])) } catch { return false }
            done += n
        }
        return true
    }
}
