import Glibc

/// Stops the fuzzer with a message when an invariant breaks: libFuzzer keeps the input as a crash.
func require(_ condition: Bool, _ message: @autoclosure () -> String) {
    guard !condition else { return }
    fputs("invariant broken: \(message())\n", stderr)
    abort()
}
