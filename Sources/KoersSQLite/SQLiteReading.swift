import GRDB
import KoersCore
import KoersStore

/// Fetches the rows of `StoredRows`'s queries from SQLite.
enum SQLiteReading {
    static func rows(_ db: Database, _ sql: String, _ arguments: [SQLValue] = []) throws -> [Row] {
        try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments.map(\.databaseValue)))
    }

    static func geography(_ db: Database) throws -> Geography {
        StoredRows.geography(regions: try rows(db, StoredRows.Query.regions),
                               members: try rows(db, StoredRows.Query.regionMembers),
                               successions: try rows(db, StoredRows.Query.regionSuccessions))
    }

    static func batches(_ db: Database) throws -> [ImportBatch] {
        try rows(db, StoredRows.Query.batches).map(StoredRows.batch)
    }

    static func plan(_ db: Database, id: String) throws -> Plan? {
        guard let row = try rows(db, StoredRows.Query.plan, [.text(id)]).first else { return nil }
        typealias Q = StoredRows.Query
        return StoredRows.plan(row, nodes: try rows(db, Q.planNodes, [.text(id)]), targets: try rows(db, Q.planTargets, [.text(id)]),
                                 actions: try rows(db, Q.planActions, [.text(id)]), partners: try rows(db, Q.planPartners, [.text(id)]),
                                 budgets: try rows(db, Q.planBudgets, [.text(id)]), targetLinks: try rows(db, Q.planActionTargets, [.text(id)]))
    }
}

extension Row: StoredRow {
    public func has(_ column: String) -> Bool { hasColumn(column) }
    public func text(_ column: String) -> String? { self[column] }
    public func double(_ column: String) -> Double? { self[column] }
    public func integer(_ column: String) -> Int64? { self[column] }
    public func bool(_ column: String) -> Bool? { self[column] }
}

extension SQLValue {
    var databaseValue: DatabaseValue {
        switch self {
        case .text(let value): value.databaseValue
        case .integer(let value): value.databaseValue
        case .double(let value): value.databaseValue
        case .bool(let value): value.databaseValue
        }
    }
}
