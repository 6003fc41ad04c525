import GRDB
import KoersCore
import KoersStore

extension SQLiteStore: AccountStore {
    public func accounts() async throws -> [Account] {
        try await writer.read { db in
            AccountStatements.accounts(try SQLiteReading.rows(db, AccountStatements.accounts),
                                       organisations: try SQLiteReading.rows(db, AccountStatements.organisations))
        }
    }

    public func account(email: String) async throws -> Account? {
        try await writer.read { db in try Self.account(db, email: email) }
    }

    public func apply(_ change: AccountChange, context: AuditContext) async throws -> AuditEntry {
        try await writer.write { db in
            let (statements, audit) = try AccountStatements.statements(for: change, before: try Self.account(db, email: change.email),
                                                                       context: context)
            try SQLiteWriting.run(statements, in: db)
            try SQLiteSchema.bumpDataVersion(db)
            return audit
        }
    }

    public func auditEntries(_ filter: AuditFilter) async throws -> [AuditEntry] {
        let query = AccountStatements.audit(filter)
        return try await writer.read { db in try SQLiteReading.rows(db, query.sql, query.arguments).map(AccountStatements.auditEntry) }
    }

    private static func account(_ db: Database, email: String) throws -> Account? {
        guard let row = try SQLiteReading.rows(db, AccountStatements.accountByEmail, [.text(email)]).first else { return nil }
        let organisations = try SQLiteReading.rows(db, AccountStatements.organisationsOfAccount, [.integer(row.integer("id"))])
        return AccountStatements.accounts([row], organisations: organisations).first
    }
}
