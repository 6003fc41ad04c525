import Foundation
import KoersCore

/// Plans edited in the browser (SQLite and PostgreSQL, one contract): one plan's rows replaced by an edited copy,
/// with its audit row, in one transaction.
public protocol PlanEditing: Sendable {
    /// Replaces the rows of `edited.id` (the plan row, its nodes, targets, actions and their partners, budget lines and
    /// links) with `edited`'s and writes `change` to the audit trail, in one transaction. Refused with
    /// `PlanEditError.changedMeanwhile`, writing nothing, when the stored plan is no longer `expected` (someone saved
    /// in between), and with `.notFound` when there is no such plan.
    func savePlan(_ edited: Plan, expected: Plan, change: PlanChange, context: AuditContext) async throws
}

/// What one edit changed, for the audit trail: the object (`target:streekvisie-zwv/1.1.1`) and each changed field
/// before and after, as the form names them.
public struct PlanChange: Sendable, Hashable {
    public var object: String
    public var before: [String: AuditValue]
    public var after: [String: AuditValue]

    public init(object: String, before: [String: AuditValue], after: [String: AuditValue]) {
        self.object = object
        self.before = before
        self.after = after
    }

    /// The fields whose values differ between `old` and `new` (a field only one side has counts as changed).
    public init(object: String, old: [String: String], new: [String: String]) {
        let changed = Set(old.keys).union(new.keys).filter { old[$0] != new[$0] }
        self.init(object: object, before: old.filter { changed.contains($0.key) }.mapValues(AuditValue.text),
                  after: new.filter { changed.contains($0.key) }.mapValues(AuditValue.text))
    }

    public var isEmpty: Bool { before.isEmpty && after.isEmpty }
}

public enum PlanEditError: Error, Sendable, Equatable {
    case notFound
    case changedMeanwhile
}

/// The statements of a plan edit, in SQL both stores accept.
public enum PlanEditStatements {
    /// The plan row updated in place (it keeps its position among the plans), its children deleted and written again
    /// from `plan`, and the audit row (`plan.edit`).
    public static func save(_ plan: Plan, change: PlanChange, context: AuditContext, at time: Date = Date()) -> [SQLStatement] {
        let rows = StoreStatements.rows(plan, position: 0)
        let planRow = rows[0]
        let assignments = zip(planRow.columns, planRow.values).filter { !["id", "position"].contains($0.0) }
        let update = SQLStatement("UPDATE plan SET \(assignments.map { "\($0.0) = ?" }.joined(separator: ", ")) WHERE id = ?",
                                  assignments.map(\.1) + [.text(plan.id)])
        let ofActions = "action_id IN (SELECT id FROM action WHERE plan_id = ?)"
        let deletions = ["action_target", "budget_line", "action_partner"].map {
            SQLStatement("DELETE FROM \($0) WHERE \(ofActions)", [.text(plan.id)])
        } + ["action", "target", "plan_node"].map { SQLStatement("DELETE FROM \($0) WHERE plan_id = ?", [.text(plan.id)]) }
        let audit = AuditEntry(at: ISO8601DateFormatter().string(from: time), actor: context.actor.description, kind: "plan.edit",
                               object: change.object, before: AuditValue.json(change.before), after: AuditValue.json(change.after),
                               address: context.address, userAgent: context.userAgent, note: context.note)
        return [update] + deletions + rows.dropFirst().map { $0.insert() } + [AccountStatements.insert(audit)]
    }
}
