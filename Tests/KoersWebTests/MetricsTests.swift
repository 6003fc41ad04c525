import Foundation
import Hummingbird
import HummingbirdTesting
import KoersBundledCatalogue
import KoersCore
import KoersSQLite
import KoersStore
import KoersTestSupport
import Prometheus
import Testing

@testable import KoersWeb

/// `/metrics`: valid Prometheus text whose counters follow the requests, the response cache and the store's imports.
@Suite struct MetricsTests {
    let folder: TemporaryFolder
    let store: SQLiteStore

    init() async throws {
        folder = try TemporaryFolder()
        store = try SQLiteStore(path: folder.path("koers.sqlite"))
        try await BundledCatalogue.loadIfEmpty(store)
    }

    /// The samples of an exposition by series (`name{labels}`), after checking every line against the text format:
    /// HELP and TYPE before a family's samples, label syntax, numeric values, and each histogram's buckets cumulative
    /// up to `+Inf`, which equals its `_count`.
    static func parse(_ text: String) throws -> [String: Double] {
        var types: [String: String] = [:]
        var samples: [String: Double] = [:]
        let sample = /([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*",?)*\})? (\S+)/
        #expect(text.hasSuffix("\n"))
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
            if let help = line.wholeMatch(of: /# HELP ([a-zA-Z_:][a-zA-Z0-9_:]*) .+/) {
                #expect(types[String(help.1)] == nil, "HELP after samples of \(help.1)")
                continue
            }
            if let type = line.wholeMatch(of: /# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram)/) {
                types[String(type.1)] = String(type.2)
                continue
            }
            let match = try #require(line.wholeMatch(of: sample), "not a sample line: \(line)")
            let name = String(match.1)
            let family = types[name] != nil ? name : name.replacing(/_(bucket|sum|count)$/, with: "")
            try #require(types[family] != nil, "no TYPE before \(name)")
            if types[family] == "histogram" { try #require(name != family, "a histogram's samples are _bucket, _sum and _count") }
            let value = try #require(Double(String(match.3).replacingOccurrences(of: "+Inf", with: "inf")), "not a number: \(line)")
            samples[name + String(match.2 ?? "")] = value
        }
        for (family, type) in types where type == "histogram" {
            let buckets = samples.filter { $0.key.hasPrefix(family + "_bucket{") }
            for (key, infinite) in buckets where key.contains("le=\"+Inf\"") {
                let series = key.replacing(/,?le="\+Inf"/, with: "")
                let count = try #require(samples[series.replacingOccurrences(of: "_bucket", with: "_count").replacingOccurrences(of: "{}", with: "")])
                #expect(infinite == count, "\(key): +Inf bucket is the count")
                let others = buckets.filter { $0.key.replacing(/,?le="[^"]*"/, with: "") == series }
                #expect(others.values.allSatisfy { $0 <= infinite }, "buckets are cumulative")
            }
        }
        return samples
    }

    static func scrape(_ client: some TestClientProtocol) async throws -> [String: Double] {
        let response = try await client.execute(uri: "/metrics", method: .get)
        #expect(response.status == .ok)
        #expect(response.headers[.contentType] == "text/plain; version=0.0.4; charset=utf-8")
        #expect(response.headers[.cacheControl] == "no-store")
        return try parse(String(buffer: response.body))
    }

    @Test func requestsAreCountedByRoutePatternAndStatusAndTimed() async throws {
        let app = try await buildApplication(store: store)
        try await app.test(.router) { client in
            let before = try await Self.scrape(client)
            #expect(before["koers_http_requests_in_flight"] == 1, "the scrape itself")
            for plan in ["streekvisie-zwv", "masterplan-wvl"] { _ = try await client.execute(uri: "/plannen/\(plan)", method: .get) }
            _ = try await client.execute(uri: "/bestaat-niet", method: .get)
            let after = try await Self.scrape(client)
            #expect(after["koers_http_requests_total{method=\"GET\",route=\"/plannen/{plan}\",status=\"200\"}"] == 2)
            #expect(after["koers_http_requests_total{method=\"GET\",route=\"NotFound\",status=\"404\"}"] == 1)
            #expect(after["koers_http_request_duration_seconds_count{method=\"GET\",route=\"/plannen/{plan}\"}"] == 2)
            #expect(after["koers_http_requests_total{method=\"GET\",route=\"/metrics\",status=\"200\"}"] == 1, "the first scrape")
            #expect(!after.keys.contains { $0.contains("streekvisie-zwv") }, "no raw paths as labels")
            #expect((after["koers_store_call_duration_seconds_count{operation=\"plan\"}"] ?? 0) >= 2)
            #expect(after["koers_store_calls_in_flight"] == 0)
        }
    }

    @Test func theResponseCacheIsCountedAndMetricsAreNeverKept() async throws {
        let app = try await buildApplication(store: store, cacheBytes: 1 << 20)
        try await app.test(.router) { client in
            for _ in 0..<3 { _ = try await client.execute(uri: "/plannen/streekvisie-zwv", method: .get) }
            let first = try await Self.scrape(client)
            #expect(first["koers_response_cache_misses_total"] == 2, "the page once, this scrape once")
            #expect(first["koers_response_cache_hits_total"] == 2)
            #expect((first["koers_response_cache_bytes"] ?? 0) > 1000)
            #expect(first["koers_response_cache_entries"] == 1, "the page, not the scrape")
            #expect(first["koers_response_cache_capacity_bytes"] == Double(1 << 20))
            let second = try await Self.scrape(client)
            #expect(second["koers_response_cache_misses_total"] == 3, "a scrape is computed afresh each time")
            #expect(second["koers_http_requests_total{method=\"GET\",route=\"/metrics\",status=\"200\"}"] == 1)
        }
    }

    @Test func importFiguresAreReadFromTheDatabaseAtEachScrape() async throws {
        let app = try await buildApplication(store: store)
        // A second instance on the same file imports; this one reports it at its next scrape.
        let other = try SQLiteStore(path: folder.path("koers.sqlite"))
        try await app.test(.router) { client in
            let before = try await Self.scrape(client)
            #expect(before["koers_store_up"] == 1)
            #expect(before["koers_import_batches"] == 0)
            #expect(before["koers_import_last_timestamp_seconds"] == nil, "no import, no time")
            let batch = ImportBatch(fileName: "a.csv", sha256: "0", format: "csv", importedAt: "2026-11-22T12:00:00Z")
            _ = try await other.importObservations([batch], dryRun: false) { _, sink in
                for year in 2020...2022 {
                    try sink(Observation(indicator: "actieve-ondernemingen", region: "34022", period: .year(year), value: 1, source: "a.csv"),
                             Location(file: "a.csv", line: year - 2018, column: 1))
                }
            }
            let after = try await Self.scrape(client)
            #expect(after["koers_import_batches"] == 1)
            #expect(after["koers_import_rows_read"] == Double(try await other.batches().reduce(0) { $0 + $1.rowsRead }))
            #expect(after["koers_store_data_version"] == Double(try await other.dataVersion()))
            #expect(after["koers_store_data_version"]! > before["koers_store_data_version"]!)
            #expect(after["koers_import_last_timestamp_seconds"] == 1_795_348_800)
        }
    }

    @Test func swiftMetricsUsersReportToTheirOwnApplicationsMetrics() async throws {
        let one = try await buildApplication(store: store)
        let other = try await buildApplication(store: store)
        try await one.test(.router) { client in
            for plan in ["streekvisie-zwv", "masterplan-wvl"] { _ = try await client.execute(uri: "/plannen/\(plan)", method: .get) }
            let samples = try await Self.scrape(client)
            // Hummingbird's MetricsMiddleware, through swift-metrics, in this application's registry.
            let labels = "{http_route=\"/plannen/{plan}\",http_request_method=\"GET\",http_response_status_code=\"200\"}"
            #expect(samples["hb_requests" + labels] == 2)
            #expect(samples["http_server_request_duration_count" + labels] == 2)
            #expect(samples["koers_http_requests_total{method=\"GET\",route=\"/plannen/{plan}\",status=\"200\"}"] == 2)
        }
        try await other.test(.router) { client in
            _ = try await Self.scrape(client)
            let samples = try await Self.scrape(client)
            #expect(!samples.keys.contains { $0.contains("/plannen/{plan}") }, "only its own requests")
            #expect(samples["hb_requests{http_route=\"/metrics\",http_request_method=\"GET\",http_response_status_code=\"200\"}"] == 1,
                    "its own first scrape")
        }
    }

    @Test func theExpositionEscapesLabelsAndWritesHistogramsWhole() throws {
        let registry = PrometheusCollectorRegistry()
        registry.makeCounter(descriptor: MetricNameDescriptor(metricName: "t_total", unitName: "", helpText: "A test\nwith a line break."),
                             labels: [("path", "a\"b\\c\nd")]).increment(by: Int64(2))
        // Durations, as Koers records them.
        let histogram = registry.makeDurationHistogram(descriptor: MetricNameDescriptor(metricName: "t_seconds", unitName: "", helpText: "Times."),
                                                       buckets: [.milliseconds(100), .seconds(1)])
        histogram.record(.milliseconds(50))
        histogram.record(.milliseconds(500))
        histogram.record(.seconds(5))
        let text = registry.emitToString()
        // The registry writes its families in no fixed order; each family's lines come together, in this order.
        // swift-prometheus drops a line break in a help text where the format would also allow `\n`: either way the
        // HELP line stays one line.
        let families = text.split(separator: "# HELP ").map { "# HELP " + $0 }
        #expect(Set(families) == [
            """
            # HELP t_total A testwith a line break.
            # TYPE t_total counter
            t_total{path="a\\"b\\\\c\\nd"} 2

            """,
            """
            # HELP t_seconds Times.
            # TYPE t_seconds histogram
            t_seconds_bucket{le="0.1"} 1
            t_seconds_bucket{le="1.0"} 2
            t_seconds_bucket{le="+Inf"} 3
            t_seconds_sum 5.55
            t_seconds_count 3

            """,
        ])
        _ = try Self.parse(text)
    }
}
