import RollupBase

extension RejectChanges {
    /// The comparison with a previous rejects.csv written from pieces (`PreviousRejects.Pieces`), reading
    /// only what changed: a piece of the previous file whose key is that of one of the current log's
    /// files (the same rows, rendered by this build) is the same rows on both sides. Whole bureau folders
    /// all of whose pieces are the same on both sides are left out of the comparison (their rows cancel
    /// out one for one, and a refusal is matched only within its folder); the other folders are compared
    /// row by row as `compare(previous:current:suffix:)` compares them, with the same result.
    ///
    /// Nil when the pieces cannot be used: the file's checksum (of `hashes`) is not the memo's, the memo
    /// lists no pieces or pieces that do not cover the file one after the other, or a key cannot be
    /// made. Throws as `compare` does, and when the file's bytes change while it is read.
    static func comparePieces(
        previous: PreviousRejects, pieces: PreviousRejects.Pieces, hashes: FileHashes, current: RejectLog,
        suffix: String
    ) throws -> Result? {
        let entry = pieces.entry
        // Pieces that do not lie one after the other over the whole file do not describe it.
        guard hashes.checksum == entry.checksum, entry.piecesTile, !entry.pieces.isEmpty else { return nil }
        func range(_ j: Int) -> Range<Int> { entry.pieces[j].offset..<entry.pieces[j].offset + entry.pieces[j].size }
        var byKey: [String: Int] = [:]
        for j in entry.pieces.indices.dropFirst() where !entry.pieces[j].key.isEmpty {
            guard byKey.updateValue(j, forKey: entry.pieces[j].key) == nil else { return nil }
        }
        // Each current file's rows: the previous piece with its key, if any.
        let segments = current.segments
        var matched: [Int?] = []
        var used: Set<Int> = []
        for s in segments {
            guard let source = SummaryFiles.rowsSource(current, s.range),
                let key = OutputMemo.key(name: Tables.rejects.file, source: source)
            else { return nil }
            let j = byKey[key]
            if let j { guard used.insert(j).inserted else { return nil } }
            matched.append(j)
        }
        // Folders that changed: of a current file without its previous piece, or of previous rows in a
        // piece no current file has.
        var changed: Set<String> = []
        for (i, s) in segments.enumerated() where matched[i] == nil { changed.insert(group(file: s.file)) }
        let unmatched = entry.pieces.indices.dropFirst().filter { !used.contains($0) && entry.pieces[$0].size > 0 }
        if !unmatched.isEmpty {
            try pieces.forEachIn([range(0)] + unmatched.map(range)) { changed.insert(group(file: $0.file)) }
        }
        // Read: the pieces without their current rows, and both sides of every changed folder.
        var read = Set(unmatched)
        var currentRanges: [Range<Int>] = []
        var skipped = (entries: 0, codes: [String: Int]())
        for (i, s) in segments.enumerated() {
            if matched[i] != nil, !changed.contains(group(file: s.file)) {
                current.forEach(in: s.range) { r in
                    skipped.entries += 1
                    skipped.codes[r.code.rawValue, default: 0] += 1
                }
                continue
            }
            if let j = matched[i] { read.insert(j) }
            currentRanges.append(s.range)
        }
        let previousRanges = [range(0)] + read.sorted().map(range)
        let result = try compare(
            previousRows: { body in if !read.isEmpty { try pieces.forEachIn(previousRanges, body) } }, skipped: skipped,
            counted: previous.counted,
            currentRows: { body in for r in currentRanges { current.forEach(in: r, body) } }, suffix: suffix)
        // The rows read are those of the file the memo describes only while it still hashes so.
        guard previous.hashes?() == hashes else { throw ChangedWhileRead() }
        return result
    }

    struct ChangedWhileRead: Error, CustomStringConvertible {
        var description: String { "its rejects.csv changed while it was read" }
    }
}
