import Foundation
import KoersCore
@testable import KoersProgress
import Testing

/// Eurostat classes, the linear path and the trend projection, with values worked out by hand from their formulas.
@Suite struct OtherMethodsTests {
    func q(_ points: [(Int, Double)], _ direction: Direction = .up, target: Double? = nil, targetYear: Int? = nil,
           asOf: Int? = nil) -> ProgressQuestion {
        ProgressQuestion(points: points.map { ProgressPoint(year: $0.0, value: $0.1) }, direction: direction,
                         target: target, targetYear: targetYear, asOfYear: asOf)
    }

    @Test func eurostatWithoutTargetClassesTheGrowthRate() {
        // CAGR(100, 121, 2) = 0.1; CAGR(100, 100.5, 1) = 0.005.
        #expect(EurostatMeasure.assess(q([(2015, 100), (2017, 121)])).status == .significantProgress)
        #expect(EurostatMeasure.assess(q([(2015, 100), (2017, 121)], .down)).status == .significantMovementAway)
        #expect(EurostatMeasure.assess(q([(2015, 100), (2016, 100.5)])).status == .eurostatModerateProgress)
        #expect(EurostatMeasure.assess(q([(2015, 100), (2016, 100.5)], .down)).status == .moderateMovementAway)
        #expect(EurostatMeasure.assess(q([(2015, 0), (2016, 1)])).reason == .zeroOrNegativeBase(0))
    }

    @Test func eurostatWithTargetClassesTheRatioOfActualToRequiredGrowth() throws {
        // Required CAGR(100, 144, 2) = 0.2; actual CAGR(100, v, 1) = v/100 − 1.
        func status(_ v: Double) -> ProgressStatus? {
            EurostatMeasure.assess(q([(2020, 100), (2021, v)], target: 144, targetYear: 2022)).status
        }
        #expect(status(110) == .insufficientProgress)  // ratio 0.5
        #expect(status(118) == .eurostatModerateProgress)  // 0.9
        #expect(status(120) == .significantProgress)  // 1.0
        #expect(status(95) == .movementAway)  // −0.25
        let n = try #require(EurostatMeasure.assess(q([(2020, 100), (2021, 110)], target: 144, targetYear: 2022)).numbers)
        #expect(abs(try #require(n.requiredGrowthRate) - 0.2) < 1e-12)
        #expect(abs(try #require(n.progressValue) - 0.5) < 1e-12)
    }

    @Test func linearPathGivesTheExpectedValueAndWhetherTheSeriesIsOnIt() throws {
        // 100 in 2020 to 200 in 2030: 10 a year, 150 expected in 2025.
        func assess(_ v: Double) -> ProgressAssessment { LinearPath.assess(q([(2020, 100), (2025, v)], target: 200, targetYear: 2030)) }
        let ahead = assess(160)
        let n = try #require(ahead.numbers)
        #expect(ahead.status == .onPath && n.expectedToday == 150 && n.requiredYearlyChange == 10 && n.actualYearlyChange == 12)
        #expect(assess(140).status == .behindPath)
        #expect(assess(90).status == .movingAway)
        #expect(assess(210).status == .targetAchieved)
        // Downwards: 100 → 50 by 2030 expects 75 in 2025; 70 is ahead.
        #expect(LinearPath.assess(q([(2020, 100), (2025, 70)], .down, target: 50, targetYear: 2030)).status == .onPath)
        #expect(LinearPath.assess(q([(2020, 100), (2025, 70)])).reason == .noTarget)
        #expect(LinearPath.assess(q([(2020, 100), (2025, 70)], target: 100)).reason == .targetEqualsBase(100))
    }

    @Test func projectionFitsTheTrendAndItsPredictionInterval() throws {
        // (2018, 1), (2019, 3), (2020, 2): mean year 2019, mean 2, Sxx = 2, Sxy = 1, slope 0.5; residuals −0.5, 1,
        // −0.5, SSE = 1.5, one degree of freedom. At 2021: 2 + 0.5·2 = 3; spread √1.5·√(1 + 1/3 + 4/2) = √5.
        let r = TrendProjection.assess(q([(2018, 1), (2019, 3), (2020, 2)], target: 3, targetYear: 2021))
        let n = try #require(r.numbers)
        let t = 12.706204736174698  // t(0.975, 1) = tan(0.475π)
        #expect(abs(try #require(n.projection) - 3) < 1e-12)
        #expect(abs(try #require(n.projectionLow) - (3 - t * 5.0.squareRoot())) < 1e-9)
        #expect(abs(try #require(n.probability) - 0.5) < 1e-12)
        #expect(r.status == .uncertain)
        // A straight line has no spread: the target on the line is reached, one above it is not.
        let line = [(2015, 100.0), (2016, 102), (2017, 104), (2018, 106), (2019, 108), (2020, 110)]
        let on = TrendProjection.assess(q(line, target: 130, targetYear: 2030))
        #expect(on.status == .likely && on.numbers?.probability == 1 && on.numbers?.projection == 130)
        #expect(TrendProjection.assess(q(line, target: 131, targetYear: 2030)).status == .unlikely)
        #expect(TrendProjection.assess(q([(2019, 1), (2020, 2)], target: 3)).reason == .tooFewPoints(found: 2, needed: 3))
    }

    @Test func studentTMatchesClosedFormsAndTables() {
        // ν = 1 is Cauchy: P(T ≤ 1) = 1/2 + atan(1)/π = 3/4. ν = 2: 1/2 + t/(2√(2 + t²)).
        #expect(abs(StudentT.cdf(1, degreesOfFreedom: 1) - 0.75) < 1e-15)
        #expect(abs(StudentT.cdf(1, degreesOfFreedom: 2) - (0.5 + 1 / (2 * 3.0.squareRoot()))) < 1e-15)
        #expect(abs(StudentT.cdf(-1, degreesOfFreedom: 2) - (0.5 - 1 / (2 * 3.0.squareRoot()))) < 1e-15)
        // ν = 2: the 97.5 % quantile solves t/(2√(2 + t²)) = 0.475, t = √(2·0.95²/(1 − 0.95²)).
        #expect(abs(StudentT.quantile975(degreesOfFreedom: 2) - (2 * 0.9025 / (1 - 0.9025)).squareRoot()) < 1e-9)
        #expect(abs(StudentT.quantile975(degreesOfFreedom: 1) - tan(0.475 * Double.pi)) < 1e-9)
        // Printed t tables: 2.228 for ν = 10, 2.042 for ν = 30, and 1.960 (the normal) approached for large ν.
        #expect(abs(StudentT.quantile975(degreesOfFreedom: 10) - 2.228) < 5e-4)
        #expect(abs(StudentT.quantile975(degreesOfFreedom: 30) - 2.042) < 5e-4)
        #expect(abs(StudentT.quantile975(degreesOfFreedom: 1000) - 1.962) < 5e-4)
    }

    @Test func staleSeriesAndMissingDirectionCannotBeAssessed() {
        for method in ProgressMethod.allCases {
            let stale = method.assess(q([(2010, 1), (2012, 2), (2013, 3)], target: 5, asOf: 2025))
            #expect(stale.reason == .stale(latestYear: 2013, asOfYear: 2025), "\(method)")
            let duplicate = method.assess(q([(2016, 1), (2016, 2), (2018, 3)], target: 5))
            #expect(duplicate.reason == .duplicateYear(2016), "\(method)")
        }
        #expect(EurostatMeasure.assess(q([(2020, 1), (2021, 2)], .none)).reason == .noDirection)
        // With a target, `.none` points towards it.
        #expect(EurostatMeasure.assess(q([(2020, 10), (2021, 9)], .none, target: 5)).status != nil)
    }
}
