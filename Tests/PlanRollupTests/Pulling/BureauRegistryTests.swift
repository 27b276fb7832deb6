import Foundation
import Testing

@testable import PlanRollup
@testable import RollupBase
@testable import RollupCore
@testable import RollupReading

/// The bureau registry: the shipped one matches the plan, and unsafe or malformed entries are refused.
@Suite("The bureau registry")
struct BureauRegistryTests {
    static let input = Paths.repository.appendingPathComponent("input").path

    @Test("the shipped registry lists every bureau of the plan by its หน่วยงาน name, each from its folder")
    func shippedRegistry() throws {
        let registry = try BureauRegistry.load(input: Self.input)
        #expect(registry.file == Self.input + "/config/bureaus.json")
        #expect(registry.bureaus.count == 9)
        let plan = try PlanLoader().load(folder: Self.input + "/plan")
        #expect(Set(registry.bureaus.map { Keys.name($0.name) }) == Set(plan.bureaus.map(\.key)))
        for b in registry.bureaus {
            #expect(b.source == .folder("exports/" + b.code))
            #expect(FileManager.default.fileExists(atPath: Self.input + "/exports/" + b.code))
        }
    }

    @Test("without a registry file, each exports/ folder is a bureau")
    func scannedWhenAbsent() throws {
        let input = try makeTemporaryFolder("registry")
        for name in ["b-two", "a-one"] {
            try FileManager.default.createDirectory(
                at: input.appendingPathComponent("exports/" + name), withIntermediateDirectories: true)
        }
        let registry = try BureauRegistry.load(input: input.path)
        #expect(registry.file == nil)
        #expect(registry.bureaus.map(\.code) == ["a-one", "b-two"])
        #expect(registry.bureaus.map(\.source) == [.folder("exports/a-one"), .folder("exports/b-two")])
    }

    @Test("sources, ages and HTTP settings are read")
    func decodesEverything() throws {
        let json = """
            {"max_age_days": 30, "http": {"timeout_seconds": 5, "attempts": 2, "backoff_seconds": 1, "max_bytes": 1000},
             "bureaus": [
              {"code": "hr-it", "agency": "สผ.", "name": "สำนักสารสนเทศ (สผ.)"},
              {"code": "hr-admin", "source": {"glob": "exports/hr-admin/*_2562.csv"}, "max_age_days": 400},
              {"code": "senate-ict", "source": {"url": "https://drive.example/ict.csv"}}]}
            """
        let registry = try BureauRegistry.decode(Data(json.utf8), path: "bureaus.json")
        #expect(registry.maxAgeDays == 30)
        #expect(registry.http == PullPolicy(timeoutSeconds: 5, attempts: 2, backoffSeconds: 1, maxBytes: 1000))
        #expect(
            registry.bureaus.map(\.source) == [
                .folder("exports/hr-it"), .glob("exports/hr-admin/*_2562.csv"),
                .url(URL(string: "https://drive.example/ict.csv")!),
            ])
        #expect(registry.bureaus[0].name == "สำนักสารสนเทศ (สผ.)")
        #expect(registry.bureaus[1].maxAgeDays == 400)
    }

    @Test(
        "unsafe or malformed entries are configuration errors naming the bureau",
        arguments: [
            (#"{"bureaus": [{"code": "../etc"}]}"#, "a code is"),
            (#"{"bureaus": [{"code": "a/b"}]}"#, "a code is"),
            (#"{"bureaus": [{"code": ".."}]}"#, "a code is"),
            (#"{"bureaus": [{"code": "x", "source": {"folder": "/etc"}}]}"#, "must stay inside"),
            (#"{"bureaus": [{"code": "x", "source": {"folder": "exports/../../etc"}}]}"#, "must stay inside"),
            (#"{"bureaus": [{"code": "x", "source": {"glob": "../*.csv"}}]}"#, "must stay inside"),
            (#"{"bureaus": [{"code": "x", "source": {"url": "file:///etc/passwd"}}]}"#, "not an http(s) URL"),
            (
                #"{"bureaus": [{"code": "x", "source": {"url": "https://a/x.csv", "folder": "exports/x"}}]}"#,
                "more than one"
            ),
            (#"{"bureaus": [{"code": "x"}, {"code": "x"}]}"#, "listed twice"),
            (#"{"bureaus": []}"#, "no bureau"),
            (#"{"bureaus": [{"agency": "สผ."}]}"#, "missing \"code\""),
            (#"{"max_age_days": 0, "bureaus": [{"code": "x"}]}"#, "max_age_days"),
            (#"{"http": {"attempts": 0}, "bureaus": [{"code": "x"}]}"#, "attempts"),
            // Absurd values are configuration errors, not a crash or a night-long wait.
            (#"{"http": {"timeout_seconds": 1e300}, "bureaus": [{"code": "x"}]}"#, "timeout_seconds must be"),
            (#"{"http": {"backoff_seconds": 1e9}, "bureaus": [{"code": "x"}]}"#, "backoff_seconds 0 to 600"),
            (#"{"http": {"attempts": 1000}, "bureaus": [{"code": "x"}]}"#, "attempts 1 to 10"),
            (#"{"http": {"max_bytes": 99999999999}, "bureaus": [{"code": "x"}]}"#, "max_bytes 1 to"),
            (#"{"http": {"parallel": 0}, "bureaus": [{"code": "x"}]}"#, "parallel 1 to 16"),
            (#"{"http": {"parallel": 100}, "bureaus": [{"code": "x"}]}"#, "parallel 1 to 16"),
            (#"{"bureaus": [{"code": "x", "max_age_days": 100000}]}"#, "max_age_days must be 1 to 3660"),
            (#"{"bureaus": [{"code": "x""#, "invalid JSON"),
        ])
    func refuses(json: String, reason: String) {
        let error = #expect(throws: ConfigurationError.self) {
            try BureauRegistry.decode(Data(json.utf8), path: "input/config/bureaus.json")
        }
        #expect(error?.path == "input/config/bureaus.json")
        #expect(error?.reason.contains(reason) == true, "\(error?.reason ?? "")")
    }
}
