import KoersCore
import Testing

@testable import KoersProgress

/// Every kind of ambition in the seed plans, turned into a question and assessed. Observations are made up for the
/// test (they are not data); the expected numbers are worked out by hand in the comments.
@Suite struct TargetQuestionTests {
    static func indicator(_ direction: Direction = .none, unit: KoersCore.Unit = .count) -> Indicator {
        Indicator(code: "x", name: LocalizedText(nl: "x"), unit: unit, direction: direction)
    }

    static func observations(_ values: [Int: Double], region: String = "ZWV") -> [Observation] {
        values.map { Observation(indicator: "x", region: region, period: .year($0.key), value: $0.value, source: "test") }
    }

    static func target(baseline: Baseline, goal: Goal, region: String = "ZWV") -> Target {
        Target(code: "t", text: "t", indicator: "x", region: region, baseline: baseline, goal: goal)
    }

    @Test func anAbsoluteTargetDownwardsOnTheLinearPath() throws {
        // Werkzoekenden 7.719 (2017) → 6.000 (2030). On the straight line the value in 2023 would be
        // 7719 − 1719 × 6/13 = 6925.615…; it is 6900, so on the path, and it falls by (6900 − 7719)/6 = −136.5 a year.
        let t = Self.target(baseline: Baseline(value: 7719, period: .year(2017)), goal: .absolute(value: 6000, period: .year(2030)))
        let a = TargetAssessment.assess(t, indicator: Self.indicator(.down), observations: Self.observations([2020: 7300, 2023: 6900]))
        let q = try #require(a.question)
        #expect(q.question.points.map(\.year) == [2017, 2020, 2023])
        #expect(q.target == 6000)
        let linear = try #require(a.assessment(.linear))
        #expect(linear.status == .onPath)
        let n = try #require(linear.numbers)
        #expect(abs(n.expectedToday! - (7719 - 1719.0 * 6 / 13)) < 1e-9)
        #expect(abs(n.actualYearlyChange! - (-136.5)) < 1e-9)
        #expect(abs(n.requiredYearlyChange! - (-1719.0 / 13)) < 1e-9)
    }

    @Test func aRelativeTargetWithoutABaselineValueStartsFromTheFirstObservation() throws {
        // +25 % on the baseline period 2016, which has no value: the first observation in or after it (2017: 200)
        // is the baseline, and the target is 250.
        let t = Self.target(baseline: Baseline(period: .year(2016)), goal: .relative(percent: 25, period: .year(2030)))
        let a = TargetAssessment.assess(t, indicator: Self.indicator(.up), observations: Self.observations([2017: 200, 2020: 215]))
        let q = try #require(a.question)
        #expect(q.baseline == ProgressPoint(year: 2017, value: 200))
        #expect(q.target == 250)
        #expect(a.assessment(.linear)?.numbers?.baseYear == 2017)
    }

    @Test(arguments: [(PeriodPosition.end, [2020, 2021]), (.start, [2019, 2020])])
    func schoolYearsCountAtTheIndicatorsPosition(position: PeriodPosition, years: [Int]) throws {
        // School years 2019-2020 and 2020-2021 (made-up values); with position end they count for 2020 and 2021, as
        // a target "in 2030" is met at the end of 2030; with start (Open SDG's choice) for 2019 and 2020.
        var indicator = Self.indicator(.up)
        indicator.periods = PeriodSettings(position: position)
        let observations = [(2019, 100.0), (2020, 110.0)].map {
            Observation(indicator: "x", region: "ZWV", period: .splitYear(year: $0.0, start: .september1), value: $0.1, source: "test")
        }
        // +25 % on the baseline year, which has no stated value: the school year counting for it is the baseline.
        let t = Self.target(baseline: Baseline(period: .year(years[0])), goal: .relative(percent: 25, period: .year(2030)))
        let q = try #require(TargetAssessment.assess(t, indicator: indicator, observations: observations).question)
        #expect(q.question.points.map(\.year) == years)
        #expect(q.baseline == ProgressPoint(year: years[0], value: 100, period: observations[0].period))
        #expect(q.target == 125)
        // Quarters are not counted at all: a year's target is not read off one quarter.
        let quarters = [Observation(indicator: "x", region: "ZWV", period: .quarter(year: 2020, quarter: 1), value: 1, source: "test")]
        let none = TargetAssessment.assess(t, indicator: indicator, observations: quarters)
        #expect(none.question == nil)
        #expect(none.assessments.allSatisfy { $0.reason == .noData })
    }

    @Test func aRelativeTargetWithoutAnyDataCannotBeAssessed() {
        let t = Self.target(baseline: Baseline(period: .year(2016)), goal: .relative(percent: 25, period: .year(2030)))
        let a = TargetAssessment.assess(t, indicator: Self.indicator(.up), observations: [])
        #expect(a.question == nil)
        #expect(a.assessments.count == ProgressMethod.allCases.count)
        #expect(a.assessments.allSatisfy { $0.reason == .noData })
    }

    @Test func aLevelToMaintainIsReachedWhileTheValueIsAtOrAboveIt() throws {
        // At least 1.000 industrial establishments: 1.020 in 2022 is at the level.
        let t = Self.target(baseline: Baseline(value: 1000, period: .year(2019)), goal: .maintain(value: 1000, period: .year(2030)))
        let a = TargetAssessment.assess(t, indicator: Self.indicator(), observations: Self.observations([2019: 1000, 2022: 1020]))
        #expect(try #require(a.question).question.direction == .up)
        #expect(a.assessment(.openSDG)?.status == .targetAchieved)
        // The linear path has nothing to follow when the level to keep is the baseline itself: it says so.
        #expect(a.assessment(.linear)?.reason == .targetEqualsBase(1000))
    }

    @Test func aPeriodAverageIsMeasuredAsTheRunningAverageSinceThePeriodStarted() throws {
        // 9,2 % a year over 2009–2017 → 20 % a year over 2020–2030. Yearly 15, 18, 21 give running averages
        // 15, 16.5 and 18; the baseline is the stated 9,2 at the end of its period, 2017.
        let t = Self.target(baseline: Baseline(value: 9.2, period: .range(.year(2009), .year(2017))),
                            goal: .average(value: 20, period: .range(.year(2020), .year(2030))))
        let a = TargetAssessment.assess(t, indicator: Self.indicator(.up, unit: .percent),
                                        observations: Self.observations([2016: 4, 2020: 15, 2021: 18, 2022: 21]))
        let q = try #require(a.question)
        #expect(q.isRunningAverage)
        #expect(q.question.points == [ProgressPoint(year: 2017, value: 9.2), ProgressPoint(year: 2020, value: 15),
                                      ProgressPoint(year: 2021, value: 16.5), ProgressPoint(year: 2022, value: 18)])
        #expect(q.question.targetYear == 2030)
        #expect(q.question.limit == 100)
    }

    @Test func aDirectionHasNoTargetValue() throws {
        let t = Self.target(baseline: Baseline(period: .year(2018)), goal: .direction(.up, period: .year(2030)))
        let a = TargetAssessment.assess(t, indicator: Self.indicator(), observations: Self.observations([2018: 50, 2022: 60]))
        let q = try #require(a.question)
        #expect(q.target == nil)
        #expect(q.question.direction == .up)
        #expect(a.assessment(.linear)?.reason == .noTarget)
        // Open SDG without a target: CAGR (60/50)^(1/4) − 1 = 4.66 % a year, above 1,5 %: substantial progress.
        #expect(a.assessment(.openSDG)?.status == .substantialProgress)
    }

    @Test func onlyTheTargetsOwnRegionCounts() throws {
        // A West-Vlaanderen sub-target inside the Zuid-West-Vlaanderen plan reads the province's values only.
        let t = Self.target(baseline: Baseline(value: 100, period: .year(2018)), goal: .absolute(value: 150, period: .year(2030)),
                            region: "30000")
        let observations = Self.observations([2018: 100, 2022: 120], region: "30000") + Self.observations([2022: 999])
        let q = try #require(TargetAssessment.assess(t, indicator: Self.indicator(.up), observations: observations).question)
        #expect(q.question.points.map(\.value) == [100, 120])
    }
}
