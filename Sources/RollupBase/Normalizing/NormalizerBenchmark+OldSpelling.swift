// The benchmark's former British spellings, kept only so that `Sources/plan-rollup` (whose files are
// renamed on another branch) builds until it says `NormalizerBenchmark` and `normalizer`; then delete
// this file. The deprecation points the compiler at each use left.

@available(*, deprecated, renamed: "NormalizerBenchmark")
public typealias NormaliserBenchmark = NormalizerBenchmark

extension NormalizerBenchmark.Measurement {
    @available(*, deprecated, renamed: "normalizer")
    public var normaliser: String { normalizer }
}
