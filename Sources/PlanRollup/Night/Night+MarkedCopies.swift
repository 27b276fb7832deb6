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

    /// Writes a marked copy (`MarkedCopy`) of each file read that has a refusal or a notice into
    /// `<output>/checked/<bureau>/`, read from the raw archive in `archive`: the bytes validated, not
    /// the input again. A file with nothing to mark gets no copy, and an earlier copy of it is removed.
    /// Every target is checked for links before the first copy is written.
    func writeMarkedCopies(
        _ outcome: Pipeline.Outcome, archive: String, aliases: HeaderAliases
    ) throws -> [MarkedCopyResult] {
        let folder = CheckedFolder(output: settings.output)
        var planned: [(account: FileAccount, copy: MarkedCopy?, tooMany: Bool, name: String)] = []
        var taken: [String: Set<String>] = [:]
        var seen: Set<String> = []
        for account in outcome.accounts where seen.insert(account.path).inserted {
            let refusals = outcome.rejects.entries(ofFile: account.path, limit: MarkedCopy.maxMarks)
            let notices = outcome.notices.entries(ofFile: account.path, limit: MarkedCopy.maxMarks)
            let tooMany = refusals == nil || notices == nil || refusals!.count + notices!.count > MarkedCopy.maxMarks
            let copy = tooMany ? nil : MarkedCopy(displayPath: account.path, refusals: refusals!, notices: notices!)
            let marked = tooMany || !(copy?.marks.isEmpty ?? true)
            let name = Self.copyName(account.path, taken: marked ? taken[account.bureau, default: []] : [])
            if marked { taken[account.bureau, default: []].insert(name) }
            planned.append((account, copy, tooMany, name))
        }
        let writing = planned.filter { $0.tooMany || !($0.copy?.marks.isEmpty ?? true) }
        try folder.preflight(
            bureaus: planned.map(\.account.bureau), copies: writing.map { ($0.account.bureau, $0.name) })
        let created = Date(timeIntervalSince1970: Double(outcome.summary.asOf.daysSince1970) * 86_400)
        var results: [MarkedCopyResult] = []
        for plan in planned {
            let account = plan.account
            let copy = plan.copy ?? MarkedCopy(displayPath: account.path, refusals: [], notices: [])
            func result(_ kind: MarkedCopyResult.Kind) -> MarkedCopyResult {
                MarkedCopyResult(
                    file: account.path, bureau: account.bureau, refusals: copy.refusals, notices: copy.notices,
                    kind: kind)
            }
            if plan.tooMany {
                results.append(
                    result(
                        .notMade(
                            english: "more than \(MarkedCopy.maxMarks) refusals and notices; the bureau's rejects "
                                + "file lists them all",
                            thai:
                                "มีรายการที่ไม่รับและข้อสังเกตเกิน \(MarkedCopy.maxMarks) รายการ ดูรายการทั้งหมดในไฟล์ rejects ของหน่วยงาน"
                        )
                    ))
                continue
            }
            if copy.marks.isEmpty {
                if !(taken[account.bureau]?.contains(plan.name) ?? false),
                    let removed = try folder.removeStale(bureau: account.bureau, name: plan.name)
                {
                    results.append(result(.removedStale(path: removed)))
                }
                continue
            }
            if let whole = copy.marks.first(where: { $0.reject.row == 0 && Self.unreadable.contains($0.reject.code) }) {
                results.append(result(.notMade(english: whole.reject.english, thai: whole.reject.thai)))
                continue
            }
            guard !account.archivedAs.isEmpty else {
                results.append(result(.notMade(english: "the file was not read", thai: "ไม่ได้อ่านไฟล์นี้")))
                continue
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
                results.append(result(.notMade(english: error.english, thai: error.thai)))
                continue
            }
            let placed = try folder.place(spooled, bureau: account.bureau, name: plan.name)
            results.append(result(.written(path: placed.path, bytes: placed.bytes)))
        }
        return results
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
