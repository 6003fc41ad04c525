import ArgumentParser
import Foundation
import KoersBundledData
import KoersCore
import KoersPlanFiles
import KoersStore

/// `--db`, shared by every command that touches the store.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: "The store: a SQLite file path (created if missing).")
    var db: String = "koers.sqlite"

    /// Opens the store; a new one first receives the bundled geography and plans.
    func open() async throws -> any Store {
        if db.hasPrefix("postgres://") || db.hasPrefix("postgresql://") {
            throw ValidationError("PostgreSQL stores are not supported yet; use a SQLite file path for --db.")
        }
        let store = try SQLiteStore(path: db)
        try await BundledCatalogue.loadIfEmpty(store)
        return store
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
