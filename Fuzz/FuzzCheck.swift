import Glibc

/// Stops the fuzzer with a message when an invariant breaks: libFuzzer keeps the input as a crash.
func require(_ condition: Bool, _ message: @autoclosure () -> String) {
    guard !condition else { return }
    fputs("invariant broken: \(message())\n", stderr)
    abort()
}

/// A new scratch folder under /tmp for one fuzzing process, named after `purpose`.
func scratchFolder(_ purpose: String) -> String {
    var template = Array("/tmp/plan-rollup-fuzz-\(purpose)-XXXXXX".utf8CString)
    guard let made = mkdtemp(&template) else { fatalError("mkdtemp failed") }
    return String(cString: made)
}
