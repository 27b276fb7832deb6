import Foundation
import Glibc
import PlanRollup

/// A scratch folder for the answer read back, for this fuzzing process.
private let scratch = scratchFolder("pull")

/// libFuzzer entry point for the checks an HTTP answer passes before it may replace a bureau's last
/// good copy. The first byte picks the Content-Type and the last good copy's size; the rest is the body.
/// The checks must answer, never crash or hang; an accepted answer is never empty, never a web page
/// or zip by its first bytes, and never under half the last good copy.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPullAnswer(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let selector = data[0]
    let body = Data(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let types: [String?] = [nil, "text/csv", "text/html; charset=utf-8", "application/octet-stream"]
    let type = types[Int(selector & 3)]
    let lastGood: Int? = selector & 4 == 0 ? nil : Int(selector >> 3) * 64
    let refusal: String?
    do {
        refusal = try HTTPPuller(policy: PullPolicy()).refusal(
            ofAnswer: body, contentType: type, lastGood: lastGood, allowShrink: false, scratch: scratch)
    } catch {
        require(false, "the scratch copy could not be written: \(error)")
        return 0
    }
    if refusal == nil {
        require(!body.isEmpty, "an empty answer was accepted")
        require(type?.contains("html") != true, "an HTML answer was accepted")
        require(!body.starts(with: [0x50, 0x4B, 0x03, 0x04]), "a zip answer was accepted")
        require(lastGood.map { body.count * 2 >= $0 } ?? true, "an answer under half the last good copy was accepted")
    }
    return 0
}
