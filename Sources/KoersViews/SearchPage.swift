import Foundation
import KoersCore

/// Search over plans, targets, indicators, regions and actions: every word of the query must occur, ignoring case
/// and accents ("Ieper" finds "Ieper", "premie" finds "Prémie").
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
        let words = Self.fold(query).split(separator: " ").map(String.init)
        searched = !words.isEmpty
        var found: [Hit] = []
        func consider(_ kind: String, _ label: String, _ detail: String?, _ href: String, _ text: String...) {
            let haystack = Self.fold(text.joined(separator: " "))
            if words.allSatisfy(haystack.contains) { found.append(Hit(kind: t[kind]!, label: label, detail: detail, href: href)) }
        }
        if searched {
            for plan in plans {
                let planTitle = plan.title.text(in: language)
                consider("kind_plan", planTitle, plan.summary?.text(in: language), paths.plan(plan.id), plan.id, plan.title.nl,
                         plan.title.text(in: .en), plan.summary?.text(in: language) ?? "")
                for (_, target) in plan.allTargets {
                    consider("target", "\(target.code) \(target.text)", planTitle, paths.target(plan: plan.id, code: target.code),
                             target.code, target.text)
                }
                for action in plan.actions {
                    consider("action", action.title.text(in: language), planTitle, paths.actions + "?plan=" + Paths.escape(plan.id),
                             action.title.nl, action.title.text(in: .en), lookup.organisationName(action.lead, language) ?? "")
                }
            }
            for indicator in lookup.indicators.values.sorted(by: { $0.code < $1.code }) {
                consider("indicator", indicator.name.text(in: language), indicator.code, paths.indicator(indicator.code),
                         indicator.code, indicator.name.nl, indicator.name.text(in: .en))
            }
            for region in lookup.geography.ordered {
                consider("region", region.name.text(in: language), "\(region.level.label.text(in: language)) \(region.code)",
                         paths.region(region.code), region.code, region.name.nl, region.name.text(in: .en))
            }
        }
        count = found.count
        hits = Array(found.prefix(Self.limit))
        hasHits = !hits.isEmpty
    }

    /// Text as search compares it: case and accents dropped.
    public static func fold(_ s: String) -> String {
        s.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    }
}
