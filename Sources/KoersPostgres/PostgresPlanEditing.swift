import KoersCore
import KoersStore

extension PostgresStore: PlanEditing {
    public func savePlan(_ edited: Plan, expected: Plan, change: PlanChange, context: AuditContext) async throws {
        try await write { connection in
            // Read under the store's write lock: no other save can come between this comparison and the write.
            guard let stored = try await Self.plan(connection, id: edited.id) else { throw PlanEditError.notFound }
            guard stored == expected else { throw PlanEditError.changedMeanwhile }
            try await connection.run(PlanEditStatements.save(edited, change: change, context: context))
        }
    }
}
