/// One result row of either store, read by column name, so that turning rows into Core values is written once
/// (`StoredRows`) for SQLite and PostgreSQL.
public protocol StoredRow {
    func has(_ column: String) -> Bool
    func text(_ column: String) -> String?
    func double(_ column: String) -> Double?
    func integer(_ column: String) -> Int64?
    func bool(_ column: String) -> Bool?
}

/// A value bound to a statement, typed so that each store binds it natively (PostgreSQL checks types, SQLite does not).
public enum SQLValue: Sendable, Hashable {
    case text(String?)
    case integer(Int64?)
    case double(Double?)
    case bool(Bool)
}

/// A statement with `?` placeholders, valid SQL for both stores (PostgreSQL numbers its placeholders when it runs it).
public struct SQLStatement: Sendable, Hashable {
    public var sql: String
    public var arguments: [SQLValue]

    public init(_ sql: String, _ arguments: [SQLValue] = []) {
        self.sql = sql
        self.arguments = arguments
    }
}

extension SQLValue {
    public static func int(_ value: Int?) -> SQLValue { .integer(value.map(Int64.init)) }
}
