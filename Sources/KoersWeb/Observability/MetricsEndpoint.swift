import Foundation
import Hummingbird
import KoersStore

/// `GET /metrics` in Prometheus' text format. Never kept by the response cache (`no-store`): the figures are read
/// afresh at each scrape, the import figures from the database.
struct MetricsController: Sendable {
    let metrics: KoersMetrics
    /// Read directly, not through `MeasuredStore`: scraping must not move the store's own call metrics.
    let store: any StoreReader
    let cache: ResponseCache

    var endpoints: RouteCollection<KoersRequestContext> {
        RouteCollection(context: KoersRequestContext.self).get("/metrics") { _, _ in
            await Self.read(store, cache, into: metrics)
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8", .cacheControl: "no-store"],
                            body: .init(byteBuffer: ByteBuffer(string: metrics.exposition())))
        }
    }

    static func read(_ store: any StoreReader, _ cache: ResponseCache, into metrics: KoersMetrics) async {
        metrics.readCache(cache)
        do {
            let version = try await store.dataVersion()
            let batches = try await store.batches()
            // Batches come newest first.
            let newest = batches.first.flatMap { ISO8601DateFormatter().date(from: $0.importedAt) }
            metrics.readStore(.init(dataVersion: version, importBatches: batches.count, importRowsRead: batches.reduce(0) { $0 + $1.rowsRead },
                                    lastImport: newest?.timeIntervalSince1970))
        } catch {
            metrics.readStore(nil)
        }
    }
}
