import KoersCharts
import KoersCore
import KoersProgress

/// The target page's chart: the target region's values (as the methods see them), the other regions for comparison,
/// the baseline, the target, the straight path between them and the trend's 95 % prediction band to the target year.
/// With its text summary for screen readers; the same numbers are in the page's table.
enum TargetChart {
    /// How many comparison regions are drawn beside the target's own (more would crowd the labels).
    static let comparisons = 4

    /// `assessment` is the target's (`TargetAssessment`): the points as the methods saw them, the baseline, the
    /// target value and the trend band are drawn from it, not computed here.
    static func svg(target: Target, indicator: Indicator, assessment: TargetAssessment, observations: [Observation],
                    lookup: Lookup, language: Language) -> String? {
        let question = assessment.question
        let format = NumberFormat(language)
        // "schooljaar 2019–2020" for a value published per school year, which the methods count as 2020.
        let label = { (p: ProgressPoint) in p.period.map { format.period($0, of: indicator) } ?? String(p.year) }
        let unit = indicator.unit
        let value = { (v: Double) in format.value(v, unit: unit, decimals: indicator.decimals) }
        let t = UIText.table(language)
        let ownName = lookup.regionName(target.region, language)
        var series: [LineSeries] = []
        let ownPoints = question?.question.points ?? []
        if !ownPoints.isEmpty {
            series.append(LineSeries(id: target.region, label: ownName,
                                     points: ownPoints.map { ChartPoint(x: Double($0.year), y: $0.value, period: label($0)) },
                                     emphasis: true))
        }
        // Other regions with yearly values of the same group, from small to large (ZWV, province, Flanders, Belgium);
        // only for rates and shares: totals of regions of different sizes on one axis would flatten the target's line.
        var byRegion: [String: [ChartPoint]] = [:]
        for o in observations where isComparable(unit) && o.region != target.region && o.breakdown == target.breakdown {
            // In whole years, as the methods count the target region's own values.
            if let y = o.period.progressYear(at: indicator.periods.position) {
                byRegion[o.region, default: []].append(ChartPoint(x: Double(y), y: o.value, period: label(ProgressPoint(year: y, value: o.value, period: o.period))))
            }
        }
        let others = byRegion.keys.sorted { (lookup.sizeRank($0), $0) < (lookup.sizeRank($1), $1) }.prefix(comparisons)
        for region in others {
            series.append(LineSeries(id: region, label: lookup.regionName(region, language),
                                     points: byRegion[region]!.sorted { $0.x < $1.x }))
        }
        guard !series.isEmpty || question?.baseline != nil else { return nil }

        let goal = question?.target
        let targetYear = target.goal.period.targetYear(at: indicator.periods.position)
        let targetMarker = goal.map { ChartMarker(x: Double(targetYear), y: $0, label: "\(t["goal"]!) \(value($0))") }
        let baseMarker = question?.baseline.map { ChartMarker(x: Double($0.year), y: $0.value, label: "\(t["baseline"]!) \(value($0.value))") }
        var reference: ReferenceLine?
        if case .maintain(let level, _) = target.goal { reference = ReferenceLine(value: level, label: "\(t["goal"]!) \(value(level))") }

        // The band of the trend over the points since the baseline, from the last value to the target year.
        let band = assessment.trendBand.map { BandPoint(x: Double($0.year), low: $0.low, mid: $0.mid, high: $0.high) }

        let chart = LineChart(series: series, target: reference == nil ? targetMarker : nil, baseline: baseMarker,
                              showsRequiredPath: reference == nil && targetMarker != nil && baseMarker != nil,
                              projection: band, reference: reference)
        let caption = ChartCaption(idPrefix: "doel-\(Paths.escape(target.code))",
                                   title: "\(indicator.name.text(in: language)), \(ownName)",
                                   description: summary(target: target, question: question, ownName: ownName, value: value,
                                                        band: band, language: language))
        return chart.svg(caption: caption, yFormat: { format.plain($0) })
    }

    /// Whether values of this unit can be compared between regions of different sizes.
    static func isComparable(_ unit: Unit) -> Bool {
        switch unit {
        case .percent, .perKm2, .per1000Inhabitants, .ratio, .index: true
        default: false
        }
    }

    /// "Werkzoekenden in Zuid-West-Vlaanderen: 7.719 in 2017, laatst 6.900 in 2023; doel 6.000 in 2030; trend 2030: 5.500 (4.900 tot 6.100)."
    static func summary(target: Target, question: TargetQuestion?, ownName: String, value: (Double) -> String,
                        band: [BandPoint], language: Language) -> String {
        let nl = language == .nl
        var parts: [String] = []
        let points = question?.question.points ?? []
        if let first = points.first, let last = points.last, first.year != last.year {
            parts.append(nl ? "\(ownName): \(value(first.value)) in \(first.year), laatst \(value(last.value)) in \(last.year)"
                            : "\(ownName): \(value(first.value)) in \(first.year), latest \(value(last.value)) in \(last.year)")
        } else if let only = points.first {
            parts.append(nl ? "\(ownName): één waarde, \(value(only.value)) in \(only.year)" : "\(ownName): one value, \(value(only.value)) in \(only.year)")
        } else {
            parts.append(nl ? "\(ownName): nog geen waarden" : "\(ownName): no values yet")
        }
        if let goal = question?.target {
            parts.append(nl ? "doel \(value(goal)) in \(target.goal.period.endYear)" : "target \(value(goal)) in \(target.goal.period.endYear)")
        }
        if let end = band.last {
            parts.append(nl ? "trend in \(Int(end.x)): \(value(end.mid)) (95 %: \(value(end.low)) tot \(value(end.high)))"
                            : "trend in \(Int(end.x)): \(value(end.mid)) (95 %: \(value(end.low)) to \(value(end.high)))")
        }
        return parts.joined(separator: "; ") + "."
    }
}
