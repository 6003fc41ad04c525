import KoersCore

/// A count with its noun in the reader's language, singular for exactly one: "1 ambitie", "38 ambities",
/// "1 target", "1.234 waarnemingen". One place, so no page writes "1 ambities" or "waarneming(en)".
enum CountedNoun {
    case plan, target, part, action, observation

    func phrase(_ count: Int, _ language: Language) -> String {
        let (nlOne, nlMany, enOne, enMany) = switch self {
        case .plan: ("plan", "plannen", "plan", "plans")
        case .target: ("ambitie", "ambities", "target", "targets")
        case .part: ("onderdeel", "onderdelen", "part", "parts")
        case .action: ("actie", "acties", "action", "actions")
        case .observation: ("waarneming", "waarnemingen", "observation", "observations")
        }
        let noun = language == .nl ? (count == 1 ? nlOne : nlMany) : (count == 1 ? enOne : enMany)
        return NumberFormat(language).number(Double(count)) + " " + noun
    }
}
