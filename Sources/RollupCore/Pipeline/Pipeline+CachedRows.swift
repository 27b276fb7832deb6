import RollupBase
import RollupReading

extension Pipeline {
    /// Bureaus (their hashed names) that rows of more than one folder name.
    static func sharedNames(_ results: [FileResult], _ exports: [ExportFile]) -> Set<TextKeyHash> {
        var foldersNaming: [TextKeyHash: Set<String>] = [:]
        for result in results where result.duplicateOf == nil {
            for name in result.records.named { foldersNaming[name, default: []].insert(exports[result.index].bureau) }
        }
        return Set(foldersNaming.filter { $0.value.count > 1 }.keys)
    }

    /// Whether `result`'s rows (taken from the cache) are those kept; counted as damaged when not.
    static func rowsIntact(_ result: FileResult, _ session: ReadCache.Session) -> Bool {
        if result.records.isIntact() { return true }
        session.count { $0.damaged += 1 }
        return false
    }

    /// The accepted rows of files already taken (from the cache), as reading them would have left
    /// the folder's table: each file begun in order, each row where it was first seen.
    static func rows(of results: [FileResult]) -> FingerprintTable {
        var table = FingerprintTable()
        for result in results {
            let file = table.beginFile(result.account.path, records: result.records)
            var index = 0
            result.records.forEach { r in
                table.replay(r.fingerprint, file: file, index: index)
                index += 1
            }
        }
        return table
    }
}
