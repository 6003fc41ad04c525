import KoersCore
import KoersViews

/// A text in Dutch and English. `en` is null where the source gives no translation (many municipalities, every
/// target sentence); clients show the Dutch text then, as the pages do.
struct Text: Codable, Sendable {
    var nl: String
    @Nullable var en: String?

    init(nl: String, en: String?) {
        self.nl = nl
        self.en = en
    }

    init(_ text: LocalizedText) { self.init(nl: text.nl, en: text.en) }

    /// A text Koers writes itself in both languages (labels, explanations).
    init(_ text: (Language) -> String) { self.init(nl: text(.nl), en: text(.en)) }
}

extension Text {
    init?(_ text: LocalizedText?) {
        guard let text else { return nil }
        self.init(text)
    }
}

/// An organisation named in a plan: owner, lead or partner.
struct OrganisationRef: Codable, Sendable {
    var id: String
    var name: Text

    init(_ id: String, lookup: Lookup) {
        self.id = id
        // The store's foreign keys guarantee the organisation; the id stands in should one ever be missing.
        name = lookup.organisations[id].map { Text($0.name) } ?? Text(nl: id, en: nil)
    }
}

/// A region by code and name.
struct RegionRef: Codable, Sendable {
    var code: String
    var name: Text

    init(_ code: String, lookup: Lookup) {
        self.code = code
        name = lookup.geography[code].map { Text($0.name) } ?? Text(nl: code, en: nil)
    }
}

/// An indicator by code and name.
struct IndicatorRef: Codable, Sendable {
    var code: String
    var name: Text

    init(_ code: String, lookup: Lookup) {
        self.code = code
        name = lookup.indicators[code].map { Text($0.name) } ?? Text(nl: code, en: nil)
    }
}

/// A funding programme by id and name.
struct FundingRef: Codable, Sendable {
    var id: String
    var name: Text

    init(_ id: String, lookup: Lookup) {
        self.id = id
        name = lookup.funding[id].map { Text($0.name) } ?? Text(nl: id, en: nil)
    }
}
