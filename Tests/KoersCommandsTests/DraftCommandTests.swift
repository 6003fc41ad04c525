import Foundation
import KoersTestSupport
import Testing

/// `koers import --draft` and `koers batch`: a real Statbel file staged, kept from the published values, then
/// approved or rejected from the shell, on both stores.
@Suite(.enabled(if: SharedFolder.shouldRun, "needs ../shared"))
struct DraftCommandTests {
    typealias Analyst = ImportCommandTests.Analyst

    private static func publishedTielt(_ a: Analyst) throws -> [String] {
        let data = try a.koers(["data", "vestigingseenheden", "--region", "37022", "--format", "csv"])
        return data.output.split(separator: "\n").dropFirst().map { String($0.split(separator: ",", omittingEmptySubsequences: false)[4]) }
    }

    @Test(arguments: StoreKind.all) func aDraftPublishesNothingUntilApprovedAndThenEveryValueExactly(_ kind: StoreKind) async throws {
        try await ImportCommandTests.withAnalyst(kind) { a in
            let staged = try a.koers(["import", ImportCommandTests.establishments, "--mapping", "vestigingen.yaml", "--draft"])
            #expect(staged.status == 0, "\(staged.errors)")
            #expect(staged.output.contains("3962 values read; 3390 new, 0 changed, 0 unchanged"), "\(staged.output)")
            #expect(staged.output.contains("staged as draft 1: 3390 values"), "\(staged.output)")
            #expect(try Self.publishedTielt(a).isEmpty, "a draft is not published")

            let list = try a.koers(["batch", "list", "--json"])
            let drafts = try #require(try JSONSerialization.jsonObject(with: Data(list.output.utf8)) as? [[String: Any]])
            #expect(drafts.count == 1)
            #expect(drafts.first?["state"] as? String == "waiting")
            #expect(drafts.first?["new"] as? Int == 3390)

            // Four eyes: whoever staged it may not approve it; the draft keeps waiting.
            let own = try a.cli.koers(["batch", "approve", "1"] + a.db, in: a.folder, environment: ["KOERS_FOUR_EYES": "true"])
            #expect(own.status != 0)
            #expect(own.errors.contains("draft 1 was staged by you"), "\(own.errors)")
            #expect(try Self.publishedTielt(a).isEmpty)

            let approved = try a.koers(["batch", "approve", "1", "--note", "Statbel Q4 2023 checked"])
            #expect(approved.status == 0, "\(approved.errors)")
            #expect(approved.output.contains("draft 1 approved: 3390 new and 0 changed values published"), "\(approved.output)")
            #expect(try Self.publishedTielt(a) == ["4309.0", "4471.0", "4603.0", "4782.0", "4893.0", "4907.0"])

            let twice = try a.koers(["batch", "approve", "1"])
            #expect(twice.status != 0)
            #expect(twice.errors.contains("draft 1 was approved already"), "\(twice.errors)")

            let shown = try a.koers(["batch", "show", "1"])
            #expect(shown.output.contains("approved"))
            #expect(shown.output.contains("Statbel Q4 2023 checked"))
            let audit = try a.koers(["audit", "--object", "draft:1"])
            #expect(audit.output.contains("data.draft.approve"), "\(audit.output)")
            #expect(audit.output.contains("data.draft"), "\(audit.output)")
        }
    }

    @Test(arguments: StoreKind.all) func aRejectedDraftLeavesThePublishedValuesExactlyAsTheyWere(_ kind: StoreKind) async throws {
        try await ImportCommandTests.withAnalyst(kind) { a in
            _ = try a.koers(["import", ImportCommandTests.establishments, "--mapping", "vestigingen.yaml"])
            let before = try a.koers(["data", "vestigingseenheden", "--format", "csv"]).output
            // The same file with Tielt's 2023 value changed: a draft that would revise one value.
            let text = try String(contentsOfFile: ImportCommandTests.establishments, encoding: .utf8)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let tielt = try #require(lines.firstIndex { $0.contains("37022") && $0.contains("2023") && $0.contains("4907") })
            var changed = lines
            changed[tielt] = changed[tielt].replacingOccurrences(of: "4907", with: "4999")
            try a.folder.write("revised.csv", changed.joined(separator: "\n"))
            let staged = try a.koers(["import", "revised.csv", "--mapping", "vestigingen.yaml", "--draft"])
            #expect(staged.status == 0, "\(staged.errors)")
            #expect(staged.output.contains("0 new, 1 changed, 3389 unchanged"), "\(staged.output)")

            let rejected = try a.koers(["batch", "reject", "1", "--note", "wrong quarter"])
            #expect(rejected.status == 0, "\(rejected.errors)")
            #expect(try a.koers(["data", "vestigingseenheden", "--format", "csv"]).output == before)
            let show = try a.koers(["batch", "show", "1", "--json"])
            let draft = try #require(try JSONSerialization.jsonObject(with: Data(show.output.utf8)) as? [String: Any])
            #expect(draft["state"] as? String == "rejected")
            #expect((draft["values"] as? [Any])?.isEmpty == true, "a decided draft's values are dropped")
        }
    }

    @Test func aDraftIsValidatedAsAnyImportAndAFileWithProblemsStagesNothing() throws {
        let a = try Analyst(db: [])
        try a.folder.write("bad.csv", "indicator,region,period,value\nvestigingseenheden,37022,2023,12x\n")
        let refused = try a.koers(["import", "bad.csv", "--draft"])
        #expect(refused.status != 0)
        #expect(refused.errors.contains("bad.csv:2:"), "\(refused.errors)")
        #expect(try a.koers(["batch", "list"]).output.contains("no drafts"))
    }
}
