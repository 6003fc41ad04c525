import KoersCore
import Testing

/// Due dates per frequency and silent actions, on the calendar's edges.
@Suite struct StalenessTests {
    let rules = StalenessRules()

    static func indicator(_ frequency: Frequency) -> Indicator {
        Indicator(code: "x", name: LocalizedText(nl: "x"), unit: .count, frequency: frequency)
    }

    @Test func theNextValueIsDueMonthsAfterTheNewestPeriodEnds() throws {
        let annual = IndicatorFreshness(indicator: Self.indicator(.annual), periods: [.year(2023), .year(2024), .quarter(year: 2024, quarter: 2)], rules: rules)
        #expect(annual.latest == .year(2024))
        #expect(annual.due == Day(year: 2026, month: 6, day: 30))
        #expect(!annual.isOverdue(on: Day(year: 2026, month: 6, day: 30)))
        #expect(annual.isOverdue(on: Day(year: 2026, month: 7, day: 1)))
        let quarterly = IndicatorFreshness(indicator: Self.indicator(.quarterly), periods: [.quarter(year: 2025, quarter: 3)], rules: rules)
        #expect(quarterly.due == Day(year: 2026, month: 3, day: 30), "30 September + 6 months: 30 March")
        let monthly = IndicatorFreshness(indicator: Self.indicator(.monthly), periods: [.month(year: 2025, month: 11)], rules: rules)
        #expect(monthly.due == Day(year: 2026, month: 2, day: 28), "30 November + 3 months: the end of February")
        #expect(IndicatorFreshness(indicator: Self.indicator(.irregular), periods: [.year(2020)], rules: rules).due == nil)
        let empty = IndicatorFreshness(indicator: Self.indicator(.annual), periods: [], rules: rules)
        #expect(empty.latest == nil && empty.due == nil && !empty.isOverdue(on: Day(year: 2030, month: 1, day: 1)))
    }

    @Test func monthsAreAddedOnTheCalendar() {
        #expect(Day(year: 2024, month: 8, day: 31).addingMonths(6) == Day(year: 2025, month: 2, day: 28))
        #expect(Day(year: 2023, month: 8, day: 31).addingMonths(6) == Day(year: 2024, month: 2, day: 29))
        #expect(Day(year: 2024, month: 12, day: 31).addingMonths(18) == Day(year: 2026, month: 6, day: 30))
        #expect(Day(year: 2024, month: 1, day: 15).addingMonths(-1) == Day(year: 2023, month: 12, day: 15))
    }

    static func report(_ progress: ActionProgress, at: String) -> ActionUpdate {
        ActionUpdate(action: "a", progress: progress, period: .year(2026), author: "an@pomwvl.be", at: at)
    }

    @Test func anActionIsSilentWhenItsOwnersHaveNotReportedForTheSetDays() {
        let today = Day(year: 2026, month: 12, day: 7)
        #expect(ActionSilence.of(action: "a", latest: nil, today: today, rules: rules) == ActionSilence(action: "a", lastReport: nil, days: nil))
        #expect(ActionSilence.of(action: "a", latest: Self.report(.onCourse, at: "2026-09-08T10:00:00Z"), today: today, rules: rules) == nil, "90 days ago")
        let silent = ActionSilence.of(action: "a", latest: Self.report(.atRisk, at: "2026-09-07T10:00:00Z"), today: today, rules: rules)
        #expect(silent?.days == 91 && silent?.lastReport == Day(year: 2026, month: 9, day: 7))
        #expect(ActionSilence.of(action: "a", latest: Self.report(.done, at: "2025-01-01T10:00:00Z"), today: today, rules: rules) == nil)
        #expect(ActionSilence.of(action: "a", latest: Self.report(.stopped, at: "2025-01-01T10:00:00Z"), today: today, rules: rules) == nil)
    }
}
