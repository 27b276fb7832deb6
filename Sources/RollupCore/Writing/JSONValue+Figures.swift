import RollupBase
import RollupReading

extension JSONValue {
    /// A planned figure of `kind`: baht for the budget, a whole number otherwise; null when unknown.
    public static func figure(_ value: Int64?, _ kind: PlanFigureKind) -> JSONValue {
        kind == .budget ? optionalBaht(value) : optionalInt(value)
    }
}
