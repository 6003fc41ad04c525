import KoersCore
import KoersStore
import PostgresNIO

extension PostgresStore: ActionUpdateStore {
    public func post(_ update: ActionUpdate, waitsForApproval: Bool, context: AuditContext) async throws -> ActionUpdate {
        try await write { connection in
            let (statements, posted) = ActionUpdateStatements.post(update, waitsForApproval: waitsForApproval, context: context)
            try await connection.run(statements)
            var stored = posted
            stored.id = try await connection.rows(ActionUpdateStatements.lastID).first?.integer("id") ?? 0
            return stored
        }
    }

    public func approve(update id: Int64, by approver: String, context: AuditContext) async throws -> ActionUpdate {
        try await write { connection in
            let query = ActionUpdateStatements.byID(id)
            let waiting = try await connection.rows(query.sql, query.arguments).compactMap(ActionUpdateStatements.update).first
            let (statements, approved) = try ActionUpdateStatements.approve(waiting, id: id, by: approver, context: context)
            try await connection.run(statements)
            return approved
        }
    }

    public func updates(action: String?) async throws -> [ActionUpdate] {
        let query = ActionUpdateStatements.select(action: action)
        return try await read { try await $0.rows(query.sql, query.arguments).compactMap(ActionUpdateStatements.update) }
    }
}
