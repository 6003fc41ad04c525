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
    static let allMigrations = ["v1-foundation", "v2-import-batches", "v3-derivations", "v4-observation-by-key", "v5-open-sdg-settings", "v6-boundaries", "v7-data-version"]
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
        // A store written by a Koers that only knew the first migration, with rows in that version's columns.
        let folder = try TemporaryFolder()
        let path = folder.path("old.sqlite")
        let old = try DatabaseQueue(path: path)
        try SQLiteSchema.migrator.migrate(old, upTo: "v1-foundation")
        try await old.write { db in
            try db.execute(sql: """
                INSERT INTO region (code, level, name_nl) VALUES ('ZWV', 'custom', 'Zuid-West-Vlaanderen');
                INSERT INTO indicator (code, name_nl, unit, decimals, direction, frequency, aggregation)
                    VALUES ('werkzoekenden', 'Werkzoekenden', 'persons', 0, 'down', 'annual', 'sum');
                INSERT INTO plan (id, position, title_nl, region_code) VALUES ('p', 0, 'Plan', 'ZWV');
                INSERT INTO plan_node (plan_id, code, position, kind, title_nl) VALUES ('p', '2', 0, 'pillar', 'Arbeidsmarkt');
                INSERT INTO target (plan_id, code, node_code, position, text, indicator_code, region_code, breakdown,
                                    baseline_value, baseline_period, goal_kind, goal_value, goal_period)
                    VALUES ('p', '2.1.2', '2', 0, 'Daling', 'werkzoekenden', 'ZWV', '', 7719, '2017', 'absolute', 6000, '2030');
                INSERT INTO observation (indicator_code, region_code, period, period_start, breakdown, value, flags, source)
                    VALUES ('werkzoekenden', 'ZWV', '2017', '2017-01-01', '', 7719, '', 'Streekvisie');
                """)
        }
        try old.close()

        let store = try SQLiteStore(path: path)
        #expect(try store.appliedMigrations() == Self.allMigrations)
        let target = try #require(try await store.plan(id: "p")?.allTargets.first?.target)
        #expect(target.baseline == Baseline(value: 7719, period: .year(2017)))
        #expect(target.goal == .absolute(value: 6000, period: .year(2030)))
        let observations = try await store.allObservations()
        #expect(observations.map(\.value) == [7719])
        #expect(observations.first?.derivation == nil)
        #expect(try await store.indicator(code: "werkzoekenden")?.formula == nil)
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
