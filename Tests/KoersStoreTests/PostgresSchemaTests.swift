import KoersCore
import KoersTestSupport
import Testing

@testable import KoersPostgres
@testable import KoersStore

/// What only a PostgreSQL database has: the counterparts of `SQLiteFileTests`, a database written by an older Koers
/// or holding tables of someone else's.
@Suite(.enabled(if: TestPostgres.shouldRun, Comment(rawValue: TestPostgres.skipped)))
struct PostgresSchemaTests {
    /// Runs `statements` on the database at `url` over a connection of its own.
    static func execute(_ statements: [String], on url: String) async throws {
        try await PostgresLocation(url: url).withConnection { c in
            for sql in statements { try await c.run(PostgresSchema.bytewise(sql)) }
        }
    }

    static func migrate(_ url: String, upTo last: String) async throws {
        try await PostgresLocation(url: url).withConnection { try await PostgresSchema.migrate($0, upTo: last) }
    }

    @Test func aDatabaseFromTheFirstVersionIsUpgradedWithItsData() async throws {
        try await ScratchDatabase.with(on: try TestPostgres.requireURL()) { url in
            // A store written by a Koers that only knew the first migration, with rows in that version's columns.
            try await Self.migrate(url, upTo: "v1-foundation")
            try await Self.execute([
                "INSERT INTO region (code, level, name_nl) VALUES ('ZWV', 'custom', 'Zuid-West-Vlaanderen')",
                """
                INSERT INTO indicator (code, name_nl, unit, decimals, direction, frequency, aggregation)
                    VALUES ('werkzoekenden', 'Werkzoekenden', 'persons', 0, 'down', 'annual', 'sum')
                """,
                "INSERT INTO plan (id, position, title_nl, region_code) VALUES ('p', 0, 'Plan', 'ZWV')",
                "INSERT INTO plan_node (plan_id, code, position, kind, title_nl) VALUES ('p', '2', 0, 'pillar', 'Arbeidsmarkt')",
                """
                INSERT INTO target (plan_id, code, node_code, position, text, indicator_code, region_code, breakdown,
                                    baseline_value, baseline_period, goal_kind, goal_value, goal_period)
                    VALUES ('p', '2.1.2', '2', 0, 'Daling', 'werkzoekenden', 'ZWV', '', 7719, '2017', 'absolute', 6000, '2030')
                """,
                """
                INSERT INTO observation (indicator_code, region_code, period, period_start, breakdown, value, flags, source)
                    VALUES ('werkzoekenden', 'ZWV', '2017', '2017-01-01', '', 7719, '', 'Streekvisie')
                """,
            ], on: url)

            try await PostgresStore.with(url: url) { store in
                #expect(try await store.appliedMigrations() == StoreTests.allMigrations)
                try await StoreTests.expectFirstVersionKept(in: store)
                #expect(try await store.dataVersion() == 0)
            }
        }
    }

    @Test func anExistingDatabaseIsMigratedAndKeepsOtherTables() async throws {
        // A database made by someone else (or an interrupted first start): Koers adds its schema beside theirs.
        try await ScratchDatabase.with(on: try TestPostgres.requireURL()) { url in
            try await Self.execute(["CREATE TABLE analyst_notes (id BIGINT PRIMARY KEY, text TEXT)",
                                    "INSERT INTO analyst_notes (id, text) VALUES (1, 'keep me')"], on: url)
            try await PostgresStore.with(url: url) { store in
                #expect(try await store.appliedMigrations() == StoreTests.allMigrations)
                try await store.replaceCatalogue(StoreTests.bundled)
                let notes = try await store.read { try await $0.rows("SELECT text FROM analyst_notes") }
                #expect(notes.map { $0.text("text") } == ["keep me"])
            }
        }
    }

    @Test func twoKoersStartingAtOnceMigrateOnce() async throws {
        try await ScratchDatabase.with(on: try TestPostgres.requireURL()) { url in
            async let first = PostgresStore(url: url)
            async let second = PostgresStore(url: url)
            let stores = try await [first, second]
            try await PostgresStore.running(stores) { () async throws in
                for store in stores { #expect(try await store.appliedMigrations() == StoreTests.allMigrations) }
            }
        }
    }

    @Test func anUnreachableServerIsNamedInTheError() async throws {
        let error = await #expect(throws: PostgresStoreError.self) { _ = try await PostgresStore(url: "postgres://koers:secret@127.0.0.1:1/koers") }
        #expect(error?.description.hasPrefix("cannot connect to postgres://koers@127.0.0.1:1/koers") == true, "\(String(describing: error))")
        #expect(error?.description.contains("secret") == false)
    }
}
