import KoersCore
import KoersStore

extension SQLiteStore: PeriodIndex {
    public func periodsByIndicator() async throws -> [String: Set<Period>] {
        try await writer.read { db in PeriodIndexStatements.index(try SQLiteReading.rows(db, PeriodIndexStatements.periods)) }
    }
}
