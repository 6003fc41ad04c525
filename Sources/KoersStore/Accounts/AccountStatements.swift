import Foundation
import KoersCore

/// The SQL of accounts and the audit trail, written once for both stores. `statements(for:before:context:at:)` is the
/// only producer of writes to the account tables, and every list it returns ends with the audit row: a store runs
/// the list in one transaction, so a change without its audit row cannot be written, and an audit row that fails
/// takes the change back with it. The databases refuse UPDATE and DELETE on `audit` (triggers in both schemas).
public enum AccountStatements {
    public static let accountByEmail = "SELECT id, email, role, password_hash, disabled, created_at FROM account WHERE email = ?"
    public static let accounts = "SELECT id, email, role, password_hash, disabled, created_at FROM account ORDER BY email"
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
                createdAt: row.text("created_at") ?? "")
    }

    public static func auditEntry(_ row: some StoredRow) -> AuditEntry {
        AuditEntry(id: row.integer("id") ?? 0, at: row.text("at") ?? "", actor: row.text("actor") ?? "",
                   kind: row.text("kind") ?? "", object: row.text("object") ?? "", before: row.text("before"),
                   after: row.text("after"), address: row.text("address"), userAgent: row.text("user_agent"),
                   note: row.text("note"), batchID: row.integer("batch_id"))
    }

    /// The statements of `change`, given the account as it is (`before`, read in the same transaction), ending with
    /// the audit row; and that row as it will read. Throws `AccountError` for a duplicate or unknown account.
    public static func statements(for change: AccountChange, before: Account?, context: AuditContext,
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
            // Neither the password nor its hash goes into the trail: only that it changed.
            after = a.audited.merging(["password": .text("changed")]) { $1 }
        }
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

    private static func organisationRows(_ email: String, _ organisations: [String]) -> [SQLStatement] {
        organisations.enumerated().map { i, code in
            SQLStatement("INSERT INTO account_organisation (account_id, organisation_id, position) SELECT id, ?, ? FROM account WHERE email = ?",
                         [.text(code), .int(i), .text(email)])
        }
    }
}
