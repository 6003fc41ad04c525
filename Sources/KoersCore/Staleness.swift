/// When Koers expects the next value of an indicator, and when an action's owners have been silent too long: the
/// rules that make staleness visible (follow-up page, digests, the markers on public pages) instead of hiding it.
public struct StalenessRules: Sendable, Hashable {
    /// Months after the end of the newest period by which the next value is due, per frequency: an annual figure
    /// for 2024 (ending 31 December 2024) is overdue from 1 July 2026 with 18 months. Irregular indicators have
    /// no due date.
    public var annualMonths: Int
    public var quarterlyMonths: Int
    public var monthlyMonths: Int
    /// Days without a report after which an action counts as silent.
    public var silentDays: Int

    /// Statbel and Eurostat publish most annual municipal figures 12 to 18 months after the year; quarterly and
    /// monthly ones within a quarter or two.
    public init(annualMonths: Int = 18, quarterlyMonths: Int = 6, monthlyMonths: Int = 3, silentDays: Int = 90) {
        self.annualMonths = annualMonths
        self.quarterlyMonths = quarterlyMonths
        self.monthlyMonths = monthlyMonths
        self.silentDays = silentDays
    }

    public func months(for frequency: Frequency) -> Int? {
        switch frequency {
        case .annual: annualMonths
        case .quarterly: quarterlyMonths
        case .monthly: monthlyMonths
        case .irregular: nil
        }
    }

    /// The last day on which the value after `latest` is still on time; nil for an irregular indicator.
    public func due(after latest: Period, frequency: Frequency) -> Day? {
        months(for: frequency).map { latest.end.addingMonths($0) }
    }
}

/// How fresh an indicator's values are: its newest period, and by when the next one is due.
public struct IndicatorFreshness: Sendable, Hashable {
    public var indicator: String
    /// The newest period with a value (the one that ends last); nil when there is none.
    public var latest: Period?
    /// The last day the next value is on time; nil without values or for an irregular indicator.
    public var due: Day?

    public init(indicator: Indicator, periods: some Sequence<Period>, rules: StalenessRules) {
        self.indicator = indicator.code
        latest = periods.max { ($0.end, $0.start) < ($1.end, $1.start) }
        due = latest.flatMap { rules.due(after: $0, frequency: indicator.frequency) }
    }

    /// Whether the next value is late on `today`.
    public func isOverdue(on today: Day) -> Bool { due.map { today > $0 } ?? false }
}

/// An action whose owners have not reported for longer than the rules allow, or never.
public struct ActionSilence: Sendable, Hashable {
    public var action: String
    /// The day of the newest report (waiting or approved); nil when there has been none.
    public var lastReport: Day?
    /// Days since that report; nil when there has been none.
    public var days: Int?

    public init(action: String, lastReport: Day?, days: Int?) {
        self.action = action
        self.lastReport = lastReport
        self.days = days
    }

    /// The silence of `action` on `today`, or nil when it is not silent: reported within `rules.silentDays`, or
    /// done or stopped by its newest report.
    public static func of(action: String, latest: ActionUpdate?, today: Day, rules: StalenessRules) -> ActionSilence? {
        guard let latest else { return ActionSilence(action: action, lastReport: nil, days: nil) }
        if latest.progress == .done || latest.progress == .stopped { return nil }
        guard let day = Day(String(latest.at.prefix(10))) else { return ActionSilence(action: action, lastReport: nil, days: nil) }
        let days = today.ordinal - day.ordinal
        return days > rules.silentDays ? ActionSilence(action: action, lastReport: day, days: days) : nil
    }
}

extension Day {
    /// The same day `months` later, or the month's last day when that month is shorter (31 August + 6 → 28 or 29
    /// February).
    public func addingMonths(_ months: Int) -> Day {
        let index = year * 12 + (month - 1) + months
        let y = index >= 0 ? index / 12 : (index - 11) / 12
        let m = index - y * 12 + 1
        return Day(year: y, month: m, day: min(day, Period.daysIn(year: y, month: m)))
    }

    /// Today in UTC.
    public static func today(_ now: Double) -> Day { Day(ordinal: Int((now / 86_400).rounded(.down))) }
}
