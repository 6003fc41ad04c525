import KoersCore
import KoersProgress

/// An indicator's definition and provenance, as shown beside a target.
public struct IndicatorView: Sendable {
    public var code: String
    public var name: String
    public var definition: String?
    public var unit: String
    public var direction: String
    public var frequency: String
    public var source: String?
    public var citation: String?
    /// By when the next value is due; set by the page's controller, which knows the rules and the day.
    public var due: DueNote?

    init(_ indicator: Indicator, language: Language) {
        code = indicator.code
        name = indicator.name.text(in: language)
        definition = indicator.definition?.text(in: language)
        let symbol = indicator.unit.symbol.text(in: language)
        unit = symbol.isEmpty ? (language == .nl ? "aantal" : "number") : symbol
        direction = Labels.direction(indicator.direction, language)
        frequency = Labels.frequency(indicator.frequency, language)
        source = Self.sourceLine(indicator)
        citation = indicator.citation
    }

    /// "RSZ, verwerking POM West-Vlaanderen": producer and processor, as Bijlage 2 writes them.
    static func sourceLine(_ indicator: Indicator) -> String? {
        switch (indicator.source, indicator.processing) {
        case (let s?, let p?): "\(s), verwerking \(p)"
        case (let s?, nil): s
        case (nil, let p?): "verwerking \(p)"
        case (nil, nil): nil
        }
    }
}

/// The target page: the ambition, its numbers, the indicator behind it and the observations Koers holds.
public struct TargetPage: Sendable {
    public struct Verdict: Sendable {
        public var method: String
        public var status: String
        /// `on`, `off` or `none`: the badge's colour class (on course or reached; off course; no verdict).
        public var tone: String
        public var explanation: String
    }

    public struct ObservationRow: Sendable {
        public var region: String
        public var period: String
        public var breakdown: String?
        public var value: String
        public var flags: String?
        public var source: String
        public var note: String?
        public var isTargetRegion: Bool
    }

    public var planTitle: String
    public var planURL: String
    public var path: [Link]
    public var target: TargetRow
    public var parent: Link?
    public var subTargets: [Link]
    public var breakdown: String?
    public var indicator: IndicatorView?
    public var observations: [ObservationRow]
    /// Each method's verdict on the target with the explanation of its numbers.
    public var verdicts: [Verdict] = []
    /// The chart (SVG), nil when there is nothing to draw.
    public var chart: String?
    /// The newest import of the indicator's values, in words (`LastUpdate`).
    public var lastUpdate: String
    public var hasObservations = false
    public var hasSubTargets = false

    /// `observations` are the stored values of the target's indicator (any region); those for the target's own region
    /// and breakdown come first. `assessment` is the target's verdicts (`TargetAssessment`, the one assessment step).
    /// `lastUpdate` is `LastUpdate.text` of the indicator's newest import.
    /// The actions that serve the target (set by the caller, which knows every plan and the owners' reports).
    public var serving: ServingActions?

    public init?(plan: Plan, code: String, observations: [Observation], assessment: TargetAssessment, lookup: Lookup,
                 lastUpdate: String, language: Language = .nl) {
        guard let (nodeCode, target) = plan.allTargets.first(where: { $0.target.code == code }) else { return nil }
        let format = NumberFormat(language)
        planTitle = plan.title.text(in: language)
        self.lastUpdate = lastUpdate
        let paths = Paths(language)
        planURL = paths.plan(plan.id)
        var chain: [PlanNode] = []
        func find(_ nodes: [PlanNode], _ trail: [PlanNode]) {
            for n in nodes {
                if n.code == nodeCode { chain = trail + [n] } else { find(n.nodes, trail + [n]) }
            }
        }
        find(plan.nodes, [])
        path = chain.map { Link(href: paths.plan(plan.id) + "#n-" + Paths.escape($0.code),
                                label: "\(Labels.nodeKind($0.kind, language)) \($0.code): \($0.title.text(in: language))") }
        let parentTarget = plan.allTargets.map(\.target).first { $0.subTargets.contains { $0.code == code } }
        self.target = TargetRow(plan: plan, target: target, isSubTarget: parentTarget != nil, lookup: lookup, language: language)
        parent = parentTarget.map { Link(href: paths.target(plan: plan.id, code: $0.code), label: "\($0.code) \($0.text)") }
        subTargets = target.subTargets.map { Link(href: paths.target(plan: plan.id, code: $0.code), label: "\($0.code) \($0.text)") }
        breakdown = target.breakdown.isEmpty ? nil : target.breakdown.description
        let indicator = lookup.indicators[target.indicator]
        self.indicator = indicator.map { IndicatorView($0, language: language) }

        let unit = indicator?.unit ?? .count
        let own = { (o: Observation) in o.region == target.region && o.breakdown == target.breakdown }
        // The target's own series first, then the other regions from small to large (ZWV, province, Flanders,
        // Belgium), as the Streekvisie's SWOT tables compare them.
        let size = { (o: Observation) in lookup.sizeRank(o.region) }
        self.observations = observations.sorted { a, b in
            (own(a) ? 0 : 1, size(a), a.region, a.breakdown.key, a.period) < (own(b) ? 0 : 1, size(b), b.region, b.breakdown.key, b.period)
        }.map { o in
            ObservationRow(region: lookup.regionName(o.region, language), period: format.period(o.period, of: indicator),
                           breakdown: o.breakdown.isEmpty ? nil : o.breakdown.description,
                           value: format.value(o.value, unit: unit, decimals: indicator?.decimals),
                           flags: o.flags.isEmpty ? nil : o.flags.map { Labels.flag($0, language) }.sorted().joined(separator: ", "),
                           source: o.source, note: o.note, isTargetRegion: own(o))
        }
        hasObservations = !self.observations.isEmpty
        if let indicator {
            let explanation = ProgressExplanation(language)
            chart = TargetChart.svg(target: target, indicator: indicator, assessment: assessment, observations: observations,
                                    lookup: lookup, language: language)
            verdicts = assessment.assessments.map { a in
                Verdict(method: Labels.method(a.method, language), status: Labels.status(a.status, language),
                        tone: Course(a.status).rawValue, explanation: explanation.text(a, indicator: indicator))
            }
        }
        hasSubTargets = !subTargets.isEmpty
    }

    /// Only the chart of a target (for `grafiek.svg`): nil when the target or its indicator is unknown or there is
    /// nothing to draw.
    public static func chart(plan: Plan, code: String, observations: [Observation], assessment: TargetAssessment, lookup: Lookup,
                             language: Language) -> String? {
        guard let target = plan.allTargets.first(where: { $0.target.code == code })?.target,
              let indicator = lookup.indicators[target.indicator] else { return nil }
        return TargetChart.svg(target: target, indicator: indicator, assessment: assessment, observations: observations,
                               lookup: lookup, language: language)
    }
}
