/// Which way an indicator should move for the region to be better off.
public enum Direction: String, Sendable, Codable, CaseIterable {
    case up, down, none
}

/// How values for municipalities add up to a larger region.
public enum Aggregation: String, Sendable, Codable, CaseIterable {
    /// Counts and amounts: the sum of the parts.
    case sum
    /// Rates and shares: a weighted mean, or recomputed from numerator and denominator.
    case mean
    /// Not aggregable (a value only published for the region itself).
    case none
}

/// How often the source publishes the indicator.
public enum Frequency: String, Sendable, Codable, CaseIterable {
    case annual, quarterly, monthly, irregular
}

/// The unit of an indicator's values. Percentages are stored as percentages (75.4, not 0.754).
public enum Unit: String, Sendable, Codable, CaseIterable {
    case count, percent, eur, eurMillion = "eur-million", persons, fte, hectare, perKm2 = "per-km2"
    case per1000Inhabitants = "per-1000-inhabitants", ratio, index
    /// A number whose unit the source states elsewhere (an Open SDG repository's `Units` column or metadata).
    case number

    /// The symbol written after a number on pages, in Dutch and English.
    public var symbol: LocalizedText {
        switch self {
        case .count, .ratio, .index, .number: LocalizedText(nl: "", en: "")
        case .percent: LocalizedText(nl: "%", en: "%")
        case .eur: LocalizedText(nl: "euro", en: "euro")
        case .eurMillion: LocalizedText(nl: "miljoen euro", en: "million euro")
        case .persons: LocalizedText(nl: "personen", en: "persons")
        case .fte: LocalizedText(nl: "vte", en: "FTE")
        case .hectare: LocalizedText(nl: "ha", en: "ha")
        case .perKm2: LocalizedText(nl: "per km²", en: "per km²")
        case .per1000Inhabitants: LocalizedText(nl: "per 1.000 inwoners", en: "per 1,000 inhabitants")
        }
    }
}

/// A measured quantity: what it is, how it is counted and who produces it.
///
/// `source` and `processing` follow the Streekvisie's Bijlage 2: "Aantal loontrekkenden: RSZ, verwerking POM
/// West-Vlaanderen" has source RSZ and processing POM West-Vlaanderen.
public struct Indicator: Sendable, Hashable, Codable {
    public var code: String
    public var name: LocalizedText
    public var definition: LocalizedText?
    public var unit: Unit
    public var decimals: Int
    public var direction: Direction
    public var source: String?
    public var processing: String?
    public var frequency: Frequency
    public var aggregation: Aggregation
    /// Where Koers took this definition from (document and section).
    public var citation: String?
    /// For `mean` aggregation: the indicator whose values weigh each municipality (population for a rate).
    public var weight: String?
    /// A derived indicator: a formula of other indicators, `{werkenden} / {bevolking-20-64} * 100`. Computed in every
    /// region where its inputs exist, so ratios are recomputed from numerator and denominator, never averaged.
    public var formula: String?
    /// For an indicator read from an Open SDG repository: its metadata's progress calculation settings.
    public var openSDG: OpenSDGProgressSettings?
    /// How its periods are read, written and placed: what `2019-2020` means, where a range sits.
    public var periods: PeriodSettings

    public init(code: String, name: LocalizedText, definition: LocalizedText? = nil, unit: Unit, decimals: Int = 0,
                direction: Direction = .none, source: String? = nil, processing: String? = nil,
                frequency: Frequency = .annual, aggregation: Aggregation = .none, citation: String? = nil,
                weight: String? = nil, formula: String? = nil, openSDG: OpenSDGProgressSettings? = nil,
                periods: PeriodSettings = PeriodSettings()) {
        self.code = code
        self.name = name
        self.definition = definition
        self.unit = unit
        self.decimals = decimals
        self.direction = direction
        self.source = source
        self.processing = processing
        self.frequency = frequency
        self.aggregation = aggregation
        self.citation = citation
        self.weight = weight
        self.formula = formula
        self.openSDG = openSDG
        self.periods = periods
    }
}

/// An indicator's settings for its periods. The defaults suit Flemish series: `2019-2020` is a school year from
/// 1 September, and a period longer than a day counts at its end.
public struct PeriodSettings: Sendable, Hashable, Codable {
    /// What two consecutive years written together (`2019-2020`, `2019/20`, `2017-18`) are.
    public var yearSpans: YearSpanKind
    /// The first day of such a year: 1 September by default; a fiscal year's start (1 April in Canada) is set here.
    public var yearStart: YearStart
    /// Whether Koers writes such a year short, `2017-18`, as the publisher does, rather than `2017-2018`.
    public var shortYearSpans: Bool
    /// Where a period sits on a time axis and in the progress methods.
    public var position: PeriodPosition

    public init(yearSpans: YearSpanKind = .school, yearStart: YearStart? = nil, shortYearSpans: Bool = false,
                position: PeriodPosition = .end) {
        self.yearSpans = yearSpans
        self.yearStart = yearStart ?? (yearSpans == .fiscal ? YearStart(month: 4, day: 1)! : .september1)
        self.shortYearSpans = shortYearSpans
        self.position = position
    }

    /// The periods written `first-(first+1)` under these settings.
    public func yearSpan(startingIn first: Int) -> Period {
        switch yearSpans {
        case .school, .fiscal: yearStart == .january1 ? .range(.year(first), .year(first + 1))
                                                      : .splitYear(year: first, start: yearStart)
        case .calendar: .range(.year(first), .year(first + 1))
        }
    }

    /// How the period is written in downloads and tables.
    public func written(_ period: Period) -> String { period.written(shortYearSpans: shortYearSpans) }
}

/// What `2019-2020` is for an indicator.
public enum YearSpanKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// A school or academic year ("schooljaar 2019–2020"), from `yearStart`.
    case school
    /// A fiscal or budget year ("boekjaar 2017–2018"), from `yearStart`.
    case fiscal
    /// Two calendar years, 1 January 2019 to 31 December 2020 (a two-year average).
    case calendar
}
