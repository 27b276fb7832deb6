import Foundation
import Glibc
import RollupBase
import RollupCore
import RollupReading

extension Night {
    /// What `validate --format xlsx` did for one file it read.
    public struct MarkedCopyResult: Sendable {
        public enum Kind: Sendable {
            /// The copy, where it is and its size, as read back from disk.
            case written(path: String, bytes: Int)
            /// No copy: the file could not be read whole, or has too many marks.
            case notMade(english: String, thai: String)
            /// Nothing to mark now: the copy a previous check left for it was removed.
            case removedStale(path: String)
        }

        /// The file as messages name it.
        public let file: String
        public let bureau: String
        public let refusals: Int
        public let notices: Int
        public let kind: Kind
    }

    /// Whole-file refusals after which nothing of the file can be read again: no copy.
    static let unreadable: Set<RejectCode> = [.undecodableFile, .unreadableFile, .outsideInput, .notAnExport]

    /// One file of the check: its marks (nil: more than `MarkedCopy.maxMarks`) and its copy's name.
    struct PlannedCopy {
        let account: FileAccount
        let copy: MarkedCopy?
        let name: String
        /// A copy of this name is written by this check (the file has marks).
        var isMarked: Bool { copy.map { !$0.marks.isEmpty } ?? true }
    }

    /// Writes a marked copy (`MarkedCopy`) of each file read that has a refusal or a notice into
    /// `<output>/checked/<bureau>/`, read from the raw archive in `archive`: the bytes validated, not
    /// the input again. A file with nothing to mark gets no copy, and an earlier copy of it is removed.
    /// Every target is checked for links before the first copy is written. A failure (a link planted
    /// at a copy's name, no room) stops the copies and comes back beside those already written.
    func writeMarkedCopies(
        _ outcome: Pipeline.Outcome, archive: String, aliases: HeaderAliases
    ) -> (results: [MarkedCopyResult], failure: (any Error)?) {
        let folder = CheckedFolder(output: settings.output)
        var planned: [PlannedCopy] = []
        var taken: [String: Set<String>] = [:]
        var seen: Set<String> = []
        for account in outcome.accounts where seen.insert(account.path).inserted {
            var copy: MarkedCopy?
            if let refusals = outcome.rejects.entries(ofFile: account.path, limit: MarkedCopy.maxMarks),
                let notices = outcome.notices.entries(ofFile: account.path, limit: MarkedCopy.maxMarks),
                refusals.count + notices.count <= MarkedCopy.maxMarks
            {
                copy = MarkedCopy(displayPath: account.path, refusals: refusals, notices: notices)
            }
            let marked = copy.map { !$0.marks.isEmpty } ?? true
            let name = Self.copyName(account.path, taken: marked ? taken[account.bureau, default: []] : [])
            if marked { taken[account.bureau, default: []].insert(name) }
            planned.append(PlannedCopy(account: account, copy: copy, name: name))
        }
        let created = Date(timeIntervalSince1970: Double(outcome.summary.asOf.daysSince1970) * 86_400)
        var results: [MarkedCopyResult] = []
        do {
            try folder.preflight(
                bureaus: planned.map(\.account.bureau),
                copies: planned.filter(\.isMarked).map { ($0.account.bureau, $0.name) })
            for plan in planned {
                if !plan.isMarked, taken[plan.account.bureau]?.contains(plan.name) ?? false { continue }
                let kind = try markedCopy(plan, in: folder, archive: archive, aliases: aliases, created: created)
                guard let kind else { continue }
                results.append(
                    MarkedCopyResult(
                        file: plan.account.path, bureau: plan.account.bureau, refusals: plan.copy?.refusals ?? 0,
                        notices: plan.copy?.notices ?? 0, kind: kind))
            }
        } catch {
            // What was written stays, and is reported before the failure.
            return (results, error)
        }
        return (results, nil)
    }

    /// Writes, or removes, the copy of one planned file; nil when there was nothing to do.
    private func markedCopy(
        _ plan: PlannedCopy, in folder: CheckedFolder, archive: String, aliases: HeaderAliases, created: Date
    ) throws -> MarkedCopyResult.Kind? {
        let account = plan.account
        guard let copy = plan.copy else {
            return .notMade(
                english:
                    "more than \(MarkedCopy.maxMarks) refusals and notices; the bureau's rejects file lists them all",
                thai: "มีรายการที่ไม่รับและข้อสังเกตเกิน \(MarkedCopy.maxMarks) รายการ ดูทั้งหมดในไฟล์ rejects ของหน่วยงาน")
        }
        if copy.marks.isEmpty {
            return try folder.removeStale(bureau: account.bureau, name: plan.name).map { .removedStale(path: $0) }
        }
        if let whole = copy.marks.first(where: { $0.reject.row == 0 && Self.unreadable.contains($0.reject.code) }) {
            return .notMade(english: whole.reject.english, thai: whole.reject.thai)
        }
        guard !account.archivedAs.isEmpty else {
            return .notMade(english: "the file was not read", thai: "ไม่ได้อ่านไฟล์นี้")
        }
        guard let spooled = SpoolFolder.newFile() else {
            throw CheckedFolderError(path: "$TMPDIR", reason: "no room in the temporary folder for a marked copy")
        }
        defer { unlink(spooled) }
        do {
            try copy.render(
                source: archive + "/" + account.archivedAs, to: spooled, tableReader: TableReader(aliases: aliases),
                limits: settings.limits, created: created)
        } catch let error as MarkedCopyNotMade {
            return .notMade(english: error.english, thai: error.thai)
        }
        let placed = try folder.place(spooled, bureau: account.bureau, name: plan.name)
        return .written(path: placed.path, bytes: placed.bytes)
    }

    /// The copy's name in its bureau's folder: the file's name with `.xlsx` for its extension; the
    /// whole name with `.xlsx` added when another file of the check took that, then numbered.
    static func copyName(_ file: String, taken: Set<String>) -> String {
        let name = (file as NSString).lastPathComponent
        let stem = (name as NSString).deletingPathExtension
        var candidate = (stem.isEmpty ? name : stem) + ".xlsx"
        if taken.contains(candidate) { candidate = name + ".xlsx" }
        var n = 2
        while taken.contains(candidate) {
            candidate = (stem.isEmpty ? name : stem) + " (\(n)).xlsx"
            n += 1
        }
        return candidate
    }
}
