/// The administrative level of a region, from Belgium down to a municipality, plus regions a user composes.
public enum RegionLevel: String, Sendable, Codable, CaseIterable {
    case country, region, province, arrondissement, municipality, custom

    /// Dutch label for pages.
    public var label: LocalizedText {
        switch self {
        case .country: LocalizedText(nl: "land", en: "country")
        case .region: LocalizedText(nl: "gewest", en: "region")
        case .province: LocalizedText(nl: "provincie", en: "province")
        case .arrondissement: LocalizedText(nl: "arrondissement", en: "arrondissement")
        case .municipality: LocalizedText(nl: "gemeente", en: "municipality")
        case .custom: LocalizedText(nl: "streek", en: "custom region")
        }
    }
}

/// A region: a Statbel NIS code (or a custom code such as `ZWV`), its names and where it sits.
public struct Region: Sendable, Hashable, Codable {
    public var code: String
    public var name: LocalizedText
    public var level: RegionLevel
    /// The NUTS 2024 code, where the region has exactly one.
    public var nuts: String?
    /// The region it lies in (a municipality's arrondissement, an arrondissement's province…).
    public var parent: String?
    /// First day the code is valid; nil when it predates the data Koers ships.
    public var validFrom: Day?
    /// Last day the code is valid; municipalities merged on 1 January 2025 end on 31 December 2024.
    public var validTo: Day?

    public init(code: String, name: LocalizedText, level: RegionLevel, nuts: String? = nil, parent: String? = nil,
                validFrom: Day? = nil, validTo: Day? = nil) {
        self.code = code
        self.name = name
        self.level = level
        self.nuts = nuts
        self.parent = parent
        self.validFrom = validFrom
        self.validTo = validTo
    }

    /// Whether the code was abolished before `period` began (a municipality merged on 1 January 2025, used for 2026).
    /// A code created later may carry earlier periods: statistical offices recompute series on current boundaries.
    public func isAbolished(before period: Period) -> Bool {
        validTo.map { period.start > $0 } ?? false
    }

    /// Whether the region exists during (part of) `period`.
    public func isValid(during period: Period) -> Bool {
        if let from = validFrom, period.end < from { return false }
        if let to = validTo, period.start > to { return false }
        return true
    }
}

/// A change of municipal boundaries: `from` was merged into `to` on `date`.
public struct RegionSuccession: Sendable, Hashable, Codable {
    public var from: String
    public var to: String
    public var date: Day

    public init(from: String, to: String, date: Day) {
        self.from = from
        self.to = to
        self.date = date
    }
}

/// All regions Koers knows, with custom compositions and the merger history.
public struct Geography: Sendable, Hashable {
    public private(set) var regions: [String: Region]
    /// Custom region code → member municipality codes.
    public var compositions: [String: [String]]
    public var successions: [RegionSuccession]

    public init(regions: [Region] = [], compositions: [String: [String]] = [:], successions: [RegionSuccession] = []) {
        self.regions = Dictionary(regions.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        self.compositions = compositions
        // One canonical order, so that equal geographies compare equal whatever order they were read in.
        self.successions = successions.sorted { ($0.date, $0.to, $0.from) < ($1.date, $1.to, $1.from) }
    }

    public subscript(code: String) -> Region? { regions[code] }

    /// Regions ordered from the largest level down, then by code: the order of a reference list.
    public var ordered: [Region] {
        let rank = Dictionary(uniqueKeysWithValues: RegionLevel.allCases.enumerated().map { ($1, $0) })
        return regions.values.sorted { (rank[$0.level]!, $0.code) < (rank[$1.level]!, $1.code) }
    }

    /// The chain of parents from the region up to the country, nearest first.
    public func ancestors(of code: String) -> [Region] {
        var result: [Region] = []
        var next = regions[code]?.parent
        while let c = next, let r = regions[c], !result.contains(r) {
            result.append(r)
            next = r.parent
        }
        return result
    }

    /// The regions whose parent is `code`.
    public func children(of code: String) -> [Region] {
        regions.values.filter { $0.parent == code }.sorted { $0.code < $1.code }
    }

    /// The codes a municipality valid on `day` descends from (itself when it was not formed by a merger).
    public func predecessors(of code: String) -> [String] {
        let from = successions.filter { $0.to == code }.map(\.from)
        return from.isEmpty ? [code] : from.sorted()
    }
}
