import Foundation
import KoersCore

/// Owners' reports on actions, kept beside the plans (SQLite and PostgreSQL, one contract). A report is a change, so
/// `post` writes it with its audit row in one transaction.
public protocol ActionUpdateStore: Sendable {
    /// Writes the report and its audit row (kind `action.update`, object `action:ID`); returns it as stored.
    @discardableResult
    func post(_ update: ActionUpdate, context: AuditContext) async throws -> ActionUpdate
    /// The reports on one action, newest first; or on every action when `action` is nil.
    func updates(action: String?) async throws -> [ActionUpdate]
}

extension ActionUpdateStore {
    /// Each action's newest report.
    public func latestUpdates() async throws -> [String: ActionUpdate] {
        var latest: [String: ActionUpdate] = [:]
        for update in try await updates(action: nil) where latest[update.action] == nil { latest[update.action] = update }
        return latest
    }
}

/// The SQL of action reports, written once for both stores; `post` is the only writer of `action_update` and its
/// list ends with the audit row.
public enum ActionUpdateStatements {
    static let columns = "SELECT id, action_id, status, percent_done, spent, period, note, author, at FROM action_update"

    public static func select(action: String?) -> SQLStatement {
        action.map { SQLStatement(columns + " WHERE action_id = ? ORDER BY id DESC", [.text($0)]) }
            ?? SQLStatement(columns + " ORDER BY id DESC")
    }

    /// The report's INSERT (its id the largest + 1, as the audit's, so that a dump loads with its ids) and its audit
    /// row; the report as it will read.
    public static func post(_ update: ActionUpdate, context: AuditContext, at time: Date = Date()) -> (statements: [SQLStatement], update: ActionUpdate) {
        var stored = update
        stored.at = ISO8601DateFormatter().string(from: time)
        let insert = SQLStatement("""
            INSERT INTO action_update (id, action_id, status, percent_done, spent, period, note, author, at)
            SELECT COALESCE(MAX(id), 0) + 1, ?, ?, ?, ?, ?, ?, ?, ? FROM action_update
            """, [.text(stored.action), .text(stored.progress.rawValue), .integer(stored.percentDone.map(Int64.init)),
                  .double(stored.spent), .text(stored.period.description), .text(stored.note), .text(stored.author), .text(stored.at)])
        let audit = AuditEntry(at: stored.at, actor: context.actor.description, kind: "action.update", object: "action:\(stored.action)",
                               after: AuditValue.json(stored.audited), address: context.address, userAgent: context.userAgent,
                               note: context.note)
        return ([insert, AccountStatements.insert(audit)], stored)
    }

    public static func update(_ row: some StoredRow) -> ActionUpdate? {
        guard let progress = ActionProgress(rawValue: row.text("status") ?? ""), let period = Period(row.text("period") ?? "") else { return nil }
        return ActionUpdate(id: row.integer("id") ?? 0, action: row.text("action_id") ?? "", progress: progress,
                            percentDone: row.integer("percent_done").map { Int($0) }, spent: row.double("spent"), period: period,
                            note: row.text("note"), author: row.text("author") ?? "", at: row.text("at") ?? "")
    }
}
