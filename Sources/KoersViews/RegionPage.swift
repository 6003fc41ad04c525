import KoersCore

/// A region's profile: every indicator with a value for it, beside the same indicator in the regions it lies in (its
/// arrondissement, a custom region such as Zuid-West-Vlaanderen, the province, Flanders, Belgium), as the
/// Streekvisie's SWOT tables compare ZWV with Flanders and Belgium.
public struct RegionPage: Sendable {
    public struct Cell: Sendable {
        public var value: String
        public var missing: Bool
    }

    public struct Row: Sendable {
        public var indicator: Link
        public var period: String
        public var unit: String
        public var cells: [Cell]
    }

    public var code: String
    public var name: String
    public var level: String
    public var parents: [Link]
    public var children: [Link]
    /// The compared regions, the region itself first, then from small to large.
    public var columns: [Link]
    public var rows: [Row]
    public var hasRows: Bool
    /// The values behind the table (every period of the compared regions) as CSV and JSON.
    public var downloads: [Link]
    public var hasChildren: Bool
    public var hasParents: Bool

    /// The regions compared with `code`: itself, its parents, and custom regions containing it or one of its parents.
    public static func comparedRegions(_ code: String, geography: Geography) -> [String] {
        let chain = [code] + geography.ancestors(of: code).map(\.code)
        let custom = geography.compositions.keys.sorted().filter { key in
            key != code && chain.contains { geography.compositions[key]!.contains($0) }
        }
        // A custom region sits just below the first region of the chain it does not contain (ZWV above the
        // arrondissement Kortrijk, which lies wholly inside it, and below the province).
        var ordered = chain
        for c in custom {
            let members = Set(geography.compositions[c]!)
            func contained(_ r: String) -> Bool {
                if members.contains(r) { return true }
                let children = geography.children(of: r)
                return !children.isEmpty && children.allSatisfy { contained($0.code) }
            }
            let at = ordered.firstIndex { !contained($0) } ?? ordered.endIndex
            ordered.insert(c, at: at)
        }
        return ordered
    }

    /// `observations` are those of the compared regions, any indicator.
    public init?(code: String, observations: [Observation], lookup: Lookup, language: Language) {
        guard let region = lookup.geography[code] else { return nil }
        let paths = Paths(language)
        let format = NumberFormat(language)
        self.code = code
        name = region.name.text(in: language)
        level = region.level.label.text(in: language)
        let compared = Self.comparedRegions(code, geography: lookup.geography)
        parents = compared.dropFirst().map { Link(href: paths.region($0), label: lookup.regionName($0, language)) }
        children = lookup.geography.children(of: code).map { Link(href: paths.region($0.code), label: $0.name.text(in: language)) }
        columns = compared.map { Link(href: paths.region($0), label: lookup.regionName($0, language)) }
        downloads = [Link(href: paths.region(code) + "/data.csv", label: "CSV"), Link(href: paths.region(code) + "/data.json", label: "JSON")]

        // Per indicator, the region's latest period (without breakdown), and every compared region's value then.
        var byIndicator: [String: [String: [Period: Double]]] = [:]
        for o in observations where o.breakdown.isEmpty {
            byIndicator[o.indicator, default: [:]][o.region, default: [:]][o.period] = o.value
        }
        rows = byIndicator.keys.sorted().compactMap { indicatorCode in
            let values = byIndicator[indicatorCode]!
            guard let own = values[code], let period = own.keys.max(by: { $0.start < $1.start }) else { return nil }
            let indicator = lookup.indicators[indicatorCode]
            let unit = indicator?.unit ?? .count
            return Row(indicator: Link(href: paths.indicator(indicatorCode), label: indicator?.name.text(in: language) ?? indicatorCode),
                       period: format.period(period, of: indicator), unit: unit.symbol.text(in: language),
                       cells: compared.map { region in
                           values[region]?[period].map { Cell(value: format.value($0, unit: unit, decimals: indicator?.decimals), missing: false) }
                               ?? Cell(value: "–", missing: true)
                       })
        }.sorted { $0.indicator.label < $1.indicator.label }
        hasRows = !rows.isEmpty
        hasChildren = !children.isEmpty
        hasParents = !parents.isEmpty
    }
}

/// Every region by level, for finding a profile.
public struct RegionsPage: Sendable {
    public struct Group: Sendable {
        public var level: String
        public var regions: [Link]
    }

    public var title: String
    public var groups: [Group]

    public init(geography: Geography, language: Language) {
        let paths = Paths(language)
        title = UIText.table(language)["regions_title"]!
        groups = RegionLevel.allCases.compactMap { level in
            let regions = geography.ordered.filter { $0.level == level && $0.validTo == nil }
            guard !regions.isEmpty else { return nil }
            return Group(level: level.label.text(in: language),
                         regions: regions.map { Link(href: paths.region($0.code), label: $0.name.text(in: language)) }
                             .sorted { $0.label < $1.label })
        }
    }
}
