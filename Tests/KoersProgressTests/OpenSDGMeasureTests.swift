import Foundation
import KoersCore
@testable import KoersProgress
import Testing

/// Expected values below are worked out by hand from the formulas of issue 4 / sdg-build, with series chosen so the
/// roots are exact: 1.21^(1/2) = 1.1, 1.44^(1/2) = 1.2, 1.1^1 = 1.1.
@Suite struct OpenSDGMeasureTests {
    func assess(base: Double, _ baseYear: Int = 2020, current: Double, _ currentYear: Int, target: Double? = nil,
                targetYear: Int = 2030, _ direction: Direction = .up, limit: Double? = nil) -> OpenSDGSeriesResult {
        OpenSDGMeasure.assess(OpenSDGInputs(baseYear: baseYear, baseValue: base, currentYear: currentYear,
                                            currentValue: current, target: target, targetYear: targetYear,
                                            direction: direction, limit: limit))
    }

    @Test func withoutTargetTheGrowthRateIsComparedWithOneAndAHalfAndHalfAPercent() throws {
        // CAGR(100, 121, 2) = 0.1 ≥ 0.015: substantial, score min(500·0.1 − 5, 5) = 5.
        let substantial = assess(base: 100, 2015, current: 121, 2017)
        #expect(abs(try #require(substantial.progressValue) - 0.1) < 1e-12)
        #expect(substantial.status == .substantialProgress && substantial.score == 5)
        // CAGR(100, 101, 1) = 0.01: moderate, 250·0.01 − 1.25 = 1.25.
        let moderate = assess(base: 100, current: 101, 2021)
        #expect(moderate.status == .moderateProgress)
        #expect(abs(try #require(moderate.score) - 1.25) < 1e-9)
        // 0.002: limited, 500·0.002 − 2.5 = −1.5.
        let limited = assess(base: 100, current: 100.2, 2021)
        #expect(limited.status == .limitedProgress)
        #expect(abs(try #require(limited.score) + 1.5) < 1e-9)
        // Lower is better and the value rose 0.4 %: pv = −0.004, 125·−0.004 − 2.5 = −3.
        let worse = assess(base: 100, current: 100.4, 2021, .down)
        #expect(worse.status == .deterioration)
        #expect(abs(try #require(worse.score) + 3) < 1e-9)
        // −2 %: 125·−0.02 − 2.5 = −5, the floor.
        #expect(assess(base: 100, current: 102, 2021, .down).score == -5)
    }

    @Test func withTargetTheRatioOfActualToRequiredGrowthIsScored() throws {
        // Required CAGR(100, 144, 2) = 0.2.
        func pv(_ current: Double) -> OpenSDGSeriesResult { assess(base: 100, current: current, 2021, target: 144, targetYear: 2022) }
        // Actual 0.1: ratio 0.5 < 0.6, limited; 4.1667·0.5 − 2.5 = −0.41665.
        #expect(abs(try #require(pv(110).progressValue) - 0.5) < 1e-12)
        #expect(pv(110).status == .limitedProgress)
        #expect(abs(try #require(pv(110).score) + 0.41665) < 1e-9)
        // Actual 0.18: ratio 0.9, moderate; 7.1429·0.9 − 4.2857 = 2.14291.
        #expect(pv(118).status == .moderateProgress)
        #expect(abs(try #require(pv(118).score) - 2.14291) < 1e-9)
        // Actual 0.2: ratio 1, substantial; 7.1429 − 4.2857 = 2.8572.
        #expect(pv(120).status == .substantialProgress)
        #expect(abs(try #require(pv(120).score) - 2.8572) < 1e-9)
        // At or past the target: achieved, score 5 whatever the ratio.
        #expect(pv(150).status == .targetAchieved && pv(150).score == 5 && pv(150).targetAchieved)
        // Downwards: required CAGR(100, 64, 2) = −0.2, actual CAGR(100, 90, 1) = −0.1; pv = −1·−0.1/0.2 = 0.5.
        let down = assess(base: 100, current: 90, 2021, target: 64, targetYear: 2022, .down)
        #expect(abs(try #require(down.progressValue) - 0.5) < 1e-12)
    }

    @Test func aLimitLowersTheThresholdsNearIt() throws {
        // Base 50, limit 100: c = 1 − 0.5^4.44 ≈ 0.954. pv = 0.01 lies between 0.005c and 0.015c: moderate,
        // score 250·0.01/c − 1.25.
        let c = 1 - pow(0.5, 4.44)
        let r = assess(base: 50, current: 50.5, 2021, limit: 100)
        #expect(r.status == .moderateProgress)
        #expect(abs(try #require(r.score) - (250 * 0.01 / c - 1.25)) < 1e-9)
        // A base on the limit gives c = 0: holding the value is substantial progress (5), falling is not.
        #expect(assess(base: 100, current: 100, 2021, limit: 100).score == 5)
        #expect(assess(base: 100, current: 100, 2021, limit: 100).status == .substantialProgress)
        #expect(abs(try #require(assess(base: 100, current: 99, 2021, limit: 100).score) + 3.75) < 1e-9)
        // Between l and 2l: c = 1 − ((2l − b)/l)^4.44; b = 150 gives the same c as b = 50.
        #expect(abs(OpenSDGMeasure.limitCoefficient(base: 150, limit: 100) - c) < 1e-12)
        #expect(OpenSDGMeasure.limitCoefficient(base: 250, limit: 100) == 1)
    }

    @Test func zeroBaseAndTargetBecomeOneThousandth() throws {
        // Base 0 → 0.001: CAGR(0.001, 2, 1) = 1999.
        let r = assess(base: 0, current: 2, 2021)
        #expect(r.baseValue == 0.001 && r.sign == 1)
        #expect(abs(try #require(r.progressValue) - 1999) < 1e-6)
        let t = assess(base: 10, current: 5, 2025, target: 0, targetYear: 2030, .down)
        #expect(t.target == 0.001 && !t.targetAchieved)
        // Required CAGR(10, 0.001, 10) = 10^(−0.4) − 1; actual CAGR(10, 5, 5) = 0.5^(0.2) − 1.
        let expected = -1 * (pow(0.5, 0.2) - 1) / abs(pow(1e-4, 0.1) - 1)
        #expect(abs(try #require(t.progressValue) - expected) < 1e-12)
    }

    @Test func negativeValuesUseTheSignAndMixedSignsCannotBeAssessed() throws {
        // −10 → −5 over one year: CAGR = 0.5 − 1 = −0.5, s = −1; higher is better, so pv = (−1)(1)(−0.5) = 0.5.
        let up = assess(base: -10, current: -5, 2021)
        #expect(up.sign == -1 && up.progressValue == 0.5 && up.status == .substantialProgress)
        let mixed = assess(base: -5, current: 3, 2021)
        #expect(mixed.status == .notAvailable && mixed.score == nil && mixed.reason == .mixedSigns(base: -5, current: 3))
    }

    @Test func oneYearOrTargetEqualToBaseGivesAReason() {
        let single = assess(base: 5, current: 5, 2020)
        #expect(single.status == .notAvailable && single.reason == .tooFewPoints(found: 1, needed: 2))
        // sdg-build would divide by zero here.
        let flat = assess(base: 5, current: 4, 2021, target: 5)
        #expect(flat.status == .notAvailable && flat.reason == .targetEqualsBase(5))
        let across = assess(base: 5, current: 6, 2021, target: -2)
        #expect(across.reason == .targetAcrossZero(base: 5, target: -2))
    }

    @Test func indicatorIsTheMeanScoreAndAchievedOnlyWhenEverySeriesIs() throws {
        let achieved = assess(base: 100, current: 150, 2021, target: 144, targetYear: 2022)
        let limited = assess(base: 100, current: 100.2, 2021)
        // (5 − 1.5)/2 = 1.75: moderate.
        let mixed = OpenSDGMeasure.indicator([achieved, limited])
        #expect(abs(try #require(mixed.score) - 1.75) < 1e-9)
        #expect(mixed.status == .moderateProgress)
        #expect(OpenSDGMeasure.indicator([achieved, achieved]).status == .targetAchieved)
        // A score of 5 without a reached target is substantial, not achieved.
        let fast = assess(base: 100, 2015, current: 121, 2017)
        #expect(OpenSDGMeasure.indicator([achieved, fast]).status == .substantialProgress)
        // Series without a score do not count; none at all is not available.
        let none = assess(base: 5, current: 5, 2020)
        #expect(OpenSDGMeasure.indicator([none, limited]).score == limited.score)
        #expect(OpenSDGMeasure.indicator([none]).score == nil && OpenSDGMeasure.indicator([]).status == .notAvailable)
    }
}
