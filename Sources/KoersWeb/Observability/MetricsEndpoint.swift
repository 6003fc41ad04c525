import Foundation
import Hummingbird
import KoersStore

/// `GET /metrics` in Prometheus' text format. Never kept by the response cache (`no-store`): the figures are read
/// afresh at each scrape, the import figures from the database.
enum MetricsEndpoint {
    static func addRoute(to router: Router<BasicRequestContext>, metrics: KoersMetrics, store: any StoreReader, cache: ResponseCache) {
        router.get("/metrics") { _, _ in
            await read(store, cache, into: metrics)
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8", .cacheControl: "no-store"],
                            body: .init(byteBuffer: ByteBuffer(string: metrics.registry.exposition())))
        }
    }

    static func read(_ store: any StoreReader, _ cache: ResponseCache, into metrics: KoersMetrics) async {
        let usage = cache.usage, lookups = cache.lookups
        metrics.cacheHits.set(Double(lookups.hits))
        metrics.cacheMisses.set(Double(lookups.misses))
        metrics.cacheBytes.set(Double(usage.bytes))
        metrics.cacheEntries.set(Double(usage.entries))
        metrics.cacheCapacity.set(Double(cache.capacity))
        let imports = [metrics.dataVersion, metrics.importBatches, metrics.importRowsRead, metrics.lastImport]
        do {
            let version = try await store.dataVersion()
            let batches = try await store.batches()
            metrics.storeUp.set(1)
            metrics.dataVersion.set(Double(version))
            metrics.importBatches.set(Double(batches.count))
            metrics.importRowsRead.set(Double(batches.reduce(0) { $0 + $1.rowsRead }))
            metrics.lastImport.clear()
            // Batches come newest first; none yet: no sample rather than a made-up time.
            if let newest = batches.first, let time = ISO8601DateFormatter().date(from: newest.importedAt) {
                metrics.lastImport.set(time.timeIntervalSince1970)
            }
        } catch {
            // What the database cannot tell is left out, not reported as 0.
            metrics.storeUp.set(0)
            for family in imports { family.clear() }
        }
    }
}
