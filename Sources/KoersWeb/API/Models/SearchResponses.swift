import KoersViews

/// `GET /api/v1/search`: what matches the query, each with the page that shows it.
struct SearchResults: Codable, Sendable {
    var query: String
    var results: [SearchHit]
}

/// One match: a plan, target, indicator, region or action.
struct SearchHit: Codable, Sendable {
    /// `plan`, `target`, `indicator`, `region` or `action`.
    var kind: String
    /// The plan id, target code, indicator code, region code or action id.
    var code: String
    /// The plan a target or action belongs to; null for the others.
    @Nullable var plan: String?
    var label: Text
    /// The HTML page that shows it.
    var url: String
}

extension SearchHit {
    init(_ entry: Search.Entry) {
        let paths = Paths(.nl)
        let url = switch entry.kind {
        case .plan: paths.plan(entry.code)
        case .target: paths.target(plan: entry.plan!, code: entry.code)
        case .action: paths.actions
        case .indicator: paths.indicator(entry.code)
        case .region: paths.region(entry.code)
        }
        self.init(kind: entry.kind.rawValue, code: entry.code, plan: entry.plan, label: Text(entry.label), url: url)
    }
}
