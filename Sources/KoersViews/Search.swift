import Foundation
import KoersCore

/// Search over plans, targets, actions, indicators and regions, the one rule the search page and the API share: every
/// word of the query must occur in an entry's code or names (any language; an action's lead organisation too),
/// ignoring case and accents ("belgie" finds België, "premie kortrijk" finds an entry holding both words).
public enum Search {
    /// Something search can find, with what the page and the API show of it.
    public struct Entry: Sendable {
        public enum Kind: String, Sendable { case plan, target, action, indicator, region }

        public var kind: Kind
        /// The plan id, target code, action id, indicator code or region code.
        public var code: String
        /// The plan of a target or action.
        public var plan: String?
        public var label: LocalizedText
        /// The folded text the query's words are looked for in.
        let haystack: String

        init(_ kind: Kind, code: String, plan: String? = nil, label: LocalizedText, also: [String?] = []) {
            self.kind = kind
            self.code = code
            self.plan = plan
            self.label = label
            haystack = Search.fold(([code, label.nl, label.en, label.fr] + also).compactMap { $0 }.joined(separator: " "))
        }
    }

    /// The entries that hold every word of `query`, in order: each plan followed by its targets and actions, then the
    /// indicators by code, then the regions in the geography's order. None for a query without words.
    public static func find(_ query: String, plans: [Plan], indicators: [Indicator], geography: Geography,
                            organisations: [String: Organisation]) -> [Entry] {
        let words = fold(query).split(whereSeparator: \.isWhitespace).map(String.init)
        guard !words.isEmpty else { return [] }
        return entries(plans: plans, indicators: indicators, geography: geography, organisations: organisations)
            .filter { entry in words.allSatisfy(entry.haystack.contains) }
    }

    static func entries(plans: [Plan], indicators: [Indicator], geography: Geography,
                        organisations: [String: Organisation]) -> [Entry] {
        var entries: [Entry] = []
        for plan in plans {
            entries.append(Entry(.plan, code: plan.id, label: plan.title, also: [plan.summary?.nl, plan.summary?.en]))
            for (_, target) in plan.allTargets {
                entries.append(Entry(.target, code: target.code, plan: plan.id, label: LocalizedText(nl: target.text)))
            }
            for action in plan.actions {
                let lead = action.lead.flatMap { organisations[$0] }
                entries.append(Entry(.action, code: action.id, plan: plan.id, label: action.title,
                                     also: [lead?.name.nl, lead?.name.en]))
            }
        }
        for indicator in indicators.sorted(by: { $0.code < $1.code }) {
            entries.append(Entry(.indicator, code: indicator.code, label: indicator.name))
        }
        for region in geography.ordered {
            entries.append(Entry(.region, code: region.code, label: region.name))
        }
        return entries
    }

    /// Text as search compares it: case and accents dropped.
    public static func fold(_ s: String) -> String {
        s.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    }
}
