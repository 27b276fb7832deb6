import Foundation
import RollupBase
import RollupCore
import RollupReading

/// The bureaus of the plan and where each one's exports come from, read from
/// `<input>/config/bureaus.json`; without that file, one bureau per folder under `exports/`.
public struct BureauRegistry: Sendable, Hashable {
    public static let relativePath = "config/bureaus.json"
    public static let defaultMaxAgeDays = 45

    public var bureaus: [BureauEntry]
    /// Age in days past which a bureau's newest export is reported stale (a bureau may set its own).
    public var maxAgeDays: Int
    /// How HTTP sources are pulled.
    public var http: PullPolicy
    /// The registry file read, or nil when the bureaus were found by scanning `exports/`.
    public var file: String?

    public init(
        bureaus: [BureauEntry], maxAgeDays: Int = Self.defaultMaxAgeDays, http: PullPolicy = PullPolicy(),
        file: String? = nil
    ) {
        self.bureaus = bureaus
        self.maxAgeDays = maxAgeDays
        self.http = http
        self.file = file
    }

    /// The registry of `input`: its `config/bureaus.json`, or the `exports/` folders when the file is absent.
    public static func load(input: String) throws -> BureauRegistry {
        let path = input + "/" + relativePath
        guard FileManager.default.fileExists(atPath: path) else { return try scanned(input: input) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError(path: path, reason: "cannot read the bureau registry")
        }
        return try decode(data, path: path)
    }

    /// One folder-sourced bureau per folder of `<input>/exports/`, named by its folder.
    public static func scanned(input: String) throws -> BureauRegistry {
        let folder = InputFolder(root: input)
        let names: [String]
        do {
            names = try folder.bureauFolders()
        } catch let error as InputFolderError {
            throw ConfigurationError(
                path: error.path, reason: error.reason + "; and no \(relativePath) lists the bureaus")
        }
        return BureauRegistry(
            bureaus: names.map {
                BureauEntry(code: $0, agency: "", name: "", source: .folder("exports/" + $0))
            })
    }

    /// Decodes and checks a registry; every fault is a `ConfigurationError` naming the bureau.
    public static func decode(_ data: Data, path: String) throws -> BureauRegistry {
        let file: RegistryFile
        do {
            let decoder = JSONDecoder()
            decoder.keyDecodingStrategy = .convertFromSnakeCase
            file = try decoder.decode(RegistryFile.self, from: data)
        } catch {
            throw ConfigurationError(path: path, reason: "not a bureau registry (\(describe(error)))")
        }
        var seen: Set<String> = []
        var bureaus: [BureauEntry] = []
        for raw in file.bureaus {
            let entry = try raw.entry(path: path)
            guard seen.insert(entry.code).inserted else {
                throw ConfigurationError(path: path, reason: "bureau \"\(entry.code)\" is listed twice")
            }
            bureaus.append(entry)
        }
        guard !bureaus.isEmpty else { throw ConfigurationError(path: path, reason: "no bureau is listed") }
        var policy = PullPolicy()
        if let h = file.http {
            policy.timeoutSeconds = h.timeoutSeconds ?? policy.timeoutSeconds
            policy.attempts = h.attempts ?? policy.attempts
            policy.backoffSeconds = h.backoffSeconds ?? policy.backoffSeconds
            policy.maxBytes = h.maxBytes ?? policy.maxBytes
            policy.deadlineSeconds = h.deadlineSeconds ?? policy.deadlineSeconds
            policy.parallel = h.parallel ?? policy.parallel
        }
        // Bounds, so an absurd value (1e300) is a configuration error, not a crash or a night-long wait.
        guard (0.1...600).contains(policy.timeoutSeconds), (1...10).contains(policy.attempts),
            (0...600).contains(policy.backoffSeconds), (1...1 << 30).contains(policy.maxBytes),
            (1...3600).contains(policy.deadlineSeconds), (1...16).contains(policy.parallel)
        else {
            throw ConfigurationError(
                path: path,
                reason: "http: timeout_seconds must be 0.1 to 600, attempts 1 to 10, backoff_seconds 0 to 600, "
                    + "max_bytes 1 to 1073741824, deadline_seconds 1 to 3600, parallel 1 to 16")
        }
        let maxAge = file.maxAgeDays ?? defaultMaxAgeDays
        guard (1...3660).contains(maxAge), bureaus.allSatisfy({ (1...3660).contains($0.maxAgeDays ?? 1) }) else {
            throw ConfigurationError(path: path, reason: "max_age_days must be 1 to 3660 days")
        }
        return BureauRegistry(bureaus: bureaus, maxAgeDays: maxAge, http: policy, file: path)
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            return "missing \"\(key.stringValue)\" at \(codingPath(context.codingPath))"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "wrong type at \(codingPath(context.codingPath)): \(context.debugDescription)"
        case DecodingError.dataCorrupted(let context):
            return "invalid JSON at \(codingPath(context.codingPath)): \(context.debugDescription)"
        default:
            return "\(error)"
        }
    }

    private static func codingPath(_ path: [any CodingKey]) -> String {
        path.isEmpty ? "the top" : path.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined()
    }
}

/// One bureau of the registry: its code (also its folder names), agency, name as in the plan's
/// หน่วยงาน column, and where its exports come from.
public struct BureauEntry: Sendable, Hashable {
    public var code: String
    public var agency: String
    public var name: String
    public var source: ExportSource
    public var maxAgeDays: Int?
    /// A pulled copy may be less than half the size of the last good one (`allow_shrink`); without it,
    /// such a copy is refused as a likely cut or emptied export and the last good copy is read.
    public var allowShrink = false
    /// Where the bureau's notices go (`email`: one address or a list), for `run --mail-command`.
    public var emails: [String] = []
    /// The sheet to read in the bureau's workbooks (`sheet`); nil reads the first visible sheet whose
    /// header the job recognises.
    public var sheet: String?

    public init(code: String, agency: String, name: String, source: ExportSource, maxAgeDays: Int? = nil) {
        self.code = code
        self.agency = agency
        self.name = name
        self.source = source
        self.maxAgeDays = maxAgeDays
    }

    /// The name for people: the Thai name when the registry gives one, else the code.
    public var displayName: String { name.isEmpty ? code : "\(name) [\(code)]" }
}

/// Where a bureau's exports come from: a folder or glob under the input folder, or an http(s) URL.
public enum ExportSource: Sendable, Hashable, CustomStringConvertible {
    case folder(String)
    case glob(String)
    case url(URL)

    public var description: String {
        switch self {
        case .folder(let p): "folder \(p)"
        case .glob(let p): "glob \(p)"
        case .url(let u): "url \(Self.redacted(u))"
        }
    }

    /// `url` without the user name and password it may carry: what logs, the manifest and
    /// freshness.json show ("https://***@drive.example/x.csv").
    public static func redacted(_ url: URL) -> String {
        guard url.user != nil || url.password != nil,
            var parts = URLComponents(url: url, resolvingAgainstBaseURL: false)
        else { return url.absoluteString }
        parts.user = nil
        parts.password = nil
        let bare = parts.string ?? url.absoluteString
        guard let scheme = bare.range(of: "://") else { return bare }
        return bare.replacingCharacters(in: scheme, with: "://***@")
    }
}

/// The JSON shape of `bureaus.json`; its snake_case keys (`max_age_days`) read as these camelCase names.
private struct RegistryFile: Decodable {
    var maxAgeDays: Int?
    var http: HTTPSettings?
    var bureaus: [RawEntry]

    struct HTTPSettings: Decodable {
        var timeoutSeconds: Double?
        var deadlineSeconds: Double?
        var attempts: Int?
        var backoffSeconds: Double?
        var maxBytes: Int?
        var parallel: Int?
    }

    struct RawSource: Decodable {
        var folder: String?
        var glob: String?
        var url: String?
    }

    struct RawEntry: Decodable {
        var code: String
        var agency: String?
        var name: String?
        var source: RawSource?
        var maxAgeDays: Int?
        var allowShrink: Bool?
        var email: Addresses?
        var sheet: String?

        /// `"email": "a@x.go.th"` or `"email": ["a@x.go.th", "b@x.go.th"]`.
        struct Addresses: Decodable {
            var list: [String]
            init(from decoder: any Decoder) throws {
                let one = try decoder.singleValueContainer()
                if let text = try? one.decode(String.self) {
                    list = [text]
                } else {
                    list = try one.decode([String].self)
                }
            }
        }

        func entry(path: String) throws -> BureauEntry {
            func refuse(_ reason: String) -> ConfigurationError {
                ConfigurationError(path: path, reason: "bureau \"\(code)\": \(reason)")
            }
            guard RegistryPath.isSafeCode(code) else {
                throw refuse("a code is 1 to 64 letters, digits, '-', '_' or '.', starting with a letter or digit")
            }
            let given = [source?.folder, source?.glob, source?.url].compactMap { $0 }
            guard given.count <= 1 else { throw refuse("source has more than one of folder, glob and url") }
            let resolved: ExportSource
            if let url = source?.url {
                guard let u = URL(string: url), let scheme = u.scheme?.lowercased(),
                    scheme == "http" || scheme == "https",
                    !(u.host ?? "").isEmpty
                else { throw refuse("source url \"\(url)\" is not an http(s) URL") }
                resolved = .url(u)
            } else if let glob = source?.glob {
                guard RegistryPath.isSafeRelative(glob) else {
                    throw refuse("source glob \"\(glob)\" must stay inside the input folder (no '..', not absolute)")
                }
                resolved = .glob(glob)
            } else {
                let folder = source?.folder ?? "exports/" + code
                guard RegistryPath.isSafeRelative(folder) else {
                    throw refuse(
                        "source folder \"\(folder)\" must stay inside the input folder (no '..', not absolute)")
                }
                resolved = .folder(folder)
            }
            var entry = BureauEntry(
                code: code, agency: agency ?? "", name: name ?? "", source: resolved, maxAgeDays: maxAgeDays)
            entry.allowShrink = allowShrink ?? false
            entry.emails = email?.list ?? []
            entry.sheet = sheet.flatMap { $0.isEmpty ? nil : $0 }
            // An address goes into a mail header: one plain address each, nothing that could add a header.
            for address in entry.emails where !MailAddress.isPlain(address) {
                throw refuse("email \"\(address)\" is not one plain address (name@domain, no spaces or <>,;\")")
            }
            return entry
        }
    }
}

/// Checks that keep registry-given names inside the input and output folders.
enum RegistryPath {
    static func isSafeCode(_ code: String) -> Bool {
        guard let first = code.unicodeScalars.first, code.unicodeScalars.count <= 64,
            ("0"..."9").contains(first) || ("a"..."z").contains(first) || ("A"..."Z").contains(first)
        else { return false }
        return code.unicodeScalars.allSatisfy { s in
            ("a"..."z").contains(s) || ("A"..."Z").contains(s) || ("0"..."9").contains(s) || s == "-" || s == "_"
                || s == "."
        }
    }

    /// Relative, non-empty, with no `..` component and no NUL.
    static func isSafeRelative(_ path: String) -> Bool {
        !path.isEmpty && !path.hasPrefix("/") && !path.hasPrefix("~") && !path.contains("\0")
            && !path.split(separator: "/", omittingEmptySubsequences: false).contains("..")
    }
}
