import KoersCore

/// Words Koers shows for domain values, per language.
public enum Labels {
    /// The document's level names ("pillar") as readers know them ("Pijler").
    public static func nodeKind(_ kind: String, _ language: Language) -> String {
        let known: [String: (String, String)] = [
            "pillar": ("Pijler", "Pillar"), "building-block": ("Bouwsteen", "Building block"),
            "part": ("Deel", "Part"), "component": ("Component", "Component"), "principle": ("Principe", "Principle"),
            "participation-category": ("Participatiecategorie", "Participation category"),
            "action-domain": ("Actiedomein", "Action domain"), "sub-domain": ("Deeldomein", "Sub-domain"),
            "cluster": ("Cluster", "Cluster"), "spearhead-sector": ("Speerpuntsector", "Spearhead sector"),
            "factory": ("Fabriek", "Factory"), "track": ("Spoor", "Track"), "measure": ("Maatregel", "Measure"),
            "theme": ("Thema", "Theme"), "domain": ("Domein", "Domain"), "section": ("Hoofdstuk", "Section"),
        ]
        if let (nl, en) = known[kind] { return language == .nl ? nl : en }
        let words = kind.replacingOccurrences(of: "-", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    public static func goalKind(_ kind: Goal.Kind, _ language: Language) -> String {
        let text: LocalizedText = switch kind {
        case .absolute: LocalizedText(nl: "doelwaarde", en: "target value")
        case .relative: LocalizedText(nl: "relatieve verandering", en: "relative change")
        case .maintain: LocalizedText(nl: "niveau behouden", en: "maintain a level")
        case .share: LocalizedText(nl: "aandeel", en: "share")
        case .average: LocalizedText(nl: "gemiddelde over een periode", en: "average over a period")
        case .direction: LocalizedText(nl: "richting", en: "direction")
        }
        return text.text(in: language)
    }

    public static func direction(_ direction: Direction, _ language: Language) -> String {
        let text: LocalizedText = switch direction {
        case .up: LocalizedText(nl: "hoger is beter", en: "higher is better")
        case .down: LocalizedText(nl: "lager is beter", en: "lower is better")
        case .none: LocalizedText(nl: "geen voorkeursrichting", en: "no preferred direction")
        }
        return text.text(in: language)
    }

    public static func frequency(_ frequency: Frequency, _ language: Language) -> String {
        let text: LocalizedText = switch frequency {
        case .annual: LocalizedText(nl: "jaarlijks", en: "annual")
        case .quarterly: LocalizedText(nl: "per kwartaal", en: "quarterly")
        case .monthly: LocalizedText(nl: "maandelijks", en: "monthly")
        case .irregular: LocalizedText(nl: "onregelmatig", en: "irregular")
        }
        return text.text(in: language)
    }

    public static func flag(_ flag: ObservationFlag, _ language: Language) -> String {
        let text: LocalizedText = switch flag {
        case .provisional: LocalizedText(nl: "voorlopig", en: "provisional")
        case .estimated: LocalizedText(nl: "geschat", en: "estimated")
        case .confidential: LocalizedText(nl: "vertrouwelijk", en: "confidential")
        case .break: LocalizedText(nl: "breuk in de reeks", en: "break in series")
        }
        return text.text(in: language)
    }
}
