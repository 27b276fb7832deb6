import Testing

@testable import PlanRollup
@testable import RollupBase
@testable import RollupCore
@testable import RollupReading

/// Sums across files never trap: a file whose figures would carry a run total past 64 bits is
/// refused whole, with its reason, and the files already counted stay as they were.
@Suite("Sums past 64 bits")
struct SumOverflowTests {
    static let near = Int64.max / 2 + 1

    func rollup(projects: Int = 2, _ spent: [Int: Int64]) -> Rollup {
        var r = Rollup(projectCount: projects)
        for (i, s) in spent {
            r.byProject[i] = Tally(rows: 1, activities: 1, participants: 0, spentSatang: s)
        }
        return r
    }

    @Test(
        "checkedSum is + when every sum fits, and nil when any one would not",
        arguments: [
            (Int64(5), Int64(7), true), (Int64.max - 1, Int64(1), true), (Int64.max, Int64(1), false),
            (near, near, false),
        ])
    func checkedSum(a: Int64, b: Int64, fits: Bool) {
        let x = Tally(rows: 1, activities: 2, participants: 3, spentSatang: a)
        let y = Tally(rows: 1, activities: 2, participants: 3, spentSatang: b)
        let sum = Tally.checkedSum(x, y)
        #expect((sum != nil) == fits)
        if fits { #expect(sum == x + y) }
        // Every field is checked, not only money.
        #expect(
            Tally.checkedSum(
                Tally(rows: 0, activities: Int64.max, participants: 0, spentSatang: 0),
                Tally(rows: 0, activities: 1, participants: 0, spentSatang: 0)) == nil)
        #expect(
            Tally.checkedSum(
                Tally(rows: 0, activities: 0, participants: 0, spentSatang: 0, participantsCancelled: Int64.max),
                Tally(rows: 0, activities: 0, participants: 0, spentSatang: 0, participantsCancelled: 1)) == nil)
    }

    @Test("a file merges only when its project, bureau, month and total sums all fit")
    func canMerge() {
        let counted = rollup([0: Self.near])
        #expect(counted.canMerge(rollup([0: 10])))
        #expect(!counted.canMerge(rollup([0: Self.near])), "the same project would overflow")
        #expect(!counted.canMerge(rollup([1: Self.near])), "two projects that fit each would overflow the total")
        var byBureau = Rollup(projectCount: 2)
        byBureau.byBureau["สำนักa"] = Tally(rows: 1, activities: 0, participants: 0, spentSatang: Self.near)
        var other = Rollup(projectCount: 2)
        other.byBureau["สำนักa"] = Tally(rows: 1, activities: 0, participants: 0, spentSatang: Self.near)
        #expect(!byBureau.canMerge(other), "the bureau's sum would overflow")
        var byMonth = Rollup(projectCount: 2)
        let march = AgencyMonth(month: YearMonth(year: 2019, month: 3)!, agency: "สผ.")
        byMonth.byMonth[march] = Tally(rows: 1, activities: 0, participants: 0, spentSatang: Self.near)
        var month = Rollup(projectCount: 2)
        month.byMonth[march] = Tally(rows: 1, activities: 0, participants: 0, spentSatang: Self.near)
        #expect(!byMonth.canMerge(month), "the month's sum would overflow")
    }

    @Test("a file refused for its sums counts for nothing, every record accounted, with one reason in both languages")
    func refusedWhole() {
        var account = FileAccount(path: "exports/x/big.csv", bureau: "x")
        account.records = 10
        account.accepted = 6
        account.headerRows = 1
        account.skipped = [.blank: 1]
        account.rejected = 1
        account.duplicates = 1
        #expect(account.isBalanced)
        let rejects = RejectLog()
        let refused = Pipeline.refusedWhole(account, file: account.path, into: rejects)
        #expect(refused.isBalanced)
        #expect(refused.accepted == 0 && refused.rejected == 10)
        #expect(refused.refusal?.contains("64-bit") == true)
        let logged = Array(rejects)
        #expect(logged.count == 1)
        #expect(logged.first?.code == .sumTooLarge && logged.first?.file == "exports/x/big.csv")
        #expect(logged.first?.thai.contains("ไม่นับข้อมูลใดของไฟล์นี้") == true)
    }
}
