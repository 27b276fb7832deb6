import Foundation
import Testing

@testable import PlanRollup
@testable import RollupBase
@testable import RollupCore
@testable import RollupReading

/// report.html as a file: self-contained, Thai, every bureau's text escaped, the same bytes each time.
@Suite("The one-file HTML report")
struct HTMLReportTests {
    @Test("the golden run's report: lang th, no external reference, every chart titled, the agencies' figures")
    func golden() throws {
        let file = try #require(GoldenSmallTests.outcome.files.first { $0.name == HTMLReport.file })
        let html = String(decoding: file.bytes, as: UTF8.self)
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"th\">"))
        for external in ["http://", "https://", "src=", "href=", "<script", "@import", "url("] {
            #expect(!html.contains(external), "\(external) in a file that must open offline")
        }
        let svgs = html.components(separatedBy: "<svg").count - 1
        let titled = html.components(separatedBy: "<svg").dropFirst().filter { $0.contains("<title>") }.count
        #expect(svgs > 0 && svgs == titled, "every chart has a title")
        #expect(html.contains("<th scope=\"row\">สผ.</th>") && html.contains("<th scope=\"row\">รวม</th>"))
        #expect(html.contains("@media print"))
    }

    @Test("a project name with markup shows as text")
    func hostileText() throws {
        let page = HTMLPage.escaped("<script>alert('x')</script> & \"q\"\u{1B}[31m")
        #expect(page == "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;[31m")
    }
}
