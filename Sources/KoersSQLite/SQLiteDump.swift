import GRDB
import KoersStore

/// `koers export-db` and `import-db` on SQLite.
extension SQLiteStore {
    /// Writes every table into `dump`, from one read transaction: the dump is one consistent state of the store, while
    /// imports and readers go on.
    public func export(to dump: DumpWriter) async throws {
        try await writer.read { db in
            for table in DumpFormat.tables {
                try dump.begin(table, rows: try Int.fetchOne(db, sql: table.count)!)
                let rows = try Row.fetchCursor(db, sql: table.select)
                while let row = try rows.next() {
                    try dump.row(table.columns.indices.map { Self.value(row[$0], as: table.columns[$0].type) })
                }
            }
        }
    }

    /// SQLite's loose storage read as the column's type (an integral REAL may come back as an integer).
    private static func value(_ value: DatabaseValue, as type: DumpTable.ColumnType) -> SQLValue {
        switch type {
        case .text: .text(String.fromDatabaseValue(value))
        case .integer: .integer(Int64.fromDatabaseValue(value))
        case .real: .double(Double.fromDatabaseValue(value))
        case .boolean: .bool(Bool.fromDatabaseValue(value)!)  // the only boolean column is NOT NULL
        }
    }

    /// Loads a dump into this store, which must hold nothing yet, in one transaction: on any problem in the dump or any
    /// row the schema refuses, nothing is written.
    public func load(_ dump: DumpReader) async throws {
        try await writer.write { db in
            try Self.requireEmpty(db)
            while let (table, _) = try dump.nextTable() {
                let insert = try RawStatement(db, table.insert)
                while let row = try dump.nextRow() {
                    for (index, value) in row.enumerated() { insert.bind(Int32(index + 1), value) }
                    do {
                        try insert.run()
                    } catch let error as DatabaseError {
                        throw DumpError.at(dump.path, line: dump.currentLine, column: 1,
                                           "table \(table.name): \(error.message ?? error.description)")
                    }
                }
            }
            try SQLiteSchema.bumpDataVersion(db)
        }
    }

    private static func requireEmpty(_ db: Database) throws {
        for table in DumpFormat.tables where try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM \(table.name))")! {
            throw DumpError.notEmpty(table: table.name)
        }
    }
}
