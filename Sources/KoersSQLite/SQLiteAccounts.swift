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
            let facts = try AccountStatements.facts(for: change).map { query in
                Set(try SQLiteReading.rows(db, query.sql, query.arguments).compactMap { $0.text("fact") })
            } ?? []
            let (statements, audit) = try AccountStatements.statements(for: change, before: try Self.account(db, email: change.email),
                                                                       facts: facts, context: context)
            try SQLiteWriting.run(statements, in: db)
            try SQLiteSchema.bumpDataVersion(db)
            return audit
        }
    }

    public func auditEntries(_ filter: AuditFilter) async throws -> [AuditEntry] {
        let query = AccountStatements.audit(filter)
        return try await writer.read { db in try SQLiteReading.rows(db, query.sql, query.arguments).map(AccountStatements.auditEntry) }
    }

    public func session(idHash: String) async throws -> Session? {
        try await writer.read { db in
            guard let row = try SQLiteReading.rows(db, AccountStatements.sessionByHash, [.text(idHash)]).first,
                  let account = try Self.account(db, email: row.text("email") ?? "") else { return nil }
            return AccountStatements.session(row, account: account)
        }
    }

    public func touchSession(idHash: String, at: String) async throws {
        try await writer.write { db in try SQLiteWriting.run([SQLStatement(AccountStatements.touchSession, [.text(at), .text(idHash)])], in: db) }
    }

    public func token(hash: String) async throws -> APIToken? {
        try await writer.read { db in
            guard let row = try SQLiteReading.rows(db, AccountStatements.tokenByHash, [.text(hash)]).first,
                  let account = try Self.account(db, email: row.text("email") ?? "") else { return nil }
            return AccountStatements.token(row, account: account)
        }
    }

    public func tokens(email: String) async throws -> [APIToken] {
        try await writer.read { db in
            guard let account = try Self.account(db, email: email) else { return [] }
            return try SQLiteReading.rows(db, AccountStatements.tokensOfAccount, [.text(email)]).map { AccountStatements.token($0, account: account) }
        }
    }

    public func recordTokenUse(id: Int64, at: String) async throws {
        try await writer.write { db in try SQLiteWriting.run([SQLStatement(AccountStatements.recordTokenUse, [.text(at), .integer(id)])], in: db) }
    }

    public func signInFailures(email: String, address: String?, since: String) async throws -> SignInFailures {
        try await writer.read { db in
            let times = { (sql: String, key: String) in try SQLiteReading.rows(db, sql, [.text(key), .text(since)]).compactMap { $0.text("at") } }
            return SignInFailures(email: try times(AccountStatements.signInFailuresOfEmail, email),
                                  address: try address.map { try times(AccountStatements.signInFailuresOfAddress, $0) } ?? [])
        }
    }

    public func recordSignInFailure(email: String, address: String?, at: String, forgetBefore: String) async throws {
        try await writer.write { db in
            try SQLiteWriting.run(AccountStatements.recordSignInFailure(email: email, address: address, at: at, forgetBefore: forgetBefore), in: db)
        }
    }

    public func clearSignInFailures(email: String) async throws {
        try await writer.write { db in try SQLiteWriting.run([SQLStatement(AccountStatements.clearSignInFailures, [.text(email)])], in: db) }
    }

    private static func account(_ db: Database, email: String) throws -> Account? {
        guard let row = try SQLiteReading.rows(db, AccountStatements.accountByEmail, [.text(email)]).first else { return nil }
        let organisations = try SQLiteReading.rows(db, AccountStatements.organisationsOfAccount, [.integer(row.integer("id"))])
        return AccountStatements.accounts([row], organisations: organisations).first
    }
}
