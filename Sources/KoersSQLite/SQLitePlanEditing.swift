import KoersCore
import KoersStore

extension SQLiteStore: PlanEditing {
    public func savePlan(_ edited: Plan, expected: Plan, change: PlanChange, context: AuditContext) async throws {
        try await writer.write { db in
            // Read inside the writing transaction: no other save can come between this comparison and the write.
            guard let stored = try SQLiteReading.plan(db, id: edited.id) else { throw PlanEditError.notFound }
            guard stored == expected else { throw PlanEditError.changedMeanwhile }
            try SQLiteWriting.run(PlanEditStatements.save(edited, change: change, context: context), in: db)
            try SQLiteSchema.bumpDataVersion(db)
        }
    }
}
