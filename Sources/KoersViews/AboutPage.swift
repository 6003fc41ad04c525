import KoersCore

/// What Koers is and where every number comes from: the plan documents, the producers of the indicators and the
/// outlines of the maps.
public struct AboutPage: Sendable {
    public struct Source: Sendable {
        public var label: String
        public var detail: String?
    }

    public var documents: [Source]
    public var producers: [Source]
    public var boundaries: [Source]
    public var hasBoundaries: Bool

    public init(plans: [Plan], indicators: [Indicator], boundarySources: [String], language: Language) {
        documents = plans.compactMap { plan in
            plan.document.map { d in
                Source(label: d.title, detail: [d.publisher, d.date, d.file].compactMap { $0 }.joined(separator: ", "))
            }
        }
        // Each producer once, with the indicators it gives.
        var byProducer: [String: [String]] = [:]
        for indicator in indicators {
            guard let line = IndicatorView.sourceLine(indicator) else { continue }
            byProducer[line, default: []].append(indicator.name.text(in: language))
        }
        producers = byProducer.keys.sorted().map { Source(label: $0, detail: byProducer[$0]!.sorted().joined(separator: "; ")) }
        boundaries = boundarySources.map { Source(label: $0, detail: nil) }
        hasBoundaries = !boundaries.isEmpty
    }
}
