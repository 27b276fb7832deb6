import Foundation
import Glibc
import RollupBase
import RollupReading

/// A cache entry: the key (64 hex digits), the metadata's length (8 bytes), the metadata
/// (`FileResult.encodeMeta`), then the bytes of the file's rejects and notices, all checked when the
/// entry is opened; then, as the file's tail, its row records, checked only when they are used (a
/// night with nothing changed seldom looks at them: `RowRecordLog.isIntact`). Read in place when the
/// entry is used (`SpillBuffer(adopting:)`, through the descriptor its check opened, so removing or
/// replacing the entry meanwhile changes nothing), or copied out once `maxOpenEntries` entries are
/// held open.
extension ReadCache.Session {
    private static let headSize = 64 + 8

    /// The result kept under `key` for `export` (the `index`th file of the run), when there is one
    /// whose as-of window holds for `asOf` and whose file the raw archive still keeps; nil otherwise.
    /// A damaged entry is counted and ignored.
    func load(
        key: String, export: Pipeline.ExportFile, index: Int, plan: Plan, asOf: CalendarDay, archiveFolder: String
    ) -> FileResult? {
        let opened: CacheFile.Opened
        do {
            guard let o = try CacheFile.open(folder: cache.folder, name: key) else { return nil }
            opened = o
        } catch {
            count { $0.damaged += 1 }
            return nil
        }
        do {
            let head = try opened.read(0..<Self.headSize)
            guard String(decoding: head[0..<64], as: UTF8.self) == key else {
                throw CacheDamage(reason: "kept under another key")
            }
            var d = CacheDecoder(Array(head[64...]))
            let metaSize = try d.count(max: opened.contentSize - Self.headSize)
            var meta = CacheDecoder(try opened.read(Self.headSize..<Self.headSize + metaSize))
            let m = try FileResult.decodeMeta(&meta, projectCount: plan.projects.count)
            guard meta.isAtEnd else { throw CacheDamage(reason: "bytes after the metadata") }
            let start = Self.headSize + metaSize
            guard start + m.logs[0].bytes + m.logs[1].bytes == opened.contentSize, m.recordBytes == opened.tailLength
            else {
                throw CacheDamage(reason: "its parts do not add up to its size")
            }
            guard m.account.path == export.displayPath, m.account.bureau == export.bureau else {
                throw CacheDamage(reason: "kept for another file")
            }
            // Another as-of date on the other side of a row's date, or the archive lost its copy:
            // the file is read again (and the entry rewritten).
            guard m.window.holds(for: asOf), !m.account.archivedAs.isEmpty,
                FileStatus(path: archiveFolder + "/" + m.account.archivedAs)?.size == m.account.bytes
            else { return nil }
            let inPlace = holdOpen()
            /// Bytes `offset..<offset + length` of the content, or of the tail.
            func buffer(_ offset: Int, _ length: Int, tail: Bool = false) throws -> SpillBuffer {
                if inPlace {
                    return SpillBuffer(
                        adopting: opened.file, offset: tail ? opened.tailOffset + offset : opened.fileOffset(offset),
                        length: length)
                }
                let copy = SpillBuffer(spillBytes: 256 * 1024)
                var at = offset
                while at < offset + length {
                    let range = at..<min(offset + length, at + 256 * 1024)
                    let part = try tail ? opened.readTail(range) : opened.read(range)
                    copy.append { $0 += part }
                    at += part.count
                }
                copy.seal()
                return copy
            }
            let sizes = [m.logs[0].bytes, m.logs[1].bytes]
            let logs = try (0..<2).map { i -> RejectLog in
                let l = m.logs[i]
                guard
                    let log = RejectLog(
                        count: l.count, codeCounts: l.codes, segments: l.segments, byteCount: l.bytes,
                        buffer: try buffer(start + sizes[..<i].reduce(0, +), l.bytes))
                else { throw CacheDamage(reason: "a log's counts do not fit its bytes") }
                return log
            }
            guard
                let records = RowRecordLog(
                    count: m.recordCount, bureaus: m.bureaus, bureauHashes: m.bureauHashes, named: m.named,
                    buffer: try buffer(0, m.recordBytes, tail: true), checksum: opened.tailChecksum)
            else { throw CacheDamage(reason: "the row records do not fit their bytes") }
            use(
                key,
                bytes: CacheFile.magic.count + opened.contentSize + CacheFile.trailer + opened.tailLength
                    + CacheFile.tailTrailer)
            return FileResult(
                index: index, account: m.account, rollup: m.rollup, rejects: logs[0], notices: logs[1],
                records: records, duplicateOf: m.duplicateOf, seconds: 0, cached: true)
        } catch {
            count { $0.damaged += 1 }
            return nil
        }
    }

    /// Bytes free to this user on the file system of `folder`, or nil when it cannot be told.
    static func freeBytes(_ folder: String) -> Int? {
        var fs = statvfs()
        guard statvfs(folder, &fs) == 0 else { return nil }
        let (free, unit) = (Int(clamping: UInt64(fs.f_bavail)), Int(clamping: UInt64(fs.f_frsize)))
        return free.multipliedReportingOverflow(by: unit).overflow ? Int.max : free * unit
    }

    /// Keeps `result` under `key` for the next run, unless the cache is full or cannot take it.
    func store(key: String, result: FileResult, window: AsOfWindow) {
        var meta = CacheEncoder()
        result.encodeMeta(window: window, into: &meta)
        var head = Array(key.utf8)
        withUnsafeBytes(of: Int64(meta.bytes.count).littleEndian) { head.append(contentsOf: $0) }
        head += meta.bytes
        let size =
            CacheFile.magic.count + head.count + result.rejects.byteCount + result.notices.byteCount
            + CacheFile.trailer + result.records.byteCount + CacheFile.tailTrailer
        // The run's outputs come first: an entry is not written where it would leave the output's file
        // system with less than `freeSpaceReserve` free for publishing.
        guard Self.freeBytes(cache.folder).map({ $0 >= size + cache.freeSpaceReserve }) ?? false,
            reserve(size, name: key)
        else {
            count { $0.notKept += 1 }
            return
        }
        let written = CacheFile.write(
            folder: cache.folder, name: key, head: head,
            rest: { put in
                result.rejects.forEachBlock(in: 0..<result.rejects.byteCount, put)
                result.notices.forEachBlock(in: 0..<result.notices.byteCount, put)
            },
            tail: { put in result.records.forEachBlock(put) })
        if written == nil {
            unreserve(size, name: key)
            count { $0.notKept += 1 }
        } else {
            use(key, bytes: 0)
        }
    }
}
