import RollupBase
import RollupReading

/// The JSON Schema of `summary.json`, shipped with every run and kept in docs/summary.schema.json
/// (a test keeps the two equal). The tables' definitions are made from their column descriptions
/// (`Tables`), so the schema can never drift from what is written.
public enum SummarySchema {
    public static let text: String = json.rendered()

    static var json: JSONValue {
        func array(_ def: String, count: Int? = nil) -> JSONValue {
            var fields: [(String, JSONValue)] = [("type", .string("array"))]
            if let count { fields += [("minItems", .int(Int64(count))), ("maxItems", .int(Int64(count)))] }
            fields.append(("items", ref(def)))
            return .object(fields)
        }
        func ref(_ def: String) -> JSONValue { .object([("$ref", .string("#/$defs/\(def)"))]) }
        let codeCounts: JSONValue = .object([
            ("type", .string("object")),
            ("additionalProperties", .object([("type", .string("integer")), ("minimum", .int(0))])),
        ])
        let properties: [(String, JSONValue)] = [
            ("schema_version", .object([("const", .string(SummaryJSON.schemaVersion))])),
            ("fiscal_year", .object([("type", .string("integer")), ("minimum", .int(2400))])),
            ("fiscal_year_start", .object([("type", .string("string")), ("format", .string("date"))])),
            ("fiscal_year_end", .object([("type", .string("string")), ("format", .string("date"))])),
            (
                "as_of",
                .object([
                    ("type", .string("string")), ("format", .string("date")),
                    ("pattern", .string("^[0-9]{4}-[0-9]{2}-[0-9]{2}$")),
                ])
            ),
            ("as_of_th", .object([("type", .string("string"))])),
            ("round", .object([("enum", .array([.int(6), .int(9), .int(12), .null]))])),
            ("totals", ref(Tables.agencies.key)),
            (Tables.agencies.key, array(Tables.agencies.key)),
            (Tables.issues.key, array(Tables.issues.key)),
            (Tables.measures.key, array(Tables.measures.key)),
            (Tables.bureaus.key, array(Tables.bureaus.key)),
            (Tables.months.key, array(Tables.months.key, count: 12)),
            (Tables.quarters.key, array(Tables.quarters.key, count: 4)),
            (Tables.projects.key, array(Tables.projects.key)),
            (Tables.kpi.key, array(Tables.kpi.key)),
            (Tables.attention.key, array(Tables.attention.key)),
            ("rejects", codeCounts),
            ("notices", codeCounts),
        ]
        return .object([
            ("$schema", .string("https://json-schema.org/draft/2020-12/schema")),
            ("$id", .string("https://plan-rollup.local/summary.schema.json")),
            ("title", .string("plan-rollup summary.json")),
            (
                "description",
                .string(
                    "Figures of one plan-rollup run. Each table's objects carry the same cells as its CSV file, "
                        + "keyed by column name; money in baht with satang as exact decimals; percentages to two "
                        + "decimals; null where a figure is unknown (never 0).")
            ),
            ("type", .string("object")),
            ("required", .array(properties.map(\.0).sorted().map(JSONValue.string))),
            ("properties", .object(properties)),
            ("additionalProperties", .bool(false)),
            (
                "$defs",
                .object([
                    (Tables.agencies.key, Tables.agencies.schema),
                    (Tables.issues.key, Tables.issues.schema),
                    (Tables.measures.key, Tables.measures.schema),
                    (Tables.bureaus.key, Tables.bureaus.schema),
                    (Tables.months.key, Tables.months.schema),
                    (Tables.quarters.key, Tables.quarters.schema),
                    (Tables.projects.key, Tables.projects.schema),
                    (Tables.kpi.key, Tables.kpi.schema),
                    (Tables.attention.key, Tables.attention.schema),
                ])
            ),
        ])
    }
}
