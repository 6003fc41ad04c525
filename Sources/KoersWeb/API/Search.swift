import Foundation
import KoersCore
import KoersViews

/// Finds plans, targets, indicators, regions and actions whose code or name contains the query, ignoring case and
/// accents ("belgie" finds België), in that order of kinds and in the store's order within each.
struct Search {
    let needle: String

    init(_ query: String) { needle = SearchPage.fold(query) }

    private func matches(_ texts: [String?]) -> Bool { texts.contains { $0.map { SearchPage.fold($0).contains(needle) } ?? false } }

    private func matches(_ code: String, _ text: LocalizedText) -> Bool { matches([code, text.nl, text.en, text.fr]) }

    func hits(plans: [Plan], indicators: [Indicator], geography: Geography) -> [SearchHit] {
        var hits: [SearchHit] = []
        for p in plans where matches(p.id, p.title) {
            hits.append(SearchHit(kind: "plan", code: p.id, plan: nil, label: Text(p.title), url: Paths(.nl).plan(p.id)))
        }
        for p in plans {
            for (_, t) in p.allTargets where matches([t.code, t.text]) {
                hits.append(SearchHit(kind: "target", code: t.code, plan: p.id, label: Text(nl: t.text, en: nil),
                                      url: Paths(.nl).target(plan: p.id, code: t.code)))
            }
        }
        for i in indicators where matches(i.code, i.name) {
            hits.append(SearchHit(kind: "indicator", code: i.code, plan: nil, label: Text(i.name), url: Paths(.nl).indicator(i.code)))
        }
        for r in geography.ordered where matches(r.code, r.name) {
            hits.append(SearchHit(kind: "region", code: r.code, plan: nil, label: Text(r.name), url: Paths(.nl).region(r.code)))
        }
        for p in plans {
            for a in p.actions where matches(a.id, a.title) {
                hits.append(SearchHit(kind: "action", code: a.id, plan: p.id, label: Text(a.title), url: Paths(.nl).actions))
            }
        }
        return hits
    }
}
