import Foundation
import Testing

@testable import PlanRollup
@testable import RollupBase
@testable import RollupCore
@testable import RollupReading

/// Runs Python's `jsonschema` (Draft 2020-12, formats checked) on `instance` against `schema`.
/// Returns the exit status and what the validator printed.
func validateWithPython(schema: URL, instance: URL) throws -> (status: Int32, output: String) {
    let script = """
        import json, sys, jsonschema
        schema = json.load(open(sys.argv[1], encoding="utf-8"))
        jsonschema.Draft202012Validator.check_schema(schema)
        validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
        errors = sorted(validator.iter_errors(json.load(open(sys.argv[2], encoding="utf-8"))), key=str)
        for e in errors[:5]: print("/".join(map(str, e.absolute_path)) + ": " + e.message)
        sys.exit(1 if errors else 0)
        """
    return try runTool("python3", ["-c", script, schema.path, instance.path])
}

/// `summary.json` of a real run on the shipped input, against the JSON Schema shipped with it.
@Suite("summary.json and its schema")
struct SummaryJSONTests {
    static let run: PublishedRun = try! PublishedRun.make(
        output: makeTemporaryFolder("summary-json"), started: startTime(0))

    static var text: String { String(decoding: try! run.bytes("summary.json"), as: UTF8.self) }

    @Test("a real run's summary.json validates against the summary.schema.json shipped in the run")
    func validates() throws {
        let result = try validateWithPython(
            schema: Self.run.folder.appendingPathComponent("summary.schema.json"),
            instance: Self.run.folder.appendingPathComponent("summary.json"))
        #expect(result.status == 0, "\(result.output)")
    }

    @Test("the validator does reject a summary that breaks the schema")
    func validatorBites() throws {
        let broken = Self.text.replacingOccurrences(of: "\"round\": 12,", with: "\"round\": 7,")
        #expect(broken != Self.text)
        let folder = try makeTemporaryFolder("summary-broken")
        defer { try? FileManager.default.removeItem(at: folder) }
        let instance = folder.appendingPathComponent("summary.json")
        try broken.write(to: instance, atomically: true, encoding: .utf8)
        let result = try validateWithPython(
            schema: Self.run.folder.appendingPathComponent("summary.schema.json"), instance: instance)
        #expect(result.status == 1)
        #expect(result.output.contains("round"), "\(result.output)")
    }

    @Test("docs/summary.schema.json, SummarySchema.text and the run's copy are the same bytes")
    func schemaInSync() throws {
        let docs = try Data(contentsOf: Paths.repository.appendingPathComponent("docs/summary.schema.json"))
        #expect(Array(docs) == Array(SummarySchema.text.utf8))
        #expect(try Self.run.bytes("summary.schema.json") == Array(SummarySchema.text.utf8))
    }

    @Test("money is printed as exact baht with two decimals, percentages with at most two")
    func exactNumbers() throws {
        var money = 0
        for line in Self.text.split(separator: "\n") {
            let parts = line.trimmingCharacters(in: .whitespaces).split(separator: ":", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let key = parts[0].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            var value = parts[1].trimmingCharacters(in: .whitespaces)
            if value.hasSuffix(",") { value.removeLast() }
            guard value != "null" else { continue }
            if key.hasSuffix("_baht") {
                #expect(isPlainNumber(value, decimals: 2), "\(key): \(value)")
                money += 1
            } else if key.hasSuffix("_pct") {
                #expect(
                    isPlainNumber(value) && (value.split(separator: ".").dropFirst().first?.count ?? 0) <= 2,
                    "\(key): \(value)")
            }
        }
        #expect(money > 100)
        #expect(Self.text.contains("\"budget_baht\": 875700.00,"))
        #expect(Self.text.contains("\"spent_baht\": 816490.00"))
    }

    @Test("the header fields: schema version, fiscal year, as-of in ISO and Thai, round")
    func headerFields() throws {
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(Self.run.bytes("summary.json"))) as? [String: Any])
        #expect(object["schema_version"] as? String == SummaryJSON.schemaVersion)
        #expect(object["fiscal_year"] as? Int == 2562)
        #expect(object["as_of"] as? String == "2019-09-30")
        #expect(object["as_of_th"] as? String == "๓๐ ก.ย. ๒๕๖๒")
        #expect(object["round"] as? Int == 12)
        #expect((object["projects"] as? [Any])?.count == 49)
    }
}
