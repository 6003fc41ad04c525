import KoersCore

/// When an indicator's values last changed, in words: the newest import that brought a current value, or that Koers
/// only holds the figures of the plan documents.
public enum LastUpdate {
    /// `importedAt` is the batch's ISO 8601 time; nil when no import brought any current value.
    public static func text(importedAt: String?, fileName: String?, language: Language) -> String {
        guard let importedAt, let fileName else {
            return language == .nl ? "geen import: enkel cijfers uit de plandocumenten" : "no import: only figures from the plan documents"
        }
        let day = Period(String(importedAt.prefix(10))).map(NumberFormat(language).period) ?? importedAt
        return language == .nl ? "\(day) (import van \(fileName))" : "\(day) (import of \(fileName))"
    }
}
