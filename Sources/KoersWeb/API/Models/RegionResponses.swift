import KoersCore
import KoersViews

/// `GET /api/v1/regions`: every region, from Belgium down to the municipalities.
struct RegionList: Codable, Sendable {
    var regions: [RegionItem]
}

/// A region with its level and where it sits.
struct RegionItem: Codable, Sendable {
    var code: String
    var name: Text
    var level: String
    var levelLabel: Text
    /// The region it lies in; null for Belgium.
    @Nullable var parent: String?
    /// The chain of parents up to the country, nearest first.
    var ancestors: [String]
    @Nullable var nuts: String?
    /// First and last day the code is valid; null when unbounded.
    @Nullable var validFrom: String?
    @Nullable var validTo: String?
    var url: String

    enum CodingKeys: String, CodingKey {
        case code, name, level, parent, ancestors, nuts, url
        case levelLabel = "level_label", validFrom = "valid_from", validTo = "valid_to"
    }

    init(_ r: Region, geography: Geography) {
        code = r.code
        name = Text(r.name)
        level = r.level.rawValue
        levelLabel = Text(r.level.label)
        parent = r.parent
        ancestors = geography.ancestors(of: r.code).map(\.code)
        nuts = r.nuts
        validFrom = r.validFrom?.description
        validTo = r.validTo?.description
        url = Paths(.nl).region(r.code)
    }
}

/// `GET /api/v1/regions/{code}`: the region and, for every indicator with a value for it, its latest value beside
/// the latest values of the regions it lies in, as the Streekvisie's SWOT tables compare a region with its province,
/// Flanders and Belgium.
struct RegionDetail: Codable, Sendable {
    var region: RegionItem
    /// The municipalities a custom region (such as ZWV) is made of; empty for other regions.
    var members: [RegionRef]
    /// The regions the values are compared with: the ancestors, nearest first.
    var comparedWith: [RegionRef]
    /// By indicator code, then breakdown.
    var indicators: [IndicatorValues]

    enum CodingKeys: String, CodingKey {
        case region, members, indicators
        case comparedWith = "compared_with"
    }

    /// One indicator (and breakdown) in the region and the regions above it.
    struct IndicatorValues: Codable, Sendable {
        var indicator: IndicatorRef
        @Nullable var unit: String?
        var breakdown: [String: String]
        var latest: Value
        /// One per region in `compared_with`, in that order; `latest` is null where that region has no value.
        var comparisons: [Comparison]
    }

    struct Comparison: Codable, Sendable {
        var region: String
        @Nullable var latest: Value?
    }

    struct Value: Codable, Sendable {
        var period: String
        var value: Double
        var flags: [String]
        var source: String

        init(_ o: Observation) {
            period = o.period.description
            value = o.value
            flags = o.flags.map(\.rawValue).sorted()
            source = o.source
        }
    }

    /// `observations` are those of `indicators` for the region and its ancestors.
    init(region: Region, observations: [Observation], lookup: Lookup) {
        let geography = lookup.geography
        let ancestors = geography.ancestors(of: region.code)
        self.region = RegionItem(region, geography: geography)
        members = (geography.compositions[region.code] ?? []).map { RegionRef($0, lookup: lookup) }
        comparedWith = ancestors.map { RegionRef($0.code, lookup: lookup) }
        // The latest value per indicator, breakdown and region.
        var latest: [String: Observation] = [:]
        for o in observations {
            let key = "\(o.indicator)|\(o.breakdown.key)|\(o.region)"
            if latest[key].map({ $0.period < o.period }) ?? true { latest[key] = o }
        }
        indicators = latest.values.filter { $0.region == region.code }
            .sorted { ($0.indicator, $0.breakdown.key) < ($1.indicator, $1.breakdown.key) }
            .map { own in
                IndicatorValues(
                    indicator: IndicatorRef(own.indicator, lookup: lookup),
                    unit: lookup.indicators[own.indicator]?.unit.rawValue,
                    breakdown: own.breakdown.dimensions, latest: Value(own),
                    comparisons: ancestors.map { a in
                        Comparison(region: a.code, latest: latest["\(own.indicator)|\(own.breakdown.key)|\(a.code)"].map(Value.init))
                    })
            }
    }
}
