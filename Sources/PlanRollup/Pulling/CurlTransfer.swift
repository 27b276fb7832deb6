import CCurl
import Foundation
import RollupBase
import RollupCore
import RollupReading

/// One HTTP(S) GET with libcurl's easy interface, bounded by libcurl's own safeguards: a total time
/// (`CURLOPT_TIMEOUT_MS`, never past the bureau's deadline), a low-speed limit (nothing for the
/// per-read timeout stops the transfer), a size limit on the announced length (`CURLOPT_MAXFILESIZE_LARGE`)
/// and on the decoded bytes as they arrive (the write callback), only http and https, redirects only
/// to the scheme asked for, and only the encodings libcurl decodes (`CURLOPT_ACCEPT_ENCODING ""`).
/// libcurl waits in poll(2): a slow server costs no CPU.
struct CurlTransfer {
    let url: URL
    let policy: PullPolicy
    /// Seconds left before the bureau's deadline.
    let within: Double

    /// libcurl's global state, set up once for the process.
    private static let ready: Bool = curl_global_init(Int(CURL_GLOBAL_ALL)) == CURLE_OK

    /// What one transfer collects through libcurl's callbacks.
    private final class Received {
        let maxBytes: Int
        var body = Data()
        var tooLarge = false
        /// The last `Location` header: where a refused redirect pointed.
        var location: String?

        init(maxBytes: Int) { self.maxBytes = maxBytes }
    }

    private static let write: ccurl_data_callback = { data, size, count, context in
        let received = Unmanaged<Received>.fromOpaque(context!).takeUnretainedValue()
        let n = size * count
        guard received.body.count + n <= received.maxBytes else {
            received.tooLarge = true
            return 0  // libcurl stops the transfer with CURLE_WRITE_ERROR
        }
        if n > 0, let data {
            data.withMemoryRebound(to: UInt8.self, capacity: n) { received.body.append($0, count: n) }
        }
        return n
    }

    private static let header: ccurl_data_callback = { data, size, count, context in
        let received = Unmanaged<Received>.fromOpaque(context!).takeUnretainedValue()
        let n = size * count
        guard n > 0, let data else { return n }
        let line = data.withMemoryRebound(to: UInt8.self, capacity: n) {
            String(decoding: UnsafeBufferPointer(start: $0, count: n), as: UTF8.self)
        }
        if line.lowercased().hasPrefix("location:") {
            received.location = line.dropFirst("location:".count).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return n
    }

    func perform() -> Result<HTTPPuller.Body, HTTPPuller.FetchFailure> {
        guard Self.ready, let handle = curl_easy_init() else {
            return .failure(.init(reason: "libcurl could not be initialised", retryable: false))
        }
        defer { curl_easy_cleanup(handle) }
        let scheme = url.scheme?.lowercased() ?? ""
        guard scheme == "http" || scheme == "https" else {
            return .failure(.init(reason: "only http and https sources are pulled, not \(scheme)://", retryable: false))
        }
        let received = Received(maxBytes: policy.maxBytes)
        let context = Unmanaged.passUnretained(received).toOpaque()
        let timeout = min(policy.timeoutSeconds, within)
        let total = min(max(policy.timeoutSeconds * 4, policy.timeoutSeconds + 60), within)
        let milliseconds = { (seconds: Double) in max(1, Int(min(seconds, 86_400) * 1000)) }
        var options = [
            ccurl_setopt_string(handle, CURLOPT_URL, url.absoluteString),
            ccurl_setopt_long(handle, CURLOPT_NOSIGNAL, 1),
            ccurl_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "http,https"),
            ccurl_setopt_string(handle, CURLOPT_REDIR_PROTOCOLS_STR, scheme),
            ccurl_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 1),
            ccurl_setopt_long(handle, CURLOPT_MAXREDIRS, 10),
            ccurl_setopt_string(handle, CURLOPT_USERAGENT, "plan-rollup"),
            ccurl_setopt_string(handle, CURLOPT_ACCEPT_ENCODING, ""),
            ccurl_setopt_off(handle, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(policy.maxBytes)),
            ccurl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, milliseconds(timeout)),
            ccurl_setopt_long(handle, CURLOPT_TIMEOUT_MS, milliseconds(total)),
            ccurl_setopt_long(handle, CURLOPT_LOW_SPEED_LIMIT, 1),
            ccurl_setopt_long(handle, CURLOPT_LOW_SPEED_TIME, max(1, Int(timeout.rounded(.up)))),
            ccurl_setopt_long(handle, CURLOPT_FILETIME, 1),
            ccurl_setopt_callback(handle, CURLOPT_WRITEFUNCTION, Self.write),
            ccurl_setopt_pointer(handle, CURLOPT_WRITEDATA, context),
            ccurl_setopt_callback(handle, CURLOPT_HEADERFUNCTION, Self.header),
            ccurl_setopt_pointer(handle, CURLOPT_HEADERDATA, context),
        ]
        options.removeAll { $0 == CURLE_OK }
        if let failed = options.first {
            return .failure(.init(reason: "libcurl refused an option (\(Self.text(failed)))", retryable: false))
        }
        let code = withExtendedLifetime(received) { curl_easy_perform(handle) }
        if received.tooLarge || code == CURLE_FILESIZE_EXCEEDED {
            return .failure(.init(reason: "larger than the limit of \(policy.maxBytes) bytes", retryable: false))
        }
        switch code {
        case CURLE_OK:
            break
        case CURLE_UNSUPPORTED_PROTOCOL:
            let target = received.location.flatMap {
                $0.range(of: "://").map { l in String(received.location![..<l.lowerBound]).lowercased() }
            }
            return .failure(
                .init(
                    reason: "the server redirected to another scheme (\(target ?? "none")://), which is refused",
                    retryable: false))
        case CURLE_TOO_MANY_REDIRECTS:
            return .failure(.init(reason: "more than 10 redirects", retryable: false))
        case CURLE_OPERATION_TIMEDOUT:
            return .failure(.init(reason: "timed out (\(Self.text(code)))", retryable: true))
        case CURLE_PARTIAL_FILE:
            var announced: curl_off_t = -1
            _ = ccurl_getinfo_off(handle, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &announced)
            return .failure(
                .init(reason: "truncated: \(received.body.count) of \(announced) bytes arrived", retryable: true))
        default:
            return .failure(.init(reason: Self.text(code), retryable: true))
        }
        var status = 0
        _ = ccurl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        guard (200..<300).contains(status) else {
            let retry = status >= 500 || status == 408 || status == 429
            return .failure(.init(reason: "the server answered HTTP \(status)", retryable: retry))
        }
        var type: UnsafeMutablePointer<CChar>?
        _ = ccurl_getinfo_string(handle, CURLINFO_CONTENT_TYPE, &type)
        var fileTime: curl_off_t = -1
        _ = ccurl_getinfo_off(handle, CURLINFO_FILETIME_T, &fileTime)
        return .success(
            .init(
                data: received.body,
                lastModified: fileTime >= 0 ? Date(timeIntervalSince1970: Double(fileTime)) : nil,
                contentType: type.map { String(cString: $0) }))
    }

    /// libcurl's own words for a result code, with the code.
    private static func text(_ code: CURLcode) -> String {
        "\(String(cString: curl_easy_strerror(code))) (curl \(code.rawValue))"
    }
}
