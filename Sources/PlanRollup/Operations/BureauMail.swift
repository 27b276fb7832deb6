import Foundation
import Glibc
import Logging
import RollupBase
import RollupCore
import RollupReading

/// A plain e-mail address as the registry may hold it: `name@domain`, nothing a mail header could
/// be bent with (no spaces, line breaks, `<>,;"` or a second `@`).
public enum MailAddress {
    public static func isPlain(_ address: String) -> Bool {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), address.utf8.count <= 254 else {
            return false
        }
        return address.unicodeScalars.allSatisfy { s in
            s.value > 0x20 && s.value < 0x7F && !"<>,;\"()[]\\:".unicodeScalars.contains(s)
        }
    }
}

/// After a published run, one message in Thai to each bureau with new refusals (and an address in
/// the registry), its rejects file attached, handed to `command` (`sendmail -t` or any MTA's
/// equivalent) on standard input. Nothing is sent unless `run --mail-command` names the command.
public struct BureauMail: Sendable {
    /// A shell command that reads one whole message (headers first) on standard input.
    public let command: String
    public let from: String?
    /// A rejects file larger than this is not attached; the message says where it is.
    public static let maxAttachmentBytes = 8 << 20

    public init(command: String, from: String? = nil) {
        self.command = command
        self.from = from
    }

    /// What was sent: one line per bureau mailed, and the failures.
    public struct Sent: Sendable {
        public var mailed: [String] = []
        public var failed: [String] = []
    }

    /// Mails each bureau of `night` that has new refusals (every refusal when there was no previous run).
    public func send(_ night: Night.Published, log: Logger) -> Sent {
        var sent = Sent()
        let outcome = night.outcome
        let new = outcome.newRefusals ?? AlertPolicy.refusalsPerBureau(outcome)
        let bureaus = Dictionary(night.pulled.bureaus.map { ($0.bureau.code, $0.bureau) }) { a, _ in a }
        for (code, count) in new.sorted(by: { $0.key < $1.key }) where count > 0 {
            guard let bureau = bureaus[code], !bureau.emails.isEmpty else { continue }
            let rows = outcome.changes.filter { $0.kind == .rejectsNew && $0.scope == "row" && $0.name == code }
            let message = Self.message(
                to: bureau, from: from, count: count, rows: rows, summary: outcome.summary,
                runFolder: night.folder, firstRun: outcome.newRefusals == nil)
            switch Self.run(command, input: message) {
            case .success:
                sent.mailed.append("\(code) (\(bureau.emails.joined(separator: ", ")))")
                log.info(
                    "mailed",
                    metadata: ["bureau": "\(code)", "to": "\(bureau.emails.joined(separator: ","))", "new": "\(count)"])
            case .failure(let reason):
                sent.failed.append("\(code): \(reason)")
                log.warning("mail failed", metadata: ["bureau": "\(code)", "reason": "\(reason)"])
            }
        }
        return sent
    }

    /// The whole message: headers, a Thai (then English) text, the bureau's rejects file attached.
    static func message(
        to bureau: BureauEntry, from: String?, count: Int, rows: [ChangeItem], summary s: Summary, runFolder: String,
        firstRun: Bool
    ) -> [UInt8] {
        let name = bureau.name.isEmpty ? bureau.code : bureau.name
        let round = s.round.map { " รอบ " + ThaiDisplay.digits("\($0.rawValue)") + " เดือน" } ?? ""
        var body = [
            "เรียน \(name)", "",
            "ระบบรวบรวมผลการดำเนินการตามแผนส่งเสริมคุณธรรมและความโปร่งใส ปีงบประมาณ พ.ศ. "
                + ThaiDisplay.digits("\(s.fiscalYear.buddhistYear)") + round + " ข้อมูล ณ วันที่ "
                + ThaiDisplay.longDate(s.asOf) + " ไม่รับข้อมูล" + (firstRun ? "" : "ใหม่") + " \(count) รายการ "
                + "จากไฟล์ที่หน่วยงานส่งมา",
        ]
        for r in rows {
            body.append("- \(SummaryFiles.withinBureauFolder(r.key)) แถวที่ \(r.row ?? 0) \(r.field): \(r.thai)")
        }
        if rows.count < count, !rows.isEmpty { body.append("- และอีก \(count - rows.count) รายการ ในไฟล์แนบ") }
        body += [
            "",
            "ไฟล์แนบ rejects-\(bureau.code).csv มีทุกแถวที่ยังไม่รับ พร้อมแถวที่ คอลัมน์ ค่าที่ส่งมา เหตุผล และวิธีแก้ "
                + "ท้ายไฟล์มีรายการรหัสโครงการที่ใช้ได้ กรุณาแก้ไขแล้วส่งไฟล์ใหม่ "
                + "(ตรวจก่อนส่งได้ด้วยคำสั่ง plan-rollup validate --bureau \(bureau.code))",
            "",
            "(English) \(count) \(firstRun ? "" : "new ")\(count == 1 ? "row was" : "rows were") refused in the "
                + "files your bureau sent. The attached rejects-\(bureau.code).csv lists every refused row with its "
                + "row number, column, value, reason and what to do, then the plan's valid project ids.",
            "", "-- plan-rollup",
        ]
        let attachment = readBack(runFolder + "/rejects/\(bureau.code).csv")
        if attachment == nil {
            body.append("(ไฟล์แนบใหญ่เกินไปหรืออ่านไม่ได้: อยู่ที่ \(runFolder)/rejects/\(bureau.code).csv)")
        }
        let boundary = "plan-rollup-" + bureau.code + "-" + (runFolder as NSString).lastPathComponent
        var headers = ["To: " + bureau.emails.joined(separator: ", ")]
        if let from { headers.append("From: " + from) }
        let subject = "[plan-rollup] \(name): ไม่รับข้อมูล" + (firstRun ? "" : "ใหม่") + " \(count) รายการ"
        headers += [
            "Subject: " + encodedWord(subject), "MIME-Version: 1.0",
            "Content-Type: multipart/mixed; boundary=\"\(boundary)\"", "",
            "--\(boundary)", "Content-Type: text/plain; charset=UTF-8", "Content-Transfer-Encoding: base64", "",
            base64Lines(Array((body.joined(separator: "\n") + "\n").utf8)),
        ]
        if let attachment {
            let file = "rejects-\(bureau.code).csv"
            headers += [
                "--\(boundary)", "Content-Type: text/csv; charset=UTF-8; name=\"\(file)\"",
                "Content-Disposition: attachment; filename=\"\(file)\"", "Content-Transfer-Encoding: base64", "",
                base64Lines(attachment),
            ]
        }
        headers.append("--\(boundary)--")
        return Array((headers.joined(separator: "\r\n") + "\r\n").utf8)
    }

    /// A header text in RFC 2047 encoded words (UTF-8, base64), each within the line limit.
    static func encodedWord(_ text: String) -> String {
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in text {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > 45 {
                words.append("=?UTF-8?B?" + Data(chunk).base64EncodedString() + "?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?" + Data(chunk).base64EncodedString() + "?=") }
        return words.joined(separator: "\r\n ")
    }

    static func base64Lines(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString(options: [
            .lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed,
        ])
    }

    /// The published rejects file, read back without following a link, within the attachment limit.
    static func readBack(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG, Int(st.st_size) <= maxAttachmentBytes else {
            return nil
        }
        var bytes = [UInt8](repeating: 0, count: Int(st.st_size))
        var at = 0
        while at < bytes.count {
            let n = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + at, $0.count - at) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return nil }
            at += n
        }
        return bytes
    }

    /// Runs `command` with /bin/sh, `input` on its standard input; fails with the reason when it
    /// cannot start, exits non-zero, or takes more than a minute.
    static func run(_ command: String, input: [UInt8]) -> Result<Void, MailFailure> {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let stdin = Pipe()
        process.standardInput = stdin
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return .failure(MailFailure(reason: "cannot start \(command): \(error)")) }
        // A command that exits without reading must not kill the job with SIGPIPE: write errors are its exit.
        signal(SIGPIPE, SIG_IGN)
        try? stdin.fileHandleForWriting.write(contentsOf: Data(input))
        try? stdin.fileHandleForWriting.close()
        let deadline = Date().addingTimeInterval(60)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            return .failure(MailFailure(reason: "\(command) took more than 60 seconds"))
        }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            return .failure(MailFailure(reason: "\(command) exited \(process.terminationStatus)"))
        }
        return .success(())
    }

    public struct MailFailure: Error, CustomStringConvertible, Sendable {
        public let reason: String
        public var description: String { reason }
    }
}
