import KoersCore
import KoersStore
import PostgresNIO

extension PostgresStore: PeriodIndex {
    public func periodsByIndicator() async throws -> [String: Set<Period>] {
        try await read { PeriodIndexStatements.index(try await $0.rows(PeriodIndexStatements.periods)) }
    }
}
