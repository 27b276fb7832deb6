/// A budget or spending cell: a figure in satang, a dash ("none", not zero), empty, or a named source with no figure.
public enum AmountCell: Hashable, Sendable {
    /// Exact: baht × 100.
    case satang(Int64)
    /// "-", "–", "ไม่มี": the bureau states there is none. Not the same as zero, nor as empty.
    case none
    case empty
    /// A text naming where the money comes from ("งบประมาณจากแผนบูรณาการ ป.ป.ช."), normalized; no figure.
    case source(String)
}
