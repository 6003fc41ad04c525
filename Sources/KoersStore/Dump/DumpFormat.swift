/// The portable dump that `koers export-db` writes and `koers import-db` reads (docs/dump.md): every table of a store,
/// row by row, as UTF-8 JSON lines. It is the same for SQLite and PostgreSQL, so a store moves between them without
/// loss, and it is plain text, so it can be read, compressed, diffed and kept.
///
///     {"exported_at":"…","format":"koers-dump","from":"sqlite","schema":"v16-plan-lists","version":1}
///     {"columns":["key","value"],"rows":1,"table":"store_info"}
///     ["catalogue_loaded_at","2026-11-23T08:00:00Z"]
///     …
///     {"end":{"tables":17,"rows":1234}}
///
/// The tables come in the order below (a table only names rows of earlier ones), each row in key order, so one store
/// dumps to the same bytes whichever database holds it. The data version and the list of applied migrations are
/// not dumped: the dump names its schema, and a loaded store counts its own writes.
public enum DumpFormat {
    public static let name = "koers-dump"
    /// Increased when the layout of the lines changes.
    public static let version = 1
    /// The last migration of both stores: the tables below are the schema as it stands after it. A migration that
    /// changes a table changes this list and this name (a test compares the list with both stores' schemas).
    public static let schema = "v16-plan-lists"

    /// What the dump leaves out on purpose, by table (an empty set: the whole table): the store's bookkeeping
    /// (sessions, failed sign-ins: a moved store starts with everyone signed out) and the second factor's secrets,
    /// which no dump may hold in a usable form (an account restored from a dump has no second factor until its owner
    /// sets one up again; the audit trail shows who had one). The schema test reads this list.
    public static let leftOut: [String: Set<String>] = [
        "data_version": [], "schema_migration": [], "session": [], "sign_in_failure": [], "recovery_code": [],
        "account": ["totp_secret", "totp_last_step"],
    ]

    public static let tables: [DumpTable] = [
        DumpTable("store_info", key: "key", text: "key", "value"),
        DumpTable("region", key: "code", text: "code", "level", "name_nl", "name_fr", "name_en", "nuts", "parent_code",
                  "valid_from", "valid_to"),
        DumpTable("region_member", key: "region_code, member_code",
                  [("region_code", .text), ("member_code", .text), ("position", .integer)]),
        DumpTable("region_succession", key: "from_code, to_code", text: "from_code", "to_code", "date"),
        DumpTable("organisation", key: "id", text: "id", "name_nl", "name_en", "name_fr", "kind"),
        DumpTable("funding_programme", key: "id", text: "id", "name_nl", "name_en", "name_fr"),
        DumpTable("indicator", key: "code", [
            ("code", .text), ("name_nl", .text), ("name_en", .text), ("definition_nl", .text), ("definition_en", .text),
            ("unit", .text), ("decimals", .integer), ("direction", .text), ("source", .text), ("processing", .text),
            ("frequency", .text), ("aggregation", .text), ("citation", .text), ("weight", .text), ("formula", .text),
            ("open_sdg", .text), ("periods", .text),
        ]),
        DumpTable("plan", key: "id", [
            ("id", .text), ("position", .integer), ("title_nl", .text), ("title_en", .text), ("owner_id", .text),
            ("region_code", .text), ("period", .text), ("document_title", .text), ("document_file", .text),
            ("document_publisher", .text), ("document_date", .text), ("summary_nl", .text), ("summary_en", .text),
            ("report_approval", .boolean), ("organisations", .text), ("funding_programmes", .text),
        ]),
        DumpTable("plan_node", key: "plan_id, code", [
            ("plan_id", .text), ("code", .text), ("parent_code", .text), ("position", .integer), ("kind", .text),
            ("title_nl", .text), ("title_en", .text), ("summary_nl", .text), ("summary_en", .text), ("source", .text),
        ]),
        DumpTable("target", key: "plan_id, code", [
            ("plan_id", .text), ("code", .text), ("node_code", .text), ("parent_code", .text), ("position", .integer),
            ("text", .text), ("indicator_code", .text), ("region_code", .text), ("breakdown", .text),
            ("baseline_value", .real), ("baseline_period", .text), ("goal_kind", .text), ("goal_value", .real),
            ("goal_direction", .text), ("goal_period", .text), ("note_nl", .text), ("note_en", .text), ("source", .text),
        ]),
        DumpTable("action", key: "id", [
            ("id", .text), ("plan_id", .text), ("position", .integer), ("node_code", .text), ("title_nl", .text),
            ("title_en", .text), ("summary_nl", .text), ("summary_en", .text), ("lead_id", .text),
            ("participation", .integer), ("period", .text), ("status", .text), ("source", .text),
        ]),
        DumpTable("action_partner", key: "action_id, organisation_id",
                  [("action_id", .text), ("organisation_id", .text), ("position", .integer)]),
        DumpTable("action_target", key: "action_id, position", [
            ("action_id", .text), ("position", .integer), ("plan_id", .text), ("target_code", .text), ("source", .text),
        ]),
        DumpTable("budget_line", key: "action_id, position", [
            ("action_id", .text), ("position", .integer), ("amount", .real), ("funding_id", .text),
            ("approximate", .boolean), ("note", .text),
        ]),
        DumpTable("import_batch", key: "id", [
            ("id", .integer), ("file_name", .text), ("sha256", .text), ("format", .text), ("imported_at", .text),
            ("rows_read", .integer), ("new_count", .integer), ("changed_count", .integer), ("unchanged_count", .integer),
        ]),
        DumpTable("observation", key: "indicator_code, region_code, period, breakdown", [
            ("indicator_code", .text), ("region_code", .text), ("period", .text), ("period_start", .text),
            ("breakdown", .text), ("value", .real), ("flags", .text), ("source", .text), ("note", .text),
            ("batch_id", .integer), ("derivation", .text),
        ]),
        // No key: a value's revisions are told apart by the batch that superseded each (and, to be total, the rest).
        DumpTable("observation_revision", key: "indicator_code, region_code, period, breakdown, superseded_by, batch_id, "
                  + "value, flags, source, note", [
            ("indicator_code", .text), ("region_code", .text), ("period", .text), ("breakdown", .text), ("value", .real),
            ("flags", .text), ("source", .text), ("note", .text), ("batch_id", .integer), ("superseded_by", .integer),
        ]),
        DumpTable("boundary", key: "region_code", text: "region_code", "geometry", "source"),
        // Accounts move with the store, passwords as their bcrypt hashes only, tokens as their SHA-256 only; the audit
        // trail with its ids. Not sessions, failed sign-ins or second factors (`leftOut`).
        DumpTable("account", key: "id", [
            ("id", .integer), ("email", .text), ("role", .text), ("password_hash", .text), ("disabled", .boolean),
            ("created_at", .text),
        ]),
        DumpTable("account_organisation", key: "account_id, organisation_id",
                  [("account_id", .integer), ("organisation_id", .text), ("position", .integer)]),
        DumpTable("api_token", key: "id", [
            ("id", .integer), ("account_id", .integer), ("name", .text), ("role", .text), ("token_hash", .text),
            ("created_at", .text), ("last_used_at", .text), ("revoked_at", .text),
        ]),
        DumpTable("audit", key: "id", [
            ("id", .integer), ("at", .text), ("actor", .text), ("kind", .text), ("object", .text), ("before", .text),
            ("after", .text), ("address", .text), ("user_agent", .text), ("note", .text), ("batch_id", .integer),
        ]),
        DumpTable("action_update", key: "id", [
            ("id", .integer), ("action_id", .text), ("status", .text), ("percent_done", .integer), ("spent", .real),
            ("period", .text), ("note", .text), ("author", .text), ("at", .text), ("approved_at", .text), ("approved_by", .text),
        ]),
        // Drafts move with the store: waiting work is work, and a decided draft is its own record.
        DumpTable("draft", key: "id", [
            ("id", .integer), ("created_at", .text), ("created_by", .text), ("files", .text), ("new_count", .integer),
            ("changed_count", .integer), ("unchanged_count", .integer),
        ]),
        DumpTable("draft_value", key: "draft_id, file_index, indicator_code, region_code, period, breakdown", [
            ("draft_id", .integer), ("file_index", .integer), ("line", .integer), ("col", .integer), ("indicator_code", .text),
            ("region_code", .text), ("period", .text), ("breakdown", .text), ("value", .real), ("flags", .text), ("source", .text),
            ("note", .text),
        ]),
        DumpTable("draft_decision", key: "draft_id", [
            ("draft_id", .integer), ("verdict", .text), ("decided_by", .text), ("decided_at", .text), ("note", .text),
        ]),
    ]
}

/// One table of the dump: its columns with their types, and the order its rows are written in.
public struct DumpTable: Sendable, Equatable {
    public enum ColumnType: String, Sendable {
        /// JSON string or null.
        case text
        /// JSON integer (64-bit) or null.
        case integer
        /// JSON number, the shortest decimal that reads back as the same double; or null.
        case real
        /// JSON true or false (SQLite stores 1 or 0).
        case boolean
    }

    public struct Column: Sendable, Equatable {
        public let name: String
        public let type: ColumnType
    }

    public let name: String
    public let columns: [Column]
    /// The `ORDER BY` of its rows: byte order on both stores (PostgreSQL's text columns are `COLLATE "C"`).
    public let key: String

    init(_ name: String, key: String, _ columns: [(String, ColumnType)]) {
        self.name = name
        self.key = key
        self.columns = columns.map { Column(name: $0.0, type: $0.1) }
    }

    init(_ name: String, key: String, text columns: String...) {
        self.init(name, key: key, columns.map { ($0, .text) })
    }

    public var columnNames: [String] { columns.map(\.name) }

    /// Its rows, in dump order.
    public var select: String { "SELECT \(columnNames.joined(separator: ", ")) FROM \(name) ORDER BY \(key)" }

    /// Its number of rows, as `n`.
    public var count: String { "SELECT count(*) AS n FROM \(name)" }

    /// One row, with `?` placeholders.
    public var insert: String {
        "INSERT INTO \(name) (\(columnNames.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))"
    }
}
