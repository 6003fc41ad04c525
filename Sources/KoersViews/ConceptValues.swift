import KoersCore

/// Values that wait in drafts, as signed-in readers see them on a page that shows the indicator: marked as concept,
/// beside the published value each would replace, with the draft they wait in. The public never gets this.
public struct ConceptValues: Sendable {
    public struct Row: Sendable {
        public var region: String
        public var period: String
        public var breakdown: String
        public var value: String
        public var published: String
        public var draft: String
        public var draftLink: String
    }

    public var rows: [Row]
    public var more: String?

    /// Rows shown at most; the draft's page has the rest.
    public static let limit = 200

    public init?(_ values: [DraftValue], published: [Observation], lookup: Lookup, language: Language) {
        guard !values.isEmpty else { return nil }
        let format = NumberFormat(language)
        let current = Dictionary(published.filter { $0.derivation == nil }.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
        let paths = Paths(language)
        rows = values.prefix(Self.limit).map { v in
            let o = v.observation
            return Row(region: lookup.regionName(o.region, language), period: format.period(o.period), breakdown: o.breakdown.key,
                       value: format.plain(o.value), published: current[o.key].map(format.plain) ?? "–", draft: String(v.draft),
                       draftLink: paths.draft(v.draft))
        }
        more = values.count > Self.limit ? String(values.count - Self.limit) : nil
    }
}
