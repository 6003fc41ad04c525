import KoersCore
import KoersStore

extension SQLiteStore: DraftStore {
    public func stage(_ draft: Draft, values: [DraftValue], context: AuditContext) async throws -> Int64 {
        try await writer.write { db in
            let id = try SQLiteReading.rows(db, DraftStatements.nextID).first?.integer("id") ?? 1
            try SQLiteWriting.run(DraftStatements.stage(draft, id: id, values: values, context: context), in: db)
            // Signed-in readers' pages show the draft as concept.
            try SQLiteSchema.bumpDataVersion(db)
            return id
        }
    }

    public func drafts() async throws -> [Draft] {
        try await writer.read { db in try SQLiteReading.rows(db, DraftStatements.drafts).map(DraftStatements.draft) }
    }

    public func draft(id: Int64) async throws -> Draft? {
        let query = DraftStatements.draft(id)
        return try await writer.read { db in try SQLiteReading.rows(db, query.sql, query.arguments).map(DraftStatements.draft).first }
    }

    public func draftValues(draft: Int64, indicator: String?) async throws -> [DraftValue] {
        let query = DraftStatements.values(draft: draft, indicator: indicator)
        return try await writer.read { db in try SQLiteReading.rows(db, query.sql, query.arguments).map(DraftStatements.value) }
    }

    public func waitingValues(indicator: String) async throws -> [DraftValue] {
        let query = DraftStatements.waiting(indicator: indicator)
        return try await writer.read { db in try SQLiteReading.rows(db, query.sql, query.arguments).map(DraftStatements.value) }
    }

    public func recordRejection(draft id: Int64, note: String?, context: AuditContext) async throws {
        try await writer.write { db in
            try SQLiteWriting.run(DraftStatements.decide(id, .rejected, note: note, context: context), in: db)
            try SQLiteSchema.bumpDataVersion(db)
        }
    }
}
