import KoersCore
import KoersStore

extension SQLiteStore: ActionUpdateStore {
    public func post(_ update: ActionUpdate, waitsForApproval: Bool, context: AuditContext) async throws -> ActionUpdate {
        try await writer.write { db in
            let (statements, posted) = ActionUpdateStatements.post(update, waitsForApproval: waitsForApproval, context: context)
            try SQLiteWriting.run(statements, in: db)
            var stored = posted
            stored.id = try SQLiteReading.rows(db, ActionUpdateStatements.lastID).first?.integer("id") ?? 0
            // Pages that show the action are computed afresh.
            try SQLiteSchema.bumpDataVersion(db)
            return stored
        }
    }

    public func approve(update id: Int64, by approver: String, context: AuditContext) async throws -> ActionUpdate {
        try await writer.write { db in
            let query = ActionUpdateStatements.byID(id)
            let waiting = try SQLiteReading.rows(db, query.sql, query.arguments).compactMap(ActionUpdateStatements.update).first
            let (statements, approved) = try ActionUpdateStatements.approve(waiting, id: id, by: approver, context: context)
            try SQLiteWriting.run(statements, in: db)
            try SQLiteSchema.bumpDataVersion(db)
            return approved
        }
    }

    public func updates(action: String?) async throws -> [ActionUpdate] {
        let query = ActionUpdateStatements.select(action: action)
        return try await writer.read { db in try SQLiteReading.rows(db, query.sql, query.arguments).compactMap(ActionUpdateStatements.update) }
    }
}
