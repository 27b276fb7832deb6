import Foundation
import Glibc
import RollupBase
import RollupCore
import RollupReading

/// How HTTP sources are pulled: per-attempt timeout, bounded attempts with doubling backoff, a size limit.
public struct PullPolicy: Sendable, Hashable {
    public var timeoutSeconds: Double = 30
    public var attempts: Int = 3
    /// Wait before the second attempt; doubled before each later one.
    public var backoffSeconds: Double = 2
    public var maxBytes: Int = 50 * 1024 * 1024
    /// All attempts of one bureau together, waits included: a slow trickle cannot hold the night.
    public var deadlineSeconds: Double = 300
    /// How many bureaus' pulls run side by side (each bureau's attempts stay one after the other).
    public var parallel: Int = 4

    public init(
        timeoutSeconds: Double = 30, attempts: Int = 3, backoffSeconds: Double = 2, maxBytes: Int = 50 * 1024 * 1024,
        deadlineSeconds: Double = 300, parallel: Int = 4
    ) {
        self.timeoutSeconds = timeoutSeconds
        self.attempts = attempts
        self.backoffSeconds = backoffSeconds
        self.maxBytes = maxBytes
        self.deadlineSeconds = deadlineSeconds
        self.parallel = parallel
    }
}

/// A copy that arrived whole and now replaces the bureau's previous one.
public struct PulledFile: Sendable, Hashable {
    public let path: String
    public let bytes: Int
    public let attempts: Int
}

/// A pull that failed after its attempts; the bureau's previous copy, if any, stays in place.
public struct PullFailure: Error, Sendable, Hashable, CustomStringConvertible {
    public let bureau: String
    public let url: String
    public let reason: String
    public let attempts: Int
    /// The last good copy that is read instead, or nil when there is none.
    public var keptCopy: String?

    public var description: String {
        "\(bureau): pulling \(url) failed after \(attempts) attempt\(attempts == 1 ? "" : "s"): \(reason); "
            + (keptCopy.map { "reading the last good copy \($0)" } ?? "no earlier copy to read")
    }
}

/// Pulls one URL into a folder with libcurl: the body is checked whole
/// (status 2xx, length as announced, within the size limit) before it replaces the previous copy by rename.
public struct HTTPPuller: Sendable {
    public var policy: PullPolicy
    /// The header names the job reads (the standard ones and the configured aliases).
    public var aliases: HeaderAliases = .standard

    public init(policy: PullPolicy) { self.policy = policy }

    /// Pulls `url` as `<folder>/<fileName>`; on success other files of `folder` are removed. What
    /// arrived replaces the last good copy only when it is a CSV export the job can read: not a web
    /// page, a workbook or an empty answer, with a header the job recognises, and (unless
    /// `allowShrink`) at least half the size of the last good copy.
    public func pull(
        _ url: URL, bureau: String, into folder: String, fileName: String, allowShrink: Bool = false
    ) -> Result<PulledFile, PullFailure> {
        var reason = ""
        var attempt = 0
        let started = Date()
        var deadlineHit = false
        attempts: while attempt < policy.attempts {
            if attempt > 0 {
                let wait = policy.backoffSeconds * pow(2, Double(attempt - 1))
                guard -started.timeIntervalSinceNow + wait < policy.deadlineSeconds else {
                    deadlineHit = true
                    break attempts
                }
                Thread.sleep(forTimeInterval: wait)
            }
            let remaining = policy.deadlineSeconds + started.timeIntervalSinceNow
            guard remaining > 0 else {
                deadlineHit = true
                break attempts
            }
            attempt += 1
            switch fetch(url, within: remaining) {
            case .success(let body):
                if let refusal = Self.refusal(
                    of: body, lastGood: Self.lastGoodSize(in: folder), allowShrink: allowShrink)
                {
                    return .failure(
                        PullFailure(bureau: bureau, url: ExportSource.redacted(url), reason: refusal, attempts: attempt)
                    )
                }
                do {
                    let path = try store(body.data, lastModified: body.lastModified, folder: folder, fileName: fileName)
                    return .success(PulledFile(path: path, bytes: body.data.count, attempts: attempt))
                } catch let refused as PullRefused {
                    return .failure(
                        PullFailure(
                            bureau: bureau, url: ExportSource.redacted(url), reason: refused.reason, attempts: attempt))
                } catch {
                    return .failure(
                        PullFailure(
                            bureau: bureau, url: ExportSource.redacted(url), reason: "cannot keep the copy: \(error)",
                            attempts: attempt))
                }
            case .failure(let failure):
                reason = failure.reason
                if !failure.retryable { break attempts }
            }
        }
        if deadlineHit || -started.timeIntervalSinceNow >= policy.deadlineSeconds {
            reason =
                (reason.isEmpty ? "" : reason + "; ")
                + "gave up at the bureau's deadline of \(Int(policy.deadlineSeconds)) s for all attempts"
        }
        return .failure(PullFailure(bureau: bureau, url: ExportSource.redacted(url), reason: reason, attempts: attempt))
    }

    /// Why an answer must not replace the last good copy, judged on what arrived; nil when it may.
    static func refusal(of body: Body, lastGood: Int?, allowShrink: Bool) -> String? {
        let data = body.data
        guard !data.isEmpty else { return "the answer was empty; the last good copy is kept" }
        let type = (body.contentType ?? "").lowercased()
        var head = data.prefix(1024)
        if head.starts(with: [0xEF, 0xBB, 0xBF]) { head = head.dropFirst(3) }
        let text = String(decoding: head, as: UTF8.self).lowercased().trimmingCharacters(in: .whitespacesAndNewlines)
        if type.contains("text/html") || type.contains("xhtml") || text.hasPrefix("<!doctype")
            || text.hasPrefix("<html")
            || (text.hasPrefix("<") && text.contains("<html"))
        {
            return "the server sent a web page (a login or error page?), not a CSV export; the last good copy is kept"
        }
        if data.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            return "the server sent a workbook or zip file, not a CSV export; the last good copy is kept"
        }
        if let lastGood, !allowShrink, data.count * 2 < lastGood {
            return "the answer (\(data.count) bytes) is less than half the last good copy (\(lastGood) bytes): "
                + "a cut or emptied export? The last good copy is kept; set \"allow_shrink\": true for the bureau "
                + "if the export really shrank"
        }
        return nil
    }

    /// Why the answer kept at `path` must not replace the last good copy once read as an export: it
    /// does not decode, or has no header the job recognises; nil when it reads.
    func readingRefusal(of path: String, displayPath: String) -> String? {
        do {
            let file = try InputFile(path: path, displayPath: displayPath)
            let summary = try TableReader(aliases: aliases).read(file) { _ in }
            if let missing = summary.missingHeader {
                return "no header the job recognises (\(missing)); the last good copy is kept"
            }
            return nil
        } catch {
            return "not a readable CSV export (\(error)); the last good copy is kept"
        }
    }

    /// Every check an answer passes before it may replace the last good copy, on bytes that arrived
    /// whole (`scratch`: a folder for the copy read back): nil when it may. The fuzz target's entry.
    public func refusal(
        ofAnswer data: Data, contentType: String?, lastGood: Int?, allowShrink: Bool, scratch: String
    ) throws -> String? {
        if let reason = Self.refusal(
            of: Body(data: data, contentType: contentType), lastGood: lastGood, allowShrink: allowShrink)
        {
            return reason
        }
        let temporary = scratch + "/.incoming-\(getpid())"
        try SyncedFile.write(path: temporary, bytes: [UInt8](data))
        defer { unlink(temporary) }
        return readingRefusal(of: temporary, displayPath: "answer.csv")
    }

    /// The size of the last good copy in `folder`, if any.
    static func lastGoodSize(in folder: String) -> Int? {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { !$0.hasPrefix(".") }
        return names.compactMap { name -> Int? in
            var st = stat()
            guard lstat(folder + "/" + name, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
            return Int(st.st_size)
        }.max()
    }

    /// The name a pulled copy is kept under: the URL's own file name when it is a plain CSV/TSV/TXT
    /// name, else `<code>.csv` (a spreadsheet's `export?format=csv` link).
    public static func fileName(for url: URL, code: String) -> String {
        let last = url.lastPathComponent
        let lower = last.lowercased()
        let plain =
            RegistryPath.isSafeCode(last)
            && (lower.hasSuffix(".csv") || lower.hasSuffix(".tsv") || lower.hasSuffix(".txt"))
        return plain ? last : code + ".csv"
    }

    /// A response that arrived whole, with its Last-Modified date when the server gave one.
    struct Body {
        var data: Data
        var lastModified: Date?
        var contentType: String? = nil
    }

    /// What arrived is not an export the job can read: the last good copy stays.
    struct PullRefused: Error {
        var reason: String
    }

    /// Why one attempt failed, and whether another attempt may help (timeouts, 5xx) or not (4xx, too large).
    struct FetchFailure: Error {
        var reason: String
        var retryable: Bool
    }

    /// One attempt, over within `seconds` whatever the server does: libcurl's own limits do the
    /// work (total time, low speed, size, protocols, decoding), and it waits in poll(2), not a spin.
    func fetch(_ url: URL, within seconds: Double = .infinity) -> Result<Body, FetchFailure> {
        CurlTransfer(url: url, policy: policy, within: seconds).perform()
    }

    private func store(_ data: Data, lastModified: Date?, folder: String, fileName: String) throws -> String {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        // A pull killed mid-copy left its `.incoming-<pid>`: gone once its process is.
        ProcessLiveness.removeDeadLeftovers(in: folder, prefix: ".incoming-")
        let temporary = folder + "/.incoming-\(getpid())"
        let final = folder + "/" + fileName
        try SyncedFile.write(path: temporary, bytes: [UInt8](data))
        // It must decode and have a header the job recognises before it replaces anything.
        if let reason = readingRefusal(of: temporary, displayPath: fileName) {
            unlink(temporary)
            throw PullRefused(reason: reason)
        }
        // The copy's date is the server's Last-Modified when it gives one (never in the future), else now.
        let stamp = min(lastModified ?? Date(), Date())
        try FileManager.default.setAttributes([.modificationDate: stamp], ofItemAtPath: temporary)
        guard rename(temporary, final) == 0 else {
            let e = errno
            unlink(temporary)
            throw SystemError(path: final, operation: "rename", errno: e)
        }
        for other in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        where other != fileName && !other.hasPrefix(".") {
            try? FileManager.default.removeItem(atPath: folder + "/" + other)
        }
        return final
    }
}
