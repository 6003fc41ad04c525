import KoersCore
import KoersStore
import PostgresNIO

/// Imports, history and indicator maintenance for the PostgreSQL store.
extension PostgresStore {
    public func saveIndicators(_ indicators: [Indicator]) async throws {
        try await write { try await $0.run(StoreStatements.saveIndicators(indicators)) }
    }

    public func saveRegions(_ regions: [Region]) async throws {
        try await write { try await $0.run(StoreStatements.saveRegions(regions)) }
    }

    public func importObservations(_ batches: [ImportBatch], adding additions: CatalogueAdditions, dryRun: Bool, finishing: [SQLStatement],
                                   produce: @escaping @Sendable (_ index: Int, _ sink: ObservationSink) throws -> Void) async throws -> [ImportOutcome] {
        try await write(keep: !dryRun) { connection in
            // Sorting a million staged rows in memory rather than on disk.
            try await connection.run("SET LOCAL work_mem = '256MB'")
            try await connection.run(StoreStatements.upsert(additions.indicators, regions: additions.regions))
            var outcomes: [ImportOutcome] = []
            for (index, batch) in batches.enumerated() {
                outcomes.append(try await PostgresBatchImport.run(batch, dryRun: dryRun, connection: connection) { sink in
                    try produce(index, sink)
                })
            }
            if !dryRun { try await connection.run(finishing) }
            return outcomes
        }
    }

    public func replaceDerived(indicator: String, with observations: [Observation]) async throws {
        try await write { try await $0.run([StoreStatements.deleteDerived(indicator: indicator)] + StoreStatements.insert(observations)) }
    }

    public func history(indicator: String, region: String, period: Period, breakdown: Breakdown) async throws -> [ObservationVersion] {
        try await read { c in
            let key: [SQLValue] = [.text(indicator), .text(region), .text(period.description), .text(breakdown.key)]
            let batches = Dictionary(uniqueKeysWithValues: try await c.rows(StoredRows.Query.batches).map(StoredRows.batch).map { ($0.id!, $0) })
            // SQLite lists revisions in the order they were written (rowid). A value's revisions are superseded by
            // later and later batches (batches that changed something are never dropped), so that order is theirs.
            let revisions = try await c.rows("""
                SELECT * FROM observation_revision WHERE indicator_code = ? AND region_code = ? AND period = ? AND breakdown = ?
                ORDER BY superseded_by
                """, key)
            let current = try await c.rows(StoredRows.Query.currentVersion, key)
            return (revisions + current).map { StoredRows.version($0, batches: batches) }
        }
    }

    public func batches() async throws -> [ImportBatch] {
        try await read(snapshot: false) { try await $0.rows(StoredRows.Query.batches).map(StoredRows.batch).reversed() }
    }

    public func latestBatch(indicator: String) async throws -> ImportBatch? {
        try await read(snapshot: false) { try await $0.rows(StoredRows.Query.latestBatch, [.text(indicator)]).map(StoredRows.batch).first }
    }
}
