import RollupBase
import RollupCore

/// What `validate --format xlsx` prints after the report: each marked copy with its path and size
/// as read back from disk, each file that has marks but got no copy and why, and each earlier copy
/// removed because its file has nothing to mark now.
public enum MarkedCopyReport {
    public static func lines(_ results: [Night.MarkedCopyResult], folder: String) -> [String] {
        let written = results.filter { if case .written = $0.kind { true } else { false } }.count
        guard !results.isEmpty else {
            return ["marked copies / สำเนาที่ทำเครื่องหมาย: none, no file has a refusal or a notice"]
        }
        var lines = [
            "marked copies / สำเนาที่ทำเครื่องหมาย: \(written) written in \(folder)/<bureau>/ "
                + "(refused cells red, notices amber, each with a comment; sheet \(MarkedCopy.listSheet) lists them)"
        ]
        for result in results {
            let file = SummaryFiles.withinBureauFolder(result.file)
            switch result.kind {
            case .written(let path, let bytes):
                lines.append(
                    "  \(file) → \(path) (\(result.refusals) refused, \(result.notices) "
                        + "\(result.notices == 1 ? "notice" : "notices"); \(bytes) bytes on disk)")
            case .notMade(let english, let thai):
                lines.append("  \(file): no marked copy: \(english)")
                lines.append("    ไม่มีสำเนาที่ทำเครื่องหมาย: \(thai)")
            case .removedStale(let path):
                lines.append("  \(file): nothing to mark now; the earlier marked copy \(path) was removed")
            }
        }
        return lines
    }
}
