import Foundation
import KoersTestSupport
import Testing

/// `koers assess` on the seed plans. The store gets test values (not data: made up for the test, in a temporary
/// store) for the Streekvisie's 2.1.2: niet-werkende werkzoekenden 7.719 (2017) → 6.000 (2030).
@Suite struct AssessCommandTests {
    let cli = CommandLineTests()

    func storeWithTestValues() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try folder.write("test.csv", """
            indicator,region,period,value
            niet-werkende-werkzoekenden,ZWV,2020,7300
            niet-werkende-werkzoekenden,ZWV,2023,6900
            """)
        let run = try cli.koers(["import", "test.csv"], in: folder)
        #expect(run.status == 0, "\(run.errors)")
        return folder
    }

    @Test func theLinearPathOfAnAbsoluteTargetWithItsNumbersAndExplanation() throws {
        let folder = try storeWithTestValues()
        let run = try cli.koers(["assess", "--plan", "streekvisie-zwv", "--method", "linear", "--json"], in: folder)
        #expect(run.status == 0, "\(run.errors)")
        let lines = try cli.json(run)
        let target = try #require(lines.first { $0["kind"] as? String == "target" && $0["code"] as? String == "2.1.2" })
        // On the straight line from 7.719 (2017) to 6.000 (2030) the value in 2023 would be 7719 − 1719 × 6/13.
        #expect(target["status"] as? String == "on_path")
        let numbers = try #require(target["numbers"] as? [String: Double])
        #expect(abs(numbers["expected_today"]! - (7719 - 1719.0 * 6 / 13)) < 1e-9)
        #expect(numbers["base_year"] == 2017 && numbers["current_value"] == 6900)
        #expect(target["explanation"] as? String
            == "Aantal niet-werkende werkzoekenden daalde van 7.719\u{00A0}personen (2017) naar 6.900\u{00A0}personen (2023); om 6.000\u{00A0}personen te halen in 2030 moet het jaarlijks met 132 dalen; het daalt met 137 per jaar (op een rechte lijn naar het doel was 6.926\u{00A0}personen verwacht in 2023).")
        // The building block 2.1 and the plan count it.
        let plan = try #require(lines.first { $0["kind"] as? String == "plan" })
        let rollUp = try #require(plan["roll_up"] as? [String: Any])
        #expect((rollUp["counts"] as? [String: Int])?["on_path"] == 1)
        #expect(rollUp["total"] as? Int == 38)
    }

    @Test func asOfLeavesLaterValuesOut() throws {
        let folder = try storeWithTestValues()
        let run = try cli.koers(["assess", "--plan", "streekvisie-zwv", "--method", "linear", "--as-of", "2021", "--json"], in: folder)
        let target = try #require(try cli.json(run).first { $0["code"] as? String == "2.1.2" })
        #expect((target["numbers"] as? [String: Double])?["current_year"] == 2020)
    }

    @Test func anUnknownMethodOrPlanIsRefused() throws {
        let folder = try TemporaryFolder()
        let method = try cli.koers(["assess", "--method", "guess"], in: folder)
        #expect(method.status != 0 && method.errors.contains("unknown method 'guess'"))
        let plan = try cli.koers(["assess", "--plan", "nope"], in: folder)
        #expect(plan.status != 0 && plan.errors.contains("unknown plan 'nope'"))
    }
}
