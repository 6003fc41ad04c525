import Foundation

/// Someone who signs in to Koers. The password is kept only as its bcrypt hash.
public struct Account: Sendable, Hashable {
    public var id: Int64
    /// The sign-in name, lower-cased.
    public var email: String
    public var role: Role
    /// For action owners: the organisations (codes of `organisations`) whose actions they report on.
    public var organisations: [String]
    public var passwordHash: String
    public var disabled: Bool
    /// ISO 8601, UTC.
    public var createdAt: String
    /// The second factor's shared secret (TOTP), when the account has one; a sign-in then asks for a code too.
    public var totpSecret: String?
    /// The TOTP time step of the last code accepted: a code is good once, and never one older than that.
    public var totpLastStep: Int64?
    /// Recovery codes not used yet.
    public var recoveryCodesLeft: Int

    public init(id: Int64 = 0, email: String, role: Role, organisations: [String] = [], passwordHash: String,
                disabled: Bool = false, createdAt: String, totpSecret: String? = nil, totpLastStep: Int64? = nil,
                recoveryCodesLeft: Int = 0) {
        self.id = id
        self.email = email
        self.role = role
        self.organisations = organisations
        self.passwordHash = passwordHash
        self.disabled = disabled
        self.createdAt = createdAt
        self.totpSecret = totpSecret
        self.totpLastStep = totpLastStep
        self.recoveryCodesLeft = recoveryCodesLeft
    }

    public var hasSecondFactor: Bool { totpSecret != nil }

    /// The account as the audit trail and `koers user list --json` show it: everything but the password hash and the
    /// second factor's secret (only whether there is one).
    public var audited: [String: AuditValue] {
        var fields: [String: AuditValue] = ["email": .text(email), "role": .text(role.rawValue),
                                            "organisations": .list(organisations), "disabled": .bool(disabled)]
        // Only where there is one, so that the rows of accounts without it read as before the second factor existed.
        if hasSecondFactor { fields["second_factor"] = .bool(true) }
        return fields
    }
}

/// A value in an audit row's before and after.
public enum AuditValue: Sendable, Hashable {
    case text(String)
    case bool(Bool)
    case list([String])
    case number(Double)
}

/// Who made a change: a signed-in user, a token, or someone at the server's shell.
public enum AuditActor: Sendable, Hashable, CustomStringConvertible {
    case user(email: String)
    /// An API token, by its id, acting for its user.
    case token(id: Int64, email: String)
    /// `koers` run at the shell, by the operating-system user.
    case commandLine(osUser: String)

    public var description: String {
        switch self {
        case .user(let email): "user:\(email)"
        case .token(let id, let email): "token:\(id):\(email)"
        case .commandLine(let osUser): "cli:\(osUser)"
        }
    }
}

/// Where a change came from, beside who made it.
public struct AuditContext: Sendable, Hashable {
    public var actor: AuditActor
    /// The client's address, for changes through the web.
    public var address: String?
    public var userAgent: String?
    /// Why, where the change asks for a note.
    public var note: String?

    public init(actor: AuditActor, address: String? = nil, userAgent: String? = nil, note: String? = nil) {
        self.actor = actor
        self.address = address
        self.userAgent = userAgent
        self.note = note
    }
}

/// One row of the append-only audit trail.
public struct AuditEntry: Sendable, Hashable {
    public var id: Int64
    /// ISO 8601, UTC.
    public var at: String
    /// `user:…`, `token:…`, `cli:…` (`AuditActor.description`).
    public var actor: String
    /// What kind of change: `account.add`, `account.role`, `account.disable`, `account.password`…
    public var kind: String
    /// What it changed: `account:jan@example.be`.
    public var object: String
    /// The object before and after, as JSON; nil where it did not exist.
    public var before: String?
    public var after: String?
    public var address: String?
    public var userAgent: String?
    public var note: String?
    /// The import batch, for imports.
    public var batchID: Int64?

    public init(id: Int64 = 0, at: String, actor: String, kind: String, object: String, before: String? = nil,
                after: String? = nil, address: String? = nil, userAgent: String? = nil, note: String? = nil,
                batchID: Int64? = nil) {
        self.id = id
        self.at = at
        self.actor = actor
        self.kind = kind
        self.object = object
        self.before = before
        self.after = after
        self.address = address
        self.userAgent = userAgent
        self.note = note
        self.batchID = batchID
    }
}

extension AuditValue {
    /// `{"disabled":false,"email":"…"}`: keys sorted, so that one state is always the same text.
    public static func json(_ object: [String: AuditValue]) -> String {
        func value(_ v: AuditValue) -> String {
            switch v {
            case .text(let s): JSONString.quote(s)
            case .bool(let b): b ? "true" : "false"
            case .list(let items): "[" + items.map(JSONString.quote).joined(separator: ",") + "]"
            // Counts and ids as integers (`3`, not `3.0`).
            case .number(let d): !d.isFinite ? "null" : d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)
            }
        }
        return "{" + object.keys.sorted().map { "\(JSONString.quote($0)):\(value(object[$0]!))" }.joined(separator: ",") + "}"
    }
}

/// A signed-in browser's session, kept on the server. Only the SHA-256 of the cookie's value is stored, so that a
/// copy of the database holds no usable session.
public struct Session: Sendable, Hashable {
    /// Hex SHA-256 of the cookie value.
    public var idHash: String
    public var account: Account
    /// The token every form of this session carries (compared with the form's in constant time).
    public var csrfToken: String
    public var createdAt: String
    public var lastSeenAt: String
    public var address: String?
    public var userAgent: String?
    /// The password was right and the account has a second factor: the session waits for its code, and until then
    /// it is no one's (the sign-in page's second step is all it can reach).
    public var secondFactorPending: Bool

    public init(idHash: String, account: Account, csrfToken: String, createdAt: String, lastSeenAt: String,
                address: String? = nil, userAgent: String? = nil, secondFactorPending: Bool = false) {
        self.idHash = idHash
        self.account = account
        self.csrfToken = csrfToken
        self.createdAt = createdAt
        self.lastSeenAt = lastSeenAt
        self.address = address
        self.userAgent = userAgent
        self.secondFactorPending = secondFactorPending
    }
}

/// A token for machines (a nightly import): it acts for its account with a role no higher than the account's. Only
/// its SHA-256 is stored; the token itself is shown once, when it is made.
public struct APIToken: Sendable, Hashable {
    public var id: Int64
    public var account: Account
    public var name: String
    public var role: Role
    public var createdAt: String
    public var lastUsedAt: String?
    public var revokedAt: String?

    public init(id: Int64, account: Account, name: String, role: Role, createdAt: String, lastUsedAt: String? = nil,
                revokedAt: String? = nil) {
        self.id = id
        self.account = account
        self.name = name
        self.role = role
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
        self.revokedAt = revokedAt
    }
}
