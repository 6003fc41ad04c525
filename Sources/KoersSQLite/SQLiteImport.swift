import Foundation
import GRDB
import KoersCore
import KoersStore

/// Imports, history and indicator maintenance for the SQLite store.
extension SQLiteStore {
    public func saveIndicators(_ indicators: [Indicator]) async throws {
        try await writer.write { db in
            try SQLiteWriting.run(StoreStatements.saveIndicators(indicators), in: db)
            try SQLiteSchema.bumpDataVersion(db)
        }
    }

    public func saveRegions(_ regions: [Region]) async throws {
        try await writer.write { db in
            try SQLiteWriting.run(StoreStatements.saveRegions(regions), in: db)
            try SQLiteSchema.bumpDataVersion(db)
        }
    }

    public func importObservations(_ batches: [ImportBatch], adding additions: CatalogueAdditions, dryRun: Bool, finishing: [SQLStatement],
                                   produce: @escaping @Sendable (_ index: Int, _ sink: ObservationSink) throws -> Void) async throws -> [ImportOutcome] {
        try await writer.writeWithoutTransaction { db in
            var outcomes: [ImportOutcome] = []
            // SQLite's foreign-key checks would look up the indicator, region and batch of every row (40 % of the
            // writing time); the writer checks each distinct code once instead (`BatchWriter.checkReferences`).
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            defer { try? db.execute(sql: "PRAGMA foreign_keys = ON") }
            try db.inTransaction {
                try SQLiteWriting.run(StoreStatements.upsert(additions.indicators, regions: additions.regions), in: db)
                for (index, batch) in batches.enumerated() {
                    outcomes.append(try Self.importBatch(batch, index: index, dryRun: dryRun, db: db, produce: produce))
                }
                if !dryRun { try SQLiteWriting.run(finishing, in: db) }
                try SQLiteSchema.bumpDataVersion(db)
                return dryRun ? .rollback : .commit
            }
            return outcomes
        }
    }

    /// One file's rows, inside the import's transaction.
    private static func importBatch(_ batch: ImportBatch, index: Int, dryRun: Bool, db: Database,
                                    produce: @escaping @Sendable (_ index: Int, _ sink: ObservationSink) throws -> Void) throws -> ImportOutcome {
        // The batch is recorded first so that each row written can name it; it is dropped again if nothing changed.
        try db.execute(sql: """
            INSERT INTO import_batch (file_name, sha256, format, imported_at, rows_read, new_count, changed_count, unchanged_count)
            VALUES (?, ?, ?, ?, 0, 0, 0, 0)
            """, arguments: [batch.fileName, batch.sha256, batch.format, batch.importedAt])
        var writer = try BatchWriter(db, batchID: db.lastInsertedRowID)
        try ObservationPipe.run(produce: { sink in try produce(index, sink) }, consume: { o, location in try writer.add(o, at: location) })
        try writer.flush()
        try writer.checkReferences(db)
        var outcome = writer.outcome
        if !writer.repeats.isEmpty {
            var report = RepeatReport(keys: writer.repeats.map(\.key))
            try produce(index) { o, location in report.add(o, at: location) }
            outcome.duplicates = try report.duplicatesOrConflicts(writer.repeats, conflictCount: writer.conflictCount)
        }
        try SQLiteWriting.run(StoreStatements.finish(batch: writer.batchID, batch, rowsRead: writer.rows, outcome: &outcome, dryRun: dryRun), in: db)
        return outcome
    }

    public func replaceDerived(indicator: String, with observations: [Observation]) async throws {
        try await writer.write { db in
            try SQLiteWriting.run([StoreStatements.deleteDerived(indicator: indicator)] + StoreStatements.insert(observations), in: db)
            try SQLiteSchema.bumpDataVersion(db)
        }
    }

    public func history(indicator: String, region: String, period: Period, breakdown: Breakdown) async throws -> [ObservationVersion] {
        try await writer.read { db in
            let key: [SQLValue] = [.text(indicator), .text(region), .text(period.description), .text(breakdown.key)]
            let batches = Dictionary(uniqueKeysWithValues: try SQLiteReading.batches(db).map { ($0.id!, $0) })
            let revisions = try SQLiteReading.rows(db, """
                SELECT * FROM observation_revision WHERE indicator_code = ? AND region_code = ? AND period = ? AND breakdown = ?
                ORDER BY rowid
                """, key)
            let current = try SQLiteReading.rows(db, StoredRows.Query.currentVersion, key)
            return (revisions + current).map { StoredRows.version($0, batches: batches) }
        }
    }

    public func batches() async throws -> [ImportBatch] {
        try await writer.read { try SQLiteReading.batches($0).reversed() }
    }

    public func latestBatch(indicator: String) async throws -> ImportBatch? {
        try await writer.read { db in
            try SQLiteReading.rows(db, StoredRows.Query.latestBatch, [.text(indicator)]).map(StoredRows.batch).first
        }
    }
}
