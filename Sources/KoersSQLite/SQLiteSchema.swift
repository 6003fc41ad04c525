import GRDB
import KoersStore

/// The SQLite schema as named migrations. Migrations are only ever appended: a store created by an older Koers is
/// brought up to date on open, never rebuilt.
enum SQLiteSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-foundation") { db in
            try db.execute(sql: """
                CREATE TABLE store_info (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                CREATE TABLE region (
                    code TEXT PRIMARY KEY, level TEXT NOT NULL, name_nl TEXT NOT NULL, name_fr TEXT, name_en TEXT,
                    nuts TEXT, parent_code TEXT, valid_from TEXT, valid_to TEXT);
                CREATE TABLE region_member (
                    region_code TEXT NOT NULL REFERENCES region(code), member_code TEXT NOT NULL REFERENCES region(code),
                    position INTEGER NOT NULL, PRIMARY KEY (region_code, member_code));
                CREATE TABLE region_succession (
                    from_code TEXT NOT NULL REFERENCES region(code), to_code TEXT NOT NULL REFERENCES region(code),
                    date TEXT NOT NULL, PRIMARY KEY (from_code, to_code));
                CREATE TABLE organisation (id TEXT PRIMARY KEY, name_nl TEXT NOT NULL, name_en TEXT, name_fr TEXT, kind TEXT);
                CREATE TABLE funding_programme (id TEXT PRIMARY KEY, name_nl TEXT NOT NULL, name_en TEXT, name_fr TEXT);
                CREATE TABLE indicator (
                    code TEXT PRIMARY KEY, name_nl TEXT NOT NULL, name_en TEXT, definition_nl TEXT, definition_en TEXT,
                    unit TEXT NOT NULL, decimals INTEGER NOT NULL, direction TEXT NOT NULL, source TEXT, processing TEXT,
                    frequency TEXT NOT NULL, aggregation TEXT NOT NULL, citation TEXT);
                CREATE TABLE plan (
                    id TEXT PRIMARY KEY, position INTEGER NOT NULL, title_nl TEXT NOT NULL, title_en TEXT,
                    owner_id TEXT REFERENCES organisation(id), region_code TEXT NOT NULL REFERENCES region(code), period TEXT,
                    document_title TEXT, document_file TEXT, document_publisher TEXT, document_date TEXT,
                    summary_nl TEXT, summary_en TEXT);
                CREATE TABLE plan_node (
                    plan_id TEXT NOT NULL REFERENCES plan(id), code TEXT NOT NULL, parent_code TEXT, position INTEGER NOT NULL,
                    kind TEXT NOT NULL, title_nl TEXT NOT NULL, title_en TEXT, summary_nl TEXT, summary_en TEXT, source TEXT,
                    PRIMARY KEY (plan_id, code));
                CREATE TABLE target (
                    plan_id TEXT NOT NULL REFERENCES plan(id), code TEXT NOT NULL, node_code TEXT NOT NULL,
                    parent_code TEXT, position INTEGER NOT NULL, text TEXT NOT NULL,
                    indicator_code TEXT NOT NULL REFERENCES indicator(code), region_code TEXT NOT NULL REFERENCES region(code),
                    breakdown TEXT NOT NULL, baseline_value REAL, baseline_period TEXT NOT NULL,
                    goal_kind TEXT NOT NULL, goal_value REAL, goal_direction TEXT, goal_period TEXT NOT NULL,
                    note_nl TEXT, note_en TEXT, source TEXT,
                    PRIMARY KEY (plan_id, code));
                CREATE INDEX target_indicator ON target(indicator_code, region_code);
                CREATE TABLE action (
                    id TEXT PRIMARY KEY, plan_id TEXT NOT NULL REFERENCES plan(id), position INTEGER NOT NULL,
                    node_code TEXT, title_nl TEXT NOT NULL, title_en TEXT, summary_nl TEXT, summary_en TEXT,
                    lead_id TEXT REFERENCES organisation(id), participation INTEGER, period TEXT, status TEXT NOT NULL,
                    source TEXT);
                CREATE TABLE action_partner (
                    action_id TEXT NOT NULL REFERENCES action(id), organisation_id TEXT NOT NULL REFERENCES organisation(id),
                    position INTEGER NOT NULL, PRIMARY KEY (action_id, organisation_id));
                CREATE TABLE budget_line (
                    action_id TEXT NOT NULL REFERENCES action(id), position INTEGER NOT NULL, amount REAL NOT NULL,
                    funding_id TEXT REFERENCES funding_programme(id), approximate INTEGER NOT NULL, note TEXT,
                    PRIMARY KEY (action_id, position));
                CREATE TABLE observation (
                    indicator_code TEXT NOT NULL REFERENCES indicator(code), region_code TEXT NOT NULL REFERENCES region(code),
                    period TEXT NOT NULL, period_start TEXT NOT NULL, breakdown TEXT NOT NULL, value REAL NOT NULL,
                    flags TEXT NOT NULL, source TEXT NOT NULL, note TEXT,
                    PRIMARY KEY (indicator_code, region_code, period, breakdown));
                """)
        }
        migrator.registerMigration("v2-import-batches") { db in
            try db.execute(sql: """
                CREATE TABLE import_batch (
                    id INTEGER PRIMARY KEY, file_name TEXT NOT NULL, sha256 TEXT NOT NULL, format TEXT NOT NULL,
                    imported_at TEXT NOT NULL, rows_read INTEGER NOT NULL, new_count INTEGER NOT NULL,
                    changed_count INTEGER NOT NULL, unchanged_count INTEGER NOT NULL);
                ALTER TABLE observation ADD COLUMN batch_id INTEGER REFERENCES import_batch(id);
                CREATE TABLE observation_revision (
                    indicator_code TEXT NOT NULL, region_code TEXT NOT NULL, period TEXT NOT NULL, breakdown TEXT NOT NULL,
                    value REAL NOT NULL, flags TEXT NOT NULL, source TEXT NOT NULL, note TEXT,
                    batch_id INTEGER REFERENCES import_batch(id), superseded_by INTEGER NOT NULL REFERENCES import_batch(id));
                CREATE INDEX observation_revision_key ON observation_revision(indicator_code, region_code, period, breakdown);
                """)
        }
        migrator.registerMigration("v3-derivations") { db in
            try db.execute(sql: """
                ALTER TABLE observation ADD COLUMN derivation TEXT NOT NULL DEFAULT '';
                ALTER TABLE indicator ADD COLUMN weight TEXT;
                ALTER TABLE indicator ADD COLUMN formula TEXT;
                CREATE INDEX observation_derivation ON observation(indicator_code, derivation);
                """)
        }
        migrator.registerMigration("v4-observation-by-key") { db in
            // One B-tree keyed by the observation's identity instead of a rowid table plus two indexes: each imported
            // value is written once. The derivation index is covered by the key's indicator prefix.
            try db.execute(sql: """
                CREATE TABLE observation_by_key (
                    indicator_code TEXT NOT NULL REFERENCES indicator(code), region_code TEXT NOT NULL REFERENCES region(code),
                    period TEXT NOT NULL, period_start TEXT NOT NULL, breakdown TEXT NOT NULL, value REAL NOT NULL,
                    flags TEXT NOT NULL, source TEXT NOT NULL, note TEXT, batch_id INTEGER REFERENCES import_batch(id),
                    derivation TEXT NOT NULL DEFAULT '',
                    PRIMARY KEY (indicator_code, region_code, period, breakdown)) WITHOUT ROWID;
                INSERT INTO observation_by_key (indicator_code, region_code, period, period_start, breakdown, value, flags,
                                                source, note, batch_id, derivation)
                    SELECT indicator_code, region_code, period, period_start, breakdown, value, flags, source, note, batch_id,
                           derivation FROM observation;
                DROP TABLE observation;
                ALTER TABLE observation_by_key RENAME TO observation;
                """)
        }
        migrator.registerMigration("v5-open-sdg-settings") { db in
            // An Open SDG indicator's progress settings as JSON: read and written whole, never queried by part.
            try db.execute(sql: "ALTER TABLE indicator ADD COLUMN open_sdg TEXT")
        }
        migrator.registerMigration("v6-boundaries") { db in
            // Region outlines for maps, as imported GeoJSON geometry: read whole, never queried by part.
            try db.execute(sql: """
                CREATE TABLE boundary (
                    region_code TEXT PRIMARY KEY REFERENCES region(code) ON DELETE CASCADE,
                    geometry TEXT NOT NULL, source TEXT NOT NULL)
                """)
        }
        migrator.registerMigration("v7-data-version") { db in
            // A counter every committed write increases: caches (of this process or another on the same file) compare it
            // to know whether what they hold is still what the store says.
            try db.execute(sql: """
                CREATE TABLE data_version (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL);
                INSERT INTO data_version (id, version) VALUES (1, 0);
                """)
        }
        migrator.registerMigration("v8-period-settings") { db in
            // An indicator's period settings (what 2019-2020 is, where a period sits) as JSON; null for the defaults.
            try db.execute(sql: "ALTER TABLE indicator ADD COLUMN periods TEXT")
        }
        migrator.registerMigration("v9-accounts") { db in
            // Accounts, their sessions and API tokens, and the append-only audit trail (AccountStatements). Organisations are codes without a
            // foreign key: a catalogue reload replaces the organisation table, and accounts outlive it.
            try db.execute(sql: """
                CREATE TABLE account (
                    id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE, role TEXT NOT NULL, password_hash TEXT NOT NULL,
                    disabled INTEGER NOT NULL, created_at TEXT NOT NULL);
                CREATE TABLE account_organisation (
                    account_id INTEGER NOT NULL REFERENCES account(id), organisation_id TEXT NOT NULL, position INTEGER NOT NULL,
                    PRIMARY KEY (account_id, organisation_id));
                CREATE TABLE audit (
                    id INTEGER PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, kind TEXT NOT NULL, object TEXT NOT NULL,
                    before TEXT, after TEXT, address TEXT, user_agent TEXT, note TEXT, batch_id INTEGER);
                CREATE INDEX audit_by_object ON audit (object);
                CREATE TABLE session (
                    id_hash TEXT PRIMARY KEY, account_id INTEGER NOT NULL REFERENCES account(id), csrf_token TEXT NOT NULL,
                    created_at TEXT NOT NULL, last_seen_at TEXT NOT NULL, address TEXT, user_agent TEXT);
                CREATE TABLE api_token (
                    id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL REFERENCES account(id), name TEXT NOT NULL,
                    role TEXT NOT NULL, token_hash TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL, last_used_at TEXT,
                    revoked_at TEXT);
                CREATE TRIGGER audit_is_append_only_update BEFORE UPDATE ON audit
                    BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
                CREATE TRIGGER audit_is_append_only_delete BEFORE DELETE ON audit
                    BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
                """)
        }
        migrator.registerMigration("v10-sign-in-failures") { db in
            // Failed sign-ins, for the brute-force guard (SignInThrottle): by the address typed, known or not, and
            // by the network address. Bookkeeping, forgotten after a day; not dumped.
            try db.execute(sql: """
                CREATE TABLE sign_in_failure (email TEXT NOT NULL, address TEXT, at TEXT NOT NULL);
                CREATE INDEX sign_in_failure_by_email ON sign_in_failure (email, at);
                CREATE INDEX sign_in_failure_by_address ON sign_in_failure (address, at);
                """)
        }
        migrator.registerMigration("v11-second-factor") { db in
            // The second factor (SecondFactor): an account's TOTP secret and the last time step it accepted (a code
            // is good once), its recovery codes as SHA-256, and a session that waits for the code after the password.
            // Neither the secret nor the codes are dumped.
            try db.execute(sql: """
                ALTER TABLE account ADD COLUMN totp_secret TEXT;
                ALTER TABLE account ADD COLUMN totp_last_step INTEGER;
                ALTER TABLE session ADD COLUMN second_factor_pending INTEGER NOT NULL DEFAULT 0;
                CREATE TABLE recovery_code (
                    account_id INTEGER NOT NULL REFERENCES account(id), code_hash TEXT NOT NULL, used_at TEXT,
                    PRIMARY KEY (account_id, code_hash));
                """)
        }
        migrator.registerMigration("v12-action-updates") { db in
            // Owners' reports on actions (ActionUpdateStatements). The action is a code without a foreign key: a
            // catalogue reload replaces the action table, and the reports outlive it.
            try db.execute(sql: """
                CREATE TABLE action_update (
                    id INTEGER PRIMARY KEY, action_id TEXT NOT NULL, status TEXT NOT NULL, percent_done INTEGER, spent REAL,
                    period TEXT NOT NULL, note TEXT, author TEXT NOT NULL, at TEXT NOT NULL);
                CREATE INDEX action_update_by_action ON action_update (action_id, id);
                """)
        }
        migrator.registerMigration("v13-action-targets") { db in
            // The targets an action serves, as a document states them, also in other plans (checked by the loader,
            // so no foreign key to target: the plans of a catalogue are written one after another).
            try db.execute(sql: """
                CREATE TABLE action_target (
                    action_id TEXT NOT NULL REFERENCES action(id), position INTEGER NOT NULL, plan_id TEXT NOT NULL,
                    target_code TEXT NOT NULL, source TEXT NOT NULL, PRIMARY KEY (action_id, position));
                """)
        }
        migrator.registerMigration("v14-report-approval") { db in
            // A plan's setting that its reports wait for a steward, and each report's approval (null: waiting).
            // Reports made before this were published at once.
            try db.execute(sql: """
                ALTER TABLE plan ADD COLUMN report_approval INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE action_update ADD COLUMN approved_at TEXT;
                ALTER TABLE action_update ADD COLUMN approved_by TEXT;
                UPDATE action_update SET approved_at = at, approved_by = 'published at once';
                """)
        }
        migrator.registerMigration("v15-drafts") { db in
            // Imported values that wait for a steward, apart from the published ones; a draft's decision is a row of
            // its own whose key is the draft, so that one draft cannot be decided twice.
            try db.execute(sql: """
                CREATE TABLE draft (
                    id INTEGER PRIMARY KEY, created_at TEXT NOT NULL, created_by TEXT NOT NULL, files TEXT NOT NULL,
                    new_count INTEGER NOT NULL, changed_count INTEGER NOT NULL, unchanged_count INTEGER NOT NULL);
                CREATE TABLE draft_value (
                    draft_id INTEGER NOT NULL REFERENCES draft(id), file_index INTEGER NOT NULL, line INTEGER NOT NULL,
                    col INTEGER NOT NULL, indicator_code TEXT NOT NULL, region_code TEXT NOT NULL, period TEXT NOT NULL,
                    breakdown TEXT NOT NULL, value REAL NOT NULL, flags TEXT NOT NULL, source TEXT NOT NULL, note TEXT,
                    PRIMARY KEY (draft_id, file_index, indicator_code, region_code, period, breakdown));
                CREATE INDEX draft_value_by_indicator ON draft_value (indicator_code);
                CREATE TABLE draft_decision (
                    draft_id INTEGER PRIMARY KEY REFERENCES draft(id), verdict TEXT NOT NULL, decided_by TEXT NOT NULL,
                    decided_at TEXT NOT NULL, note TEXT);
                """)
        }
        migrator.registerMigration("v16-plan-lists") { db in
            // The organisations and funding programmes a plan's file lists (JSON lists of ids, read whole), so that
            // `koers export-plans` writes the file back as it was. Stores from before get them at the next catalogue load.
            try db.execute(sql: """
                ALTER TABLE plan ADD COLUMN organisations TEXT NOT NULL DEFAULT '[]';
                ALTER TABLE plan ADD COLUMN funding_programmes TEXT NOT NULL DEFAULT '[]';
                """)
        }
        return migrator
    }

    /// Marks a write: called inside every writing transaction, so the new number commits (or rolls back) with it.
    static func bumpDataVersion(_ db: Database) throws {
        try db.execute(sql: "UPDATE data_version SET version = version + 1")
    }
}
