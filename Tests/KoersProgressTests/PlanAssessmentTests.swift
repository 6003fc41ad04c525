import Foundation
import KoersCore
import Testing

@testable import KoersProgress

/// The one assessment step on a small plan: two pillars, three building blocks, targets on two indicators, one on an
/// indicator the catalogue lacks and one without data. Observations are made up for the test; the expected numbers
/// are worked out from each method's formula here, not read from the code under test.
@Suite struct PlanAssessmentTests {
    static let jobs = Indicator(code: "jobs", name: LocalizedText(nl: "Banen"), unit: .count, direction: .up)
    static let unemployed = Indicator(code: "unemployed", name: LocalizedText(nl: "Werkzoekenden"), unit: .count, direction: .down)
    static let indicators = [jobs.code: jobs, unemployed.code: unemployed]

    static func values(_ indicator: String, _ values: [Int: Double], region: String = "ZWV") -> [Observation] {
        values.map { Observation(indicator: indicator, region: region, period: .year($0.key), value: $0.value, source: "test") }
    }

    /// Jobs 100 (2015) → 150 (2030), now 121 (2021); unemployed 200 (2016) → 100 (2026), now 170 (2022).
    static let observations: [String: [Observation]] = [
        "jobs": values("jobs", [2015: 100, 2018: 112, 2021: 121]) + values("jobs", [2015: 5000, 2021: 1000], region: "30000-other"),
        "unemployed": values("unemployed", [2016: 200, 2018: 190, 2020: 185, 2022: 170]),
    ]

    static let targetA = Target(code: "A", text: "Meer banen", indicator: "jobs", region: "ZWV",
                                baseline: Baseline(value: 100, period: .year(2015)), goal: .absolute(value: 150, period: .year(2030)))
    static let targetB = Target(code: "B", text: "Minder werkzoekenden", indicator: "unemployed", region: "ZWV",
                                baseline: Baseline(value: 200, period: .year(2016)), goal: .absolute(value: 100, period: .year(2026)))
    /// On an indicator the catalogue does not hold.
    static let targetC = Target(code: "C", text: "Iets onbekends", indicator: "unknown", region: "ZWV",
                                baseline: Baseline(period: .year(2015)), goal: .absolute(value: 1, period: .year(2030)))
    /// On a known indicator, for a region without values and without a stated baseline value.
    static let targetD = Target(code: "D", text: "Banen in de provincie", indicator: "jobs", region: "30000",
                                baseline: Baseline(period: .year(2015)), goal: .absolute(value: 900, period: .year(2030)))

    static let plan = Plan(id: "p", title: LocalizedText(nl: "Plan"), region: "ZWV", nodes: [
        PlanNode(code: "1", kind: "pillar", title: LocalizedText(nl: "Werk"), nodes: [
            PlanNode(code: "1.1", kind: "building-block", title: LocalizedText(nl: "Banen"), targets: [targetA]),
            PlanNode(code: "1.2", kind: "building-block", title: LocalizedText(nl: "Werkzoekenden"), targets: [targetB]),
        ]),
        PlanNode(code: "2", kind: "pillar", title: LocalizedText(nl: "Rest"), nodes: [
            PlanNode(code: "2.1", kind: "building-block", title: LocalizedText(nl: "Rest"), targets: [targetC, targetD]),
        ]),
    ])

    static func cagr(_ from: Double, _ to: Double, years: Double) -> Double { pow(to / from, 1 / years) - 1 }

    @Test func everyMethodsVerdictOnATargetFollowsItsFormula() throws {
        let a = try #require(PlanAssessment(plan: Self.plan, indicators: Self.indicators, observations: Self.observations).targets["A"])
        #expect(a.assessments.map(\.method) == ProgressMethod.allCases)
        // Only ZWV counts; the stated baseline 100 (2015) is the first point.
        #expect(try #require(a.question).question.points.map(\.value) == [100, 112, 121])

        // Linear path: 50 over 15 years is 3.33 a year, 120 expected in 2021; 21 over 6 years is 3.5 a year: on the path.
        let linear = try #require(a.assessment(.linear))
        #expect(linear.status == .onPath)
        let ln = try #require(linear.numbers)
        #expect(abs(ln.requiredYearlyChange! - 50.0 / 15) < 1e-12)
        #expect(abs(ln.actualYearlyChange! - 21.0 / 6) < 1e-12)
        #expect(abs(ln.expectedToday! - (100 + 50.0 / 15 * 6)) < 1e-9)
        #expect(abs(ln.progressValue! - (21.0 / 6) / (50.0 / 15)) < 1e-12)

        // Eurostat: the ratio of the actual compound growth to the required one, (1.21^(1/6) − 1) / (1.5^(1/15) − 1)
        // ≈ 1.18, is above 0.95: significant progress.
        let actual = Self.cagr(100, 121, years: 6), required = Self.cagr(100, 150, years: 15)
        let eurostat = try #require(a.assessment(.eurostat))
        #expect(eurostat.status == .significantProgress)
        let en = try #require(eurostat.numbers)
        #expect(abs(en.actualGrowthRate! - actual) < 1e-12)
        #expect(abs(en.requiredGrowthRate! - required) < 1e-12)
        #expect(abs(en.progressValue! - actual / required) < 1e-12)

        // Open SDG: the same ratio (direction up, positive base) is its progress value; ≥ 0.95 is substantial
        // progress, scored 7.1429 × pv − 4.2857.
        let openSDG = try #require(a.assessment(.openSDG))
        #expect(openSDG.status == .substantialProgress)
        let on = try #require(openSDG.numbers)
        #expect(abs(on.progressValue! - actual / required) < 1e-12)
        #expect(abs(on.score! - (7.1429 * actual / required - 4.2857)) < 1e-9)

        // Trend projection: least squares through (2015, 100), (2018, 112), (2021, 121): mean (2018, 111), slope
        // 63 / 18 = 3.5, so 111 + 3.5 × 12 = 153 in 2030; with one degree of freedom the 95 % interval is wide
        // (t = 12.706) and holds 150: uncertain.
        let projection = try #require(a.assessment(.projection))
        #expect(projection.status == .uncertain)
        let pn = try #require(projection.numbers)
        #expect(abs(pn.actualYearlyChange! - 3.5) < 1e-12)
        #expect(abs(pn.projection! - 153) < 1e-9)
        let sigma = (1.5 / 1).squareRoot(), spread = sigma * (1 + 1.0 / 3 + 144.0 / 18).squareRoot()
        #expect(abs(pn.projectionHigh! - (153 + 12.706 * spread)) < 1e-2)
        #expect(pn.projectionLow! < 150 && pn.projectionHigh! > 150)

        // The chart's band is that trend, from the latest value to the target year.
        #expect(a.trendBand.map(\.year) == Array(2021...2030))
        #expect(abs(a.trendBand.last!.mid - 153) < 1e-9)
        #expect(abs(a.trendBand.first!.mid - (111 + 3.5 * 3)) < 1e-9)
    }

    @Test func aTargetDownwardsIsJudgedAgainstItsOwnDirection() throws {
        let b = try #require(PlanAssessment(plan: Self.plan, indicators: Self.indicators, observations: Self.observations).targets["B"])
        // 200 → 100 over 10 years is −10 a year, 140 expected in 2022; −30 over 6 years is −5 a year: behind.
        #expect(b.assessment(.linear)?.status == .behindPath)
        #expect(abs(b.assessment(.linear)!.numbers!.expectedToday! - 140) < 1e-9)
        // Ratio (0.85^(1/6) − 1) / (0.5^(1/10) − 1) ≈ 0.40: insufficient (Eurostat), limited progress (Open SDG).
        let ratio = Self.cagr(200, 170, years: 6) / Self.cagr(200, 100, years: 10)
        #expect(b.assessment(.eurostat)?.status == .insufficientProgress)
        #expect(abs(b.assessment(.eurostat)!.numbers!.progressValue! - ratio) < 1e-12)
        #expect(b.assessment(.openSDG)?.status == .limitedProgress)
        #expect(abs(b.assessment(.openSDG)!.numbers!.score! - max(4.1667 * ratio - 2.5, -5)) < 1e-9)
    }

    @Test func targetsWithoutIndicatorOrDataGetAReasonNotAVerdict() throws {
        let assessment = PlanAssessment(plan: Self.plan, indicators: Self.indicators, observations: Self.observations)
        let c = try #require(assessment.targets["C"])
        #expect(c.question == nil)
        #expect(c.trendBand.isEmpty)
        #expect(c.assessments.map(\.method) == ProgressMethod.allCases)
        #expect(c.assessments.allSatisfy { $0.reason == .noIndicator && $0.numbers == nil })
        let d = try #require(assessment.targets["D"])
        #expect(d.assessments.allSatisfy { $0.reason == .noData })
        #expect(d.trendBand.isEmpty)
        // Also alone, with no observations at all.
        #expect(TargetAssessment.assess(Self.targetC, indicator: nil, observations: []).assessments.allSatisfy { $0.reason == .noIndicator })
        #expect(TargetAssessment.assess(Self.targetD, indicator: Self.jobs, observations: []).assessments.allSatisfy { $0.reason == .noData })
    }

    @Test(arguments: ProgressMethod.allCases)
    func rollUpsCountTheMeasuredTargetsUnderEachNode(_ method: ProgressMethod) throws {
        let assessment = PlanAssessment(plan: Self.plan, indicators: Self.indicators, observations: Self.observations)
        let progress = assessment.progress(method)
        #expect(progress.method == method)
        // The target on an unknown indicator is not measured in Koers: no verdict, and not counted.
        #expect(Set(progress.targets.keys) == ["A", "B", "D"])
        for code in ["A", "B", "D"] { #expect(progress.targets[code] == assessment.targets[code]?.assessment(method)) }
        let a = try #require(progress.targets["A"]), b = try #require(progress.targets["B"])

        func expected(_ verdicts: [ProgressAssessment]) -> (counts: [String: Int], mean: Double?) {
            var counts: [String: Int] = [:]
            for v in verdicts { counts[v.status?.rawValue ?? "cannot_assess", default: 0] += 1 }
            let scores = verdicts.compactMap { $0.numbers?.score }
            return (counts, scores.isEmpty ? nil : scores.reduce(0, +) / Double(scores.count))
        }
        let cannot = progress.targets["D"]!
        let cases: [(node: String?, verdicts: [ProgressAssessment])] = [
            ("1.1", [a]), ("1.2", [b]), ("1", [a, b]), ("2.1", [cannot]), ("2", [cannot]), (nil, [a, b, cannot]),
        ]
        for (node, verdicts) in cases {
            let rollUp = try #require(node.map { progress.nodes[$0] } ?? progress.plan)
            let (counts, mean) = expected(verdicts)
            #expect(rollUp.total == verdicts.count, "\(node ?? "plan")")
            #expect(rollUp.counts == counts, "\(node ?? "plan")")
            #expect(rollUp.meanScore == mean, "\(node ?? "plan")")
            #expect(rollUp.noVerdict == (node == "1" || node == "1.1" || node == "1.2" ? 0 : 1))
        }
        // Only Open SDG gives scores: A's 4.13 and B's −0.84 average to about 1.65.
        if method == .openSDG {
            let mean = try #require(progress.nodes["1"]?.meanScore)
            #expect(abs(mean - (a.numbers!.score! + b.numbers!.score!) / 2) < 1e-12)
            #expect(progress.plan.counts == ["substantial_progress": 1, "limited_progress": 1, "cannot_assess": 1])
        }
    }

    @Test func anAssessmentYearLeavesLaterValuesOut() throws {
        // As in 2018: jobs 112 (2018) is the latest value; 12 over 3 years is 4 a year, above the 3.33 required.
        let asOf = PlanAssessment(plan: Self.plan, indicators: Self.indicators, observations: Self.observations, asOfYear: 2018)
        #expect(asOf.asOfYear == 2018)
        let linear = try #require(asOf.targets["A"]?.assessment(.linear))
        #expect(linear.numbers?.currentYear == 2018)
        #expect(linear.numbers?.currentValue == 112)
        #expect(linear.status == .onPath)
        #expect(try #require(asOf.targets["A"]?.question).question.points.map(\.year) == [2015, 2018])
        // The target year's expected value is the straight line's in the assessment year.
        #expect(abs(linear.numbers!.expectedToday! - (100 + 50.0 / 15 * 3)) < 1e-9)
    }
}
