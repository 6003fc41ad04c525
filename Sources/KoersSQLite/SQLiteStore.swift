import Foundation
import GRDB
import KoersCore
import KoersStore

/// The embedded store: one SQLite file, created and migrated on open, in WAL mode so readers never wait for a writer.
public final class SQLiteStore: Store {
    /// The one connection pool to the file (GRDB's first concurrency rule: one `DatabasePool` per file and process);
    /// a `DatabaseQueue` for an in-memory store.
    let writer: any DatabaseWriter

    /// Opens (creating if needed) the SQLite file at `path` and applies any migration it lacks.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        writer = try DatabasePool(path: path, configuration: configuration)
        try SQLiteSchema.migrator.migrate(writer)
    }

    /// A private in-memory store, for tests and dry runs.
    public init() throws {
        writer = try DatabaseQueue()
        try SQLiteSchema.migrator.migrate(writer)
    }

    /// The migrations applied to this store, in order.
    public func appliedMigrations() throws -> [String] {
        try writer.read { try SQLiteSchema.migrator.appliedMigrations($0) }
    }

    public func isEmpty() async throws -> Bool {
        try await writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM region")! == 0 }
    }

    public func replaceCatalogue(_ catalogue: Catalogue) async throws {
        try await writer.write { db in
            try SQLiteWriting.run(StoreStatements.replaceCatalogue(catalogue), in: db)
            try SQLiteSchema.bumpDataVersion(db)
        }
    }

    public func dataVersion() async throws -> Int64 {
        try readDataVersion()
    }

    /// Every request asks it, so it is read synchronously on a reader of the pool (GRDB's `unsafeRead`, which
    /// blocks for the few microseconds the query takes): an asynchronous read's two thread switches cost more than
    /// the query. One SELECT is atomic by itself: the read transaction `read` would wrap it in adds only cost.
    private func readDataVersion() throws -> Int64 {
        try writer.unsafeRead { db in try Int64.fetchOne(db.cachedStatement(sql: StoredRows.Query.dataVersion))! }
    }

    public func geography() async throws -> Geography {
        try await writer.read(SQLiteReading.geography)
    }

    public func organisations() async throws -> [Organisation] {
        try await writer.read { db in try SQLiteReading.rows(db, StoredRows.Query.organisations).map(StoredRows.organisation) }
    }

    public func fundingProgrammes() async throws -> [FundingProgramme] {
        try await writer.read { db in try SQLiteReading.rows(db, StoredRows.Query.fundingProgrammes).map(StoredRows.fundingProgramme) }
    }

    public func indicators() async throws -> [Indicator] {
        try await writer.read { db in try SQLiteReading.rows(db, StoredRows.Query.indicators).map(StoredRows.indicator) }
    }

    public func indicator(code: String) async throws -> Indicator? {
        try await writer.read { db in try SQLiteReading.rows(db, StoredRows.Query.indicator, [.text(code)]).first.map(StoredRows.indicator) }
    }

    public func plans() async throws -> [Plan] {
        try await writer.read { db in
            try String.fetchAll(db, sql: StoredRows.Query.planIDs).compactMap { try SQLiteReading.plan(db, id: $0) }
        }
    }

    public func plan(id: String) async throws -> Plan? {
        try await writer.read { db in try SQLiteReading.plan(db, id: id) }
    }

    public func observations(indicator: String, regions: [String]?) async throws -> [Observation] {
        try await writer.read { db in
            try SQLiteReading.rows(db, StoredRows.Query.observations(regions: regions?.count),
                                   [.text(indicator)] + (regions ?? []).map { .text($0) }).map(StoredRows.observation)
        }
    }

    public func allObservations() async throws -> [Observation] {
        try await writer.read { db in try SQLiteReading.rows(db, StoredRows.Query.allObservations).map(StoredRows.observation) }
    }
}
