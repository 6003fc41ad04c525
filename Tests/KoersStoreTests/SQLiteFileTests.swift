import Foundation
import GRDB
import KoersCore
import KoersTestSupport
import Testing

@testable import KoersSQLite
@testable import KoersStore

/// What only a SQLite file has: created on open, files written by an older Koers or by someone else.
@Suite struct SQLiteFileTests {
    @Test func aNewFileIsCreatedAndMigrated() async throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteStore(path: folder.path("koers.sqlite"))
        #expect(FileManager.default.fileExists(atPath: folder.path("koers.sqlite")))
        #expect(try store.appliedMigrations() == StoreTests.allMigrations)
    }

    @Test func aBackupDuringAnImportHoldsAllOfItOrNoneAndNeverOverwrites() async throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteStore(path: folder.path("koers.sqlite"))
        try await store.replaceCatalogue(StoreTests.bundled)
        let before = try await store.allObservations().count
        // 100 years × every current municipality (about 30,000 values): long enough for the backup to start while they are
        // being written.
        let municipalities = StoreTests.bundled.geography.ordered.filter { $0.level == .municipality && $0.validTo == nil }.map(\.code)
        let rows = municipalities.flatMap { region in (1950..<2050).map { (region, $0) } }
        let importing = Task {
            try await store.importObservations([StoreImportTests.batch("big.csv")], dryRun: false) { _, sink in
                for (line, (region, year)) in rows.enumerated() {
                    try sink(Observation(indicator: "actieve-ondernemingen", region: region, period: .year(year), value: Double(line),
                                         source: "big.csv"), Location(file: "big.csv", line: line + 2, column: 1))
                }
            }
        }
        try await Task.sleep(for: .milliseconds(20))
        try store.backup(to: folder.path("backup.sqlite"))
        _ = try await importing.value
        let copy = try SQLiteStore(path: folder.path("backup.sqlite"))
        let copied = try await copy.allObservations().count
        #expect(copied == before || copied == before + rows.count, "\(copied) values: part of an import")
        #expect(try await copy.plans().map(\.id) == StoreTests.bundled.plans.map(\.id))
        #expect(try await store.allObservations().count == before + rows.count, "the import went on")
        #expect(!FileManager.default.fileExists(atPath: folder.path("backup.sqlite.partial")))
        #expect(throws: BackupError.self) { try store.backup(to: folder.path("backup.sqlite")) }
        #expect(try await copy.allObservations().count == copied, "the existing backup is untouched")
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
        #expect(try store.appliedMigrations() == StoreTests.allMigrations)
        try await StoreTests.expectFirstVersionKept(in: store)
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
        #expect(try store.appliedMigrations() == StoreTests.allMigrations)
        try await store.replaceCatalogue(StoreTests.bundled)
        let check = try DatabaseQueue(path: path)
        #expect(try await check.read { try String.fetchOne($0, sql: "SELECT text FROM analyst_notes") } == "keep me")
    }
}
