import KoersBundledData
import KoersCore
import KoersPlanFiles
import KoersStore

/// The data files shipped with Koers, read into one catalogue: what a new store receives first, whether the server,
/// a command or a test opens it.
public enum BundledCatalogue {
    public static var sources: [CatalogueLoader.Source] { CatalogueLoader.sources(in: BundledData.root) }

    public static func load() throws -> Catalogue {
        try CatalogueLoader.load(sources)
    }

    /// Loads the bundled catalogue into `store` when the store holds nothing yet.
    public static func loadIfEmpty(_ store: any CatalogueWriter) async throws {
        guard try await store.isEmpty() else { return }
        try await store.replaceCatalogue(try load())
    }
}
