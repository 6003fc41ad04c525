import KoersCore
import KoersStore
import PostgresNIO

extension PostgresStore: ActionUpdateStore {
    public func post(_ update: ActionUpdate, context: AuditContext) async throws -> ActionUpdate {
        try await write { connection in
            let (statements, stored) = ActionUpdateStatements.post(update, context: context)
            try await connection.run(statements)
            return stored
        }
    }

    public func updates(action: String?) async throws -> [ActionUpdate] {
        let query = ActionUpdateStatements.select(action: action)
        return try await read { try await $0.rows(query.sql, query.arguments).compactMap(ActionUpdateStatements.update) }
    }
}
