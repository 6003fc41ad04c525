import KoersCore
import KoersStore
import PostgresNIO

/// One file's rows, inside the import's transaction, in four set-based steps instead of a statement per row:
///
/// 1. COPY every row into a temporary table, numbered in file order (the file is read on a thread of its own while
///    the previous chunk is sent);
/// 2. keep each key's first row, and join it to the stored value: new, replacing a derived value, unchanged or changed;
/// 3. the other rows of a key are its duplicates (same value and flags as the first) or conflicts;
/// 4. keep changed values as revisions, update them, insert the new ones.
///
/// The outcome, the reports and what is stored are SQLite's (`BatchWriter`), row for row.
enum PostgresBatchImport {
    static func run(_ batch: ImportBatch, dryRun: Bool, connection c: PostgresConnection,
                    produce: @escaping @Sendable (_ sink: ObservationSink) throws -> Void) async throws -> ImportOutcome {
        // The batch is recorded first so that each row written can name it; it is dropped again if nothing changed.
        let batchID = try await c.rows("""
            INSERT INTO import_batch (id, file_name, sha256, format, imported_at, rows_read, new_count, changed_count, unchanged_count)
            SELECT coalesce(max(id), 0) + 1, ?, ?, ?, ?, 0, 0, 0, 0 FROM import_batch RETURNING id
            """, [.text(batch.fileName), .text(batch.sha256), .text(batch.format), .text(batch.importedAt)])[0].integer("id")!

        try await c.run(CopyRows.create)
        try await c.run("TRUNCATE import_row")
        var rows = CopyRows()
        try await c.copyFrom(table: CopyRows.table, columns: CopyRows.columns, logger: postgresLogger) { writer in
            try await ObservationPipe.run(produce: produce) { chunk in try await writer.write(rows.encode(chunk)) }
        }
        try rows.named.check(knownIndicators: try await codes(of: "indicator", c), knownRegions: try await codes(of: "region", c))
        // Temporary tables have no statistics until asked; without them the planner guesses a handful of rows.
        try await c.run("ANALYZE import_row")

        var outcome = try await classify(c)
        let keys = outcome.new + outcome.changed + outcome.unchanged
        if keys < rows.count {
            let (repeats, conflictCount) = try await repeats(c, files: rows.files)
            outcome.duplicateCount = rows.count - keys - conflictCount
            var report = RepeatReport(keys: repeats.map(\.key))
            try await ObservationPipe.run(produce: produce) { chunk in
                for (o, location) in chunk { report.add(o, at: location) }
            }
            outcome.duplicates = try report.duplicatesOrConflicts(repeats, conflictCount: conflictCount)
        }
        try await store(c, batch: batchID)
        let finish = StoreStatements.finish(batch: batchID, batch, rowsRead: rows.count, outcome: &outcome, dryRun: dryRun)
        // A dry run is rolled back whole. Its rows may still name the batch, which SQLite (foreign keys off during an
        // import) can drop first and PostgreSQL cannot.
        if !dryRun { try await c.run(finish) }
        return outcome
    }

    private static func codes(of table: String, _ c: PostgresConnection) async throws -> Set<String> {
        Set(try await c.rows("SELECT code FROM \(table)").compactMap { $0.text("code") })
    }

    /// Step 2: `import_key`, each key's first row with what the store has for it.
    private static func classify(_ c: PostgresConnection) async throws -> ImportOutcome {
        try await c.run("DROP TABLE IF EXISTS import_key")
        try await c.run("""
            CREATE TEMP TABLE import_key ON COMMIT DROP AS
            SELECT f.*, CASE WHEN o.indicator_code IS NULL THEN 'new'
                             WHEN o.derivation <> '' THEN 'replaces-derived'
                             WHEN o.value = f.value AND o.flags = f.flags THEN 'unchanged'
                             ELSE 'changed' END AS status
            FROM (SELECT DISTINCT ON (indicator_code, region_code, period, breakdown) * FROM import_row
                  ORDER BY indicator_code, region_code, period, breakdown, seq) f
            LEFT JOIN observation o USING (indicator_code, region_code, period, breakdown)
            """)
        try await c.run("ANALYZE import_key")
        var outcome = ImportOutcome()
        for row in try await c.rows("SELECT status, count(*) AS n FROM import_key GROUP BY status") {
            let n = Int(row.integer("n")!)
            switch row.text("status")! {
            // An imported value replaces one Koers derived; derived values are recomputed, not revised.
            case "new", "replaces-derived": outcome.new += n
            case "unchanged": outcome.unchanged = n
            default: outcome.changed = n
            }
        }
        return outcome
    }

    /// Step 3: the first `RepeatReport.limit` duplicate and conflicting rows in file order, and how many conflict.
    private static func repeats(_ c: PostgresConnection, files: [String]) async throws -> (repeats: [RepeatReport.Repeat], conflicts: Int) {
        let rows = try await c.rows("""
            SELECT * FROM (
                SELECT r.*, count(*) OVER (PARTITION BY conflicting) AS total,
                       row_number() OVER (PARTITION BY conflicting ORDER BY seq) AS n
                FROM (SELECT r.indicator_code, r.region_code, r.period, r.breakdown, r.value, r.seq, r.file, r.line, r.col,
                             r.value <> k.value OR r.flags <> k.flags AS conflicting
                      FROM import_row r JOIN import_key k USING (indicator_code, region_code, period, breakdown)
                      WHERE r.seq <> k.seq) r) numbered
            WHERE n <= ? ORDER BY seq
            """, [.int(RepeatReport.limit)])
        var conflicts = 0
        let repeats = rows.map { row in
            let conflicting = row.bool("conflicting")!
            if conflicting { conflicts = Int(row.integer("total")!) }
            let key = Observation(indicator: row.text("indicator_code")!, region: row.text("region_code")!,
                                  period: Period(row.text("period")!)!, breakdown: Breakdown(key: row.text("breakdown")!) ?? Breakdown(),
                                  value: 0, source: "").key
            return RepeatReport.Repeat(key: key, location: Location(file: files[Int(row.integer("file")!)], line: Int(row.integer("line")!),
                                                                    column: Int(row.integer("col")!)),
                                       value: row.double("value")!, conflicting: conflicting)
        }
        return (repeats, conflicts)
    }

    /// Step 4.
    private static func store(_ c: PostgresConnection, batch: Int64) async throws {
        let key = "o.indicator_code = k.indicator_code AND o.region_code = k.region_code AND o.period = k.period AND o.breakdown = k.breakdown"
        try await c.run(SQLStatement("""
            INSERT INTO observation_revision (indicator_code, region_code, period, breakdown, value, flags, source, note,
                                              batch_id, superseded_by)
            SELECT o.indicator_code, o.region_code, o.period, o.breakdown, o.value, o.flags, o.source, o.note, o.batch_id, ?
            FROM observation o JOIN import_key k ON \(key) WHERE k.status = 'changed'
            """, [.integer(batch)]))
        try await c.run(SQLStatement("""
            UPDATE observation o SET period_start = k.period_start, value = k.value, flags = k.flags, source = k.source,
                note = k.note, batch_id = ?, derivation = ''
            FROM import_key k WHERE \(key) AND k.status IN ('changed', 'replaces-derived')
            """, [.integer(batch)]))
        try await c.run(SQLStatement("""
            INSERT INTO observation (indicator_code, region_code, period, period_start, breakdown, value, flags, source, note, batch_id)
            SELECT indicator_code, region_code, period, period_start, breakdown, value, flags, source, note, ?
            FROM import_key WHERE status = 'new'
            """, [.integer(batch)]))
    }
}
