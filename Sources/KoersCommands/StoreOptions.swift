import ArgumentParser
import Foundation
import KoersBundledCatalogue
import KoersCore
import KoersPlanFiles
import KoersPostgres
import KoersSQLite
import KoersStore

/// `--db` and `--config`, shared by every command that touches the store.
struct StoreOptions: ParsableArguments {
    /// Where the store is when `--db` is not given (a SQLite path or a PostgreSQL URL, as `--db`).
    static let environmentVariable = SettingKey.database.variable
    /// The configuration file when `--config` is not given.
    static let configVariable = "KOERS_CONFIG"

    @Option(name: .long, help: ArgumentHelp(
        "The store: a SQLite file path (created if missing) or a PostgreSQL URL, postgres://user:password@host:port/database.",
        discussion: "Without --db: $\(environmentVariable) if set, else the configuration file's 'database', else koers.sqlite."))
    var db: String?

    @Option(name: .long, help: ArgumentHelp(
        "A YAML configuration file (keys: database; serve: host, port, cache_mb; log: level, format).",
        discussion: "Without --config: $\(configVariable) if set, else none. Flags win over environment variables, which win over the file."))
    var config: String?

    /// The configuration file named by `--config` or the environment, and which of the two named it.
    func configurationFile(environment: [String: String]) -> (path: String, source: Configuration.Source)? {
        if let config { return (config, .flag("--config")) }
        if let path = environment[Self.configVariable], !path.isEmpty { return (path, .environment(Self.configVariable)) }
        return nil
    }

    /// The settings: `--db` and a command's own `flags`, then the environment, then the configuration file.
    func configuration(flags: [SettingKey: String] = [:],
                       environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Configuration {
        var flags = flags
        flags[.database] = db
        let file = try configurationFile(environment: environment).map { try ConfigurationFile.read($0.path) }
        return try Configuration.resolve(flags: flags, environment: environment, file: file)
    }

    /// The store's location; a command gets an unusable configuration's error from `open()`.
    var location: String { (try? configuration().database) ?? db ?? SettingKey.database.builtIn }

    /// The location for messages: a PostgreSQL URL without its password.
    var displayName: String { Configuration.displayName(location) }

    /// Opens the store (creating and migrating it if needed) without loading anything into it.
    static func openAsItIs(_ location: String) async throws -> any Store {
        if PostgresLocation.isPostgres(location) {
            try await PostgresStore(url: location)
        } else {
            try SQLiteStore(path: location)
        }
    }

    /// Opens the store, runs `body` with it and closes it, also when `body` throws: a PostgreSQL pool runs for the
    /// length of the command (a service of the command's own), and its connections end with a goodbye instead of a
    /// dropped socket. `asItIs`: without loading the bundled data into a new store.
    func withStore<T>(asItIs: Bool = false, _ body: (any Store) async throws -> T) async throws -> T {
        let store = try await Self.openAsItIs(try configuration().database)
        return try await Self.running(store) {
            if !asItIs { try await BundledCatalogue.loadIfEmpty(store) }
            return try await body(store)
        }
    }

    /// Runs what the store needs running (PostgreSQL: its pool) while `body` runs, and closes it after.
    static func running<T>(_ store: any Store, _ body: () async throws -> T) async throws -> T {
        guard let postgres = store as? PostgresStore else { return try await body() }
        return try await postgres.running(body)
    }

    /// Returns once what the store needs running runs (PostgreSQL: its pool, started by the service group).
    static func untilRunning(_ store: any Store) async {
        if let postgres = store as? PostgresStore { await postgres.untilRunning() }
    }

    /// The services a server runs its store with: PostgreSQL's pool; nothing for a SQLite file.
    static func services(of store: any Store) -> [PostgresStore] {
        (store as? PostgresStore).map { [$0] } ?? []
    }
}

/// Writes JSON the same way for every command: sorted keys, indented, numbers as Swift prints them shortest.
enum JSONOutput {
    static func print<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        Swift.print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }
}
