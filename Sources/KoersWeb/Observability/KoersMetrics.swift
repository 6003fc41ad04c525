/// The metrics of one Koers application. Request and store metrics are counted as they happen in this instance; the
/// cache's are read from it at each scrape; the import figures are read from the database at each scrape, so every
/// instance on one database reports the same ones.
final class KoersMetrics: Sendable {
    let registry = MetricsRegistry()

    let requests: MetricFamily
    let requestDuration: Histogram
    let requestsInFlight: MetricFamily

    let cacheHits: MetricFamily
    let cacheMisses: MetricFamily
    let cacheBytes: MetricFamily
    let cacheEntries: MetricFamily
    let cacheCapacity: MetricFamily

    let storeCallDuration: Histogram
    let storeCallErrors: MetricFamily
    let storeCallsInFlight: MetricFamily

    let storeUp: MetricFamily
    let dataVersion: MetricFamily
    let importBatches: MetricFamily
    let importRowsRead: MetricFamily
    let lastImport: MetricFamily

    init() {
        let r = registry
        requests = r.family("koers_http_requests_total", "HTTP requests answered, by method, route pattern and status.", .counter,
                            labels: ["method", "route", "status"])
        requestDuration = r.histogram("koers_http_request_duration_seconds",
                                      "Time from receiving a request to the last byte of its answer, by method and route pattern.",
                                      labels: ["method", "route"])
        requestsInFlight = r.family("koers_http_requests_in_flight", "Requests being answered now.", .gauge)
        cacheHits = r.family("koers_response_cache_hits_total", "GET answers served from the response cache.", .counter)
        cacheMisses = r.family("koers_response_cache_misses_total", "GET answers not in the response cache (computed, or shared by a concurrent computation).", .counter)
        cacheBytes = r.family("koers_response_cache_bytes", "Body bytes kept by the response cache.", .gauge)
        cacheEntries = r.family("koers_response_cache_entries", "Answers kept by the response cache.", .gauge)
        cacheCapacity = r.family("koers_response_cache_capacity_bytes", "The most body bytes the response cache keeps (--cache-mb).", .gauge)
        storeCallDuration = r.histogram("koers_store_call_duration_seconds", "Time of store (database) calls, by operation.",
                                        labels: ["operation"])
        storeCallErrors = r.family("koers_store_call_errors_total", "Store calls that failed, by operation.", .counter, labels: ["operation"])
        storeCallsInFlight = r.family("koers_store_calls_in_flight", "Store calls running now (PostgreSQL: holding or waiting for a pool connection).", .gauge)
        storeUp = r.family("koers_store_up", "1 when the database answered this scrape, 0 when it did not.", .gauge)
        dataVersion = r.family("koers_store_data_version", "The store's data version; every committed write increases it.", .gauge)
        importBatches = r.family("koers_import_batches", "Import batches recorded in the database.", .gauge)
        importRowsRead = r.family("koers_import_rows_read", "Values read by the recorded import batches, summed.", .gauge)
        lastImport = r.family("koers_import_last_timestamp_seconds", "Unix time of the newest recorded import batch.", .gauge)
        requestsInFlight.set(0)
        storeCallsInFlight.set(0)
    }
}
