import KoersStore
import PostgresNIO

/// The PostgreSQL schema as the same named migrations as SQLite's (`SQLiteSchema`), recorded in `schema_migration`.
/// Migrations are only ever appended: a store created by an older Koers is brought up to date on open, never rebuilt.
///
/// Types: TEXT as text that sorts and compares by bytes (`COLLATE "C"`, added to every TEXT column by `migrate`),
/// as SQLite's BINARY collation does, so that every `ORDER BY` answers in the same order whatever the server's locale;
/// INTEGER as bigint, REAL as double precision (values round-trip bit for bit), the budget's
/// `approximate` as boolean. `import_batch.id` is given by the store as the largest id + 1, as SQLite gives a rowid,
/// so that a rolled-back or dropped batch leaves no gap (a sequence would).
enum PostgresSchema {
    static let migrations: [(name: String, statements: [String])] = [
        ("v1-foundation", referenceChecks + [
            "CREATE TABLE store_info (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
            """
            CREATE TABLE region (
                code TEXT PRIMARY KEY, level TEXT NOT NULL, name_nl TEXT NOT NULL, name_fr TEXT, name_en TEXT,
                nuts TEXT, parent_code TEXT, valid_from TEXT, valid_to TEXT)
            """,
            """
            CREATE TABLE region_member (
                region_code TEXT NOT NULL REFERENCES region(code), member_code TEXT NOT NULL REFERENCES region(code),
                position BIGINT NOT NULL, PRIMARY KEY (region_code, member_code))
            """,
            """
            CREATE TABLE region_succession (
                from_code TEXT NOT NULL REFERENCES region(code), to_code TEXT NOT NULL REFERENCES region(code),
                date TEXT NOT NULL, PRIMARY KEY (from_code, to_code))
            """,
            "CREATE TABLE organisation (id TEXT PRIMARY KEY, name_nl TEXT NOT NULL, name_en TEXT, name_fr TEXT, kind TEXT)",
            "CREATE TABLE funding_programme (id TEXT PRIMARY KEY, name_nl TEXT NOT NULL, name_en TEXT, name_fr TEXT)",
            """
            CREATE TABLE indicator (
                code TEXT PRIMARY KEY, name_nl TEXT NOT NULL, name_en TEXT, definition_nl TEXT, definition_en TEXT,
                unit TEXT NOT NULL, decimals BIGINT NOT NULL, direction TEXT NOT NULL, source TEXT, processing TEXT,
                frequency TEXT NOT NULL, aggregation TEXT NOT NULL, citation TEXT)
            """,
            """
            CREATE TABLE plan (
                id TEXT PRIMARY KEY, position BIGINT NOT NULL, title_nl TEXT NOT NULL, title_en TEXT,
                owner_id TEXT REFERENCES organisation(id), region_code TEXT NOT NULL REFERENCES region(code), period TEXT,
                document_title TEXT, document_file TEXT, document_publisher TEXT, document_date TEXT,
                summary_nl TEXT, summary_en TEXT)
            """,
            """
            CREATE TABLE plan_node (
                plan_id TEXT NOT NULL REFERENCES plan(id), code TEXT NOT NULL, parent_code TEXT, position BIGINT NOT NULL,
                kind TEXT NOT NULL, title_nl TEXT NOT NULL, title_en TEXT, summary_nl TEXT, summary_en TEXT, source TEXT,
                PRIMARY KEY (plan_id, code))
            """,
            """
            CREATE TABLE target (
                plan_id TEXT NOT NULL REFERENCES plan(id), code TEXT NOT NULL, node_code TEXT NOT NULL,
                parent_code TEXT, position BIGINT NOT NULL, text TEXT NOT NULL,
                indicator_code TEXT NOT NULL REFERENCES indicator(code), region_code TEXT NOT NULL REFERENCES region(code),
                breakdown TEXT NOT NULL, baseline_value DOUBLE PRECISION, baseline_period TEXT NOT NULL,
                goal_kind TEXT NOT NULL, goal_value DOUBLE PRECISION, goal_direction TEXT, goal_period TEXT NOT NULL,
                note_nl TEXT, note_en TEXT, source TEXT,
                PRIMARY KEY (plan_id, code))
            """,
            "CREATE INDEX target_indicator ON target(indicator_code, region_code)",
            """
            CREATE TABLE action (
                id TEXT PRIMARY KEY, plan_id TEXT NOT NULL REFERENCES plan(id), position BIGINT NOT NULL,
                node_code TEXT, title_nl TEXT NOT NULL, title_en TEXT, summary_nl TEXT, summary_en TEXT,
                lead_id TEXT REFERENCES organisation(id), participation BIGINT, period TEXT, status TEXT NOT NULL,
                source TEXT)
            """,
            """
            CREATE TABLE action_partner (
                action_id TEXT NOT NULL REFERENCES action(id), organisation_id TEXT NOT NULL REFERENCES organisation(id),
                position BIGINT NOT NULL, PRIMARY KEY (action_id, organisation_id))
            """,
            """
            CREATE TABLE budget_line (
                action_id TEXT NOT NULL REFERENCES action(id), position BIGINT NOT NULL, amount DOUBLE PRECISION NOT NULL,
                funding_id TEXT REFERENCES funding_programme(id), approximate BOOLEAN NOT NULL, note TEXT,
                PRIMARY KEY (action_id, position))
            """,
            """
            CREATE TABLE observation (
                indicator_code TEXT NOT NULL, region_code TEXT NOT NULL,
                period TEXT NOT NULL, period_start TEXT NOT NULL, breakdown TEXT NOT NULL, value DOUBLE PRECISION NOT NULL,
                flags TEXT NOT NULL, source TEXT NOT NULL, note TEXT,
                PRIMARY KEY (indicator_code, region_code, period, breakdown))
            """,
        ] + references(from: "indicator_code", to: "indicator", key: "code") + references(from: "region_code", to: "region", key: "code")),
        ("v2-import-batches", [
            """
            CREATE TABLE import_batch (
                id BIGINT PRIMARY KEY, file_name TEXT NOT NULL, sha256 TEXT NOT NULL, format TEXT NOT NULL,
                imported_at TEXT NOT NULL, rows_read BIGINT NOT NULL, new_count BIGINT NOT NULL,
                changed_count BIGINT NOT NULL, unchanged_count BIGINT NOT NULL)
            """,
            "ALTER TABLE observation ADD COLUMN batch_id BIGINT",
            """
            CREATE TABLE observation_revision (
                indicator_code TEXT NOT NULL, region_code TEXT NOT NULL, period TEXT NOT NULL, breakdown TEXT NOT NULL,
                value DOUBLE PRECISION NOT NULL, flags TEXT NOT NULL, source TEXT NOT NULL, note TEXT,
                batch_id BIGINT REFERENCES import_batch(id), superseded_by BIGINT NOT NULL REFERENCES import_batch(id))
            """,
            "CREATE INDEX observation_revision_key ON observation_revision(indicator_code, region_code, period, breakdown)",
        ] + references(from: "batch_id", to: "import_batch", key: "id")),
        ("v3-derivations", [
            "ALTER TABLE observation ADD COLUMN derivation TEXT NOT NULL DEFAULT ''",
            "ALTER TABLE indicator ADD COLUMN weight TEXT",
            "ALTER TABLE indicator ADD COLUMN formula TEXT",
            "CREATE INDEX observation_derivation ON observation(indicator_code, derivation)",
        ]),
        ("v4-observation-by-key", [
            // SQLite rebuilt the table around its key here; PostgreSQL's was keyed from the start. What stays the same:
            // the derivation index goes, covered by the key's indicator prefix.
            "DROP INDEX observation_derivation",
        ]),
        ("v5-open-sdg-settings", [
            // An Open SDG indicator's progress settings as JSON text: read and written whole, never queried by part.
            "ALTER TABLE indicator ADD COLUMN open_sdg TEXT",
        ]),
        ("v6-boundaries", [
            // Region outlines for maps, as imported GeoJSON geometry: read whole, never queried by part.
            """
            CREATE TABLE boundary (
                region_code TEXT PRIMARY KEY REFERENCES region(code) ON DELETE CASCADE,
                geometry TEXT NOT NULL, source TEXT NOT NULL)
            """,
        ]),
        ("v7-data-version", [
            // A counter every committed write increases: caches (in any number of app instances) compare it to know
            // whether what they hold is still what the store says.
            "CREATE TABLE data_version (id BIGINT PRIMARY KEY CHECK (id = 1), version BIGINT NOT NULL)",
            "INSERT INTO data_version (id, version) VALUES (1, 0)",
        ]),
        ("v8-period-settings", [
            // An indicator's period settings (what 2019-2020 is, where a period sits) as JSON; null for the defaults.
            "ALTER TABLE indicator ADD COLUMN periods TEXT",
        ]),
        ("v9-accounts", [
            // Accounts and the append-only audit trail, as in SQLite; the triggers refuse UPDATE and DELETE on audit
            // for every role, the owner included (the deployment docs also grant Koers's role no UPDATE or DELETE).
            """
            CREATE TABLE account (
                id BIGINT PRIMARY KEY, email TEXT NOT NULL UNIQUE, role TEXT NOT NULL, password_hash TEXT NOT NULL,
                disabled BOOLEAN NOT NULL, created_at TEXT NOT NULL)
            """,
            """
            CREATE TABLE account_organisation (
                account_id BIGINT NOT NULL REFERENCES account(id), organisation_id TEXT NOT NULL, position BIGINT NOT NULL,
                PRIMARY KEY (account_id, organisation_id))
            """,
            """
            CREATE TABLE audit (
                id BIGINT PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, kind TEXT NOT NULL, object TEXT NOT NULL,
                before TEXT, after TEXT, address TEXT, user_agent TEXT, note TEXT, batch_id BIGINT)
            """,
            "CREATE INDEX audit_by_object ON audit (object)",
            """
            CREATE TABLE session (
                id_hash TEXT PRIMARY KEY, account_id BIGINT NOT NULL REFERENCES account(id), csrf_token TEXT NOT NULL,
                created_at TEXT NOT NULL, last_seen_at TEXT NOT NULL, address TEXT, user_agent TEXT)
            """,
            """
            CREATE TABLE api_token (
                id BIGINT PRIMARY KEY, account_id BIGINT NOT NULL REFERENCES account(id), name TEXT NOT NULL,
                role TEXT NOT NULL, token_hash TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL, last_used_at TEXT,
                revoked_at TEXT)
            """,
            """
            CREATE FUNCTION audit_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'the audit trail is append-only'; END $$
            """,
            "CREATE TRIGGER audit_is_append_only BEFORE UPDATE OR DELETE ON audit FOR EACH STATEMENT EXECUTE FUNCTION audit_is_append_only()",
        ]),
        ("v10-sign-in-failures", [
            // Failed sign-ins for the brute-force guard, as in SQLite: bookkeeping, forgotten after a day; not dumped.
            "CREATE TABLE sign_in_failure (email TEXT NOT NULL, address TEXT, at TEXT NOT NULL)",
            "CREATE INDEX sign_in_failure_by_email ON sign_in_failure (email, at)",
            "CREATE INDEX sign_in_failure_by_address ON sign_in_failure (address, at)",
        ]),
        ("v11-second-factor", [
            // The second factor, as in SQLite: neither the TOTP secret nor the recovery codes are dumped.
            "ALTER TABLE account ADD COLUMN totp_secret TEXT",
            "ALTER TABLE account ADD COLUMN totp_last_step BIGINT",
            "ALTER TABLE session ADD COLUMN second_factor_pending BOOLEAN NOT NULL DEFAULT false",
            """
            CREATE TABLE recovery_code (
                account_id BIGINT NOT NULL REFERENCES account(id), code_hash TEXT NOT NULL, used_at TEXT,
                PRIMARY KEY (account_id, code_hash))
            """,
        ]),
        ("v12-action-updates", [
            // Owners' reports on actions, as in SQLite.
            """
            CREATE TABLE action_update (
                id BIGINT PRIMARY KEY, action_id TEXT NOT NULL, status TEXT NOT NULL, percent_done BIGINT, spent DOUBLE PRECISION,
                period TEXT NOT NULL, note TEXT, author TEXT NOT NULL, at TEXT NOT NULL)
            """,
            "CREATE INDEX action_update_by_action ON action_update (action_id, id)",
        ]),
        ("v13-action-targets", [
            // The targets an action serves, as in SQLite.
            """
            CREATE TABLE action_target (
                action_id TEXT NOT NULL REFERENCES action(id), position BIGINT NOT NULL, plan_id TEXT NOT NULL,
                target_code TEXT NOT NULL, source TEXT NOT NULL, PRIMARY KEY (action_id, position))
            """,
        ]),
        ("v14-report-approval", [
            // As in SQLite.
            "ALTER TABLE plan ADD COLUMN report_approval BOOLEAN NOT NULL DEFAULT false",
            "ALTER TABLE action_update ADD COLUMN approved_at TEXT",
            "ALTER TABLE action_update ADD COLUMN approved_by TEXT",
            "UPDATE action_update SET approved_at = at, approved_by = 'published at once'",
        ]),
        ("v15-drafts", [
            // As in SQLite.
            """
            CREATE TABLE draft (
                id BIGINT PRIMARY KEY, created_at TEXT NOT NULL, created_by TEXT NOT NULL, files TEXT NOT NULL,
                new_count BIGINT NOT NULL, changed_count BIGINT NOT NULL, unchanged_count BIGINT NOT NULL)
            """,
            """
            CREATE TABLE draft_value (
                draft_id BIGINT NOT NULL REFERENCES draft(id), file_index BIGINT NOT NULL, line BIGINT NOT NULL,
                col BIGINT NOT NULL, indicator_code TEXT NOT NULL, region_code TEXT NOT NULL, period TEXT NOT NULL,
                breakdown TEXT NOT NULL, value DOUBLE PRECISION NOT NULL, flags TEXT NOT NULL, source TEXT NOT NULL, note TEXT,
                PRIMARY KEY (draft_id, file_index, indicator_code, region_code, period, breakdown))
            """,
            "CREATE INDEX draft_value_by_indicator ON draft_value (indicator_code)",
            """
            CREATE TABLE draft_decision (
                draft_id BIGINT PRIMARY KEY REFERENCES draft(id), verdict TEXT NOT NULL, decided_by TEXT NOT NULL,
                decided_at TEXT NOT NULL, note TEXT)
            """,
        ]),
        ("v16-plan-lists", [
            // As in SQLite.
            "ALTER TABLE plan ADD COLUMN organisations TEXT NOT NULL DEFAULT '[]'",
            "ALTER TABLE plan ADD COLUMN funding_programmes TEXT NOT NULL DEFAULT '[]'",
        ]),
    ]

    // The observation table's references (SQLite's REFERENCES) are checked once per statement, over the distinct
    // codes it wrote, instead of by foreign keys. SQLite switches its foreign keys off during an import and checks
    // each distinct code once (`BatchWriter`); PostgreSQL's check every row (14 µs each here: 30 of the 37 seconds a
    // million rows took with three keys), and only a superuser may switch them off. Other tables keep foreign keys.

    /// The trigger functions: a written observation names a row that exists; a changed or removed row is named by
    /// no observation. Arguments: the observation's column, the table it names, that table's key.
    static let referenceChecks = [
        """
        CREATE FUNCTION observation_reference_exists() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE missing TEXT;
        BEGIN
            EXECUTE format('SELECT d.c::text FROM (SELECT DISTINCT %1$I AS c FROM written WHERE %1$I IS NOT NULL) d
                            WHERE NOT EXISTS (SELECT 1 FROM %2$I p WHERE p.%3$I = d.c) LIMIT 1',
                           TG_ARGV[0], TG_ARGV[1], TG_ARGV[2]) INTO missing;
            IF missing IS NOT NULL THEN
                RAISE foreign_key_violation USING MESSAGE = format('the %s %L is not in the store', TG_ARGV[1], missing);
            END IF;
            RETURN NULL;
        END $$
        """,
        """
        CREATE FUNCTION observation_reference_kept() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE missing TEXT;
        BEGIN
            EXECUTE format('SELECT g.%3$I::text FROM gone g WHERE NOT EXISTS (SELECT 1 FROM %2$I p WHERE p.%3$I = g.%3$I)
                            AND EXISTS (SELECT 1 FROM observation o WHERE o.%1$I = g.%3$I) LIMIT 1',
                           TG_ARGV[0], TG_ARGV[1], TG_ARGV[2]) INTO missing;
            IF missing IS NOT NULL THEN
                RAISE foreign_key_violation USING MESSAGE = format('the %s %L is still named by observations', TG_ARGV[1], missing);
            END IF;
            RETURN NULL;
        END $$
        """,
    ]

    /// The triggers that make `observation.column` reference `table(key)`; a trigger with transition tables serves
    /// one event.
    static func references(from column: String, to table: String, key: String) -> [String] {
        let arguments = "'\(column)', '\(table)', '\(key)'"
        return ["INSERT", "UPDATE"].map { event in
            """
            CREATE TRIGGER observation_\(column)_\(event.lowercased()) AFTER \(event) ON observation
                REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION observation_reference_exists(\(arguments))
            """
        } + ["DELETE", "UPDATE"].map { event in
            """
            CREATE TRIGGER \(table)_\(event.lowercased())_observation_\(column) AFTER \(event) ON \(table)
                REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION observation_reference_kept(\(arguments))
            """
        }
    }

    /// Applies the migrations the database lacks (up to and including `last`), in one transaction, holding a lock so
    /// that two Koers starting at once do not both migrate.
    static func migrate(_ connection: PostgresConnection, upTo last: String? = nil) async throws {
        try await connection.run("BEGIN")
        do {
            try await connection.run("SELECT pg_advisory_xact_lock(\(PostgresStore.writeLock))")
            try await connection.run("CREATE TABLE IF NOT EXISTS schema_migration (identifier TEXT PRIMARY KEY)")
            let applied = Set(try await appliedMigrations(connection))
            for migration in migrations {
                if !applied.contains(migration.name) {
                    for statement in migration.statements { try await connection.run(bytewise(statement)) }
                    try await connection.run(SQLStatement("INSERT INTO schema_migration (identifier) VALUES (?)", [.text(migration.name)]))
                }
                if migration.name == last { break }
            }
            try await connection.run("COMMIT")
        } catch {
            try? await connection.run("ROLLBACK")
            throw error
        }
    }

    /// Every TEXT column compared byte by byte.
    static func bytewise(_ statement: String) -> String {
        statement.replacing(/\bTEXT\b/, with: "TEXT COLLATE \"C\"")
    }

    /// The migrations applied, in the order they were defined.
    static func appliedMigrations(_ connection: PostgresConnection) async throws -> [String] {
        let applied = Set(try await connection.rows("SELECT identifier FROM schema_migration").compactMap { $0.text("identifier") })
        return migrations.map(\.name).filter(applied.contains)
    }
}
