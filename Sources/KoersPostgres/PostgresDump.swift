import KoersStore
import PostgresNIO

/// `koers export-db` and `import-db` on PostgreSQL.
extension PostgresStore {
    /// Writes every table into `dump`, from one snapshot (a repeatable-read transaction): the dump is one consistent
    /// state of the store, while imports and readers go on.
    public func export(to dump: DumpWriter) async throws {
        try await read { connection in
            for table in DumpFormat.tables {
                let count = try await connection.rows(table.count)[0].integer("n")!
                try dump.begin(table, rows: Int(count))
                let rows = try await connection.query(PostgresQuery(unsafeSQL: table.select), logger: postgresLogger)
                for try await row in rows {
                    try dump.row(try zip(row, table.columns).map { cell, column in try Self.value(cell, as: column.type) })
                }
            }
        }
    }

    private static func value(_ cell: PostgresCell, as type: DumpTable.ColumnType) throws -> SQLValue {
        switch type {
        case .text: .text(try cell.decode(String?.self))
        case .integer: .integer(try cell.decode(Int64?.self))
        case .real: .double(try cell.decode(Double?.self))
        case .boolean: .bool(try cell.decode(Bool.self))
        }
    }

    /// Loads a dump into this store, which must hold nothing yet, in one transaction (each table by COPY): on any
    /// problem in the dump or any row the schema refuses, nothing is written.
    public func load(_ dump: DumpReader) async throws {
        try await write { connection in
            for table in DumpFormat.tables {
                if try await !connection.rows("SELECT 1 AS one FROM \(table.name) LIMIT 1").isEmpty { throw DumpError.notEmpty(table: table.name) }
            }
            while let (table, _) = try dump.nextTable() {
                do {
                    try await connection.copyFrom(table: table.name, columns: table.columnNames, logger: postgresLogger) { writer in
                        var buffer = ByteBuffer()
                        while let row = try dump.nextRow() {
                            Self.appendCopyRow(row, to: &buffer)
                            if buffer.readableBytes >= 1 << 20 {
                                try await writer.write(buffer)
                                buffer.clear()
                            }
                        }
                        try await writer.write(buffer)
                    }
                } catch let error as PSQLError {
                    // The server checks a table's rows when its COPY ends: the problem is in the table, not at a line.
                    throw DumpError.at(dump.path, line: dump.currentLine, column: 1,
                                       "table \(table.name) (the rows up to this line): \(PostgresStoreError(error).description)")
                }
            }
            // Statistics now rather than when autovacuum comes by: the planner's first queries see the loaded sizes.
            for table in DumpFormat.tables { try await connection.run("ANALYZE \(table.name)") }
        }
    }

    /// One row in COPY's text format (tab-separated, `\N` for NULL, `t`/`f` for booleans).
    private static func appendCopyRow(_ row: [SQLValue], to buffer: inout ByteBuffer) {
        for (index, value) in row.enumerated() {
            if index > 0 { buffer.writeInteger(UInt8(ascii: "\t")) }
            switch value {
            case .text(let text): CopyRows.value(text, into: &buffer)
            case .integer(let number): CopyRows.value(number.map { String($0) }, into: &buffer)
            case .double(let number): CopyRows.value(number.map(CopyRows.float8), into: &buffer)
            case .bool(let flag): CopyRows.value(flag ? "t" : "f", into: &buffer)
            }
        }
        buffer.writeInteger(UInt8(ascii: "\n"))
    }
}
