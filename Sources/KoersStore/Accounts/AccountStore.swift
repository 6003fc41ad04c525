import KoersCore

/// A change to an account. The only way to change the account tables: `AccountStore.apply` writes it together with
/// its audit row, in one transaction (`AccountStatements`).
public enum AccountChange: Sendable, Hashable {
    case add(email: String, role: Role, organisations: [String], passwordHash: String)
    case setRole(email: String, role: Role)
    case setOrganisations(email: String, organisations: [String])
    case disable(email: String)
    case enable(email: String)
    case setPassword(email: String, passwordHash: String)

    public var email: String {
        switch self {
        case .add(let e, _, _, _), .setRole(let e, _), .setOrganisations(let e, _), .disable(let e), .enable(let e),
             .setPassword(let e, _):
            e
        }
    }
}

public enum AccountError: Error, Sendable, Hashable, CustomStringConvertible {
    case duplicateEmail(String)
    case unknownAccount(String)

    public var description: String {
        switch self {
        case .duplicateEmail(let e): "an account for \(e) exists already"
        case .unknownAccount(let e): "no account for \(e)"
        }
    }
}

/// Which audit rows to read.
public struct AuditFilter: Sendable, Hashable {
    /// Rows at or after this time (ISO 8601, compared as text: `2026-12-01` is the start of that day).
    public var since: String?
    /// Rows whose actor is this (`user:jan@example.be`, `cli:root`) or names this e-mail address.
    public var actor: String?
    /// Rows about this object (`account:jan@example.be`).
    public var object: String?
    public var limit: Int?

    public init(since: String? = nil, actor: String? = nil, object: String? = nil, limit: Int? = nil) {
        self.since = since
        self.actor = actor
        self.object = object
        self.limit = limit
    }
}

/// Accounts and the audit trail, in the database beside the data (SQLite and PostgreSQL, one contract: several
/// `koers serve` instances share them).
public protocol AccountStore: Sendable {
    /// Every account, by e-mail address.
    func accounts() async throws -> [Account]
    func account(email: String) async throws -> Account?
    /// Writes the change and its audit row in one transaction; throws `AccountError` with nothing written.
    @discardableResult
    func apply(_ change: AccountChange, context: AuditContext) async throws -> AuditEntry
    /// The audit trail, newest first.
    func auditEntries(_ filter: AuditFilter) async throws -> [AuditEntry]
}
