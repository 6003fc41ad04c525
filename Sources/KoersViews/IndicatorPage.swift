import Foundation
import KoersCharts
import KoersCore

/// An indicator across every region at once: a map and ranked bars of the latest period at the finest level with
/// values, the time series of the regions a reader picks, and the table of those values.
public struct IndicatorPage: Sendable {
    public struct Choice: Sendable {
        public var code: String
        public var label: String
        public var selected: Bool
    }

    public struct TableRow: Sendable {
        public var period: String
        public var cells: [String]
    }

    public var code: String
    public var indicator: IndicatorView
    public var latestPeriod: String?
    public var level: String?
    public var map: String?
    public var bars: String?
    public var lines: String?
    /// The same series one region per panel, each on its own axis unless the unit compares across regions: a
    /// municipality's count beside Belgium's is a flat line on a shared axis.
    public var panels: String?
    public var choices: [Choice]
    public var columns: [String]
    public var rows: [TableRow]
    public var downloads: [Link]
    /// The map and the ranked bars as SVG.
    public var latestDownloads: [Link]
    public var hasLatestDownloads: Bool
    public var hasValues: Bool
    public var hasMap: Bool
    /// Values waiting in drafts, for signed-in readers who may see them (`Permission.viewDrafts`).
    public var concept: ConceptValues?

    /// The regions shown by default: `region` and the regions it lies in, as far as they have values.
    public static func defaultSelection(_ region: String, geography: Geography, withValues: Set<String>) -> [String] {
        RegionPage.comparedRegions(region, geography: geography).filter(withValues.contains)
    }

    /// `selected` are the regions whose series are drawn (the caller picks the default); `outlines` are the stored
    /// boundaries of any regions.
    public init(indicator: Indicator, observations: [Observation], selected: [String], outlines: [Boundary], lookup: Lookup,
                language: Language) {
        let paths = Paths(language)
        let format = NumberFormat(language)
        let t = UIText.table(language)
        let unit = indicator.unit
        let value = { (v: Double) in format.value(v, unit: unit, decimals: indicator.decimals) }
        code = indicator.code
        self.indicator = IndicatorView(indicator, language: language)
        let plain = observations.filter { $0.breakdown.isEmpty }
        hasValues = !plain.isEmpty
        let name = indicator.name.text(in: language)

        // The latest period, and the finest level with at least two regions then.
        let latest = plain.map(\.period).max { $0.start < $1.start }
        latestPeriod = latest.map(format.period)
        let atLatest = plain.filter { $0.period == latest }
        let finest = RegionLevel.allCases.reversed().first { level in
            atLatest.filter { lookup.geography[$0.region]?.level == level }.count >= 2
        }
        level = finest?.label.text(in: language)
        let shown = atLatest.filter { lookup.geography[$0.region]?.level == finest }
        let selectedSet = Set(selected)
        let ranking = Self.rankSummary(shown, lookup: lookup, value: value, language: language)
        if let latest, finest != nil {
            let bars = shown.map {
                RankedBar(id: $0.region, label: lookup.regionName($0.region, language), value: $0.value,
                          highlighted: selectedSet.contains($0.region), href: paths.region($0.region))
            }
            let caption = ChartCaption(idPrefix: "staaf", title: "\(name), \(format.period(latest, of: indicator))",
                                       description: ranking)
            self.bars = RankedBarChart(bars: bars, ascending: indicator.direction == .down)
                .svg(caption: caption, format: { format.plain($0) })
        }
        var map: String?
        let outlined = outlines.filter { o in shown.contains { $0.region == o.region } }
        if let latest, outlined.count >= 2, let boundaries = Self.boundaries(outlined, lookup: lookup, language: language) {
            let caption = ChartCaption(idPrefix: "kaart", title: "\(name), \(format.period(latest, of: indicator))",
                                       description: ranking)
            map = ChoroplethMap(boundaries: boundaries, values: Dictionary(shown.map { ($0.region, $0.value) }, uniquingKeysWith: { a, _ in a }),
                                hrefs: Dictionary(shown.map { ($0.region, paths.region($0.region)) }, uniquingKeysWith: { a, _ in a }),
                                highlighted: selected.first)
                .svg(caption: caption, format: { format.plain($0) }, noDataLabel: t["no_data"]!)
        }
        self.map = map
        hasMap = map != nil

        // The picked regions over time.
        let regionsWithValues = Set(plain.map(\.region))
        choices = regionsWithValues.sorted { lookup.regionName($0, language) < lookup.regionName($1, language) }.map {
            Choice(code: $0, label: lookup.regionName($0, language), selected: selectedSet.contains($0))
        }
        let picked = selected.filter(regionsWithValues.contains)
        columns = picked.map { lookup.regionName($0, language) }
        let periods = Set(plain.filter { picked.contains($0.region) }.map(\.period)).sorted { $0.start < $1.start }
        var cell: [String: [Period: Double]] = [:]
        for o in plain where selectedSet.contains(o.region) { cell[o.region, default: [:]][o.period] = o.value }
        rows = periods.reversed().map { p in
            TableRow(period: format.period(p, of: indicator), cells: picked.map { r in cell[r]?[p].map(value) ?? "–" })
        }
        if !picked.isEmpty {
            let series = picked.enumerated().map { i, r in
                LineSeries(id: r, label: lookup.regionName(r, language),
                           points: periods.compactMap { p in cell[r]?[p].map { ChartPoint(x: p.axisYear(at: indicator.periods.position), y: $0, period: format.period(p, of: indicator)) } },
                           emphasis: i == 0)
            }
            let caption = ChartCaption(idPrefix: "reeks", title: name,
                                       description: Self.seriesSummary(picked, periods: periods, cell: cell, indicator: indicator, lookup: lookup, value: value,
                                                                       language: language))
            lines = LineChart(series: series).svg(caption: caption, yFormat: { format.plain($0) })
            if series.count >= 2 {
                let each = series.map { SmallMultiples.Panel(title: $0.label, chart: LineChart(series: [$0])) }
                let panelCaption = ChartCaption(idPrefix: "panelen", title: "\(name): \(t["each_region"]!)", description: caption.description)
                panels = SmallMultiples(panels: each, sharesYAxis: TargetChart.isComparable(unit))
                    .svg(caption: panelCaption, yFormat: { format.plain($0) })
            }
        }
        let query = picked.map { "regio=" + Paths.escape($0) }.joined(separator: "&")
        let base = paths.indicator(indicator.code)
        downloads = [Link(href: "\(base)/data.csv?\(query)", label: "CSV"), Link(href: "\(base)/data.json?\(query)", label: "JSON"),
                     Link(href: "\(base)/grafiek.svg?\(query)", label: t["download_chart"]!)]
            + (panels == nil ? [] : [Link(href: "\(base)/panelen.svg?\(query)", label: t["download_panels"]!)])
        // The latest period across regions does not depend on the picked regions (only the highlight does).
        latestDownloads = [(map, "kaart.svg", "download_map"), (bars, "rangschikking.svg", "download_bars")].compactMap { chart, file, label in
            chart == nil ? nil : Link(href: "\(base)/\(file)?\(query)", label: t[label]!)
        }
        hasLatestDownloads = !latestDownloads.isEmpty
    }

    /// A period as a position on the time axis: the year, plus the fraction of it a quarter or month starts at.
    /// The map's areas, each drawn from its stored geometry read once as an outline; one that cannot be read is left
    /// off rather than losing the whole map.
    static func boundaries(_ outlines: [Boundary], lookup: Lookup, language: Language) -> Boundaries? {
        let features = outlines.compactMap { o in
            (try? o.outline()).map { BoundaryFeature(id: o.region, name: lookup.regionName(o.region, language), outline: $0) }
        }
        return features.count >= 2 ? Boundaries(features: features) : nil
    }

    /// "Hoogst: Kortrijk (12.345); laagst: Spiere-Helkijn (210); 64 gemeenten."
    static func rankSummary(_ shown: [Observation], lookup: Lookup, value: (Double) -> String, language: Language) -> String {
        let sorted = shown.sorted { $0.value > $1.value }
        guard let high = sorted.first, let low = sorted.last else { return "" }
        let n = lookup.regionName
        return language == .nl
            ? "Hoogst: \(n(high.region, language)) (\(value(high.value))); laagst: \(n(low.region, language)) (\(value(low.value))); \(shown.count) regio's."
            : "Highest: \(n(high.region, language)) (\(value(high.value))); lowest: \(n(low.region, language)) (\(value(low.value))); \(shown.count) regions."
    }

    static func seriesSummary(_ regions: [String], periods: [Period], cell: [String: [Period: Double]], indicator: Indicator, lookup: Lookup,
                              value: (Double) -> String, language: Language) -> String {
        let format = NumberFormat(language)
        return regions.compactMap { r in
            let values = periods.compactMap { p in cell[r]?[p].map { (p, $0) } }
            guard let first = values.first, let last = values.last else { return nil }
            return "\(lookup.regionName(r, language)): \(value(first.1)) (\(format.period(first.0, of: indicator))) → \(value(last.1)) (\(format.period(last.0, of: indicator)))"
        }.joined(separator: "; ")
    }
}

/// Every indicator, with how many regions and periods Koers holds for it.
public struct IndicatorsPage: Sendable {
    public struct Row: Sendable {
        public var link: Link
        public var unit: String
        public var source: String?
    }

    public var title: String
    public var rows: [Row]

    public init(indicators: [Indicator], language: Language) {
        let paths = Paths(language)
        title = UIText.table(language)["indicators_title"]!
        rows = indicators.map { i in
            Row(link: Link(href: paths.indicator(i.code), label: i.name.text(in: language)),
                unit: IndicatorView(i, language: language).unit, source: IndicatorView.sourceLine(i))
        }.sorted { $0.link.label < $1.link.label }
    }
}
