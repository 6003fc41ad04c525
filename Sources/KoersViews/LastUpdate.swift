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

/// By when an indicator's next value is due, and whether it is late: shown beside "last updated" on the public
/// pages, so that stale data is marked rather than passed off as current.
public struct DueNote: Sendable {
    /// The due day in words, "30 juni 2026".
    public var day: String
    public var overdue: Bool

    /// Nil when nothing is due (no values, or an irregular indicator).
    public init?(_ freshness: IndicatorFreshness, today: Day, language: Language) {
        guard let due = freshness.due else { return nil }
        day = NumberFormat(language).period(.day(year: due.year, month: due.month, day: due.day))
        overdue = freshness.isOverdue(on: today)
    }
}
