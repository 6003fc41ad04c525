import Prometheus
import Synchronization

/// The metrics of one Koers application, in its own `PrometheusCollectorRegistry`. Request and store metrics are
/// counted as they happen in this instance; the cache's are read from it at each scrape; the import figures are read
/// from the database at each scrape, so every instance on one database reports the same ones.
///
/// One registry per application, not swift-metrics' process-wide bootstrap: tests build many applications in one
/// process, each of which must count only its own requests. swift-metrics users report to the same registry through
/// `factory`, which `MetricsFactoryScope` binds to the task answering each request.
final class KoersMetrics: Sendable {
    let registry: PrometheusCollectorRegistry
    /// For swift-metrics users (Hummingbird's `MetricsMiddleware`): their metrics land in `registry` too.
    let factory: PrometheusMetricsFactory

    let requestsInFlight: Gauge
    let storeCallsInFlight: Gauge
    private let cacheHits: Counter
    private let cacheMisses: Counter
    private let cacheBytes: Gauge
    private let cacheEntries: Gauge
    private let cacheCapacity: Gauge
    private let storeUp: Gauge
    /// The cache's lookups already added to the counters: the cache counts, the counters only go up by the difference.
    private let cacheCounted = Mutex<(hits: Int, misses: Int)>((0, 0))

    init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        factory = PrometheusMetricsFactory(registry: registry)
        requestsInFlight = registry.makeGauge(descriptor: Self.requestsInFlight)
        storeCallsInFlight = registry.makeGauge(descriptor: Self.storeCallsInFlight)
        cacheHits = registry.makeCounter(descriptor: Self.cacheHits)
        cacheMisses = registry.makeCounter(descriptor: Self.cacheMisses)
        cacheBytes = registry.makeGauge(descriptor: Self.cacheBytes)
        cacheEntries = registry.makeGauge(descriptor: Self.cacheEntries)
        cacheCapacity = registry.makeGauge(descriptor: Self.cacheCapacity)
        storeUp = registry.makeGauge(descriptor: Self.storeUp)
    }

    /// Prometheus' client defaults, 5 ms to 10 s: they fit page and query times.
    static let buckets: [Duration] = [.milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
                                      .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10)]

    // MARK: Counted as they happen

    /// A request answered (its last byte written, or failed), labelled by the route's pattern, never the address.
    func requestAnswered(method: String, route: String, status: Int, after duration: Duration) {
        registry.makeCounter(descriptor: Self.requests, labels: [("method", method), ("route", route), ("status", String(status))]).increment()
        registry.makeDurationHistogram(descriptor: Self.requestDuration, labels: [("method", method), ("route", route)], buckets: Self.buckets)
            .record(duration)
    }

    func storeCall(_ operation: String, took duration: Duration) {
        registry.makeDurationHistogram(descriptor: Self.storeCallDuration, labels: [("operation", operation)], buckets: Self.buckets)
            .record(duration)
    }

    func storeCallFailed(_ operation: String) {
        registry.makeCounter(descriptor: Self.storeCallErrors, labels: [("operation", operation)]).increment()
    }

    // MARK: Read at each scrape

    func readCache(_ cache: ResponseCache) {
        // Under the lock, so that two scrapes at once never add the same lookups twice (nor a negative difference).
        cacheCounted.withLock { counted in
            let now = cache.lookups
            cacheHits.increment(by: Int64(max(0, now.hits - counted.hits)))
            cacheMisses.increment(by: Int64(max(0, now.misses - counted.misses)))
            counted = (max(now.hits, counted.hits), max(now.misses, counted.misses))
        }
        let usage = cache.usage
        cacheBytes.set(to: Double(usage.bytes))
        cacheEntries.set(to: Double(usage.entries))
        cacheCapacity.set(to: Double(cache.capacity))
    }

    /// What the database told at this scrape; nil when it did not answer, and then the figures only it knows are
    /// left out rather than reported as 0.
    func readStore(_ figures: StoreFigures?) {
        storeUp.set(to: figures == nil ? 0 : 1)
        set(Self.dataVersion, figures.map { Double($0.dataVersion) })
        set(Self.importBatches, figures.map { Double($0.importBatches) })
        set(Self.importRowsRead, figures.map { Double($0.importRowsRead) })
        // No import yet: no sample rather than a made-up time.
        set(Self.lastImport, figures?.lastImport)
    }

    struct StoreFigures {
        var dataVersion: Int64
        var importBatches: Int
        var importRowsRead: Int
        var lastImport: Double?
    }

    /// Sets a gauge, or removes it from the exposition when there is no value.
    private func set(_ descriptor: MetricNameDescriptor, _ value: Double?) {
        let gauge = registry.makeGauge(descriptor: descriptor)
        if let value { gauge.set(to: value) } else { registry.unregisterGauge(gauge) }
    }

    /// The exposition in Prometheus' text format (0.0.4).
    func exposition() -> String { registry.emitToString() }

    // MARK: Names and help, one place for each (docs/operations.md lists them)

    private static func metric(_ name: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(metricName: name, unitName: "", helpText: help)
    }

    static var requests: MetricNameDescriptor {
        metric("koers_http_requests_total", "HTTP requests answered, by method, route pattern and status.")
    }
    static var requestDuration: MetricNameDescriptor {
        metric("koers_http_request_duration_seconds", "Time from receiving a request to the last byte of its answer, by method and route pattern.")
    }
    static var requestsInFlight: MetricNameDescriptor { metric("koers_http_requests_in_flight", "Requests being answered now.") }
    static var cacheHits: MetricNameDescriptor { metric("koers_response_cache_hits_total", "GET answers served from the response cache.") }
    static var cacheMisses: MetricNameDescriptor {
        metric("koers_response_cache_misses_total", "GET answers not in the response cache (computed, or shared by a concurrent computation).")
    }
    static var cacheBytes: MetricNameDescriptor { metric("koers_response_cache_bytes", "Body bytes kept by the response cache.") }
    static var cacheEntries: MetricNameDescriptor { metric("koers_response_cache_entries", "Answers kept by the response cache.") }
    static var cacheCapacity: MetricNameDescriptor {
        metric("koers_response_cache_capacity_bytes", "The most body bytes the response cache keeps (--cache-mb).")
    }
    static var storeCallDuration: MetricNameDescriptor {
        metric("koers_store_call_duration_seconds", "Time of store (database) calls, by operation.")
    }
    static var storeCallErrors: MetricNameDescriptor { metric("koers_store_call_errors_total", "Store calls that failed, by operation.") }
    static var storeCallsInFlight: MetricNameDescriptor {
        metric("koers_store_calls_in_flight", "Store calls running now (PostgreSQL: holding or waiting for a pool connection).")
    }
    static var storeUp: MetricNameDescriptor { metric("koers_store_up", "1 when the database answered this scrape, 0 when it did not.") }
    static var dataVersion: MetricNameDescriptor {
        metric("koers_store_data_version", "The store's data version; every committed write increases it.")
    }
    static var importBatches: MetricNameDescriptor { metric("koers_import_batches", "Import batches recorded in the database.") }
    static var importRowsRead: MetricNameDescriptor { metric("koers_import_rows_read", "Values read by the recorded import batches, summed.") }
    static var lastImport: MetricNameDescriptor {
        metric("koers_import_last_timestamp_seconds", "Unix time of the newest recorded import batch.")
    }
}
