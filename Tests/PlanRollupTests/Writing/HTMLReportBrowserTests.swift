import Foundation
import Testing

@testable import PlanRollup
@testable import RollupBase
@testable import RollupCore
@testable import RollupReading

/// report.html as executives meet it: opened in a real browser (Debian's chromium, headless, which
/// scripts/test installs), shown on screen and printed to PDF. Each check is first shown to catch
/// what it looks for on a page made to fail it.
@Suite("The HTML report in headless Chromium")
struct HTMLReportBrowserTests {
    /// What one headless Chromium run left: its log (console messages are the `:CONSOLE` lines), the
    /// requests the page itself made on the network, and the files it wrote.
    struct Visit {
        let status: Int32
        let log: String
        let pageRequests: [String]
        var consoleLines: [String] { log.split(separator: "\n").filter { $0.contains(":CONSOLE") }.map(String.init) }
    }

    /// Opens `page` in headless Chromium with `action` (`--screenshot=…`, `--print-to-pdf=…` or
    /// `--dump-dom`), a fresh profile and its own background networking off, logging the network.
    static func visit(_ page: URL, _ action: [String], in folder: URL) throws -> Visit {
        let net = folder.appendingPathComponent("net-\(UUID().uuidString).json")
        let run = try runTool(
            "timeout",
            [
                "120", "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--hide-scrollbars", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--user-data-dir=" + folder.appendingPathComponent("profile").path,
                "--enable-logging=stderr", "--v=0", "--log-net-log=" + net.path, "--window-size=1280,2000",
            ] + action + [page.absoluteString])
        return Visit(status: run.status, log: run.output, pageRequests: try pageRequests(net))
    }

    /// The URLs of requests the page made (their network isolation key is the file's), not those of
    /// the browser's own services.
    static func pageRequests(_ netLog: URL) throws -> [String] {
        let log = try JSONSerialization.jsonObject(with: Data(contentsOf: netLog)) as! [String: Any]
        let types = (log["constants"] as! [String: Any])["logEventTypes"] as! [String: Int]
        let start = try #require(types["URL_REQUEST_START_JOB"])
        return (log["events"] as? [[String: Any]] ?? []).compactMap { event in
            guard event["type"] as? Int == start, let params = event["params"] as? [String: Any],
                (params["network_isolation_key"] as? String)?.contains("file://") == true
            else { return nil }
            return params["url"] as? String
        }
    }

    /// The share of the screenshot's pixels that are not white, and how many colours it has.
    static func ink(_ png: URL) throws -> (inked: Double, colours: Int) {
        let script = Paths.fixtures.appendingPathComponent("html/png_ink.py").path
        let run = try runTool("python3", [script, png.path])
        try #require(run.status == 0, "\(run.output)")
        let json = try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as! [String: Any]
        return (json["inked"] as! Double, json["colours"] as! Int)
    }

    @Test("the checks catch a page that loads from the network and writes to the console")
    func controls() throws {
        let folder = try makeTemporaryFolder("browser-control")
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("bad.html")
        try """
        <!DOCTYPE html><html lang="th"><head><meta charset="utf-8"><title>t</title></head><body><p>x</p>
        <img src="http://127.0.0.1:9/logo.png"><script>console.error("boom")</script></body></html>
        """.write(to: page, atomically: true, encoding: .utf8)
        let visit = try Self.visit(page, ["--screenshot=" + folder.appendingPathComponent("bad.png").path], in: folder)
        #expect(visit.status == 0, "\(visit.log)")
        #expect(visit.pageRequests == ["http://127.0.0.1:9/logo.png"])
        #expect(visit.consoleLines.contains { $0.contains("boom") }, "\(visit.log)")
        let blank = folder.appendingPathComponent("blank.html")
        try "<!DOCTYPE html><html><body></body></html>".write(to: blank, atomically: true, encoding: .utf8)
        let shot = folder.appendingPathComponent("blank.png")
        _ = try Self.visit(blank, ["--screenshot=" + shot.path], in: folder)
        let ink = try Self.ink(shot)
        #expect(ink.inked == 0 && ink.colours == 1, "a blank page reads as blank")
    }

    @Test(
        "the golden run's report: no console message, no network request, a screenshot with charts on it, a PDF with the title"
    )
    func golden() throws {
        let folder = try makeTemporaryFolder("browser-golden")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = try #require(GoldenSmallTests.outcome.files.first { $0.name == HTMLReport.file })
        let page = folder.appendingPathComponent("report.html")
        try Data(file.bytes).write(to: page)
        let shot = folder.appendingPathComponent("report.png")
        let shown = try Self.visit(page, ["--screenshot=" + shot.path], in: folder)
        #expect(shown.status == 0, "\(shown.log)")
        #expect(shown.consoleLines.isEmpty, "\(shown.consoleLines)")
        #expect(shown.pageRequests.isEmpty, "\(shown.pageRequests)")
        let ink = try Self.ink(shot)
        #expect(ink.inked > 0.05 && ink.colours > 50, "text, bars and lines drawn: \(ink)")

        let pdf = folder.appendingPathComponent("report.pdf")
        let printed = try Self.visit(page, ["--no-pdf-header-footer", "--print-to-pdf=" + pdf.path], in: folder)
        #expect(printed.status == 0 && printed.consoleLines.isEmpty && printed.pageRequests.isEmpty)
        let info = try runTool("pdfinfo", [pdf.path])
        #expect(info.output.contains("pts (A4)"), "A4: \(info.output)")
        let text = try runTool("pdftotext", ["-layout", pdf.path, "-"]).output.filter { !$0.isWhitespace }
        for words in [HTMLReport.title, "ต้องติดตาม", "ภาพรวม", "รายโครงการ", "การเบิกจ่ายสะสมรายเดือน"] {
            #expect(text.contains(words.filter { !$0.isWhitespace }), "\(words) printed")
        }
    }

    @Test("a plan whose project and bureau names hold markup: shown as text, nothing of it runs or loads")
    func hostileNames() throws {
        let folder = try makeTemporaryFolder("browser-hostile")
        defer { try? FileManager.default.removeItem(at: folder) }
        let name = "<script>document.title='pwned'</script><img src=x onerror=\"document.title='pwned'\">อบรม"
        let plan = folder.appendingPathComponent("input/plan")
        let exports = folder.appendingPathComponent("input/exports/hr")
        try FileManager.default.createDirectory(at: plan, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: exports, withIntermediateDirectories: true)
        try [
            "รหัสโครงการ,ส่วนราชการ,ประเด็น,มาตรการ,โครงการ/กิจกรรม,หน่วยงาน,ต.ค. ๖๑",
            "P-1,สผ.,๑,๑,\"\(name.replacingOccurrences(of: "\"", with: "\"\""))\",สำนัก <b>ก</b>,๑",
        ].joined(separator: "\r\n").write(
            to: plan.appendingPathComponent("plan.csv"), atomically: true, encoding: .utf8)
        try "รหัสโครงการ,วันที่ดำเนินการ,จำนวนครั้ง\r\nP-1,15/10/2561,1\r\n".write(
            to: exports.appendingPathComponent("hr.csv"), atomically: true, encoding: .utf8)
        let options = Pipeline.Options(
            input: folder.appendingPathComponent("input").path, output: folder.appendingPathComponent("out").path,
            asOf: CalendarDay(year: 2019, month: 3, day: 31))
        let outcome = try Pipeline.compute(options, today: CalendarDay(year: 2026, month: 11, day: 29)!)
        #expect(outcome.summary.total.actual.activities == 1, "the row was counted")
        let file = try #require(outcome.files.first { $0.name == HTMLReport.file })
        let html = String(decoding: file.bytes, as: UTF8.self)
        #expect(
            html.contains("งบประมาณตามแผนทั้งปี ไม่ระบุในแผน") && !html.contains("class=\"plan\""),
            "a plan without budgets draws no plan line at 0")
        let page = folder.appendingPathComponent("report.html")
        try Data(file.bytes).write(to: page)
        let visit = try Self.visit(page, ["--dump-dom"], in: folder)
        #expect(visit.status == 0 && visit.pageRequests.isEmpty && visit.consoleLines.isEmpty, "\(visit.log)")
        let dom = visit.log
        #expect(dom.contains("&lt;script&gt;document.title='pwned'&lt;/script&gt;&lt;img src=x"), "the name as text")
        #expect(dom.contains("สำนัก &lt;b&gt;ก&lt;/b&gt;"))
        #expect(!dom.contains("<script") && !dom.contains("<img") && !dom.contains("<b>"), "no element of it")
        #expect(dom.contains("<title>\(HTMLReport.title)"), "the title unchanged")
    }
}
