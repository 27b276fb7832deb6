import RollupBase

/// Records and their fates as JSON lines, for `plan-rollup read`.
public enum RecordJSON {
    public static func raw(_ event: CSVEvent) -> JSONValue {
        switch event {
        case .record(let r):
            return .object([("line", .int(r.line)), ("cells", .array(r.cells.map(JSONValue.string)))])
        case .malformed(let e):
            return .object([("line", .int(e.line)), ("error", .string(e.description))])
        }
    }

    public static func event(_ event: TableEvent) -> JSONValue {
        func row(_ r: CSVRecord, _ fate: String) -> JSONValue {
            .object([("line", .int(r.line)), ("fate", .string(fate)), ("cells", .array(r.cells.map(JSONValue.string)))])
        }
        switch event {
        case .header(let r): return row(r, "header")
        case .skipped(let r, let why): return row(r, why.rawValue)
        case .withoutHeader(let r): return row(r, "no_header")
        case .ragged(let r, _, _): return row(r, "too_many_cells")
        case .malformed(let e):
            return .object([("line", .int(e.line)), ("fate", .string("malformed")), ("error", .string(e.description))])
        case .data(let data):
            var fields: [(String, JSONValue)] = []
            for (c, role) in data.header.roles.enumerated() where role != .unknown {
                fields.append((role.name, .string(data.record.displayText(c))))
            }
            return .object([("line", .int(data.record.line)), ("fate", .string("data")), ("fields", .object(fields))])
        }
    }
}
