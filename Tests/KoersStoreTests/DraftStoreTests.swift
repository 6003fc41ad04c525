import Foundation
import KoersCore
import KoersStore
import KoersTestSupport
import Testing

/// Drafts on a real SQLite file and a real PostgreSQL database: kept apart from the published values, approved all or
/// nothing with their decision in the same transaction, decided once.
@Suite struct DraftStoreTests {
    static let steward = AuditContext(actor: .user(email: "an@pomwvl.be"))
    static let other = AuditContext(actor: .user(email: "bart@pomwvl.be"))

    static func draft(_ values: [DraftValue]) -> Draft {
        Draft(createdAt: "2026-12-07T09:00:00Z", createdBy: steward.actor.description,
              files: [DraftFile(name: "vestigingen.csv", sha256: "ab", format: "csv", values: values.count)], new: values.count, changed: 0, unchanged: 0)
    }

    static func value(_ region: String, _ year: Int, _ v: Double, line: Int) -> DraftValue {
        DraftValue(file: 0, observation: DumpTests.obs(region, year, v), line: line, column: 1)
    }

    @Test(arguments: StoreKind.all) func aDraftIsPublishedOnlyByItsApprovalAndOnlyOnce(_ kind: StoreKind) async throws {
        try await kind.withStore { test in
            try await test.store.replaceCatalogue(StoreTests.bundled)
            let drafts = try #require(test.store as? any Store & DraftStore)
            let values = [Self.value("34022", 2030, 12.5, line: 2), Self.value("34002", 2030, 7, line: 3)]
            let id = try await drafts.stage(Self.draft(values), values: values, context: Self.steward)
            let published = { try await test.store.observations(indicator: "actieve-ondernemingen", regions: ["34022", "34002"]).filter { $0.period == .year(2030) } }
            #expect(try await published().isEmpty)
            #expect(try await drafts.waitingValues(indicator: "actieve-ondernemingen").map(\.observation.value) == [7, 12.5])
            let version = try await test.store.dataVersion()

            // Four eyes refuses the uploader, and nothing changes.
            await #expect(throws: DraftError.ownDraft(id)) { try await drafts.approve(draft: id, note: nil, context: Self.steward, fourEyes: true) }
            #expect(try await test.store.dataVersion() == version)

            let outcomes = try await drafts.approve(draft: id, note: "ok", context: Self.other, fourEyes: true)
            #expect(outcomes.map(\.new) == [2] && outcomes.first?.batchID != nil)
            #expect(try await published().map(\.value).sorted() == [7, 12.5])
            #expect(try await drafts.waitingValues(indicator: "actieve-ondernemingen").isEmpty)
            #expect(try await drafts.draft(id: id)?.decision?.verdict == .approved)
            // Another instance sees the decision; deciding again is refused by the rule, and by the database itself.
            let again = try #require(try await test.open() as? any Store & DraftStore)
            await #expect(throws: DraftError.decided(id, .approved)) { try await again.reject(draft: id, note: nil, context: Self.other, fourEyes: false) }
            await #expect(throws: (any Error).self) { try await again.recordRejection(draft: id, note: nil, context: Self.other) }
            #expect(try await again.draft(id: id)?.decision?.verdict == .approved)
            let audit = try await #require(test.store as? any AccountStore).auditEntries(AuditFilter(object: "draft:\(id)"))
            #expect(audit.map(\.kind) == ["data.draft.approve", "data.draft"] && audit.first?.note == "ok")
        }
    }

    @Test(arguments: StoreKind.all) func anApprovalThatNoLongerFitsIsRefusedWholeAndTheDraftKeepsWaiting(_ kind: StoreKind) async throws {
        try await kind.withStore { test in
            try await test.store.replaceCatalogue(StoreTests.bundled)
            let drafts = try #require(test.store as? any Store & DraftStore)
            // A region the store does not have (as if removed since the draft was staged): the import refuses it.
            let values = [Self.value("34022", 2031, 1, line: 2), Self.value("99999", 2031, 2, line: 3)]
            let id = try await drafts.stage(Self.draft(values), values: values, context: Self.steward)
            await #expect(throws: UnknownReference.self) { try await drafts.approve(draft: id, note: nil, context: Self.other, fourEyes: false) }
            #expect(try await test.store.observations(indicator: "actieve-ondernemingen", regions: ["34022"]).allSatisfy { $0.period != .year(2031) })
            #expect(try await drafts.draft(id: id)?.isWaiting == true)
            #expect(try await drafts.draftValues(draft: id, indicator: nil).count == 2)
            try await drafts.reject(draft: id, note: "regio bestaat niet", context: Self.steward, fourEyes: true)
            #expect(try await drafts.draft(id: id)?.decision?.verdict == .rejected)
            #expect(try await drafts.draftValues(draft: id, indicator: nil).isEmpty)
        }
    }
}
