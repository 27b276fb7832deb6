import Foundation
import Testing

@testable import PlanRollup
@testable import RollupBase
@testable import RollupCore
@testable import RollupReading

/// Notices to bureaus: with `--mail-command`, one message in Thai per bureau with new refusals and an
/// address, its rejects file attached; captured here by a stand-in command that writes each message to
/// a file.
@Suite("Mail to bureaus")
struct BureauMailTests {
    /// The shipped registry with addresses for two of the four bureaus that have refused rows.
    static func registry() throws -> String {
        var json = try #require(
            try JSONSerialization.jsonObject(with: Data(ExitCodeTests.shippedRegistry.utf8)) as? [String: Any])
        let emails =
            ["hr-policy": "policy@parliament.example", "senate-hrd": ["hrd1@senate.example", "hrd2@senate.example"]]
            as [String: Any]
        json["bureaus"] = (json["bureaus"] as? [[String: Any]] ?? []).map { bureau in
            var bureau = bureau
            if let code = bureau["code"] as? String, let email = emails[code] { bureau["email"] = email }
            return bureau
        }
        return String(decoding: try JSONSerialization.data(withJSONObject: json), as: UTF8.self)
    }

    /// A message's headers, and each MIME part's decoded body.
    struct Message {
        let headers: [String: String]
        let parts: [(headers: String, body: [UInt8])]

        init(_ text: String) throws {
            let sections = text.components(separatedBy: "\r\n\r\n")
            var headers: [String: String] = [:]
            for line in sections[0].replacingOccurrences(of: "\r\n ", with: " ").components(separatedBy: "\r\n") {
                guard let colon = line.firstIndex(of: ":") else { continue }
                headers[String(line[..<colon])] = String(line[line.index(after: colon)...]).trimmingCharacters(
                    in: .whitespaces)
            }
            self.headers = headers
            let boundary = try #require(
                headers["Content-Type"]?.components(separatedBy: "boundary=\"").last?.dropLast())
            var parts: [(String, [UInt8])] = []
            for chunk in text.components(separatedBy: "--\(boundary)").dropFirst() where !chunk.hasPrefix("--") {
                let split = chunk.components(separatedBy: "\r\n\r\n")
                let body = split.dropFirst().joined().replacingOccurrences(of: "\r\n", with: "")
                parts.append((split[0], Array(try #require(Data(base64Encoded: body)))))
            }
            self.parts = parts
        }

        /// The Subject with its encoded words decoded.
        var subject: String {
            (headers["Subject"] ?? "").split(separator: " ").map { word in
                let inner = word.dropFirst("=?UTF-8?B?".count).dropLast(2)
                return String(decoding: Data(base64Encoded: String(inner)) ?? Data(), as: UTF8.self)
            }.joined()
        }
    }

    func messages(in folder: URL) throws -> [Message] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().map {
            try Message(try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8))
        }
    }

    @Test(
        "each bureau with new refusals and an address gets one Thai message with its rejects file; none again for the same rows"
    )
    func mailsNewRefusals() throws {
        let job = try JobFixture(registry: try Self.registry())
        let outbox = job.root.appendingPathComponent("outbox")
        try FileManager.default.createDirectory(at: outbox, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: job.root) }
        let quiet = try job.runJob()
        #expect(quiet.status == 0)
        #expect(try messages(in: outbox).isEmpty, "nothing is sent without --mail-command")

        // The policy bureau sends a new fault; the others send the same files again.
        let policy = job.input + "/exports/hr-policy/hr-policy_progress_2562.csv"
        let text = try String(contentsOfFile: policy, encoding: .utf8)
        try text.replacingOccurrences(of: "สผ-62-001,", with: "สผ-62-0x1,").write(
            toFile: policy, atomically: true, encoding: .utf8)
        let ran = try job.runJob(["--mail-command", "cat > \(outbox.path)/$$.eml"])
        #expect(ran.status == 0, "\(ran.stdout)\(ran.stderr)")
        let sent = try messages(in: outbox)
        #expect(sent.count == 1, "only hr-policy has a new refusal: \(sent.map(\.headers))")
        let message = try #require(sent.first)
        #expect(message.headers["To"] == "policy@parliament.example")
        #expect(message.subject == "[plan-rollup] สำนักนโยบายและแผน (สผ.): ไม่รับข้อมูลใหม่ 1 รายการ", "\(message.subject)")
        let body = String(decoding: try #require(message.parts.first?.body), as: UTF8.self)
        #expect(body.hasPrefix("เรียน สำนักนโยบายและแผน (สผ.)"), "\(body)")
        #expect(body.contains("hr-policy_progress_2562.csv แถวที่ 3"), "the new row is named: \(body)")
        #expect(body.contains("plan-rollup validate --bureau hr-policy"))
        let attached = try #require(message.parts.dropFirst().first)
        #expect(attached.headers.contains("filename=\"rejects-hr-policy.csv\""))
        let latest = try #require(FileManager.default.contents(atPath: job.output + "/latest/rejects/hr-policy.csv"))
        #expect(attached.body == Array(latest), "the attachment is the published rejects file")
        #expect(ran.stdout.contains("mailed:    hr-policy (policy@parliament.example)"))

        // Nothing new the next night: nothing sent.
        let again = try job.runJob(["--mail-command", "cat > \(outbox.path)/$$.eml"])
        #expect(again.status == 0)
        #expect(try messages(in: outbox).count == 1)
    }

    @Test("a mail command that fails makes the run alert (exit 65), naming the bureau")
    func failedMailAlerts() throws {
        let job = try JobFixture(registry: try Self.registry())
        defer { try? FileManager.default.removeItem(at: job.root) }
        let ran = try job.runJob(["--mail-command", "cat > /dev/null; exit 3"])
        #expect(ran.status == JobExit.findings.rawValue, "\(ran.stdout)\(ran.stderr)")
        #expect(
            ran.stdout.contains("plan-rollup: ALERT: mail-failed: hr-policy: cat > /dev/null; exit 3 exited 3"),
            "\(ran.stdout)")
        #expect(ran.stdout.contains("senate-hrd: "), "both addressed bureaus were tried")
        #expect(FileManager.default.fileExists(atPath: job.output + "/latest/summary.json"), "published all the same")
    }

    @Test(
        "a mail command that hangs is stopped at its deadline with all it started; one that never reads does not block the job"
    )
    func deadline() {
        let started = Date()
        guard case .failure(let slow) = BureauMail.run("sleep 30 & sleep 30", input: [], seconds: 1) else {
            Issue.record("a hung command counted as mailed")
            return
        }
        #expect(slow.reason.contains("took more than 1 seconds"))
        #expect(Date().timeIntervalSince(started) < 10)
        let big = [UInt8](repeating: 0x41, count: 4 << 20)
        let quick = Date()
        guard case .success = BureauMail.run("exit 0", input: big, seconds: 5) else {
            Issue.record("a command that exits 0 without reading was refused")
            return
        }
        #expect(Date().timeIntervalSince(quick) < 5, "a message larger than a pipe holds does not block")
        guard case .failure(let killed) = BureauMail.run("kill -9 $$", input: [], seconds: 5) else {
            Issue.record("a killed command counted as mailed")
            return
        }
        #expect(killed.reason.contains("killed by signal 9"), "\(killed.reason)")
    }

    @Test(
        "an address that could bend a mail header is a configuration error",
        arguments: ["a@b.example\r\nBcc: x@y.example", "Name <a@b.example>", "a@b", "a,b@c.example", "@b.example"])
    func refusesOddAddress(address: String) throws {
        let data = try JSONSerialization.data(withJSONObject: ["bureaus": [["code": "x", "email": address]]])
        #expect(throws: ConfigurationError.self) { try BureauRegistry.decode(data, path: "bureaus.json") }
    }
}
