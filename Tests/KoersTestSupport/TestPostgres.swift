import Foundation

/// The PostgreSQL server tests run against: `KOERS_TEST_POSTGRES_URL` (e.g. from `eval "$(.ci/postgres-cluster
/// start)"`). Without it the PostgreSQL tests are skipped, and say so, except under CI, where they run and fail.
public enum TestPostgres {
    public static let variable = "KOERS_TEST_POSTGRES_URL"

    public static var url: String? {
        ProcessInfo.processInfo.environment[variable].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Whether the PostgreSQL tests run: when a server is given, and always under CI.
    public static var shouldRun: Bool { url != nil || ProcessInfo.processInfo.environment["CI"] != nil }

    /// What a skipped run says.
    public static let skipped = "PostgreSQL tests skipped: \(variable) is not set. Start a throwaway server with "
        + "eval \"$(.ci/postgres-cluster start)\" and run the tests again (.ci/postgres-cluster stop removes it)."

    /// The server's URL; under CI without one, an error that fails the test.
    public static func requireURL() throws -> String {
        guard let url else { throw Missing() }
        return url
    }

    public struct Missing: Error, CustomStringConvertible {
        public var description: String { "\(TestPostgres.variable) is not set: under CI the PostgreSQL tests must run (.ci/run starts a server)" }
    }
}

/// The stores tests run on: SQLite always, PostgreSQL when `TestPostgres.shouldRun`, and the memory store where a
/// test opens its store itself. Each test module opens them its own way (a `Store`, or a `--db` for the command line).
public enum StoreKind: String, CaseIterable, Sendable {
    case sqlite, postgres, memory

    /// The databases, which a `--db` can name: what the command-line tests run on.
    public static var all: [StoreKind] { TestPostgres.shouldRun ? [.sqlite, .postgres] : [.sqlite] }

    /// What the store contract tests run on: the databases and the memory store.
    public static var contract: [StoreKind] { all + [.memory] }

    /// The memory store lives in the test's process: a `--db` cannot name it.
    public struct NoLocation: Error, CustomStringConvertible {
        public init() {}
        public var description: String { "the memory store has no location for --db; command-line tests run on StoreKind.all" }
    }
}
