import KoersCore

/// The periods each indicator has values for, read in one pass over the values (not the values themselves): what the
/// follow-up page and the digests need to tell which indicators are overdue.
public protocol PeriodIndex: Sendable {
    /// Every indicator with at least one value, with its distinct periods.
    func periodsByIndicator() async throws -> [String: Set<Period>]
}

public enum PeriodIndexStatements {
    public static let periods = "SELECT DISTINCT indicator_code, period FROM observation"

    public static func index(_ rows: [some StoredRow]) -> [String: Set<Period>] {
        var index: [String: Set<Period>] = [:]
        for row in rows {
            guard let code = row.text("indicator_code"), let period = row.text("period").flatMap(Period.init) else { continue }
            index[code, default: []].insert(period)
        }
        return index
    }
}
