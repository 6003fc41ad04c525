import GRDB
import KoersCore
import KoersStore

/// Writes one file's observations straight into the observation table, inside the import's transaction, and sorts
/// every row into new, changed, unchanged, duplicate or conflicting as it goes.
///
/// New values go in by statements of 64 rows: SQLite's cost per statement (binding aside) is several times its
/// cost per row. A statement that meets a stored key fails as a whole and changes nothing; its rows are then taken
/// one by one, and only a key that is already stored is looked at again. Memory does not grow with the file: the table itself remembers which keys this file has written (their
/// `batch_id`), and a small temporary table the keys it found unchanged. Lines of the first occurrence of a
/// duplicate are not kept; `firstLines` finds them in a second reading when there is something to report.
struct BatchWriter {
    let batchID: Int64
    private(set) var outcome = ImportOutcome()
    private(set) var rows = 0
    /// Duplicate and conflicting rows (up to `RepeatReport.limit` of each), to report with the line they repeat.
    private(set) var repeats: [Repeat] = []
    private(set) var conflictCount = 0

    private let insert: RawStatement
    private let insertMany: RawStatement
    private var pending: [(row: Row, location: Location)] = []
    private static let rowsPerStatement = 64
    private let lookup: RawStatement
    private let markSeen: RawStatement
    private let keepRevision: RawStatement
    private let update: RawStatement
    /// The indicators and regions written, checked once at the end instead of SQLite checking every row.
    private var named = NamedCodes()
    /// Text forms of periods: a file has few distinct periods and millions of rows.
    private var periodTexts: [Period: (period: String, start: String)] = [:]

    typealias Repeat = RepeatReport.Repeat

    init(_ db: Database, batchID: Int64) throws {
        self.batchID = batchID
        try db.execute(sql: """
            CREATE TEMP TABLE IF NOT EXISTS seen_unchanged (
                indicator_code TEXT NOT NULL, region_code TEXT NOT NULL, period TEXT NOT NULL, breakdown TEXT NOT NULL,
                PRIMARY KEY (indicator_code, region_code, period, breakdown)) WITHOUT ROWID;
            DELETE FROM temp.seen_unchanged;
            """)
        let key = "indicator_code = ?1 AND region_code = ?2 AND period = ?3 AND breakdown = ?4"
        let columns = "indicator_code, region_code, period, breakdown, period_start, value, flags, source, note, batch_id"
        insert = try RawStatement(db, """
            INSERT INTO main.observation (\(columns)) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) ON CONFLICT DO NOTHING
            """)
        insertMany = try RawStatement(db, "INSERT INTO main.observation (\(columns)) VALUES "
            + Array(repeating: "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", count: Self.rowsPerStatement).joined(separator: ", "))
        lookup = try RawStatement(db, "SELECT value, flags, batch_id, derivation FROM main.observation WHERE \(key)")
        markSeen = try RawStatement(db, """
            INSERT INTO temp.seen_unchanged (indicator_code, region_code, period, breakdown) VALUES (?1, ?2, ?3, ?4)
            ON CONFLICT DO NOTHING
            """)
        keepRevision = try RawStatement(db, """
            INSERT INTO observation_revision (indicator_code, region_code, period, breakdown, value, flags, source, note,
                                              batch_id, superseded_by)
            SELECT indicator_code, region_code, period, breakdown, value, flags, source, note, batch_id, ?10
            FROM main.observation WHERE \(key)
            """)
        update = try RawStatement(db, """
            UPDATE main.observation SET period_start = ?5, value = ?6, flags = ?7, source = ?8, note = ?9, batch_id = ?10,
                derivation = '' WHERE \(key)
            """)
    }

    mutating func add(_ o: Observation, at location: Location) throws {
        rows += 1
        named.add(o)
        let period: (period: String, start: String)
        if let known = periodTexts[o.period] { period = known } else {
            period = (o.period.description, o.period.start.description)
            periodTexts[o.period] = period
        }
        pending.append((Row(observation: o, period: period.period, start: period.start, breakdown: o.breakdown.key,
                            flags: StoreStatements.flags(o.flags)), location))
        if pending.count == Self.rowsPerStatement { try flush() }
    }

    /// Writes the rows still waiting; call once after the last `add`.
    mutating func flush() throws {
        defer { pending.removeAll(keepingCapacity: true) }
        if pending.count == Self.rowsPerStatement {
            for (i, p) in pending.enumerated() {
                p.row.bindKey(insertMany, offset: Int32(i * 10))
                p.row.bindValues(insertMany, offset: Int32(i * 10), batch: batchID)
            }
            if try insertMany.runUnlessConstraintFails() {
                outcome.new += pending.count
                return
            }
        }
        for p in pending { try addOne(p.row, at: p.location) }
    }

    /// Throws when a row names an indicator or region the store does not have (removed since the file was validated).
    func checkReferences(_ db: Database) throws {
        try named.check(knownIndicators: Set(String.fetchAll(db, sql: "SELECT code FROM indicator")),
                        knownRegions: Set(String.fetchAll(db, sql: "SELECT code FROM region")))
    }

    private mutating func addOne(_ row: Row, at location: Location) throws {
        let o = row.observation
        row.bindKey(insert)
        row.bindValues(insert, batch: batchID)
        if try insert.run() == 1 {
            outcome.new += 1
            return
        }
        row.bindKey(lookup)
        guard let stored = try lookup.first({ ($0.double(0), $0.text(1), $0.int64(2), $0.text(3)) }) else {
            preconditionFailure("a key that conflicts on insert is stored")
        }
        let same = stored.0 == o.value && stored.1 == row.flags
        row.bindKey(update)
        row.bindValues(update, batch: batchID)
        row.bindKey(markSeen)
        if !stored.3.isEmpty {
            // An imported value replaces one Koers derived; derived values are recomputed, not revised.
            try update.run()
            outcome.new += 1
        } else if try stored.2 == batchID || markSeen.run() == 0 {
            // This file gave the key before: written by this batch, or found unchanged earlier in the file.
            note(Repeat(key: o.key, location: location, value: o.value, conflicting: !same))
        } else if same {
            outcome.unchanged += 1
        } else {
            row.bindKey(keepRevision)
            keepRevision.bind(10, batchID)
            try keepRevision.run()
            try update.run()
            outcome.changed += 1
        }
    }

    /// One observation's columns as stored, bound by position (?1–?4 the key, ?5–?10 the rest).
    private struct Row {
        var observation: Observation
        var period: String
        var start: String
        var breakdown: String
        var flags: String

        func bindKey(_ statement: RawStatement, offset: Int32 = 0) {
            statement.bind(offset + 1, observation.indicator)
            statement.bind(offset + 2, observation.region)
            statement.bind(offset + 3, period)
            statement.bind(offset + 4, breakdown)
        }

        func bindValues(_ statement: RawStatement, offset: Int32 = 0, batch: Int64) {
            statement.bind(offset + 5, start)
            statement.bind(offset + 6, observation.value)
            statement.bind(offset + 7, flags)
            statement.bind(offset + 8, observation.source)
            statement.bind(offset + 9, observation.note)
            statement.bind(offset + 10, batch)
        }
    }

    private mutating func note(_ r: Repeat) {
        if r.conflicting { conflictCount += 1 } else { outcome.duplicateCount += 1 }
        if repeats.filter({ $0.conflicting == r.conflicting }).count < RepeatReport.limit { repeats.append(r) }
    }
}
