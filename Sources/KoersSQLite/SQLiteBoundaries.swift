import GRDB
import KoersCore
import KoersStore

extension SQLiteStore {
    public func saveBoundaries(_ boundaries: [Boundary]) async throws {
        try await writer.write { db in
            try SQLiteWriting.run(StoreStatements.saveBoundaries(boundaries), in: db)
            try SQLiteSchema.bumpDataVersion(db)
        }
    }

    public func boundaries(regions: [String]?) async throws -> [Boundary] {
        try await writer.read { db in
            try SQLiteReading.rows(db, StoredRows.Query.boundaries(regions: regions?.count), (regions ?? []).map { .text($0) })
                .map(StoredRows.boundary)
        }
    }
}
