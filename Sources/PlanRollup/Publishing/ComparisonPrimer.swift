import Dispatch
import Foundation
import Glibc
import RollupBase
import RollupCore

/// Compares, while the run is staged, the run's own rejects.csv with its own refusals, as the next run
/// will compare them if nothing changes by then, and keeps the finding (`NothingChanged`,
/// `cache/compared`): the next night with nothing changed then does not read the list again. The
/// rejects.csv compared is rendered anew into the spool folder, byte for byte the one published (the
/// next run checks that by its SHA-256); nothing is done when the memo already holds this finding.
final class ComparisonPrimer: Sendable {
    private let group = DispatchGroup()
    /// The comparison, when it waits for `wait` (a run on one thread).
    private let inline: (@Sendable () -> Void)?

    /// Starts the comparison on another thread (or, without `inBackground`, leaves it to `wait`);
    /// `wait` before the process exits.
    init(rejectsFile: OutputFile, rejects: RejectLog, cacheFolder: String, inBackground: Bool = true) {
        let work: @Sendable () -> Void = { Self.prime(rejectsFile, rejects, cacheFolder) }
        if inBackground {
            inline = nil
            DispatchQueue.global().async(group: group, execute: work)
        } else {
            inline = work
        }
    }

    func wait() {
        inline?()
        group.wait()
    }

    private static func prime(_ file: OutputFile, _ rejects: RejectLog, _ cacheFolder: String) {
        guard let path = SpoolFolder.newFile() else { return }
        defer { unlink(path) }
        // A scratch copy: written whole, not synced.
        let fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC | O_NOFOLLOW)
        guard fd >= 0 else { return }
        var failed = false
        do {
            try file.write { bytes in
                var offset = 0
                while !failed, offset < bytes.count {
                    let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, bytes.count - offset) }
                    if n < 0 && errno == EINTR { continue }
                    if n <= 0 { failed = true } else { offset += n }
                }
            }
        } catch {
            failed = true
        }
        close(fd)
        guard !failed else { return }
        // As the next run reads them: its summary.json's counts per code, its rejects.csv.
        var counted: [String: Int] = [:]
        for (code, n) in rejects.codeCounts { counted[code.rawValue] = n }
        guard case .success(let previous) = PreviousRunLoader.rejects(at: path, counted: counted) else { return }
        _ = try? RejectChanges.compare(previous: previous, current: rejects, suffix: "", memoFolder: cacheFolder)
    }
}
