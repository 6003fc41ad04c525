import KoersCore
import KoersProgress

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

    /// A method's name as a reader knows it.
    public static func method(_ method: ProgressMethod, _ language: Language) -> String {
        let text: LocalizedText = switch method {
        case .openSDG: LocalizedText(nl: "Open SDG-voortgangsmaat", en: "Open SDG progress measure")
        case .eurostat: LocalizedText(nl: "Eurostat (SDG-monitoringrapport)", en: "Eurostat (SDG monitoring report)")
        case .linear: LocalizedText(nl: "Rechte lijn naar het doel", en: "Straight line to the target")
        case .projection: LocalizedText(nl: "Trendprojectie", en: "Trend projection")
        }
        return text.text(in: language)
    }

    /// A verdict in words; nil (no verdict) as "geen oordeel".
    public static func status(_ status: ProgressStatus?, _ language: Language) -> String {
        guard let status else { return language == .nl ? "geen oordeel" : "no verdict" }
        let text: LocalizedText = switch status {
        case .targetAchieved: LocalizedText(nl: "doel bereikt", en: "target achieved")
        case .substantialProgress: LocalizedText(nl: "ruime vooruitgang", en: "substantial progress")
        case .moderateProgress: LocalizedText(nl: "matige vooruitgang", en: "moderate progress")
        case .limitedProgress: LocalizedText(nl: "beperkte vooruitgang", en: "limited progress")
        case .deterioration: LocalizedText(nl: "achteruitgang", en: "deterioration")
        case .significantProgress: LocalizedText(nl: "duidelijke vooruitgang", en: "significant progress")
        case .eurostatModerateProgress: LocalizedText(nl: "matige vooruitgang", en: "moderate progress")
        case .insufficientProgress: LocalizedText(nl: "onvoldoende vooruitgang", en: "insufficient progress")
        case .movementAway: LocalizedText(nl: "beweegt weg van het doel", en: "movement away from the target")
        case .moderateMovementAway: LocalizedText(nl: "beweegt licht de verkeerde kant op", en: "moderate movement away")
        case .significantMovementAway: LocalizedText(nl: "beweegt duidelijk de verkeerde kant op", en: "significant movement away")
        case .onPath: LocalizedText(nl: "op koers", en: "on course")
        case .behindPath: LocalizedText(nl: "achter op schema", en: "behind the path")
        case .movingAway: LocalizedText(nl: "beweegt weg van het doel", en: "moving away from the target")
        case .likely: LocalizedText(nl: "doel waarschijnlijk gehaald", en: "target likely")
        case .uncertain: LocalizedText(nl: "onzeker", en: "uncertain")
        case .unlikely: LocalizedText(nl: "doel waarschijnlijk niet gehaald", en: "target unlikely")
        }
        return text.text(in: language)
    }

    /// What an action without a participation category is listed under.
    public static func noParticipationCategory(_ language: Language) -> String { UIText.table(language)["budget_no_category"]! }

    /// A verdict's colour in words, for roll-ups.
    public static func course(_ course: Course, _ language: Language) -> String {
        let text: LocalizedText = switch course {
        case .on: LocalizedText(nl: "op koers", en: "on course")
        case .mid: LocalizedText(nl: "deels op koers", en: "partly on course")
        case .off: LocalizedText(nl: "uit koers", en: "off course")
        case .none: LocalizedText(nl: "zonder oordeel", en: "without a verdict")
        }
        return text.text(in: language)
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
