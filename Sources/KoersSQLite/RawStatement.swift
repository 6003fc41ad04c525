import GRDB
import GRDBSQLite
import KoersStore

/// A prepared statement bound and stepped through SQLite's C interface. The import runs a handful of statements
/// millions of times; GRDB's `StatementArguments` boxes every value of every row, which cost more than SQLite itself.
/// Everything else goes through GRDB.
struct RawStatement {
    /// Kept so that GRDB does not finalize the statement while it is in use.
    private let statement: Statement
    private let handle: OpaquePointer
    private let connection: OpaquePointer?

    init(_ db: Database, _ sql: String) throws {
        statement = try db.makeStatement(sql: sql)
        handle = statement.sqliteStatement
        connection = db.sqliteConnection
    }

    /// SQLite copies the bytes before `bind` returns (`SQLITE_TRANSIENT`).
    private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

    func bind(_ index: Int32, _ text: String) {
        var text = text
        text.withUTF8 { bytes in
            _ = sqlite3_bind_text(handle, index, bytes.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) },
                                  Int32(bytes.count), Self.transient)
        }
    }

    func bind(_ index: Int32, _ text: String?) {
        if let text { bind(index, text) } else { bindNull(index) }
    }

    func bindNull(_ index: Int32) {
        sqlite3_bind_null(handle, index)
    }

    func bind(_ index: Int32, _ value: Double) {
        sqlite3_bind_double(handle, index, value)
    }

    func bind(_ index: Int32, _ value: Int64) {
        sqlite3_bind_int64(handle, index, value)
    }

    /// Runs the statement to its end; returns the number of rows it changed.
    @discardableResult
    func run() throws -> Int {
        defer { sqlite3_reset(handle) }
        var code = sqlite3_step(handle)
        while code == SQLITE_ROW { code = sqlite3_step(handle) }
        guard code == SQLITE_DONE else { throw error(code) }
        return Int(sqlite3_changes(connection))
    }

    /// Runs the statement; false when it broke a constraint (a key already stored), in which case SQLite undid the
    /// whole statement.
    func runUnlessConstraintFails() throws -> Bool {
        defer { sqlite3_reset(handle) }
        var code = sqlite3_step(handle)
        while code == SQLITE_ROW { code = sqlite3_step(handle) }
        if code & 0xFF == SQLITE_CONSTRAINT { return false }
        guard code == SQLITE_DONE else { throw error(code) }
        return true
    }

    /// Runs a query and hands its first row to `read`; nil when there is none.
    func first<T>(_ read: (Columns) -> T) throws -> T? {
        defer { sqlite3_reset(handle) }
        let code = sqlite3_step(handle)
        if code == SQLITE_ROW { return read(Columns(handle: handle)) }
        guard code == SQLITE_DONE else { throw error(code) }
        return nil
    }

    private func error(_ code: Int32) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: code),
                      message: connection.map { String(cString: sqlite3_errmsg($0)) }, sql: statement.sql)
    }

    /// The columns of the current result row.
    struct Columns {
        let handle: OpaquePointer

        func double(_ index: Int32) -> Double { sqlite3_column_double(handle, index) }
        func int64(_ index: Int32) -> Int64 { sqlite3_column_int64(handle, index) }
        func text(_ index: Int32) -> String {
            guard let bytes = sqlite3_column_text(handle, index) else { return "" }
            return String(cString: bytes)
        }
    }
}

extension RawStatement {
    /// Binds a statement argument as its type.
    func bind(_ index: Int32, _ value: SQLValue) {
        switch value {
        case .text(let text): bind(index, text)
        case .integer(let number?): bind(index, number)
        case .double(let number?): bind(index, number)
        case .integer(nil), .double(nil): bindNull(index)
        case .bool(let flag): bind(index, Int64(flag ? 1 : 0))
        }
    }
}
