import KoersCore
import KoersStore

extension SQLiteStore: ActionUpdateStore {
    public func post(_ update: ActionUpdate, context: AuditContext) async throws -> ActionUpdate {
        try await writer.write { db in
            let (statements, stored) = ActionUpdateStatements.post(update, context: context)
            try SQLiteWriting.run(statements, in: db)
            // Pages that show the action are computed afresh.
            try SQLiteSchema.bumpDataVersion(db)
            return stored
        }
    }

    public func updates(action: String?) async throws -> [ActionUpdate] {
        let query = ActionUpdateStatements.select(action: action)
        return try await writer.read { db in try SQLiteReading.rows(db, query.sql, query.arguments).compactMap(ActionUpdateStatements.update) }
    }
}
