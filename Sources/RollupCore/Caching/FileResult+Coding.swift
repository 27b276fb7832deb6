import Foundation
import RollupBase
import RollupReading

/// How a `FileResult` is kept in a read cache entry: its account, figures, the window of as-of
/// dates it holds for, and the byte sizes of its three logs (whose encodings follow the metadata).
extension FileResult {
    /// The metadata of a cache entry; the logs' bytes are written after it, rejects, notices, records.
    func encodeMeta(window: AsOfWindow, into e: inout CacheEncoder) {
        Self.encode(account, into: &e)
        e.optional(duplicateOf) { $0.string($1) }
        e.optional(window.latestAtOrBefore) { $0.day($1) }
        e.optional(window.earliestAfter) { $0.day($1) }
        Self.encode(rollup.flushed(), into: &e)
        for log in [rejects, notices] {
            e.int(log.count)
            e.list(log.codeCounts.sorted { $0.key < $1.key }) { e, c in
                e.string(c.key.rawValue)
                e.int(c.value)
            }
            e.list(log.segments) { e, s in
                e.string(s.file)
                e.int(s.range.lowerBound)
                e.int(s.range.upperBound)
            }
            e.int(log.byteCount)
        }
        e.int(records.count)
        e.list(records.bureaus) { $0.string($1) }
        e.list(records.bureauHashes) { Self.encode($1, into: &$0) }
        e.list(records.named) { Self.encode($1, into: &$0) }
        e.int(records.byteCount)
    }

    /// The parts of a result as the metadata gives them, before the logs' bytes are attached.
    struct Meta {
        var account: FileAccount
        var duplicateOf: String?
        var window: AsOfWindow
        var rollup: Rollup
        var logs: [(count: Int, codes: [RejectCode: Int], segments: [(file: String, range: Range<Int>)], bytes: Int)]
        var recordCount: Int
        var bureaus: [String]
        var bureauHashes: [TextKeyHash]
        var named: [TextKeyHash]
        var recordBytes: Int
    }

    static func decodeMeta(_ d: inout CacheDecoder, projectCount: Int) throws -> Meta {
        let account = try decodeAccount(&d)
        let duplicateOf = try d.optional { try $0.string() }
        let window = AsOfWindow(
            latestAtOrBefore: try d.optional { try $0.day() }, earliestAfter: try d.optional { try $0.day() })
        let rollup = try decodeRollup(&d, projectCount: projectCount)
        var logs: [(Int, [RejectCode: Int], [(file: String, range: Range<Int>)], Int)] = []
        for _ in 0..<2 {
            let count = try d.count()
            var codes: [RejectCode: Int] = [:]
            for (code, n) in try d.list({ (try $0.enumCase(RejectCode.self), try $0.count()) }) { codes[code] = n }
            let segments = try d.list { d -> (file: String, range: Range<Int>) in
                let file = try d.string()
                let (lower, upper) = (try d.count(), try d.count())
                guard lower <= upper else { throw CacheDamage(reason: "a segment ends before it starts") }
                return (file, lower..<upper)
            }
            logs.append((count, codes, segments, try d.count()))
        }
        return Meta(
            account: account, duplicateOf: duplicateOf, window: window, rollup: rollup,
            logs: logs.map { (count: $0.0, codes: $0.1, segments: $0.2, bytes: $0.3) }, recordCount: try d.count(),
            bureaus: try d.list { try $0.string() }, bureauHashes: try d.list { try decodeHash(&$0) },
            named: try d.list { try decodeHash(&$0) }, recordBytes: try d.count())
    }

    private static func encode(_ a: FileAccount, into e: inout CacheEncoder) {
        e.string(a.path)
        e.string(a.bureau)
        e.int(a.bytes)
        e.string(a.encoding)
        e.string(a.delimiter)
        e.optional(a.sheet) { $0.string($1) }
        e.string(a.sha256)
        e.string(a.archivedAs)
        for n in [a.records, a.accepted, a.headerRows, a.rejected, a.duplicates, a.shortRows] { e.int(n) }
        e.list(a.skipped.sorted { $0.key.rawValue < $1.key.rawValue }) { e, s in
            e.string(s.key.rawValue)
            e.int(s.value)
        }
        e.list(a.outsideYear.sorted { $0.key < $1.key }) { e, y in
            e.int(y.key)
            e.int(y.value)
        }
        e.optional(a.refusal) { $0.string($1) }
        e.optional(a.dateOrder) { $0.string($1) }
        e.list(a.unrecognisedColumns) { $0.string($1) }
    }

    private static func decodeAccount(_ d: inout CacheDecoder) throws -> FileAccount {
        var a = FileAccount(path: try d.string(), bureau: try d.string())
        a.bytes = try d.count()
        a.encoding = try d.string()
        a.delimiter = try d.string()
        a.sheet = try d.optional { try $0.string() }
        a.sha256 = try d.string()
        a.archivedAs = try d.string()
        (a.records, a.accepted, a.headerRows) = (try d.count(), try d.count(), try d.count())
        (a.rejected, a.duplicates, a.shortRows) = (try d.count(), try d.count(), try d.count())
        for (reason, n) in try d.list({ (try $0.enumCase(SkipReason.self), try $0.count()) }) { a.skipped[reason] = n }
        for (year, n) in try d.list({ (try $0.int(), try $0.count()) }) { a.outsideYear[year] = n }
        a.refusal = try d.optional { try $0.string() }
        a.dateOrder = try d.optional { try $0.string() }
        a.unrecognisedColumns = try d.list { try $0.string() }
        guard a.isBalanced else { throw CacheDamage(reason: "the file's account does not add up") }
        return a
    }

    private static func encode(_ t: Tally, into e: inout CacheEncoder) {
        for n in [
            t.rows, t.activities, t.items, t.participants, t.spentSatang, t.activitiesCancelled, t.itemsCancelled,
            t.participantsCancelled,
        ] { e.int(Int(n)) }
    }

    private static func decodeTally(_ d: inout CacheDecoder) throws -> Tally {
        var n: [Int64] = []
        for _ in 0..<8 { n.append(Int64(try d.int())) }
        return Tally(
            rows: n[0], activities: n[1], items: n[2], participants: n[3], spentSatang: n[4],
            activitiesCancelled: n[5], itemsCancelled: n[6], participantsCancelled: n[7])
    }

    private static func encode(_ h: TextKeyHash, into e: inout CacheEncoder) {
        e.uint(h.high)
        e.uint(h.low)
    }

    private static func decodeHash(_ d: inout CacheDecoder) throws -> TextKeyHash {
        TextKeyHash(high: try d.uint(), low: try d.uint())
    }

    private static func encode(_ r: Rollup, into e: inout CacheEncoder) {
        e.list(r.byProject) { encode($1, into: &$0) }
        e.list(r.byBureau.sorted { $0.key < $1.key }) { e, b in
            e.string(b.key)
            encode(b.value, into: &e)
        }
        e.list(r.bureauNames.sorted { $0.key < $1.key }) { e, b in
            e.string(b.key)
            e.string(b.value)
        }
        e.list(r.byMonth.sorted { ($0.key.month, $0.key.agency) < ($1.key.month, $1.key.agency) }) { e, m in
            e.int(m.key.month.year)
            e.int(m.key.month.month)
            e.string(m.key.agency)
            encode(m.value, into: &e)
        }
        e.list(r.latest) { e, report in
            e.optional(report) { e, r in
                e.optional(r.status) { e, v in
                    e.day(v.date)
                    e.string(v.value.rawValue)
                }
                e.optional(r.activeStatus) { e, v in
                    e.day(v.date)
                    e.string(v.value.rawValue)
                }
                e.optional(r.resultPercent) { e, v in
                    e.day(v.date)
                    e.decimal(v.value)
                }
                for text in [r.evidence, r.note, r.problems] {
                    e.optional(text) { e, v in
                        e.day(v.date)
                        e.string(v.value)
                    }
                }
            }
        }
    }

    private static func decodeRollup(_ d: inout CacheDecoder, projectCount: Int) throws -> Rollup {
        var r = Rollup(projectCount: projectCount)
        r.byProject = try d.list { try decodeTally(&$0) }
        for (key, t) in try d.list({ (try $0.string(), try decodeTally(&$0)) }) { r.byBureau[key] = t }
        for (key, name) in try d.list({ (try $0.string(), try $0.string()) }) { r.bureauNames[key] = name }
        for (month, t) in try d.list({ d -> (AgencyMonth, Tally) in
            let (year, m) = (try d.int(), try d.int())
            guard let ym = YearMonth(year: year, month: m) else { throw CacheDamage(reason: "not a month") }
            return (AgencyMonth(month: ym, agency: try d.string()), try decodeTally(&d))
        }) { r.byMonth[month] = t }
        r.latest = try d.list { d in
            try d.optional { d -> Rollup.Report in
                var report = Rollup.Report()
                report.status = try d.optional {
                    Rollup.Dated(date: try $0.day(), value: try $0.enumCase(ProjectStatus.self))
                }
                report.activeStatus = try d.optional {
                    Rollup.Dated(date: try $0.day(), value: try $0.enumCase(ProjectStatus.self))
                }
                report.resultPercent = try d.optional { Rollup.Dated(date: try $0.day(), value: try $0.decimal()) }
                report.evidence = try d.optional { Rollup.Dated(date: try $0.day(), value: try $0.string()) }
                report.note = try d.optional { Rollup.Dated(date: try $0.day(), value: try $0.string()) }
                report.problems = try d.optional { Rollup.Dated(date: try $0.day(), value: try $0.string()) }
                return report
            }
        }
        guard r.byProject.count == projectCount, r.latest.count == projectCount else {
            throw CacheDamage(reason: "the figures are for another plan")
        }
        return r
    }
}
