import KoersCore
import KoersStore
import PostgresNIO

extension PostgresStore: AccountStore {
    public func accounts() async throws -> [Account] {
        try await read { connection in
            AccountStatements.accounts(try await connection.rows(AccountStatements.accounts),
                                       organisations: try await connection.rows(AccountStatements.organisations))
        }
    }

    public func account(email: String) async throws -> Account? {
        try await read { try await Self.account($0, email: email) }
    }

    public func apply(_ change: AccountChange, context: AuditContext) async throws -> AuditEntry {
        try await write { connection in
            let (statements, audit) = try AccountStatements.statements(for: change, before: try await Self.account(connection, email: change.email),
                                                                       context: context)
            try await connection.run(statements)
            return audit
        }
    }

    public func auditEntries(_ filter: AuditFilter) async throws -> [AuditEntry] {
        let query = AccountStatements.audit(filter)
        return try await read { try await $0.rows(query.sql, query.arguments).map(AccountStatements.auditEntry) }
    }

    private static func account(_ connection: PostgresConnection, email: String) async throws -> Account? {
        guard let row = try await connection.rows(AccountStatements.accountByEmail, [.text(email)]).first else { return nil }
        let organisations = try await connection.rows(AccountStatements.organisationsOfAccount, [.integer(row.integer("id"))])
        return AccountStatements.accounts([row], organisations: organisations).first
    }
}
