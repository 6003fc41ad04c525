import Foundation
import KoersCore

/// Owners' reports on actions, kept beside the plans (SQLite and PostgreSQL, one contract). A report is a change, so
/// `post` writes it with its audit row in one transaction.
public protocol ActionUpdateStore: Sendable {
    /// Writes the report and its audit row (kind `action.update`, object `action:ID`); returns it as stored.
    /// `waitsForApproval`: its plan asks a steward's approval, so the public does not see it yet.
    @discardableResult
    func post(_ update: ActionUpdate, waitsForApproval: Bool, context: AuditContext) async throws -> ActionUpdate
    /// A steward approves a waiting report (audited as `action.update.approve`); throws
    /// `ActionUpdateError.notWaiting` for a report that does not exist or was approved already.
    @discardableResult
    func approve(update id: Int64, by approver: String, context: AuditContext) async throws -> ActionUpdate
    /// The reports on one action, newest first; or on every action when `action` is nil.
    func updates(action: String?) async throws -> [ActionUpdate]
}

public enum ActionUpdateError: Error, Sendable, Hashable, CustomStringConvertible {
    case notWaiting(Int64)

    public var description: String {
        switch self { case .notWaiting(let id): "report \(id) does not wait for approval" }
    }
}

extension ActionUpdateStore {
    /// Each action's newest report the public may see (approved, or published at once).
    public func latestUpdates() async throws -> [String: ActionUpdate] {
        var latest: [String: ActionUpdate] = [:]
        for update in try await updates(action: nil) where update.isApproved && latest[update.action] == nil { latest[update.action] = update }
        return latest
    }
}

/// The SQL of action reports, written once for both stores; `post` is the only writer of `action_update` and its
/// list ends with the audit row.
public enum ActionUpdateStatements {
    static let columns = "SELECT id, action_id, status, percent_done, spent, period, note, author, at, approved_at, approved_by FROM action_update"

    public static func select(action: String?) -> SQLStatement {
        action.map { SQLStatement(columns + " WHERE action_id = ? ORDER BY id DESC", [.text($0)]) }
            ?? SQLStatement(columns + " ORDER BY id DESC")
    }

    /// The report's INSERT (its id the largest + 1, as the audit's, so that a dump loads with its ids) and its audit
    /// row; the report as it will read.
    public static func post(_ update: ActionUpdate, waitsForApproval: Bool, context: AuditContext,
                            at time: Date = Date()) -> (statements: [SQLStatement], update: ActionUpdate) {
        var stored = update
        stored.at = ISO8601DateFormatter().string(from: time)
        stored.approvedAt = waitsForApproval ? nil : stored.at
        stored.approvedBy = waitsForApproval ? nil : publishedAtOnce
        let insert = SQLStatement("""
            INSERT INTO action_update (id, action_id, status, percent_done, spent, period, note, author, at, approved_at, approved_by)
            SELECT COALESCE(MAX(id), 0) + 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM action_update
            """, [.text(stored.action), .text(stored.progress.rawValue), .integer(stored.percentDone.map(Int64.init)),
                  .double(stored.spent), .text(stored.period.description), .text(stored.note), .text(stored.author), .text(stored.at),
                  .text(stored.approvedAt), .text(stored.approvedBy)])
        var after = stored.audited
        after["waits_for_approval"] = .bool(waitsForApproval)
        let audit = AuditEntry(at: stored.at, actor: context.actor.description, kind: "action.update", object: "action:\(stored.action)",
                               after: AuditValue.json(after), address: context.address, userAgent: context.userAgent,
                               note: context.note)
        return ([insert, AccountStatements.insert(audit)], stored)
    }

    /// What `approved_by` says of a report whose plan asks no approval.
    public static let publishedAtOnce = "published at once"

    /// The id the last `post` got, read in its transaction (writes are serialised, so it is that report's).
    public static let lastID = "SELECT MAX(id) AS id FROM action_update"

    public static func byID(_ id: Int64) -> SQLStatement { SQLStatement(columns + " WHERE id = ?", [.integer(id)]) }

    /// The approval of `waiting` (read in the same transaction; throws unless it waits) and its audit row.
    public static func approve(_ waiting: ActionUpdate?, id: Int64, by approver: String, context: AuditContext,
                               at time: Date = Date()) throws -> (statements: [SQLStatement], update: ActionUpdate) {
        guard var update = waiting, !update.isApproved else { throw ActionUpdateError.notWaiting(id) }
        update.approvedAt = ISO8601DateFormatter().string(from: time)
        update.approvedBy = approver
        let statement = SQLStatement("UPDATE action_update SET approved_at = ?, approved_by = ? WHERE id = ? AND approved_at IS NULL",
                                     [.text(update.approvedAt), .text(approver), .integer(id)])
        let audit = AuditEntry(at: update.approvedAt!, actor: context.actor.description, kind: "action.update.approve",
                               object: "action:\(update.action)", after: AuditValue.json(["report": .number(Double(id)), "approved": .bool(true)]),
                               address: context.address, userAgent: context.userAgent, note: context.note)
        return ([statement, AccountStatements.insert(audit)], update)
    }

    public static func update(_ row: some StoredRow) -> ActionUpdate? {
        guard let progress = ActionProgress(rawValue: row.text("status") ?? ""), let period = Period(row.text("period") ?? "") else { return nil }
        return ActionUpdate(id: row.integer("id") ?? 0, action: row.text("action_id") ?? "", progress: progress,
                            percentDone: row.integer("percent_done").map { Int($0) }, spent: row.double("spent"), period: period,
                            note: row.text("note"), author: row.text("author") ?? "", at: row.text("at") ?? "",
                            approvedAt: row.text("approved_at"), approvedBy: row.text("approved_by"))
    }
}
