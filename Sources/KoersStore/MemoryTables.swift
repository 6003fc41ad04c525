import KoersCore

/// The memory store's tables: the dump's tables (`DumpFormat`), each row kept by its primary key, with the
/// databases' foreign keys. A value type, so that a write works on a copy and keeps it only when whole.
struct MemoryTables: Sendable {
    private var tables: [String: MemoryTable] = Dictionary(uniqueKeysWithValues: DumpFormat.tables.map { ($0.name, MemoryTable($0)) })
    var dataVersion: Int64 = 0

    subscript(name: String) -> MemoryTable {
        get { tables[name]! }
        // In place: a write changes a table without copying its rows.
        _modify { yield &tables[name]! }
    }

    /// A row's primary key, as the values of its table's key columns.
    static func key(of row: TableRow) -> [SQLValue] {
        MemoryTable.keyColumns(row.table).map { column in row.values[row.columns.firstIndex(of: column)!] }
    }

    /// Adds a row; a row whose key is taken is refused, as a database's primary key would.
    mutating func insert(_ row: TableRow) throws {
        try self[row.table].insert(row)
    }

    /// Adds a row, or replaces the one with its key (the import's own bookkeeping, whose keys it has just looked up).
    mutating func insertUnchecked(_ row: TableRow) {
        self[row.table].put(row)
    }

    /// Adds a row, or changes `columns` of the one with its key (`INSERT … ON CONFLICT DO UPDATE`).
    mutating func upsert(_ row: TableRow, updating columns: [String]) {
        let key = Self.key(of: row)
        guard self[row.table].row(key) != nil else { return self[row.table].put(row) }
        update(row.table, key: key, with: Dictionary(uniqueKeysWithValues: columns.map { ($0, row.values[row.columns.firstIndex(of: $0)!]) }))
    }

    mutating func update(_ table: String, key: [SQLValue], with values: [String: SQLValue]) {
        self[table].update(key: key, with: values)
    }

    /// The error a database gives for a row its schema refuses.
    struct ConstraintFailed: Error, CustomStringConvertible {
        var description: String
    }

    /// The schema's foreign keys: (table, column) names a row of (table, its one-column primary key).
    static let foreignKeys: [(table: String, column: String, references: String)] = [
        ("region_member", "region_code", "region"), ("region_member", "member_code", "region"),
        ("region_succession", "from_code", "region"), ("region_succession", "to_code", "region"),
        ("plan", "owner_id", "organisation"), ("plan", "region_code", "region"),
        ("plan_node", "plan_id", "plan"),
        ("target", "plan_id", "plan"), ("target", "indicator_code", "indicator"), ("target", "region_code", "region"),
        ("action", "plan_id", "plan"), ("action", "lead_id", "organisation"),
        ("action_partner", "action_id", "action"), ("action_partner", "organisation_id", "organisation"),
        ("budget_line", "action_id", "action"), ("budget_line", "funding_id", "funding_programme"),
        ("observation", "indicator_code", "indicator"), ("observation", "region_code", "region"),
        ("observation", "batch_id", "import_batch"),
        ("observation_revision", "batch_id", "import_batch"), ("observation_revision", "superseded_by", "import_batch"),
        ("boundary", "region_code", "region"),
    ]

    /// Throws for the first row that names a row no table holds (NULL names none).
    func checkForeignKeys() throws {
        for table in Set(Self.foreignKeys.map(\.table)) {
            for entry in self[table].rows.values { try checkForeignKeys(of: entry.row, in: table) }
        }
    }

    func checkForeignKeys(of row: MemoryRow, in table: String) throws {
        for key in Self.foreignKeys where key.table == table {
            guard let value = row.values[key.column], !value.isNull else { continue }
            if self[key.references].row([value]) == nil {
                throw ConstraintFailed(description: "FOREIGN KEY constraint failed (\(key.column) \(value) is not in \(key.references))")
            }
        }
    }
}

/// One table: its rows by primary key, each with the order it was written in (what a database without `ORDER BY`
/// gives, and how a table without a key tells its rows apart).
struct MemoryTable: Sendable {
    struct Entry: Sendable {
        var sequence: Int
        var row: MemoryRow
    }

    let format: DumpTable
    private(set) var rows: [[SQLValue]: Entry] = [:]
    private var nextSequence = 0
    private(set) var newest: MemoryRow?

    init(_ format: DumpTable) { self.format = format }

    /// The primary key's columns; none for `observation_revision`, whose rows are told apart by their order.
    static func keyColumns(_ table: String) -> [String] {
        table == "observation_revision" ? [] : DumpFormat.tables.first { $0.name == table }!.keyColumns
    }

    private func key(_ row: MemoryRow) -> [SQLValue] {
        let columns = Self.keyColumns(format.name)
        return columns.isEmpty ? [.integer(Int64(nextSequence))] : columns.map { row.values[$0]! }
    }

    /// The row with all of the table's columns (those not given NULL, as a database fills them).
    private func complete(_ row: TableRow) -> MemoryRow {
        var values: [String: SQLValue] = [:]
        for column in format.columns { values[column.name] = column.type.null }
        for (column, value) in zip(row.columns, row.values) { values[column] = value }
        return MemoryRow(values: values)
    }

    mutating func insert(_ row: TableRow) throws {
        let complete = complete(row)
        let key = key(complete)
        if rows[key] != nil {
            throw MemoryTables.ConstraintFailed(description: "UNIQUE constraint failed: \(format.name) \(key)")
        }
        add(complete, key: key)
    }

    mutating func put(_ row: TableRow) {
        let complete = complete(row)
        let key = key(complete)
        if let existing = rows[key] {
            rows[key] = Entry(sequence: existing.sequence, row: complete)
            newest = complete
        } else {
            add(complete, key: key)
        }
    }

    private mutating func add(_ row: MemoryRow, key: [SQLValue]) {
        rows[key] = Entry(sequence: nextSequence, row: row)
        nextSequence += 1
        newest = row
    }

    mutating func update(key: [SQLValue], with values: [String: SQLValue]) {
        guard var entry = rows[key] else { return }
        for (column, value) in values { entry.row.values[column] = value }
        rows[key] = entry
    }

    func row(_ key: [SQLValue]) -> MemoryRow? { rows[key]?.row }

    mutating func remove(key: [SQLValue]) { rows[key] = nil }
    mutating func removeAll() { rows = [:] }
    mutating func removeAll(where shouldRemove: (MemoryRow) -> Bool) { rows = rows.filter { !shouldRemove($0.value.row) } }

    /// Its rows in the order they were written.
    var inInsertOrder: [MemoryRow] { rows.values.sorted { $0.sequence < $1.sequence }.map(\.row) }

    /// Its rows (those `include` keeps) ordered by these columns, as `ORDER BY` orders them (text by its bytes).
    func sorted(by columns: String..., where include: (MemoryRow) -> Bool = { _ in true }) -> [MemoryRow] {
        sorted(by: columns, where: include)
    }

    func sorted(by columns: [String], where include: (MemoryRow) -> Bool = { _ in true }) -> [MemoryRow] {
        rows.values.filter { include($0.row) }.sorted { a, b in
            for column in columns {
                let (x, y) = (a.row.values[column]!, b.row.values[column]!)
                if x.precedes(y) { return true }
                if y.precedes(x) { return false }
            }
            return a.sequence < b.sequence
        }.map(\.row)
    }
}

/// A row of the memory store, read by column name like the databases' rows.
struct MemoryRow: StoredRow, Sendable, Hashable {
    var values: [String: SQLValue]

    func has(_ column: String) -> Bool { values[column] != nil }

    func text(_ column: String) -> String? {
        if case .text(let text)? = values[column] { return text }
        return nil
    }

    func double(_ column: String) -> Double? {
        switch values[column] {
        case .double(let number)?: number
        case .integer(let number)?: number.map(Double.init)
        default: nil
        }
    }

    func integer(_ column: String) -> Int64? {
        if case .integer(let number)? = values[column] { return number }
        return nil
    }

    func bool(_ column: String) -> Bool? {
        if case .bool(let flag)? = values[column] { return flag }
        return nil
    }
}

extension SQLValue {
    var isNull: Bool {
        switch self {
        case .text(nil), .integer(nil), .double(nil): true
        default: false
        }
    }

    var textValue: String? {
        if case .text(let text) = self { return text }
        return nil
    }

    var integerValue: Int64? {
        if case .integer(let number) = self { return number }
        return nil
    }

    /// `ORDER BY`'s order in both databases for the values Koers keys on: NULL first, numbers by value, text by its
    /// bytes (PostgreSQL's columns are `COLLATE "C"`).
    func precedes(_ other: SQLValue) -> Bool {
        switch (self, other) {
        case (.text(let a), .text(let b)):
            guard let a, let b else { return a == nil && b != nil }
            return Array(a.utf8).lexicographicallyPrecedes(b.utf8)
        case (.integer(let a), .integer(let b)):
            guard let a, let b else { return a == nil && b != nil }
            return a < b
        case (.double(let a), .double(let b)):
            guard let a, let b else { return a == nil && b != nil }
            return a < b
        case (.bool(let a), .bool(let b)):
            return !a && b
        default:
            return isNull && !other.isNull
        }
    }
}

extension DumpTable.ColumnType {
    /// NULL of this type.
    var null: SQLValue {
        switch self {
        case .text: .text(nil)
        case .integer: .integer(nil)
        case .real: .double(nil)
        case .boolean: .bool(false)
        }
    }
}

extension DumpTable {
    /// The columns of `key`, its rows' order.
    public var keyColumns: [String] {
        key.split(separator: ",").map { String($0.drop { $0 == " " }) }
    }
}
