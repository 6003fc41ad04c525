import GRDB
import KoersCore

extension SQLiteStore {
    public func saveBoundaries(_ boundaries: [Boundary]) async throws {
        try await writer.write { db in
            for b in boundaries {
                try db.execute(sql: "INSERT OR REPLACE INTO boundary (region_code, geometry, source) VALUES (?, ?, ?)",
                               arguments: [b.region, b.geometry, b.source])
            }
            try SQLiteSchema.bumpDataVersion(db)
        }
    }

    public func boundaries(regions: [String]?) async throws -> [Boundary] {
        try await writer.read { db in
            var sql = "SELECT region_code, geometry, source FROM boundary"
            var arguments = StatementArguments()
            if let regions {
                sql += " WHERE region_code IN (\(regions.map { _ in "?" }.joined(separator: ",")))"
                arguments = StatementArguments(regions)
            }
            return try Row.fetchAll(db, sql: sql + " ORDER BY region_code", arguments: arguments).map {
                Boundary(region: $0["region_code"], geometry: $0["geometry"], source: $0["source"])
            }
        }
    }
}
