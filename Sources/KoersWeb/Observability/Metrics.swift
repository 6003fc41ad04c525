import Synchronization

/// Counters, gauges and histograms written in Prometheus' text format (version 0.0.4).
///
/// Hand-rolled rather than swift-metrics with a Prometheus backend: that backend is bootstrapped once per process,
/// and tests build many applications in one process, each of which must count only its own requests.
final class MetricsRegistry: Sendable {
    private let families = Mutex<[MetricFamily]>([])

    /// A counter (only goes up) or gauge (any value) with these label names.
    func family(_ name: String, _ help: String, _ type: MetricFamily.Kind, labels: [String] = []) -> MetricFamily {
        register(MetricFamily(name: name, help: help, kind: type, labelNames: labels))
    }

    func histogram(_ name: String, _ help: String, labels: [String] = [], buckets: [Double] = Histogram.defaultBuckets) -> Histogram {
        register(Histogram(name: name, help: help, labelNames: labels, buckets: buckets))
    }

    private func register<M: MetricFamily>(_ family: M) -> M {
        families.withLock { $0.append(family) }
        return family
    }

    /// Every family, in the order registered: `# HELP`, `# TYPE`, then its samples sorted by labels.
    func exposition() -> String {
        families.withLock { $0 }.map { $0.exposition() }.joined()
    }
}

/// One metric name with its series, one per combination of label values.
class MetricFamily: @unchecked Sendable {
    enum Kind: String { case counter, gauge, histogram }

    let name: String
    let help: String
    let kind: Kind
    let labelNames: [String]
    private let values = Mutex<[[String]: Double]>([:])

    init(name: String, help: String, kind: Kind, labelNames: [String]) {
        self.name = name
        self.help = help
        self.kind = kind
        self.labelNames = labelNames
    }

    func add(_ amount: Double = 1, _ labels: [String] = []) {
        values.withLock { $0[labels, default: 0] += amount }
    }

    func set(_ value: Double, _ labels: [String] = []) {
        values.withLock { $0[labels] = value }
    }

    /// Forgets every series (a gauge read afresh at each scrape, whose series may vanish).
    func clear() {
        values.withLock { $0.removeAll() }
    }

    func value(_ labels: [String] = []) -> Double? {
        values.withLock { $0[labels] }
    }

    func exposition() -> String {
        var text = header
        var series = values.withLock { $0 }
        // A family without labels shows 0 before its first event, so rate() has a starting point.
        if labelNames.isEmpty && series.isEmpty && kind == .counter { series[[]] = 0 }
        for (labels, value) in series.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }) {
            text += "\(name)\(Self.labels(labelNames, labels)) \(Self.number(value))\n"
        }
        return text
    }

    var header: String {
        "# HELP \(name) \(help.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n"))\n"
            + "# TYPE \(name) \(kind.rawValue)\n"
    }

    /// `{method="GET",route="/"}`, values escaped as the format asks; empty without labels.
    static func labels(_ names: [String], _ values: [String]) -> String {
        guard !names.isEmpty else { return "" }
        let pairs = zip(names, values).map { name, value in
            let escaped = value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                .replacingOccurrences(of: "\n", with: "\\n")
            return "\(name)=\"\(escaped)\""
        }
        return "{" + pairs.joined(separator: ",") + "}"
    }

    static func number(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}

/// Observations counted into cumulative buckets (`_bucket{le=…}`, `+Inf` last), with their `_sum` and `_count`.
final class Histogram: MetricFamily, @unchecked Sendable {
    /// Seconds, from 5 ms to 10 s: Prometheus' client defaults, fitting page and query times.
    static let defaultBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    let buckets: [Double]
    private let series = Mutex<[[String]: (counts: [UInt64], sum: Double, count: UInt64)]>([:])

    init(name: String, help: String, labelNames: [String], buckets: [Double]) {
        self.buckets = buckets.sorted()
        super.init(name: name, help: help, kind: .histogram, labelNames: labelNames)
    }

    func observe(_ value: Double, _ labels: [String] = []) {
        series.withLock { series in
            var entry = series[labels] ?? (counts: [UInt64](repeating: 0, count: buckets.count), sum: 0.0, count: UInt64(0))
            if let index = buckets.firstIndex(where: { value <= $0 }) { entry.counts[index] += 1 }
            entry.sum += value
            entry.count += 1
            series[labels] = entry
        }
    }

    override func exposition() -> String {
        var text = header
        for (labels, entry) in series.withLock({ $0 }).sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }) {
            var cumulative: UInt64 = 0
            for (bound, count) in zip(buckets, entry.counts) {
                cumulative += count
                text += "\(name)_bucket\(Self.labels(labelNames + ["le"], labels + [Self.number(bound)])) \(cumulative)\n"
            }
            text += "\(name)_bucket\(Self.labels(labelNames + ["le"], labels + ["+Inf"])) \(entry.count)\n"
            text += "\(name)_sum\(Self.labels(labelNames, labels)) \(Self.number(entry.sum))\n"
            text += "\(name)_count\(Self.labels(labelNames, labels)) \(entry.count)\n"
        }
        return text
    }
}
