import Foundation
import GRDB
import KoersBundledData
import KoersCore
import KoersPlanFiles
import KoersTestSupport
import Testing

@testable import KoersStore

/// The SQLite store on real files: round trip of the whole bundled catalogue, atomic replacement, migrations.
@Suite struct SQLiteStoreTests {
    static let allMigrations = ["v1-foundation", "v2-import-batches"]
    static let bundled: Catalogue = try! CatalogueLoader.load(CatalogueLoader.sources(in: BundledData.root))

    @Test func aNewStoreIsEmptyAndMigrated() async throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteStore(path: folder.path("koers.sqlite"))
        #expect(try await store.isEmpty())
        #expect(try store.appliedMigrations() == SQLiteStoreTests.allMigrations)
        #expect(FileManager.default.fileExists(atPath: folder.path("koers.sqlite")))
    }

    @Test func theBundledCatalogueRoundTripsExactly() async throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteStore(path: folder.path("koers.sqlite"))
        try await store.replaceCatalogue(Self.bundled)
        #expect(!(try await store.isEmpty()))

        let read = try await store.catalogue()
        #expect(read.geography == Self.bundled.geography)
        #expect(read.organisations == Self.bundled.organisations.sorted { $0.id < $1.id })
        #expect(read.fundingProgrammes == Self.bundled.fundingProgrammes.sorted { $0.id < $1.id })
        #expect(read.indicators == Self.bundled.indicators.sorted { $0.code < $1.code })
        #expect(read.plans == Self.bundled.plans)
        #expect(Set(read.observations) == Set(Self.bundled.observations))
        #expect(read.observations.count == Self.bundled.observations.count)
    }

    @Test func aReopenedFileKeepsItsDataAndIsNotMigratedAgain() async throws {
        let folder = try TemporaryFolder()
        let path = folder.path("koers.sqlite")
        do {
            let store = try SQLiteStore(path: path)
            try await store.replaceCatalogue(Self.bundled)
        }
        let reopened = try SQLiteStore(path: path)
        #expect(try reopened.appliedMigrations() == SQLiteStoreTests.allMigrations)
        #expect(try await reopened.plans().count == 5)
        #expect(try await reopened.plan(id: "streekvisie-zwv")?.allTargets.count == Self.bundled.plans.first { $0.id == "streekvisie-zwv" }?.allTargets.count)
    }

    @Test func aFileFromTheFirstVersionIsUpgradedWithItsData() async throws {
        // A store written by a Koers that only knew the first migration.
        let folder = try TemporaryFolder()
        let path = folder.path("old.sqlite")
        let old = try DatabaseQueue(path: path)
        try SQLiteSchema.migrator.migrate(old, upTo: "v1-foundation")
        try await old.write { try SQLiteWriting.insert(Self.bundled, into: $0) }
        try old.close()

        let store = try SQLiteStore(path: path)
        #expect(try store.appliedMigrations() == Self.allMigrations)
        #expect(try await store.plans() == Self.bundled.plans)
        #expect(try await store.allObservations().count == Self.bundled.observations.count)
        #expect(try await store.batches().isEmpty)
    }

    @Test func anExistingUnmigratedFileIsMigratedAndKeepsForeignTables() async throws {
        // A SQLite file made by someone else (or an interrupted first start): Koers adds its schema beside it.
        let folder = try TemporaryFolder()
        let path = folder.path("existing.sqlite")
        let queue = try DatabaseQueue(path: path)
        try await queue.write { db in
            try db.execute(sql: "CREATE TABLE analyst_notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO analyst_notes (text) VALUES ('keep me')")
        }
        try queue.close()
        let store = try SQLiteStore(path: path)
        #expect(try store.appliedMigrations() == SQLiteStoreTests.allMigrations)
        try await store.replaceCatalogue(Self.bundled)
        let check = try DatabaseQueue(path: path)
        #expect(try await check.read { try String.fetchOne($0, sql: "SELECT text FROM analyst_notes") } == "keep me")
    }

    @Test func aFailingReplacementLeavesTheStoreUnchanged() async throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteStore(path: folder.path("koers.sqlite"))
        try await store.replaceCatalogue(Self.bundled)
        let before = try await store.catalogue()

        // An observation for a region the catalogue does not contain violates a foreign key half-way through.
        var broken = Self.bundled
        broken.plans.removeLast()
        broken.observations.append(Observation(indicator: broken.indicators[0].code, region: "99999", period: .year(2020),
                                               value: 1, source: "test"))
        await #expect(throws: (any Error).self) { try await store.replaceCatalogue(broken) }
        let after = try await store.catalogue()
        #expect(after == before)
    }

    @Test func observationsAreFilteredByRegionAndOrderedByPeriod() async throws {
        let store = try SQLiteStore()
        try await store.replaceCatalogue(Self.bundled)
        let all = try await store.observations(indicator: "werkzaamheidsgraad-20-64", regions: nil)
        #expect(Set(all.map(\.region)) == ["ZWV", "02000", "01000"])
        let zwv = try await store.observations(indicator: "werkzaamheidsgraad-20-64", regions: ["ZWV"])
        #expect(zwv.map(\.value) == [75.4])
        #expect(zwv.first?.source.contains("Streekvisie") == true)
        #expect(try await store.observations(indicator: "werkzaamheidsgraad-20-64", regions: []).isEmpty)
    }

    @Test func aPlanKeepsItsOrderTreeAndBudgets() async throws {
        let store = try SQLiteStore()
        try await store.replaceCatalogue(Self.bundled)
        #expect(try await store.plans().map(\.id) == Self.bundled.plans.map(\.id))
        let relance = try #require(try await store.plan(id: "relanceplan-wvl"))
        #expect(BudgetSummary(actions: relance.actions).total == 4_500_000)
        #expect(relance.actions.map(\.id) == Self.bundled.plans.first { $0.id == "relanceplan-wvl" }!.actions.map(\.id))
        #expect(try await store.plan(id: "bestaat-niet") == nil)
    }
}
