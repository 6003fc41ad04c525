import ArgumentParser
import KoersWeb

/// `koers serve`: the web site.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the Koers web site.",
        discussion: "On first start with a new store, loads the bundled geography and the seed plans.")

    @OptionGroup var store: StoreOptions
    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on.") var port = 8080
    @Option(name: .customLong("cache-mb"),
            help: "Memory for finished pages and downloads, in MB (kept while the store's data is unchanged; 0: none).")
    var cacheMB = defaultCacheBytes >> 20

    func run() async throws {
        let opened = try await store.open()
        let app = try await buildApplication(store: opened, host: host, port: port, cacheBytes: cacheMB << 20)
        print("Koers serves \(store.displayName) at http://\(host):\(port)")
        try await app.runService()
    }
}
