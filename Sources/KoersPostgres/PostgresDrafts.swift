import KoersCore
import KoersStore
import PostgresNIO

extension PostgresStore: DraftStore {
    public func stage(_ draft: Draft, values: [DraftValue], context: AuditContext) async throws -> Int64 {
        try await write { connection in
            // Writes are serialised (`write` takes the store's lock), so the next id is this draft's.
            let id = try await connection.rows(DraftStatements.nextID).first?.integer("id") ?? 1
            try await connection.run(DraftStatements.stage(draft, id: id, values: values, context: context))
            return id
        }
    }

    public func drafts() async throws -> [Draft] {
        try await read { try await $0.rows(DraftStatements.drafts).map(DraftStatements.draft) }
    }

    public func draft(id: Int64) async throws -> Draft? {
        let query = DraftStatements.draft(id)
        return try await read { try await $0.rows(query.sql, query.arguments).map(DraftStatements.draft).first }
    }

    public func draftValues(draft: Int64, indicator: String?) async throws -> [DraftValue] {
        let query = DraftStatements.values(draft: draft, indicator: indicator)
        return try await read { try await $0.rows(query.sql, query.arguments).map(DraftStatements.value) }
    }

    public func waitingValues(indicator: String) async throws -> [DraftValue] {
        let query = DraftStatements.waiting(indicator: indicator)
        return try await read { try await $0.rows(query.sql, query.arguments).map(DraftStatements.value) }
    }

    public func recordRejection(draft id: Int64, note: String?, context: AuditContext) async throws {
        try await write { try await $0.run(DraftStatements.decide(id, .rejected, note: note, context: context)) }
    }
}
