import PlanRollup

/// libFuzzer entry point for the Thai normalizers over arbitrary UTF-8: each must answer (a value
/// or a refusal), never crash or hang, and keep the invariants its tests state.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNormalizers(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let cell = String(validating: UnsafeBufferPointer(start: data, count: size), as: UTF8.self) else { return 0 }
    switch ThaiDateParser.parse(cell) {
    case .success(.month(let month)): require((1...12).contains(month.month), "month \(month)")
    case .success(.day), .failure: break
    }
    _ = ThaiDateParser.parseDay(cell)
    _ = ThaiNumberParser.parseAmount(cell)
    if case .success(let n?) = ThaiNumberParser.parseCount(cell) { require(n >= 0, "negative count \(n)") }
    _ = ThaiNumberParser.parsePercent(cell)
    if case .success(let q) = QuantityParser.parse(cell) {
        require((q.activities ?? 0) >= 0 && (q.participants ?? 0) >= 0, "negative quantity \(q)")
    }
    let key = ThaiText.key(cell)
    require(ThaiText.key(key) == key, "key not idempotent for \(cell.debugDescription)")
    let once = ThaiText.normalize(cell)
    require(ThaiText.normalize(once) == once, "normalize not idempotent for \(cell.debugDescription)")
    return 0
}
