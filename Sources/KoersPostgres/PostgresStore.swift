import Foundation
import KoersCore
import KoersStore
import PostgresNIO
import ServiceLifecycle

/// The PostgreSQL store: the same schema, migrations and answers as `SQLiteStore`, for deployments where several
/// Koers instances share one database. Queries go through a `PostgresClient` pool, which answers only while the
/// store runs as a service: in the application's service group (`koers serve`), or for the length of a command or a
/// test (`running(_:)`, `PostgresStore.with(url:_:)`). It closes its connections when the group shuts down.
public final class PostgresStore: Store, Service {
    public let location: PostgresLocation
    let client: PostgresClient
    private let started = StartSignal()

    /// Held by every writing transaction, so that writes follow one another as in SQLite (an import numbers its
    /// batch from the largest id, and classifies rows against what is stored).
    static let writeLock: Int64 = 0x4B6F_6572_73

    /// Connects to the database at `url` (`postgres://user:password@host:port/database`) and applies any migration
    /// it lacks. Its pool starts when `run()` does.
    public init(url: String) async throws {
        let location = try PostgresLocation(url: url)
        self.location = location
        client = PostgresClient(configuration: location.clientConfiguration, backgroundLogger: postgresLogger)
        // One connection of its own first: a pool waits for ever for a server it cannot reach, a connection fails
        // with the reason. It checks the version and migrates, then goes.
        try await location.withConnection { connection in
            let version = try await Self.serverVersion(connection)
            guard version >= 150000 else {
                throw PostgresStoreError("\(location) runs PostgreSQL \(version / 10000); Koers needs 15 or later")
            }
            try await PostgresSchema.migrate(connection)
        }
    }

    /// Runs the connection pool until the task is cancelled or the service group shuts down gracefully, then closes
    /// its connections. Runs once.
    public func run() async {
        started.open()
        await client.run()
    }

    /// Returns once `run()` has started the pool. A connection asked for before that is still given once it runs,
    /// but PostgresNIO warns in the log; whoever starts the store in a task of its own waits for this first.
    public func untilRunning() async {
        await started.wait()
    }

    /// Runs the pool while `body` runs, and closes it after, also when `body` throws: for code without a service
    /// group (a command, a test).
    public func running<T>(_ body: () async throws -> T) async throws -> T {
        try await Self.running([self], body)
    }

    /// Runs the pools of `stores` while `body` runs, and closes them after.
    public static func running<T>(_ stores: [PostgresStore], _ body: () async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for store in stores { group.addTask { await store.run() } }
            defer { group.cancelAll() }
            for store in stores { await store.untilRunning() }
            return try await body()
        }
    }

    /// Opens the store at `url`, runs `body` with its pool running, and closes it after.
    public static func with<T>(url: String, _ body: (PostgresStore) async throws -> T) async throws -> T {
        let store = try await PostgresStore(url: url)
        return try await store.running { try await body(store) }
    }

    /// The server's version as a number, 150004 for 15.4.
    public func serverVersion() async throws -> Int64 {
        try await read(snapshot: false) { try await Self.serverVersion($0) }
    }

    private static func serverVersion(_ connection: PostgresConnection) async throws -> Int64 {
        try await connection.rows("SELECT current_setting('server_version_num')::bigint AS version")[0].integer("version")!
    }

    /// The migrations applied to this store, in order.
    public func appliedMigrations() async throws -> [String] {
        try await read { try await PostgresSchema.appliedMigrations($0) }
    }

    /// Runs `body` on a connection of the pool; the queries of a `snapshot` see one state of the store, as a SQLite
    /// read does (one query always does).
    func read<T: Sendable>(snapshot: Bool = true, _ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await translatingErrors {
            try await client.withConnection { connection in
                if !snapshot { return try await body(connection) }
                try await connection.run("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
                do {
                    let result = try await body(connection)
                    try await connection.run("COMMIT")
                    return result
                } catch {
                    try? await connection.run("ROLLBACK")
                    throw error
                }
            }
        }
    }

    /// Runs `body` in a writing transaction that bumps the data version; commits unless `keep` is false (a dry run).
    /// The error `body` throws is rethrown as it is, after the rollback.
    func write<T: Sendable>(keep: Bool = true, _ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await translatingErrors {
            try await client.withConnection { connection in
                try await connection.run("BEGIN")
                do {
                    try await connection.run("SELECT pg_advisory_xact_lock(\(Self.writeLock))")
                    let result = try await body(connection)
                    try await connection.run(StoreStatements.bumpDataVersion)
                    try await connection.run(keep ? "COMMIT" : "ROLLBACK")
                    return result
                } catch {
                    try? await connection.run("ROLLBACK")
                    throw error
                }
            }
        }
    }

    public func isEmpty() async throws -> Bool {
        try await read(snapshot: false) { try await $0.rows("SELECT count(*) AS n FROM region")[0].integer("n") == 0 }
    }

    public func replaceCatalogue(_ catalogue: Catalogue) async throws {
        try await write { try await $0.run(StoreStatements.replaceCatalogue(catalogue)) }
    }

    public func dataVersion() async throws -> Int64 {
        try await read(snapshot: false) { try await $0.rows(StoredRows.Query.dataVersion)[0].integer("version")! }
    }

    public func geography() async throws -> Geography {
        try await read { c in
            StoredRows.geography(regions: try await c.rows(StoredRows.Query.regions),
                                   members: try await c.rows(StoredRows.Query.regionMembers),
                                   successions: try await c.rows(StoredRows.Query.regionSuccessions))
        }
    }

    public func organisations() async throws -> [Organisation] {
        try await read(snapshot: false) { try await $0.rows(StoredRows.Query.organisations).map(StoredRows.organisation) }
    }

    public func fundingProgrammes() async throws -> [FundingProgramme] {
        try await read(snapshot: false) { try await $0.rows(StoredRows.Query.fundingProgrammes).map(StoredRows.fundingProgramme) }
    }

    public func indicators() async throws -> [Indicator] {
        try await read(snapshot: false) { try await $0.rows(StoredRows.Query.indicators).map(StoredRows.indicator) }
    }

    public func indicator(code: String) async throws -> Indicator? {
        try await read(snapshot: false) { try await $0.rows(StoredRows.Query.indicator, [.text(code)]).first.map(StoredRows.indicator) }
    }

    public func plans() async throws -> [Plan] {
        try await read { c in
            var plans: [Plan] = []
            for row in try await c.rows(StoredRows.Query.planIDs) {
                if let plan = try await Self.plan(c, id: row.text("id")!) { plans.append(plan) }
            }
            return plans
        }
    }

    public func plan(id: String) async throws -> Plan? {
        try await read { try await Self.plan($0, id: id) }
    }

    static func plan(_ c: PostgresConnection, id: String) async throws -> Plan? {
        typealias Q = StoredRows.Query
        guard let row = try await c.rows(Q.plan, [.text(id)]).first else { return nil }
        return StoredRows.plan(row, nodes: try await c.rows(Q.planNodes, [.text(id)]), targets: try await c.rows(Q.planTargets, [.text(id)]),
                                 actions: try await c.rows(Q.planActions, [.text(id)]), partners: try await c.rows(Q.planPartners, [.text(id)]),
                                 budgets: try await c.rows(Q.planBudgets, [.text(id)]),
                                 targetLinks: try await c.rows(Q.planActionTargets, [.text(id)]))
    }

    public func observations(indicator: String, regions: [String]?) async throws -> [Observation] {
        try await read(snapshot: false) {
            try await $0.rows(StoredRows.Query.observations(regions: regions?.count), [.text(indicator)] + (regions ?? []).map { .text($0) })
                .map(StoredRows.observation)
        }
    }

    public func allObservations() async throws -> [Observation] {
        try await read(snapshot: false) { try await $0.rows(StoredRows.Query.allObservations).map(StoredRows.observation) }
    }

    public func saveBoundaries(_ boundaries: [Boundary]) async throws {
        try await write { try await $0.run(StoreStatements.saveBoundaries(boundaries)) }
    }

    public func boundaries(regions: [String]?) async throws -> [Boundary] {
        try await read(snapshot: false) {
            try await $0.rows(StoredRows.Query.boundaries(regions: regions?.count), (regions ?? []).map { .text($0) }).map(StoredRows.boundary)
        }
    }
}

/// Opens once, and lets every waiter through from then on.
private final class StartSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var isOpen = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func open() {
        lock.lock()
        isOpen = true
        let waiting = waiters
        waiters = []
        lock.unlock()
        for waiter in waiting { waiter.resume() }
    }

    func wait() async {
        await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
            lock.lock()
            if isOpen {
                lock.unlock()
                waiter.resume()
            } else {
                waiters.append(waiter)
                lock.unlock()
            }
        }
    }
}
