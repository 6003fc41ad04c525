import Foundation
import GRDB
import KoersCore

/// Imports, history and indicator maintenance for the SQLite store.
extension SQLiteStore {
    public func saveIndicators(_ indicators: [Indicator]) async throws {
        try await writer.write { db in
            for i in indicators {
                try db.execute(sql: """
                    INSERT INTO indicator (code, name_nl, name_en, definition_nl, definition_en, unit, decimals, direction,
                                           source, processing, frequency, aggregation, citation, weight, formula)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (code) DO UPDATE SET name_nl = excluded.name_nl, name_en = excluded.name_en,
                        definition_nl = excluded.definition_nl, definition_en = excluded.definition_en, unit = excluded.unit,
                        decimals = excluded.decimals, direction = excluded.direction, source = excluded.source,
                        processing = excluded.processing, frequency = excluded.frequency,
                        aggregation = excluded.aggregation, citation = excluded.citation, weight = excluded.weight,
                        formula = excluded.formula
                    """, arguments: [i.code, i.name.nl, i.name.en, i.definition?.nl, i.definition?.en, i.unit.rawValue,
                                     i.decimals, i.direction.rawValue, i.source, i.processing, i.frequency.rawValue,
                                     i.aggregation.rawValue, i.citation, i.weight, i.formula])
            }
        }
    }

    public func importObservations(_ batches: [ImportBatch], dryRun: Bool,
                                   produce: @Sendable (_ index: Int, _ sink: ObservationSink) throws -> Void) async throws -> [ImportOutcome] {
        try await writer.writeWithoutTransaction { db in
            var outcomes: [ImportOutcome] = []
            try db.inTransaction {
                for (index, batch) in batches.enumerated() {
                    outcomes.append(try Self.importBatch(batch, index: index, dryRun: dryRun, db: db, produce: produce))
                }
                return dryRun ? .rollback : .commit
            }
            return outcomes
        }
    }

    /// One file's rows, inside the import's transaction.
    private static func importBatch(_ batch: ImportBatch, index: Int, dryRun: Bool, db: Database,
                                    produce: (_ index: Int, _ sink: ObservationSink) throws -> Void) throws -> ImportOutcome {
        var outcome = ImportOutcome()
        // Rows go to a staging table first: duplicates, conflicts and changes are then found by SQL, so memory
        // does not grow with the file.
        try db.execute(sql: """
            CREATE TEMP TABLE staged (
                seq INTEGER PRIMARY KEY, indicator_code TEXT NOT NULL, region_code TEXT NOT NULL, period TEXT NOT NULL,
                period_start TEXT NOT NULL, breakdown TEXT NOT NULL, value REAL NOT NULL, flags TEXT NOT NULL,
                source TEXT NOT NULL, note TEXT, line INTEGER NOT NULL, col INTEGER NOT NULL)
            """)
        let insert = try db.makeStatement(sql: """
            INSERT INTO staged (indicator_code, region_code, period, period_start, breakdown, value, flags, source, note, line, col)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        var rows = 0
        try produce(index) { o, location in
            rows += 1
            try insert.execute(arguments: [o.indicator, o.region, o.period.description, o.period.start.description,
                                           o.breakdown.key, o.value, SQLiteWriting.flags(o.flags), o.source, o.note,
                                           location.line, location.column])
        }
        try db.execute(sql: "CREATE INDEX temp.staged_key ON staged(indicator_code, region_code, period, breakdown)")
        try Self.refuseConflicts(db, file: batch.fileName)
        outcome.duplicates = try Self.duplicates(db, file: batch.fileName)
        outcome.duplicateCount = try Int.fetchOne(db, sql: """
            SELECT count(*) - count(DISTINCT indicator_code || '|' || region_code || '|' || period || '|' || breakdown) FROM staged
            """) ?? 0
        // One row per value: the first of each set of identical duplicates (the staged rows themselves when there are none).
        if outcome.duplicateCount == 0 {
            try db.execute(sql: "ALTER TABLE temp.staged RENAME TO incoming")
        } else {
            try db.execute(sql: """
                CREATE TEMP TABLE incoming AS SELECT * FROM staged WHERE seq IN (
                    SELECT min(seq) FROM staged GROUP BY indicator_code, region_code, period, breakdown);
                CREATE INDEX temp.incoming_key ON incoming(indicator_code, region_code, period, breakdown);
                DROP TABLE temp.staged;
                """)
        }
        let join = """
            FROM incoming i LEFT JOIN main.observation o ON o.indicator_code = i.indicator_code
                AND o.region_code = i.region_code AND o.period = i.period AND o.breakdown = i.breakdown AND o.derivation = ''
            """
        // New, unchanged and changed in one pass over the incoming rows.
        let counts = try Row.fetchOne(db, sql: """
            SELECT count(*) FILTER (WHERE o.value IS NULL), count(*) FILTER (WHERE o.value = i.value AND o.flags = i.flags),
                   count(*) FILTER (WHERE o.value IS NOT NULL AND (o.value <> i.value OR o.flags <> i.flags)) \(join)
            """)!
        (outcome.new, outcome.unchanged, outcome.changed) = (counts[0], counts[1], counts[2])

        if !dryRun && outcome.new + outcome.changed > 0 {
            try db.execute(sql: """
                INSERT INTO import_batch (file_name, sha256, format, imported_at, rows_read, new_count, changed_count, unchanged_count)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [batch.fileName, batch.sha256, batch.format, batch.importedAt, rows, outcome.new,
                                 outcome.changed, outcome.unchanged])
            let id = db.lastInsertedRowID
            outcome.batchID = id
            // The values being replaced are kept as revisions.
            try db.execute(sql: """
                INSERT INTO observation_revision (indicator_code, region_code, period, breakdown, value, flags, source, note,
                                                  batch_id, superseded_by)
                SELECT o.indicator_code, o.region_code, o.period, o.breakdown, o.value, o.flags, o.source, o.note, o.batch_id, ?
                \(join) WHERE o.value IS NOT NULL AND (o.value <> i.value OR o.flags <> i.flags)
                """, arguments: [id])
            try db.execute(sql: """
                INSERT INTO main.observation (indicator_code, region_code, period, period_start, breakdown, value, flags,
                                              source, note, batch_id)
                SELECT i.indicator_code, i.region_code, i.period, i.period_start, i.breakdown, i.value, i.flags, i.source,
                       i.note, ? \(join) WHERE o.value IS NULL OR o.value <> i.value OR o.flags <> i.flags
                ON CONFLICT (indicator_code, region_code, period, breakdown) DO UPDATE SET value = excluded.value,
                    flags = excluded.flags, source = excluded.source, note = excluded.note, batch_id = excluded.batch_id,
                derivation = ''
                """, arguments: [id])
        }
        try db.execute(sql: "DROP TABLE temp.incoming")
        return outcome
    }

    /// Throws `ImportConflicts` when rows give one value different numbers (or flags), naming the lines.
    static func refuseConflicts(_ db: Database, file: String) throws {
        let keys = """
            SELECT indicator_code, region_code, period, breakdown FROM staged
            GROUP BY indicator_code, region_code, period, breakdown HAVING count(DISTINCT value || '|' || flags) > 1
            """
        let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM (\(keys))") ?? 0
        guard total > 0 else { return }
        var diagnostics: [Diagnostic] = []
        for key in try Row.fetchAll(db, sql: keys + " LIMIT 50") {
            let rows = try Row.fetchAll(db, sql: """
                SELECT line, col, value FROM staged WHERE indicator_code = ? AND region_code = ? AND period = ? AND breakdown = ?
                ORDER BY seq
                """, arguments: [key[0], key[1], key[2], key[3]])
            let first = rows[0]
            let others = rows.dropFirst().map { "line \($0["line"] as Int) says \(($0["value"] as Double).shortDescription)" }
            let what = "\(key[0] as String) \(key[1] as String) \(key[2] as String)" + ((key[3] as String).isEmpty ? "" : " (\(key[3] as String))")
            diagnostics.append(Diagnostic(file: file, line: first["line"], column: first["col"], message:
                "conflicting duplicate: \(what) is \((first["value"] as Double).shortDescription) here but \(others.joined(separator: ", "))"))
        }
        throw ImportConflicts(diagnostics: diagnostics, total: total)
    }

    /// Sets of identical rows, reported with the lines that repeat the first (up to 50).
    static func duplicates(_ db: Database, file: String) throws -> [Diagnostic] {
        try Row.fetchAll(db, sql: """
            SELECT s.line, s.col, s.indicator_code, s.region_code, s.period, f.line AS first_line FROM staged s
            JOIN (SELECT min(seq) AS seq, indicator_code, region_code, period, breakdown FROM staged
                  GROUP BY indicator_code, region_code, period, breakdown HAVING count(*) > 1) g
              ON s.indicator_code = g.indicator_code AND s.region_code = g.region_code AND s.period = g.period
                 AND s.breakdown = g.breakdown AND s.seq <> g.seq
            JOIN staged f ON f.seq = g.seq
            ORDER BY s.seq LIMIT 50
            """).map { row in
            Diagnostic(file: file, line: row["line"], column: row["col"], message:
                "duplicate of line \(row["first_line"] as Int) (\(row["indicator_code"] as String) \(row["region_code"] as String) \(row["period"] as String), same value): counted once")
        }
    }

    public func replaceDerived(indicator: String, with observations: [Observation]) async throws {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM observation WHERE indicator_code = ? AND derivation <> ''", arguments: [indicator])
            for o in observations { try SQLiteWriting.insert(o, into: db) }
        }
    }

    public func history(indicator: String, region: String, period: Period, breakdown: Breakdown) async throws -> [ObservationVersion] {
        try await writer.read { db in
            let arguments: StatementArguments = [indicator, region, period.description, breakdown.key]
            let batches = Dictionary(uniqueKeysWithValues: try SQLiteReading.batches(db).map { ($0.id!, $0) })
            let revisions = try Row.fetchAll(db, sql: """
                SELECT * FROM observation_revision WHERE indicator_code = ? AND region_code = ? AND period = ? AND breakdown = ?
                ORDER BY rowid
                """, arguments: arguments).map { row in
                ObservationVersion(observation: SQLiteReading.observation(row), batch: (row["batch_id"] as Int64?).flatMap { batches[$0] },
                                   supersededBy: row["superseded_by"])
            }
            let current = try Row.fetchOne(db, sql: """
                SELECT * FROM observation WHERE indicator_code = ? AND region_code = ? AND period = ? AND breakdown = ?
                """, arguments: arguments).map { row in
                ObservationVersion(observation: SQLiteReading.observation(row), batch: (row["batch_id"] as Int64?).flatMap { batches[$0] },
                                   supersededBy: nil)
            }
            return revisions + (current.map { [$0] } ?? [])
        }
    }

    public func batches() async throws -> [ImportBatch] {
        try await writer.read { try SQLiteReading.batches($0).reversed() }
    }
}

extension Double {
    /// 75.4, 7719: Swift's shortest round-tripping form without a trailing ".0".
    var shortDescription: String {
        self == rounded() && abs(self) < 1e15 ? String(Int64(self)) : String(self)
    }
}
