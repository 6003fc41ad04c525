import Foundation
import KoersCore
import KoersStore
import KoersTestSupport
import Testing

/// Owners' reports on actions, on a real SQLite file and a real PostgreSQL database.
@Suite struct ActionUpdateStoreTests {
    static let owner = AuditContext(actor: .user(email: "bart@voka.be"), address: "192.0.2.7", userAgent: "Firefox/133")

    @Test(arguments: StoreKind.all) func reportsAreKeptNewestFirstEachWithItsAuditRow(_ kind: StoreKind) async throws {
        try await kind.withStore { test in
            let store = try #require(test.store as? any ActionUpdateStore)
            let accounts = try #require(test.store as? any AccountStore)
            let first = try await store.post(ActionUpdate(action: "relance-starters-solvabiliteit", progress: .onCourse, percentDone: 40,
                                                          spent: 12_500.5, period: try #require(Period("2026-Q3")), author: "bart@voka.be"),
                                             waitsForApproval: false, context: Self.owner)
            #expect(first.at.hasPrefix("20") && first.progress == .onCourse)
            try await store.post(ActionUpdate(action: "relance-starters-solvabiliteit", progress: .offCourse, period: try #require(Period("2026-Q4")),
                                              note: "Subsidie \"vertraagd\"; € 0 besteed", author: "bart@voka.be"), waitsForApproval: false, context: Self.owner)
            try await store.post(ActionUpdate(action: "andere-actie", progress: .done, percentDone: 100, period: try #require(Period("2026")),
                                              author: "an@pomwvl.be"), waitsForApproval: false, context: Self.owner)

            let reports = try await store.updates(action: "relance-starters-solvabiliteit")
            #expect(reports.map(\.id) == [2, 1])
            #expect(reports.map(\.progress) == [.offCourse, .onCourse])
            #expect(reports[1].percentDone == 40 && reports[1].spent == 12_500.5 && reports[1].period == Period("2026-Q3"))
            #expect(reports[0].note == "Subsidie \"vertraagd\"; € 0 besteed" && reports[0].percentDone == nil && reports[0].spent == nil)
            // Another instance on the database reads the same.
            let other = try #require(try await test.open() as? any ActionUpdateStore)
            #expect(try await other.updates(action: nil).count == 3)
            let latest = try await other.latestUpdates()
            #expect(latest["relance-starters-solvabiliteit"]?.id == 2 && latest["andere-actie"]?.progress == .done)

            let audit = try await accounts.auditEntries(AuditFilter(object: "action:relance-starters-solvabiliteit"))
            #expect(audit.map(\.kind) == ["action.update", "action.update"])
            #expect(audit[1].actor == "user:bart@voka.be" && audit[1].address == "192.0.2.7")
            #expect(audit[1].after == #"{"action":"relance-starters-solvabiliteit","percent_done":40,"period":"2026-Q3","spent":12500.5,"status":"on-course","waits_for_approval":false}"#)
            #expect(reports.allSatisfy { $0.approvedBy == "published at once" && $0.approvedAt == $0.at })
        }
    }

    /// A report whose plan asks approval waits, unseen by `latestUpdates`, until a steward approves it, once.
    @Test(arguments: StoreKind.all) func aWaitingReportIsApprovedOnceWithItsAuditRow(_ kind: StoreKind) async throws {
        try await kind.withStore { test in
            let store = try #require(test.store as? any ActionUpdateStore)
            let accounts = try #require(test.store as? any AccountStore)
            let posted = try await store.post(ActionUpdate(action: "a1", progress: .atRisk, period: .year(2026), note: "laat", author: "bart@voka.be"),
                                              waitsForApproval: true, context: Self.owner)
            #expect(!posted.isApproved && posted.approvedBy == nil)
            #expect(try await store.updates(action: "a1").map(\.isApproved) == [false])
            #expect(try await store.latestUpdates()["a1"] == nil)
            let steward = AuditContext(actor: .user(email: "an@pomwvl.be"))
            let approved = try await store.approve(update: posted.id, by: "an@pomwvl.be", context: steward)
            #expect(approved.isApproved && approved.approvedBy == "an@pomwvl.be")
            #expect(try await store.latestUpdates()["a1"]?.id == posted.id)
            for id in [posted.id, 99] {
                await #expect(throws: ActionUpdateError.notWaiting(id)) { try await store.approve(update: id, by: "an@pomwvl.be", context: steward) }
            }
            let kinds = try await accounts.auditEntries(AuditFilter(object: "action:a1")).map(\.kind)
            #expect(kinds == ["action.update.approve", "action.update"])
        }
    }

    /// The targets an action serves are part of the catalogue: written, read back and replaced with it.
    @Test(arguments: StoreKind.contract) func theTargetsAnActionServesMoveWithTheCatalogue(_ kind: StoreKind) async throws {
        try await kind.withStore { test in
            var catalogue = StoreTests.bundled
            let links = [ActionTargetLink(plan: "streekvisie-zwv", target: "1.3.1", source: "test: p. 1"),
                         ActionTargetLink(plan: "relanceplan-wvl", target: "x", source: "test: p. 2")]
            let p = try #require(catalogue.plans.firstIndex { !$0.actions.isEmpty })
            catalogue.plans[p].actions[0].serves = links
            try await test.store.replaceCatalogue(catalogue)
            let plan = try #require(try await test.store.plan(id: catalogue.plans[p].id))
            #expect(plan.actions[0].serves == links)
            #expect(plan.actions.dropFirst().allSatisfy { $0.serves.isEmpty })
            try await test.store.replaceCatalogue(StoreTests.bundled)
            #expect(try await test.store.plan(id: catalogue.plans[p].id)?.actions[0].serves == [])
        }
    }
}
