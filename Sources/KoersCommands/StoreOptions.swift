import ArgumentParser
import Foundation
import KoersBundledData
import KoersCore
import KoersPlanFiles
import KoersPostgres
import KoersStore

/// `--db`, shared by every command that touches the store.
struct StoreOptions: ParsableArguments {
    /// Where the store is when `--db` is not given (a SQLite path or a PostgreSQL URL, as `--db`).
    static let environmentVariable = "KOERS_DATABASE_URL"

    @Option(name: .long, help: ArgumentHelp(
        "The store: a SQLite file path (created if missing) or a PostgreSQL URL, postgres://user:password@host:port/database.",
        discussion: "Without --db: $\(environmentVariable) if set, else koers.sqlite."))
    var db: String?

    /// `--db`, else the environment's, else `koers.sqlite`.
    var location: String { db ?? ProcessInfo.processInfo.environment[Self.environmentVariable] ?? "koers.sqlite" }

    /// The location for messages: a PostgreSQL URL without its password.
    var displayName: String { (try? PostgresLocation(url: location))?.description ?? location }

    /// Opens the store; a new one first receives the bundled geography and plans.
    func open() async throws -> any Store {
        let store = try await openAsItIs()
        try await BundledCatalogue.loadIfEmpty(store)
        return store
    }

    /// Opens the store (creating and migrating it if needed) without loading anything into it.
    func openAsItIs() async throws -> any Store {
        if PostgresLocation.isPostgres(location) {
            try await PostgresStore(url: location)
        } else {
            try SQLiteStore(path: location)
        }
    }
}

/// The data files shipped with Koers, read into one catalogue.
public enum BundledCatalogue {
    public static var sources: [CatalogueLoader.Source] { CatalogueLoader.sources(in: BundledData.root) }

    public static func load() throws -> Catalogue {
        try CatalogueLoader.load(sources)
    }

    /// Loads the bundled catalogue into `store` when the store holds nothing yet.
    public static func loadIfEmpty(_ store: any Store) async throws {
        guard try await store.isEmpty() else { return }
        try await store.replaceCatalogue(try load())
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
