/// A language Koers shows text in. Dutch first: the plans and their readers are Flemish.
public enum Language: String, Sendable, CaseIterable, Codable {
    case nl, en
}

/// A text users read, given per language. Dutch is required; other languages fall back to it.
public struct LocalizedText: Sendable, Hashable, Codable {
    public var nl: String
    public var en: String?
    public var fr: String?

    public init(nl: String, en: String? = nil, fr: String? = nil) {
        self.nl = nl
        self.en = en
        self.fr = fr
    }

    /// The text in `language`, or the Dutch text when no translation exists.
    public func text(in language: Language) -> String {
        switch language {
        case .nl: nl
        case .en: en ?? nl
        }
    }
}
