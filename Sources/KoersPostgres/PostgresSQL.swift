import KoersStore
import PostgresNIO

/// A failure of the PostgreSQL store, with the server's message (PostgresNIO hides it from `description` so that it
/// cannot leak to a web page by accident; a command line user needs it).
public struct PostgresStoreError: Error, CustomStringConvertible {
    public var description: String

    init(_ description: String) { self.description = description }

    init(_ error: PSQLError) {
        if let server = error.serverInfo, let message = server[.message] {
            description = "PostgreSQL: \(message)" + (server[.detail].map { " (\($0))" } ?? "")
        } else if let underlying = error.underlying {
            description = "PostgreSQL: \(error.code): \(underlying)"
        } else {
            description = "PostgreSQL: \(error.code)"
        }
    }
}

/// Runs PSQLErrors through `PostgresStoreError`; every other error (an import's conflicts, a file's problems) as it is.
func translatingErrors<T>(_ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let error as PSQLError {
        throw PostgresStoreError(error)
    }
}

/// The pool's and connections' logger: made on first use, after `koers serve` bootstrapped swift-log, so its lines take
/// the configured format and level (`--log-level debug` shows the pool's connections).
let postgresLogger = Logger(label: "koers.postgres")

extension SQLStatement {
    /// The statement for PostgreSQL: `?` placeholders numbered `$1`, `$2`… (the shared statements have no `?`
    /// inside quotes), the arguments bound with their types.
    var postgres: PostgresQuery {
        var sql = ""
        var number = 0
        for character in self.sql {
            if character == "?" {
                number += 1
                sql += "$\(number)"
            } else {
                sql.append(character)
            }
        }
        var binds = PostgresBindings(capacity: arguments.count)
        for argument in arguments {
            switch argument {
            case .text(let value): binds.append(value)
            case .integer(let value): binds.append(value.map(Int.init))
            case .double(let value): binds.append(value)
            case .bool(let value): binds.append(value)
            }
        }
        return PostgresQuery(unsafeSQL: sql, binds: binds)
    }
}

extension PostgresConnection {
    func run(_ statement: SQLStatement) async throws {
        try await query(statement.postgres, logger: postgresLogger)
    }

    func run(_ statements: [SQLStatement]) async throws {
        for statement in statements { try await run(statement) }
    }

    /// Runs SQL without arguments (DDL, transaction control).
    func run(_ sql: String) async throws {
        try await query(PostgresQuery(unsafeSQL: sql), logger: postgresLogger)
    }

    func rows(_ sql: String, _ arguments: [SQLValue] = []) async throws -> [PostgresStoredRow] {
        try await query(SQLStatement(sql, arguments).postgres, logger: postgresLogger).collect().map { PostgresStoredRow($0.makeRandomAccess()) }
    }
}

/// A PostgreSQL row read by column name; a column the query lacks reads as NULL, as GRDB's rows do.
struct PostgresStoredRow: StoredRow {
    let row: PostgresRandomAccessRow

    init(_ row: PostgresRandomAccessRow) { self.row = row }

    func has(_ column: String) -> Bool { row.contains(column) }

    private func decode<T: PostgresDecodable>(_ column: String, as type: T.Type) -> T? where T._DecodableType == T {
        guard row.contains(column) else { return nil }
        // A value of another type than the schema's is a programming error, not a NULL.
        do { return try row[column].decode(T?.self) } catch { preconditionFailure("column \(column): \(String(reflecting: error))") }
    }

    func text(_ column: String) -> String? { decode(column, as: String.self) }
    func double(_ column: String) -> Double? { decode(column, as: Double.self) }
    func integer(_ column: String) -> Int64? { decode(column, as: Int64.self) }
    func bool(_ column: String) -> Bool? { decode(column, as: Bool.self) }
}
