import KoersPostgres
import KoersSQLite
import KoersStore
import KoersTestSupport
import Testing

extension StoreKind {
    /// Runs `body` with a new, empty store of this kind (a SQLite file in a temporary folder, a new database on the
    /// test server, or a memory store), and removes it afterwards.
    func withStore(_ body: (TestStore) async throws -> Void) async throws {
        switch self {
        case .sqlite:
            let folder = try TemporaryFolder()
            let path = folder.path("koers.sqlite")
            try await body(TestStore(kind: self, open: { try SQLiteStore(path: path) }, store: try SQLiteStore(path: path)))
        case .postgres:
            try await ScratchDatabase.with(on: try TestPostgres.requireURL()) { url in
                let opened = OpenedStores()
                let open: @Sendable () async throws -> any Store = { await opened.keep(try await PostgresStore(url: url)) }
                do {
                    try await body(TestStore(kind: self, open: open, store: try await open()))
                    await opened.shutdown()
                } catch {
                    await opened.shutdown()
                    throw error
                }
            }
        case .memory:
            // Opened again, it is the same store: what a second reader in the same process would see.
            let store = MemoryStore()
            try await body(TestStore(kind: self, open: { store }, store: store))
        }
    }
}

/// A test's store, and a way to open the same store again (as a second Koers, or a restarted one, would).
struct TestStore: Sendable {
    let kind: StoreKind
    let open: @Sendable () async throws -> any Store
    let store: any Store

    /// Whether the store is a database, with migrations and a schema of its own (the memory store has neither).
    var isDatabase: Bool { kind != .memory }

    /// The migrations the store says it has applied.
    func appliedMigrations(_ store: any Store) async throws -> [String] {
        switch store {
        case let sqlite as SQLiteStore: try sqlite.appliedMigrations()
        case let postgres as PostgresStore: try await postgres.appliedMigrations()
        default: []
        }
    }
}

/// The PostgreSQL stores a test opened, each with its pool running in a task of the test's (a test has no service
/// group), closed before its database is dropped.
private actor OpenedStores {
    private var pools: [Task<Void, Never>] = []

    func keep(_ store: PostgresStore) async -> PostgresStore {
        pools.append(Task { await store.run() })
        await store.untilRunning()
        return store
    }

    func shutdown() async {
        for pool in pools { pool.cancel() }
        for pool in pools { await pool.value }
        pools = []
    }
}

/// Shown when the PostgreSQL half of the contract tests does not run.
@Suite struct PostgresAvailability {
    @Test(.enabled(if: TestPostgres.shouldRun, Comment(rawValue: TestPostgres.skipped)))
    func theStoreTestsRunOnPostgreSQL() async throws {
        let url = try TestPostgres.requireURL()
        let version = try await ScratchDatabase.with(on: url) { scratch in
            try await PostgresStore.with(url: scratch) { try await $0.serverVersion() }
        }
        #expect(version >= 150000, "Koers needs PostgreSQL 15 or later; the test server is \(version)")
    }
}
