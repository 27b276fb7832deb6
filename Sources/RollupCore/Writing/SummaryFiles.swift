import Foundation
import RollupBase
import RollupReading

/// Renders a run's summaries into the files analysts open, as bytes keyed by file name. Rows are
/// sorted and numbers fixed-format, so the same inputs and as-of date give the same bytes.
public enum SummaryFiles {
    /// `bureauFolders`: each registry bureau's folder (its code) by the key of its name, so a notice
    /// about a row naming another bureau reaches that bureau's list too.
    /// `attention` and `changes`: the needs-attention list and the changes since the previous run.
    /// `thaiDigits`: report.html writes its own figures and dates in Thai digits.
    /// `inputAttention`: the list as the input alone gives it (without the refusals new since the
    /// previous run), for summary.json, which depends on the input and the as-of date only; nil when
    /// it is `attention`.
    public static func render(
        summary s: Summary, rejects: RejectLog, notices: RejectLog = RejectLog(), bureauFolders: [String: String] = [:],
        attention: [AttentionItem] = [], inputAttention: [AttentionItem]? = nil, changes: [ChangeItem] = [],
        thaiDigits: Bool = false
    ) -> [OutputFile] {
        var files: [OutputFile] = [
            OutputFile(name: Tables.projects.file, bytes: Tables.projects.render(s.projects)),
            OutputFile(name: Tables.bureaus.file, bytes: Tables.bureaus.render(s.bureaus)),
            OutputFile(name: Tables.measures.file, bytes: Tables.measures.render(s.measures)),
            OutputFile(name: Tables.issues.file, bytes: Tables.issues.render(s.issues)),
            OutputFile(name: Tables.agencies.file, bytes: Tables.agencies.render(s.agencies + [s.total])),
            OutputFile(name: Tables.months.file, bytes: Tables.months.render(s.months)),
            OutputFile(name: Tables.quarters.file, bytes: Tables.quarters.render(s.quarters)),
            OutputFile(name: Tables.kpi.file, bytes: Tables.kpi.render(s.kpi)),
            OutputFile(name: Tables.attention.file, bytes: Tables.attention.render(attention)),
            OutputFile(name: Tables.changes.file, bytes: Tables.changes.render(changes)),
            OutputFile(name: ReportForm.file, bytes: ReportForm.render(s)),
            wholeRunList(Tables.rejects, rejects),
            wholeRunList(Tables.notices, notices),
        ]
        // One rejects file per bureau folder, so each bureau can be sent its own list, ending with the
        // projects it may report on.
        let ownRejects = Dictionary(
            uniqueKeysWithValues: rejects.groups(by: bureauFolder(of:)).map { ($0.key, $0.ranges) })
        // Made once per folder, for its rejects file and its workbook.
        let agencies = BureauProjectList.agencies(of: s)
        let closings = Dictionary(
            uniqueKeysWithValues: ownRejects.keys.filter { !$0.isEmpty }.map {
                ($0, BureauProjectList.rows(summary: s, folder: $0, bureauFolders: bureauFolders, agencies: agencies))
            })
        let closing = { @Sendable (folder: String) in closings[folder] ?? [] }
        for (folder, ranges) in ownRejects.sorted(by: { $0.key < $1.key }) where !folder.isEmpty {
            files.append(
                streamed(Tables.bureauRejects, "rejects/\(folder).csv", rejects, ranges, closing: { closing(folder) }))
        }
        // One notices file per bureau folder: its own notices, then those about rows of other folders
        // that name it (a row counted for the file's bureau is flagged to both bureaus).
        var naming: [String: [Reject]] = [:]
        notices.forEach(in: 0..<notices.byteCount, only: .otherBureau) { n in
            guard n.code == .otherBureau, let folder = bureauFolders[Keys.name(n.raw)],
                folder != bureauFolder(of: n.file)
            else { return }
            naming[folder, default: []].append(n)
        }
        let own = Dictionary(uniqueKeysWithValues: notices.groups(by: bureauFolder(of:)).map { ($0.key, $0.ranges) })
        for folder in Set(own.keys).union(naming.keys).sorted() where !folder.isEmpty {
            files.append(
                streamed(
                    Tables.notices, "notices/\(folder).csv", notices, own[folder] ?? [], then: naming[folder] ?? []))
        }
        // And both in one workbook per bureau folder.
        for folder in Set(ownRejects.keys).union(own.keys).union(naming.keys).sorted() where !folder.isEmpty {
            let lists = ListsWorkbook.Lists(
                rejects: rejects, rejectRanges: ownRejects[folder] ?? [], notices: notices,
                noticeRanges: own[folder] ?? [], naming: naming[folder] ?? [],
                closing: ownRejects[folder] == nil ? [] : closing(folder))
            files.append(ListsWorkbook.output(folder: folder, fiscalYear: s.fiscalYear, lists: lists))
        }
        files.append(OutputFile(name: Tables.dictionaryFile, bytes: Tables.dictionary()))
        // Rendered when staged, two files at a time.
        let machineAttention = inputAttention ?? attention
        files.append(
            OutputFile(name: "summary.json") { write in
                try write(
                    Array(
                        SummaryJSON.render(s, rejects: rejects, notices: notices, attention: machineAttention)
                            .rendered().utf8))
            })
        files.append(OutputFile(name: "summary.schema.json", bytes: Array(SummarySchema.text.utf8)))
        files.append(
            OutputFile(name: HTMLReport.file) { write in
                try write(
                    HTMLReport.render(summary: s, attention: attention, changes: changes, thaiDigits: thaiDigits))
            })
        files.append(SummaryWorkbook.output(summary: s, attention: attention, changes: changes))
        return files
    }

    /// `rejects.csv` or `notices.csv`: every entry of `log`, in pieces (one per input file).
    static func wholeRunList(_ table: TableSpec<Reject>, _ log: RejectLog) -> OutputFile {
        streamed(table, table.file, log, log.segmentRanges, inPieces: true)
    }

    /// A reject list written from its log, 64 KiB at a time, then `extra`, then the rows `closing`.
    /// `inPieces`: written as pieces (the header, each input file's rows, the rest), so that a
    /// whole-run list copies the rows of the files that did not change from the previous run.
    private static func streamed(
        _ table: TableSpec<Reject>, _ name: String, _ log: RejectLog, _ ranges: [Range<Int>], then extra: [Reject] = [],
        closing: @escaping @Sendable () -> [[OutputCell]] = { [] }, inPieces: Bool = false
    ) -> OutputFile {
        // The rows after the log's, as they are written: with the log's bytes, what the file is made of.
        let tail = Deferred {
            var rest = table.writer()
            _ = rest.takeBytes()
            for reject in extra { table.append(reject, to: &rest) }
            for row in closing() { rest.append(row) }
            return rest.takeBytes()
        }
        let source: @Sendable () -> [UInt8]? = {
            var source = OutputSource("reject list")
            source.add(log, ranges: ranges)
            source.add(bytes: tail.get)
            return source.digest
        }
        var header = table.writer()
        let head = header.takeBytes()
        let rows = { @Sendable (range: Range<Int>, write: ([UInt8]) throws -> Void) throws in
            var csv = table.writer()
            _ = csv.takeBytes()
            var failure: (any Error)?
            log.forEach(in: range) { reject in
                guard failure == nil else { return }
                table.append(reject, to: &csv)
                if csv.bytes.count >= 64 * 1024 {
                    do { try write(csv.takeBytes()) } catch { failure = error }
                }
            }
            if let failure { throw failure }
            try write(csv.takeBytes())
        }
        guard inPieces else {
            return OutputFile(name: name, source: source) { write in
                try write(head)
                for range in ranges { try rows(range, write) }
                try write(tail.get)
            }
        }
        func bytes(_ kind: String, _ made: @escaping @Sendable () -> [UInt8]) -> OutputFile.Piece {
            OutputFile.Piece(
                source: {
                    var source = OutputSource(kind)
                    source.add(bytes: made())
                    return source.digest
                }, produce: { write in try write(made()) })
        }
        var pieces = [bytes("reject list header") { head }]
        for range in ranges {
            pieces.append(
                OutputFile.Piece(source: { rowsSource(log, range) }, produce: { write in try rows(range, write) }))
        }
        pieces.append(bytes("reject list closing rows") { tail.get })
        return OutputFile(name: name, source: source, pieces: pieces)
    }

    /// What the piece of a whole-run list holding the rows of `range` of `log` (one input file's) is
    /// made from.
    static func rowsSource(_ log: RejectLog, _ range: Range<Int>) -> [UInt8]? {
        var source = OutputSource("reject list rows")
        source.add(log, ranges: [range])
        return source.digest
    }

    /// "exports/hr-it/2562/x.csv" → "2562/x.csv": the path within its bureau's folder (the path as it
    /// is for files in none).
    public static func withinBureauFolder(_ path: String) -> String {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count >= 3, parts[0] == "exports" || parts[0] == "pulled" else { return path }
        return parts.dropFirst(2).joined(separator: "/")
    }

    /// "exports/hr-it/x.csv" or "pulled/hr-it/x.csv" → "hr-it"; "" for plan files and others.
    public static func bureauFolder(of path: String) -> String {
        let parts = path.split(separator: "/")
        guard parts.count >= 3, parts[0] == "exports" || parts[0] == "pulled" else { return "" }
        return String(parts[1])
    }
}
