import Foundation
import KoersCore
import KoersStore
import KoersTestSupport
import Testing

/// Plan edits on a real SQLite file and a real PostgreSQL database: one plan's rows replaced whole, with the audit
/// row, in one transaction; refused, writing nothing, when the stored plan is not the one the edit started from.
@Suite struct PlanEditStoreTests {
    static let admin = AuditContext(actor: .user(email: "admin@pomwvl.be"), address: "192.0.2.7")

    @Test(arguments: StoreKind.all) func anEditReplacesOnePlanKeepsItsPlaceAndIsAudited(_ kind: StoreKind) async throws {
        try await kind.withStore { test in
            try await test.store.replaceCatalogue(StoreTests.bundled)
            let editing = try #require(test.store as? any Store & PlanEditing & AccountStore)
            let order = try await test.store.plans().map(\.id)
            let others = try await test.store.plans().filter { $0.id != "relanceplan-wvl" }
            let stored = try #require(try await test.store.plan(id: "relanceplan-wvl"))
            var edited = stored
            edited.title.nl = "Relanceplan (bewerkt)"
            edited.actions[0].partners.append("kulak")
            edited.actions[0].budget.append(BudgetLine(amount: 1250.5, funding: "provinciaal-budget", approximate: true, note: "test"))
            edited.actions[1].serves = [ActionTargetLink(plan: "streekvisie-zwv", target: "1.3.1", source: "test")]
            edited.actions[2].status = .completed
            edited.organisations.append("kulak")
            let version = try await test.store.dataVersion()
            let change = PlanChange(object: "plan:relanceplan-wvl", old: ["title.nl": stored.title.nl], new: ["title.nl": edited.title.nl])
            try await editing.savePlan(edited, expected: stored, change: change, context: Self.admin)

            #expect(try await test.store.plan(id: "relanceplan-wvl") == edited)
            #expect(try await test.store.plans().map(\.id) == order)
            #expect(try await test.store.plans().filter { $0.id != "relanceplan-wvl" } == others)
            #expect(try await test.store.dataVersion() > version, "caches see the edit")
            let audit = try #require(try await editing.auditEntries(AuditFilter(object: "plan:relanceplan-wvl")).first)
            #expect(audit.kind == "plan.edit" && audit.actor == "user:admin@pomwvl.be" && audit.address == "192.0.2.7")
            #expect(audit.before == #"{"title.nl":"Socio-economisch relanceplan West-Vlaanderen"}"#)
            #expect(audit.after == #"{"title.nl":"Relanceplan (bewerkt)"}"#)

            // An edit made from the plan as it was before this one is refused, and nothing of it is written.
            var late = stored
            late.title.nl = "Te laat"
            let entries = try await editing.auditEntries(AuditFilter()).count
            await #expect(throws: PlanEditError.changedMeanwhile) {
                try await editing.savePlan(late, expected: stored, change: change, context: Self.admin)
            }
            #expect(try await test.store.plan(id: "relanceplan-wvl") == edited)
            #expect(try await editing.auditEntries(AuditFilter()).count == entries)

            var missing = stored
            missing.id = "geen-plan"
            await #expect(throws: PlanEditError.notFound) {
                try await editing.savePlan(missing, expected: missing, change: change, context: Self.admin)
            }
        }
    }

    @Test(arguments: StoreKind.all) func anEditThatBreaksAForeignKeyWritesNothing(_ kind: StoreKind) async throws {
        try await kind.withStore { test in
            try await test.store.replaceCatalogue(StoreTests.bundled)
            let editing = try #require(test.store as? any Store & PlanEditing & AccountStore)
            let stored = try #require(try await test.store.plan(id: "relanceplan-wvl"))
            var edited = stored
            edited.title.nl = "Eerste helft van een wijziging"
            // A lead no organisation row has: the database refuses the action row, after the plan row was updated.
            edited.actions[0].lead = "geen-organisatie"
            let entries = try await editing.auditEntries(AuditFilter()).count
            await #expect(throws: (any Error).self) {
                try await editing.savePlan(edited, expected: stored,
                                           change: PlanChange(object: "plan:relanceplan-wvl", old: [:], new: ["x": "y"]), context: Self.admin)
            }
            #expect(try await test.store.plan(id: "relanceplan-wvl") == stored)
            #expect(try await editing.auditEntries(AuditFilter()).count == entries)
        }
    }
}
