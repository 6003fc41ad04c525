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
            var facts: Set<String> = []
            if let query = AccountStatements.facts(for: change) {
                facts = Set(try await connection.rows(query.sql, query.arguments).compactMap { $0.text("fact") })
            }
            let (statements, audit) = try AccountStatements.statements(for: change, before: try await Self.account(connection, email: change.email),
                                                                       facts: facts, context: context)
            try await connection.run(statements)
            return audit
        }
    }

    public func auditEntries(_ filter: AuditFilter) async throws -> [AuditEntry] {
        let query = AccountStatements.audit(filter)
        return try await read { try await $0.rows(query.sql, query.arguments).map(AccountStatements.auditEntry) }
    }

    public func session(idHash: String) async throws -> Session? {
        try await read { connection in
            guard let row = try await connection.rows(AccountStatements.sessionByHash, [.text(idHash)]).first,
                  let account = try await Self.account(connection, email: row.text("email") ?? "") else { return nil }
            return AccountStatements.session(row, account: account)
        }
    }

    /// Bookkeeping: one statement on its own, outside the writing lock, and without a new data version.
    public func touchSession(idHash: String, at: String) async throws {
        try await read(snapshot: false) { try await $0.run(SQLStatement(AccountStatements.touchSession, [.text(at), .text(idHash)])) }
    }

    public func token(hash: String) async throws -> APIToken? {
        try await read { connection in
            guard let row = try await connection.rows(AccountStatements.tokenByHash, [.text(hash)]).first,
                  let account = try await Self.account(connection, email: row.text("email") ?? "") else { return nil }
            return AccountStatements.token(row, account: account)
        }
    }

    public func tokens(email: String) async throws -> [APIToken] {
        try await read { connection in
            guard let account = try await Self.account(connection, email: email) else { return [] }
            return try await connection.rows(AccountStatements.tokensOfAccount, [.text(email)]).map { AccountStatements.token($0, account: account) }
        }
    }

    public func recordTokenUse(id: Int64, at: String) async throws {
        try await read(snapshot: false) { try await $0.run(SQLStatement(AccountStatements.recordTokenUse, [.text(at), .integer(id)])) }
    }

    public func signInFailures(email: String, address: String?, since: String) async throws -> SignInFailures {
        try await read { connection in
            func times(_ sql: String, _ key: String) async throws -> [String] {
                try await connection.rows(sql, [.text(key), .text(since)]).compactMap { $0.text("at") }
            }
            var address_: [String] = []
            if let address { address_ = try await times(AccountStatements.signInFailuresOfAddress, address) }
            return SignInFailures(email: try await times(AccountStatements.signInFailuresOfEmail, email), address: address_)
        }
    }

    /// Bookkeeping like `touchSession`: outside the writing lock, without a new data version.
    public func recordSignInFailure(email: String, address: String?, at: String, forgetBefore: String) async throws {
        try await read(snapshot: false) {
            try await $0.run(AccountStatements.recordSignInFailure(email: email, address: address, at: at, forgetBefore: forgetBefore))
        }
    }

    public func clearSignInFailures(email: String) async throws {
        try await read(snapshot: false) { try await $0.run(SQLStatement(AccountStatements.clearSignInFailures, [.text(email)])) }
    }

    private static func account(_ connection: PostgresConnection, email: String) async throws -> Account? {
        guard let row = try await connection.rows(AccountStatements.accountByEmail, [.text(email)]).first else { return nil }
        let organisations = try await connection.rows(AccountStatements.organisationsOfAccount, [.integer(row.integer("id"))])
        return AccountStatements.accounts([row], organisations: organisations).first
    }
}
