import Foundation
import GRDB
import KoersCore

/// The embedded store: one SQLite file, created and migrated on open, in WAL mode so readers never wait for a writer.
public final class SQLiteStore: Store {
    let writer: any DatabaseWriter
    /// Connections of their own for `dataVersion`, which every request asks: read synchronously, it costs a few
    /// microseconds, where an asynchronous read's two thread switches cost more than the query. Only version reads
    /// use them, and they never suspend, so a reader is always free again within microseconds; several, so that a
    /// thread descheduled while reading does not hold up the others. Nil for an in-memory store (its one connection
    /// is used).
    private let versionReader: DatabasePool?

    /// Opens (creating if needed) the SQLite file at `path` and applies any migration it lacks.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        writer = try DatabasePool(path: path, configuration: configuration)
        try SQLiteSchema.migrator.migrate(writer)
        configuration.readonly = true
        configuration.maximumReaderCount = 4
        versionReader = try DatabasePool(path: path, configuration: configuration)
    }

    /// A private in-memory store, for tests and dry runs.
    public init() throws {
        writer = try DatabaseQueue()
        try SQLiteSchema.migrator.migrate(writer)
        versionReader = nil
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
            for table in ["budget_line", "action_partner", "action", "target", "plan_node", "plan", "observation",
                          "indicator", "funding_programme", "organisation", "region_succession", "region_member", "boundary", "region"] {
                try db.execute(sql: "DELETE FROM \(table)")
            }
            try SQLiteWriting.insert(catalogue, into: db)
            try SQLiteSchema.bumpDataVersion(db)
            try db.execute(sql: "INSERT OR REPLACE INTO store_info (key, value) VALUES ('catalogue_loaded_at', ?)",
                           arguments: [ISO8601DateFormatter().string(from: Date())])
        }
    }

    public func dataVersion() async throws -> Int64 {
        try readDataVersion()
    }

    private func readDataVersion() throws -> Int64 {
        // One SELECT is atomic by itself: the read transaction `read` would wrap it in adds only cost.
        try (versionReader ?? writer).unsafeRead { db in try Int64.fetchOne(db.cachedStatement(sql: "SELECT version FROM data_version"))! }
    }

    public func geography() async throws -> Geography {
        try await writer.read(SQLiteReading.geography)
    }

    public func organisations() async throws -> [Organisation] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM organisation ORDER BY id").map {
                Organisation(id: $0["id"], name: SQLiteReading.text($0, "name")!, kind: $0["kind"])
            }
        }
    }

    public func fundingProgrammes() async throws -> [FundingProgramme] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM funding_programme ORDER BY id").map {
                FundingProgramme(id: $0["id"], name: SQLiteReading.text($0, "name")!)
            }
        }
    }

    public func indicators() async throws -> [Indicator] {
        try await writer.read { db in try Row.fetchAll(db, sql: "SELECT * FROM indicator ORDER BY code").map(SQLiteReading.indicator) }
    }

    public func indicator(code: String) async throws -> Indicator? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM indicator WHERE code = ?", arguments: [code]).map(SQLiteReading.indicator)
        }
    }

    public func plans() async throws -> [Plan] {
        try await writer.read { db in
            try String.fetchAll(db, sql: "SELECT id FROM plan ORDER BY position").compactMap { try SQLiteReading.plan(db, id: $0) }
        }
    }

    public func plan(id: String) async throws -> Plan? {
        try await writer.read { db in try SQLiteReading.plan(db, id: id) }
    }

    public func observations(indicator: String, regions: [String]?) async throws -> [Observation] {
        try await writer.read { db in
            var sql = "SELECT * FROM observation WHERE indicator_code = ?"
            var arguments: StatementArguments = [indicator]
            if let regions {
                sql += " AND region_code IN (\(regions.map { _ in "?" }.joined(separator: ",")))"
                arguments += StatementArguments(regions)
            }
            sql += " ORDER BY region_code, breakdown, period_start, period"
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map(SQLiteReading.observation)
        }
    }

    public func allObservations() async throws -> [Observation] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM observation ORDER BY indicator_code, region_code, breakdown, period_start, period")
                .map(SQLiteReading.observation)
        }
    }
}
