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
    /// A sign-in: a new session (its id's SHA-256, never the id), so that no session id is ever reused.
    case startSession(email: String, idHash: String, csrfToken: String, address: String?, userAgent: String?)
    /// A sign-out, or a session ended by a timeout.
    case endSession(email: String, idHash: String)
    /// A new API token (its SHA-256), with a role the account may delegate.
    case createToken(email: String, name: String, role: Role, tokenHash: String)
    case revokeToken(email: String, id: Int64)
    /// The password was right and the account has a second factor: a session that waits for the code.
    case awaitSecondFactor(email: String, idHash: String, csrfToken: String, address: String?, userAgent: String?)
    /// The code was right: the waiting session ends and a new one starts (a new id once more), and the code is
    /// spent: a TOTP step is never accepted again, a recovery code is marked used.
    case completeSignIn(email: String, pendingIDHash: String, idHash: String, csrfToken: String, address: String?,
                        userAgent: String?, proof: SecondFactorProof)
    /// A second factor confirmed with a code of `step`; its recovery codes (their SHA-256) replace any before.
    case enrolSecondFactor(email: String, secret: String, step: Int64, recoveryCodeHashes: [String])
    /// No second factor any more (by its owner with the password, or by an admin at the shell).
    case removeSecondFactor(email: String)

    public var email: String {
        switch self {
        case .add(let e, _, _, _), .setRole(let e, _), .setOrganisations(let e, _), .disable(let e), .enable(let e),
             .setPassword(let e, _), .startSession(let e, _, _, _, _), .endSession(let e, _), .createToken(let e, _, _, _),
             .revokeToken(let e, _), .awaitSecondFactor(let e, _, _, _, _), .completeSignIn(let e, _, _, _, _, _, _),
             .enrolSecondFactor(let e, _, _, _), .removeSecondFactor(let e):
            e
        }
    }
}

/// What proved the second factor at a sign-in.
public enum SecondFactorProof: Sendable, Hashable {
    /// A code from the authenticator app, of this time step.
    case totp(step: Int64)
    /// A recovery code, by its SHA-256.
    case recoveryCode(hash: String)
}

public enum AccountError: Error, Sendable, Hashable, CustomStringConvertible {
    case duplicateEmail(String)
    case unknownAccount(String)
    case disabled(String)
    /// The role asked for a token is more than the account has (`Rights.mayDelegate`).
    case cannotDelegate(Role, Role)
    case unknownToken(Int64)
    /// A code of a time step already used (or older): a code is good once.
    case codeUsed
    /// A recovery code this account does not have, or has used.
    case unknownRecoveryCode
    /// The sign-in waiting for a second factor is gone (it timed out, or was completed in another tab).
    case noPendingSignIn
    /// The account has no second factor to prove.
    case noSecondFactor(String)

    public var description: String {
        switch self {
        case .duplicateEmail(let e): "an account for \(e) exists already"
        case .unknownAccount(let e): "no account for \(e)"
        case .disabled(let e): "the account \(e) is disabled"
        case .cannotDelegate(let token, let account): "a token cannot be \(token.rawValue): its account is \(account.rawValue) and may not give rights it lacks"
        case .unknownToken(let id): "no token \(id) for this account"
        case .codeUsed: "this code was used already; wait for the next one"
        case .unknownRecoveryCode: "not one of this account's unused recovery codes"
        case .noPendingSignIn: "no sign-in waits for a second factor"
        case .noSecondFactor(let e): "the account \(e) has no second factor"
        }
    }
}

/// Which audit rows to read.
public struct AuditFilter: Sendable, Hashable {
    /// Rows at or after this time (ISO 8601, compared as text: `2026-12-01` is the start of that day).
    public var since: String?
    /// Rows before this time (ISO 8601, compared as text).
    public var before: String?
    /// Rows whose actor is this (`user:jan@example.be`, `cli:root`) or names this e-mail address.
    public var actor: String?
    /// Rows about this object (`account:jan@example.be`).
    public var object: String?
    public var limit: Int?

    public init(since: String? = nil, before: String? = nil, actor: String? = nil, object: String? = nil, limit: Int? = nil) {
        self.since = since
        self.before = before
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

    /// The session whose id hashes to `idHash`, with its account; nil when there is none (ended, or never made).
    func session(idHash: String) async throws -> Session?
    /// Records that the session was used at `at` (for the idle timeout): bookkeeping, not a change, so not audited.
    func touchSession(idHash: String, at: String) async throws
    /// The token whose SHA-256 is `hash`, revoked or not.
    func token(hash: String) async throws -> APIToken?
    /// An account's tokens, newest first.
    func tokens(email: String) async throws -> [APIToken]
    /// Records a token's use at `at`: bookkeeping, not audited.
    func recordTokenUse(id: Int64, at: String) async throws

    /// The failed sign-ins at or after `since` for this address typed in the form and from this network address,
    /// oldest first: the brute-force guard's bookkeeping (not changes, so not audited; not dumped), shared by every
    /// instance on the database.
    func signInFailures(email: String, address: String?, since: String) async throws -> SignInFailures
    /// Records a failed sign-in and forgets those before `forgetBefore`.
    func recordSignInFailure(email: String, address: String?, at: String, forgetBefore: String) async throws
    /// Forgets the failed sign-ins for an address typed in the form (after a sign-in that succeeded).
    func clearSignInFailures(email: String) async throws
}

/// The times (ISO 8601, oldest first) of recent failed sign-ins: for one typed e-mail address, whether an account
/// has it or not, and from one network address.
public struct SignInFailures: Sendable, Hashable {
    public var email: [String]
    public var address: [String]

    public init(email: [String], address: [String]) {
        self.email = email
        self.address = address
    }
}

extension AccountStore {
    /// A new role and, when they differ from the account's, the organisations that go with it: two changes, each
    /// with its audit row. The shell (`koers user role`) and the accounts page both change roles through this.
    public func setRole(email: String, role: Role, organisations: [String], context: AuditContext) async throws {
        try await apply(.setRole(email: email, role: role), context: context)
        if try await account(email: email)?.organisations != organisations {
            try await apply(.setOrganisations(email: email, organisations: organisations), context: context)
        }
    }
}
