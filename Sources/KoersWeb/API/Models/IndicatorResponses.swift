import KoersCore
import KoersViews

/// `GET /api/v1/indicators`.
struct IndicatorList: Codable, Sendable {
    var indicators: [IndicatorItem]
}

/// An indicator's definition and provenance: who produces it (`source`) and who processes it (`processing`), as the
/// Streekvisie's Bijlage 2 writes them, and where Koers took the definition from (`citation`).
struct IndicatorItem: Codable, Sendable {
    var code: String
    var name: Text
    @Nullable var definition: Text?
    var unit: String
    /// What pages write after a number (`%`, `personen`); empty for plain counts.
    var unitSymbol: Text
    var decimals: Int
    /// `up` (higher is better), `down` or `none`.
    var direction: String
    var frequency: String
    var aggregation: String
    @Nullable var source: String?
    @Nullable var processing: String?
    @Nullable var citation: String?
    /// For a derived indicator, the formula of other indicators it is computed from.
    @Nullable var formula: String?
    @Nullable var weight: String?
    var url: String

    enum CodingKeys: String, CodingKey {
        case code, name, definition, unit, decimals, direction, frequency, aggregation, source, processing, citation
        case formula, weight, url
        case unitSymbol = "unit_symbol"
    }

    init(_ i: Indicator) {
        code = i.code
        name = Text(i.name)
        definition = Text(i.definition)
        unit = i.unit.rawValue
        unitSymbol = Text(i.unit.symbol)
        decimals = i.decimals
        direction = i.direction.rawValue
        frequency = i.frequency.rawValue
        aggregation = i.aggregation.rawValue
        source = i.source
        processing = i.processing
        citation = i.citation
        formula = i.formula
        weight = i.weight
        url = Paths(.nl).indicator(i.code)
    }
}

/// `GET /api/v1/indicators/{code}`: the indicator, the targets that measure with it and the regions it has values for.
struct IndicatorDetail: Codable, Sendable {
    struct TargetLink: Codable, Sendable {
        var plan: String
        var code: String
        var text: String
        var url: String
    }

    var indicator: IndicatorItem
    var targets: [TargetLink]
    var regions: [RegionRef]
}

/// `GET /api/v1/indicators/{code}/observations`.
struct ObservationList: Codable, Sendable {
    var indicator: IndicatorRef
    var observations: [ObservationItem]
}

/// One stored value with where it comes from.
struct ObservationItem: Codable, Sendable {
    var region: RegionRef
    var period: String
    /// The period's first and last day (ISO 8601 dates), so that clients need not parse `period`.
    var periodStart: String
    var periodEnd: String
    /// The sub-population; empty for the whole population.
    var breakdown: [String: String]
    var value: Double
    /// `provisional`, `estimated`, `confidential`, `break`.
    var flags: [String]
    /// The citation: document and section, or publisher and table.
    var source: String
    @Nullable var note: String?
    /// How Koers computed the value (`remapped`, `aggregated`, `derived`); null for a value read from a source.
    @Nullable var derivation: String?

    enum CodingKeys: String, CodingKey {
        case region, period, periodStart = "period_start", periodEnd = "period_end", breakdown, value, flags, source, note, derivation
    }

    init(_ o: Observation, lookup: Lookup) {
        region = RegionRef(o.region, lookup: lookup)
        period = o.period.description
        periodStart = o.period.start.description
        periodEnd = o.period.end.description
        breakdown = o.breakdown.dimensions
        value = o.value
        flags = o.flags.map(\.rawValue).sorted()
        source = o.source
        note = o.note
        derivation = o.derivation?.rawValue
    }
}
