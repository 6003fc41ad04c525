import Foundation
import GRDB
import KoersCore
import KoersTestSupport
import Testing

@testable import KoersStore

/// What only a SQLite file has: created on open, files written by an older Koers or by someone else.
@Suite struct SQLiteFileTests {
    @Test func aNewFileIsCreatedAndMigrated() async throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteStore(path: folder.path("koers.sqlite"))
        #expect(FileManager.default.fileExists(atPath: folder.path("koers.sqlite")))
        #expect(try store.appliedMigrations() == StoreTests.allMigrations)
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
