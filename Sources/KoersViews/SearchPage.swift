import KoersCore

/// The search page: what `Search` finds, as links with their kind and where they belong.
public struct SearchPage: Sendable {
    public struct Hit: Sendable {
        public var kind: String
        public var label: String
        public var detail: String?
        public var href: String
    }

    public var title: String
    public var query: String
    public var hits: [Hit]
    public var count: Int
    public var searched: Bool
    public var hasHits: Bool

    /// At most this many hits are listed; the count says how many there were.
    static let limit = 200

    public init(query: String, plans: [Plan], lookup: Lookup, language: Language) {
        let t = UIText.table(language)
        let paths = Paths(language)
        title = t["search_title"]!
        self.query = query
        searched = !query.allSatisfy(\.isWhitespace)
        let plansByID = Dictionary(plans.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let found = Search.find(query, plans: plans, indicators: Array(lookup.indicators.values), geography: lookup.geography,
                                organisations: lookup.organisations)
        let planTitle = { (id: String?) in id.flatMap { plansByID[$0]?.title.text(in: language) } }
        hits = found.prefix(Self.limit).map { entry in
            let label = entry.label.text(in: language)
            switch entry.kind {
            case .plan:
                return Hit(kind: t["kind_plan"]!, label: label, detail: plansByID[entry.code]?.summary?.text(in: language),
                           href: paths.plan(entry.code))
            case .target:
                return Hit(kind: t["target"]!, label: "\(entry.code) \(label)", detail: planTitle(entry.plan),
                           href: paths.target(plan: entry.plan!, code: entry.code))
            case .action:
                return Hit(kind: t["action"]!, label: label, detail: planTitle(entry.plan),
                           href: paths.actions + "?plan=" + Paths.escape(entry.plan!))
            case .indicator:
                return Hit(kind: t["indicator"]!, label: label, detail: entry.code, href: paths.indicator(entry.code))
            case .region:
                let level = lookup.geography[entry.code]?.level.label.text(in: language) ?? ""
                return Hit(kind: t["region"]!, label: label, detail: "\(level) \(entry.code)", href: paths.region(entry.code))
            }
        }
        count = found.count
        hasHits = !hits.isEmpty
    }
}
