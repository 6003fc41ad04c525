/// A qualifier on an observed value, as statistical offices publish them.
public enum ObservationFlag: String, Sendable, Codable, CaseIterable {
    case provisional, estimated, confidential, `break`
}

/// A sub-population an observation or target is about, e.g. `age: 20-64`, `education: low`.
///
/// Kept as sorted key/value pairs so that equal breakdowns compare equal and store under one key.
public struct Breakdown: Sendable, Hashable, Codable, CustomStringConvertible {
    public private(set) var dimensions: [String: String]

    public init(_ dimensions: [String: String] = [:]) { self.dimensions = dimensions }

    public var isEmpty: Bool { dimensions.isEmpty }

    /// `age=20-64;education=low`: a stable key, empty for the whole population.
    public var key: String {
        if dimensions.isEmpty { return "" }
        return dimensions.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ";")
    }

    /// Parses `key`; nil when a part has no `=`.
    public init?(key: String) {
        var d: [String: String] = [:]
        for part in key.split(separator: ";") {
            guard let eq = part.firstIndex(of: "=") else { return nil }
            d[String(part[..<eq])] = String(part[part.index(after: eq)...])
        }
        self.init(d)
    }

    public var description: String {
        dimensions.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    }

    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode([String: String].self))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(dimensions)
    }
}

/// How Koers computed a value it did not read: nil for a value from a file or a document.
public enum Derivation: String, Sendable, Hashable, Codable, CaseIterable {
    /// The sum (or weighted mean) of the municipalities a 2025 municipality was merged from.
    case remapped
    /// The sum (or weighted mean) of the municipalities of a larger region.
    case aggregated
    /// Computed by the indicator's formula from other indicators.
    case derived
}

/// One value of an indicator for a region and period, with where it comes from.
public struct Observation: Sendable, Hashable, Codable {
    public var indicator: String
    public var region: String
    public var period: Period
    public var breakdown: Breakdown
    public var value: Double
    public var flags: Set<ObservationFlag>
    /// The citation: document and section, or the publisher and table.
    public var source: String
    public var note: String?
    /// Set when Koers computed the value; such values are recomputed whenever their inputs change.
    public var derivation: Derivation?

    public init(indicator: String, region: String, period: Period, breakdown: Breakdown = Breakdown(), value: Double,
                flags: Set<ObservationFlag> = [], source: String, note: String? = nil, derivation: Derivation? = nil) {
        self.indicator = indicator
        self.region = region
        self.period = period
        self.breakdown = breakdown
        self.value = value
        self.flags = flags
        self.source = source
        self.note = note
        self.derivation = derivation
    }

    /// What identifies the value: one observation per indicator, region, period and breakdown.
    public var key: ObservationKey { ObservationKey(indicator: indicator, region: region, period: period, breakdown: breakdown) }
}

/// The identity of an observation.
public struct ObservationKey: Sendable, Hashable {
    public var indicator: String
    public var region: String
    public var period: Period
    public var breakdown: Breakdown
}
