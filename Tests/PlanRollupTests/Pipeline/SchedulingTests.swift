import Foundation
import Testing

@testable import PlanRollup
@testable import RollupBase
@testable import RollupCore
@testable import RollupReading

@Suite("Bureaus are read largest first")
struct SchedulingTests {
    @Test("order by total bytes of each bureau's files, ties and missing files by position")
    func largestFirst() throws {
        let folder = try makeTemporaryFolder("scheduling")
        func file(_ name: String, bytes: Int) -> String {
            let path = folder.appendingPathComponent(name).path
            FileManager.default.createFile(atPath: path, contents: Data(repeating: 0x41, count: bytes))
            return path
        }
        let bureaus = [
            [file("a1", bytes: 10)],
            [file("b1", bytes: 30), file("b2", bytes: 30)],
            [file("c1", bytes: 100)],
            [folder.appendingPathComponent("missing").path],
            [file("e1", bytes: 10)],
        ]
        #expect(Pipeline.largestFirst(bureaus) == [2, 1, 0, 4, 3])
    }
}
