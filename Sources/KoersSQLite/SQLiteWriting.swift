import GRDB
import KoersStore

/// Runs `StoreStatements` on SQLite (inside the caller's transaction).
enum SQLiteWriting {
    static func run(_ statements: [SQLStatement], in db: Database) throws {
        for s in statements {
            try db.execute(sql: s.sql, arguments: StatementArguments(s.arguments.map(\.databaseValue)))
        }
    }
}
