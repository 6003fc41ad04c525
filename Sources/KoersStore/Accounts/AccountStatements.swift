import Foundation
import KoersCore

/// The SQL of accounts and the audit trail, written once for both stores. `statements(for:before:facts:context:at:)` is the
/// only producer of writes to the account tables, and every list it returns ends with the audit row: a store runs
/// the list in one transaction, so a change without its audit row cannot be written, and an audit row that fails
/// takes the change back with it. The databases refuse UPDATE and DELETE on `audit` (triggers in both schemas).
public enum AccountStatements {
    static let accountColumns = """
        SELECT id, email, role, password_hash, disabled, created_at, totp_secret, totp_last_step,
          (SELECT COUNT(*) FROM recovery_code r WHERE r.account_id = account.id AND r.used_at IS NULL) AS recovery_codes_left
        FROM account
        """
    public static let accountByEmail = accountColumns + " WHERE email = ?"
    public static let accounts = accountColumns + " ORDER BY email"
    /// The organisations of every account (`organisations(of:)` narrows them to one), in their order.
    public static let organisations = "SELECT account_id, organisation_id FROM account_organisation ORDER BY account_id, position"
    public static let organisationsOfAccount = "SELECT account_id, organisation_id FROM account_organisation WHERE account_id = ? ORDER BY position"

    /// Accounts from their rows and their organisations' rows.
    public static func accounts(_ rows: [some StoredRow], organisations: [some StoredRow]) -> [Account] {
        var byAccount: [Int64: [String]] = [:]
        for o in organisations { byAccount[o.integer("account_id") ?? 0, default: []].append(o.text("organisation_id") ?? "") }
        return rows.map { row in
            var a = account(row)
            a.organisations = byAccount[a.id] ?? []
            return a
        }
    }

    /// The audit rows matching `filter`, newest first, with the arguments to bind.
    public static func audit(_ filter: AuditFilter) -> SQLStatement {
        var conditions: [String] = [], arguments: [SQLValue] = []
        if let since = filter.since { conditions.append("at >= ?"); arguments.append(.text(since)) }
        if let before = filter.before { conditions.append("at < ?"); arguments.append(.text(before)) }
        if let actor = filter.actor {
            conditions.append("(actor = ? OR actor LIKE ? ESCAPE '\\')")
            arguments += [.text(actor), .text("%:" + likePattern(actor))]
        }
        if let object = filter.object { conditions.append("object = ?"); arguments.append(.text(object)) }
        let condition = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        let limit = filter.limit.map { " LIMIT \(max(0, $0))" } ?? ""
        return SQLStatement("SELECT id, at, actor, kind, object, before, after, address, user_agent, note, batch_id FROM audit"
                            + condition + " ORDER BY id DESC" + limit, arguments)
    }

    private static func likePattern(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
    }

    static func account(_ row: some StoredRow) -> Account {
        Account(id: row.integer("id") ?? 0, email: row.text("email") ?? "", role: Role(rawValue: row.text("role") ?? "") ?? .reader,
                passwordHash: row.text("password_hash") ?? "", disabled: row.bool("disabled") ?? false,
                createdAt: row.text("created_at") ?? "", totpSecret: row.text("totp_secret"), totpLastStep: row.integer("totp_last_step"),
                recoveryCodesLeft: Int(row.integer("recovery_codes_left") ?? 0))
    }

    public static func auditEntry(_ row: some StoredRow) -> AuditEntry {
        AuditEntry(id: row.integer("id") ?? 0, at: row.text("at") ?? "", actor: row.text("actor") ?? "",
                   kind: row.text("kind") ?? "", object: row.text("object") ?? "", before: row.text("before"),
                   after: row.text("after"), address: row.text("address"), userAgent: row.text("user_agent"),
                   note: row.text("note"), batchID: row.integer("batch_id"))
    }

    /// What a change must know besides the account, read by the store in the change's transaction (`facts(for:)`'s
    /// query, one text column `fact`): the ids of the account's tokens, for `revokeToken`, which must name one of
    /// them; the account's unused recovery codes and `pending:` + the waiting session, for `completeSignIn`.
    public static func facts(for change: AccountChange) -> SQLStatement? {
        switch change {
        case .revokeToken(let email, _):
            return SQLStatement("SELECT CAST(t.id AS TEXT) AS fact FROM api_token t JOIN account a ON a.id = t.account_id WHERE a.email = ?",
                                [.text(email)])
        case .completeSignIn(let email, let pending, _, _, _, _, _):
            return SQLStatement("""
                SELECT r.code_hash AS fact FROM recovery_code r JOIN account a ON a.id = r.account_id
                  WHERE a.email = ? AND r.used_at IS NULL
                UNION ALL
                SELECT 'pending:' || s.id_hash AS fact FROM session s JOIN account a ON a.id = s.account_id
                  WHERE s.id_hash = ? AND a.email = ? AND s.second_factor_pending
                """, [.text(email), .text(pending), .text(email)])
        default:
            return nil
        }
    }

    /// The statements of `change`, given the account as it is (`before`, read in the same transaction) and the
    /// change's `facts`, ending with the audit row; and that row as it will read. Throws `AccountError` for a
    /// duplicate or unknown account, and for what the facts refuse.
    public static func statements(for change: AccountChange, before: Account?, facts: Set<String> = [], context: AuditContext,
                                  at time: Date = Date()) throws -> (statements: [SQLStatement], audit: AuditEntry) {
        let now = ISO8601DateFormatter().string(from: time)
        let email = change.email
        var statements: [SQLStatement] = []
        var after: [String: AuditValue]?
        let kind: String
        func existing() throws -> Account {
            guard let before else { throw AccountError.unknownAccount(email) }
            return before
        }
        switch change {
        case .add(_, let role, let organisations, let hash):
            guard before == nil else { throw AccountError.duplicateEmail(email) }
            kind = "account.add"
            statements.append(SQLStatement("""
                INSERT INTO account (id, email, role, password_hash, disabled, created_at)
                SELECT COALESCE(MAX(id), 0) + 1, ?, ?, ?, ?, ? FROM account
                """, [.text(email), .text(role.rawValue), .text(hash), .bool(false), .text(now)]))
            statements += organisationRows(email, organisations)
            after = Account(email: email, role: role, organisations: organisations, passwordHash: hash, createdAt: now).audited
        case .setRole(_, let role):
            var a = try existing()
            kind = "account.role"
            statements.append(SQLStatement("UPDATE account SET role = ? WHERE email = ?", [.text(role.rawValue), .text(email)]))
            a.role = role
            after = a.audited
        case .setOrganisations(_, let organisations):
            var a = try existing()
            kind = "account.organisations"
            statements.append(SQLStatement("DELETE FROM account_organisation WHERE account_id = (SELECT id FROM account WHERE email = ?)", [.text(email)]))
            statements += organisationRows(email, organisations)
            a.organisations = organisations
            after = a.audited
        case .disable, .enable:
            var a = try existing()
            let disabled = { if case .disable = change { return true } else { return false } }()
            kind = disabled ? "account.disable" : "account.enable"
            statements.append(SQLStatement("UPDATE account SET disabled = ? WHERE email = ?", [.bool(disabled), .text(email)]))
            a.disabled = disabled
            after = a.audited
        case .setPassword(_, let hash):
            let a = try existing()
            kind = "account.password"
            statements.append(SQLStatement("UPDATE account SET password_hash = ? WHERE email = ?", [.text(hash), .text(email)]))
            // A new password ends every session: whoever knew the old one is signed out. It also lifts a lock-out
            // (an admin's reset is how a locked-out person gets in at once).
            statements.append(endSessions(email))
            statements.append(SQLStatement(clearSignInFailures, [.text(email)]))
            // Neither the password nor its hash goes into the trail: only that it changed.
            after = a.audited.merging(["password": .text("changed")]) { $1 }
        case .startSession(_, let idHash, let csrf, let address, let userAgent):
            let a = try existing()
            guard !a.disabled else { throw AccountError.disabled(email) }
            kind = "session.start"
            statements.append(startSession(email, idHash, csrf, address, userAgent, pending: false, now: now))
            after = nil
        case .awaitSecondFactor(_, let idHash, let csrf, let address, let userAgent):
            let a = try existing()
            guard !a.disabled else { throw AccountError.disabled(email) }
            guard a.hasSecondFactor else { throw AccountError.noSecondFactor(email) }
            kind = "session.await-second-factor"
            statements.append(startSession(email, idHash, csrf, address, userAgent, pending: true, now: now))
            after = nil
        case .completeSignIn(_, let pending, let idHash, let csrf, let address, let userAgent, let proof):
            let a = try existing()
            guard !a.disabled else { throw AccountError.disabled(email) }
            guard a.hasSecondFactor else { throw AccountError.noSecondFactor(email) }
            guard facts.contains("pending:" + pending) else { throw AccountError.noPendingSignIn }
            kind = "session.start"
            statements.append(SQLStatement("DELETE FROM session WHERE id_hash = ?", [.text(pending)]))
            switch proof {
            case .totp(let step):
                guard step > (a.totpLastStep ?? Int64.min) else { throw AccountError.codeUsed }
                statements.append(SQLStatement("UPDATE account SET totp_last_step = ? WHERE email = ?", [.integer(step), .text(email)]))
                after = ["second_factor": .text("totp")]
            case .recoveryCode(let hash):
                guard facts.contains(hash) else { throw AccountError.unknownRecoveryCode }
                statements.append(SQLStatement("""
                    UPDATE recovery_code SET used_at = ? WHERE code_hash = ? AND account_id = (SELECT id FROM account WHERE email = ?)
                    """, [.text(now), .text(hash), .text(email)]))
                after = ["second_factor": .text("recovery code"), "recovery_codes_left": .number(Double(a.recoveryCodesLeft - 1))]
            }
            statements.append(startSession(email, idHash, csrf, address, userAgent, pending: false, now: now))
        case .enrolSecondFactor(_, let secret, let step, let hashes):
            var a = try existing()
            kind = "account.second-factor"
            statements.append(SQLStatement("UPDATE account SET totp_secret = ?, totp_last_step = ? WHERE email = ?",
                                           [.text(secret), .integer(step), .text(email)]))
            statements.append(deleteRecoveryCodes(email))
            statements += hashes.map { hash in
                SQLStatement("INSERT INTO recovery_code (account_id, code_hash) SELECT id, ? FROM account WHERE email = ?",
                             [.text(hash), .text(email)])
            }
            a.totpSecret = secret
            // Never the secret or the codes: that there is a second factor, and how many codes.
            after = a.audited.merging(["recovery_codes": .number(Double(hashes.count))]) { $1 }
        case .removeSecondFactor:
            var a = try existing()
            guard a.hasSecondFactor else { throw AccountError.noSecondFactor(email) }
            kind = "account.second-factor"
            statements.append(SQLStatement("UPDATE account SET totp_secret = NULL, totp_last_step = NULL WHERE email = ?", [.text(email)]))
            statements.append(deleteRecoveryCodes(email))
            a.totpSecret = nil
            after = a.audited
        case .endSession(_, let idHash):
            _ = try existing()
            kind = "session.end"
            statements.append(SQLStatement("DELETE FROM session WHERE id_hash = ?", [.text(idHash)]))
            after = nil
        case .createToken(_, let name, let role, let tokenHash):
            let a = try existing()
            guard !a.disabled else { throw AccountError.disabled(email) }
            guard Rights.mayDelegate(role, by: a.role) else { throw AccountError.cannotDelegate(role, a.role) }
            kind = "token.create"
            statements.append(SQLStatement("""
                INSERT INTO api_token (id, account_id, name, role, token_hash, created_at)
                SELECT (SELECT COALESCE(MAX(id), 0) + 1 FROM api_token), id, ?, ?, ?, ? FROM account WHERE email = ?
                """, [.text(name), .text(role.rawValue), .text(tokenHash), .text(now), .text(email)]))
            after = ["token": .text(name), "role": .text(role.rawValue)]
        case .revokeToken(_, let id):
            _ = try existing()
            guard facts.contains(String(id)) else { throw AccountError.unknownToken(id) }
            kind = "token.revoke"
            statements.append(SQLStatement("""
                UPDATE api_token SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL
                  AND account_id = (SELECT id FROM account WHERE email = ?)
                """, [.text(now), .integer(id), .text(email)]))
            after = ["token": .number(Double(id)), "revoked": .bool(true)]
        }
        if case .disable = change { statements.append(endSessions(email)) }
        // Sessions and tokens are about the account, not changes to it: their rows carry no before.
        let before: Account? = {
            switch change {
            case .startSession, .endSession, .createToken, .revokeToken, .awaitSecondFactor, .completeSignIn: return nil
            default: return before
            }
        }()
        let audit = AuditEntry(at: now, actor: context.actor.description, kind: kind, object: "account:\(email)",
                               before: before.map { AuditValue.json($0.audited) }, after: after.map(AuditValue.json),
                               address: context.address, userAgent: context.userAgent, note: context.note)
        return (statements + [insert(audit)], audit)
    }

    /// The audit row's INSERT; its id is the largest + 1, as `import_batch`'s, so that a dump loads with its ids.
    static func insert(_ e: AuditEntry) -> SQLStatement {
        SQLStatement("""
            INSERT INTO audit (id, at, actor, kind, object, before, after, address, user_agent, note, batch_id)
            SELECT COALESCE(MAX(id), 0) + 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM audit
            """, [.text(e.at), .text(e.actor), .text(e.kind), .text(e.object), .text(e.before), .text(e.after),
                  .text(e.address), .text(e.userAgent), .text(e.note), .integer(e.batchID)])
    }

    private static func startSession(_ email: String, _ idHash: String, _ csrf: String, _ address: String?, _ userAgent: String?,
                                     pending: Bool, now: String) -> SQLStatement {
        SQLStatement("""
            INSERT INTO session (id_hash, account_id, csrf_token, created_at, last_seen_at, address, user_agent, second_factor_pending)
            SELECT ?, id, ?, ?, ?, ?, ?, ? FROM account WHERE email = ?
            """, [.text(idHash), .text(csrf), .text(now), .text(now), .text(address), .text(userAgent), .bool(pending), .text(email)])
    }

    private static func deleteRecoveryCodes(_ email: String) -> SQLStatement {
        SQLStatement("DELETE FROM recovery_code WHERE account_id = (SELECT id FROM account WHERE email = ?)", [.text(email)])
    }

    private static func endSessions(_ email: String) -> SQLStatement {
        SQLStatement("DELETE FROM session WHERE account_id = (SELECT id FROM account WHERE email = ?)", [.text(email)])
    }

    // MARK: Sessions and tokens

    public static let sessionByHash = """
        SELECT s.id_hash, s.csrf_token, s.created_at AS session_created_at, s.last_seen_at, s.address, s.user_agent,
          s.second_factor_pending, a.email
        FROM session s JOIN account a ON a.id = s.account_id WHERE s.id_hash = ?
        """
    public static let touchSession = "UPDATE session SET last_seen_at = ? WHERE id_hash = ?"
    public static let tokenByHash = """
        SELECT t.id, t.name, t.role, t.created_at AS token_created_at, t.last_used_at, t.revoked_at, a.email
        FROM api_token t JOIN account a ON a.id = t.account_id WHERE t.token_hash = ?
        """
    public static let tokensOfAccount = """
        SELECT t.id, t.name, t.role, t.created_at AS token_created_at, t.last_used_at, t.revoked_at, a.email
        FROM api_token t JOIN account a ON a.id = t.account_id WHERE a.email = ? ORDER BY t.id DESC
        """
    public static let recordTokenUse = "UPDATE api_token SET last_used_at = ? WHERE id = ?"

    // MARK: Failed sign-ins

    public static let signInFailuresOfEmail = "SELECT at FROM sign_in_failure WHERE email = ? AND at >= ? ORDER BY at"
    public static let signInFailuresOfAddress = "SELECT at FROM sign_in_failure WHERE address = ? AND at >= ? ORDER BY at"
    public static let clearSignInFailures = "DELETE FROM sign_in_failure WHERE email = ?"

    /// A failed sign-in's row, and the forgetting of old ones.
    public static func recordSignInFailure(email: String, address: String?, at: String, forgetBefore: String) -> [SQLStatement] {
        [SQLStatement("DELETE FROM sign_in_failure WHERE at < ?", [.text(forgetBefore)]),
         SQLStatement("INSERT INTO sign_in_failure (email, address, at) VALUES (?, ?, ?)", [.text(email), .text(address), .text(at)])]
    }

    public static func session(_ row: some StoredRow, account: Account) -> Session {
        Session(idHash: row.text("id_hash") ?? "", account: account, csrfToken: row.text("csrf_token") ?? "",
                createdAt: row.text("session_created_at") ?? "", lastSeenAt: row.text("last_seen_at") ?? "",
                address: row.text("address"), userAgent: row.text("user_agent"),
                secondFactorPending: row.bool("second_factor_pending") ?? false)
    }

    public static func token(_ row: some StoredRow, account: Account) -> APIToken {
        APIToken(id: row.integer("id") ?? 0, account: account, name: row.text("name") ?? "",
                 role: Role(rawValue: row.text("role") ?? "") ?? .reader, createdAt: row.text("token_created_at") ?? "",
                 lastUsedAt: row.text("last_used_at"), revokedAt: row.text("revoked_at"))
    }

    private static func organisationRows(_ email: String, _ organisations: [String]) -> [SQLStatement] {
        organisations.enumerated().map { i, code in
            SQLStatement("INSERT INTO account_organisation (account_id, organisation_id, position) SELECT id, ?, ? FROM account WHERE email = ?",
                         [.text(code), .int(i), .text(email)])
        }
    }
}
