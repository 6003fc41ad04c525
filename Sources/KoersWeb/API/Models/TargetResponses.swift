import KoersCore
import KoersProgress
import KoersViews

/// A target as a row of the plan page: its sentence, baseline → goal, region, indicator and verdict.
struct TargetSummary: Codable, Sendable {
    struct Baseline: Codable, Sendable {
        /// Null when the document states no value.
        @Nullable var value: Double?
        var period: String
    }

    struct Goal: Codable, Sendable {
        var kind: String
        var kindLabel: Text
        /// The number the goal names (a percentage change for `relative`); null for a direction.
        @Nullable var value: Double?
        /// `up` or `down` for a direction goal, otherwise null.
        @Nullable var direction: String?
        var period: String

        enum CodingKeys: String, CodingKey {
            case kind, value, direction, period
            case kindLabel = "kind_label"
        }
    }

    /// One method's verdict, without the numbers (those are on the target's own endpoint).
    struct Verdict: Codable, Sendable {
        var method: String
        @Nullable var status: String?
        var label: Text
    }

    var code: String
    /// The sentence as the document writes it (Dutch only).
    var text: String
    var node: String
    /// The target this one refines (2.1.1 for 2.1.1.a), or null.
    @Nullable var parent: String?
    var subTargets: [String]
    var indicator: IndicatorRef
    var region: RegionRef
    /// The sub-population (`{"age": "15-64"}`); empty for the whole population.
    var breakdown: [String: String]
    var baseline: Baseline
    var goal: Goal
    @Nullable var note: Text?
    /// Where in the document the ambition stands.
    @Nullable var source: String?
    /// The verdict of the method asked for (Open SDG by default); null when the store lacks the target's indicator.
    @Nullable var verdict: Verdict?
    var url: String

    enum CodingKeys: String, CodingKey {
        case code, text, node, parent, indicator, region, breakdown, baseline, goal, note, source, verdict, url
        case subTargets = "sub_targets"
    }

    init(_ target: Target, node: String, plan: Plan, verdict: ProgressAssessment?, lookup: Lookup) {
        code = target.code
        text = target.text
        self.node = node
        parent = plan.allTargets.first { $0.target.subTargets.contains { $0.code == target.code } }?.target.code
        subTargets = target.subTargets.map(\.code)
        indicator = IndicatorRef(target.indicator, lookup: lookup)
        region = RegionRef(target.region, lookup: lookup)
        breakdown = target.breakdown.dimensions
        baseline = Baseline(value: target.baseline.value, period: target.baseline.period.description)
        goal = Goal(kind: target.goal.kind.rawValue, kindLabel: Text { Labels.goalKind(target.goal.kind, $0) },
                    value: target.goal.value, direction: target.goal.direction?.rawValue, period: target.goal.period.description)
        note = Text(target.note)
        source = target.source
        self.verdict = verdict.map { a in
            Verdict(method: a.method.rawValue, status: a.status?.rawValue, label: Text { Labels.status(a.status, $0) })
        }
        url = Paths(.nl).target(plan: plan.id, code: target.code)
    }
}

/// `GET /api/v1/plans/{plan}/targets/{code}`: the target page as data — the target, its indicator, every method's
/// verdict with its numbers and explanation, and the indicator's observations.
struct TargetDetail: Codable, Sendable {
    var plan: PlanRef
    var target: TargetSummary
    @Nullable var indicator: IndicatorItem?
    /// One per method, in the order Open SDG, Eurostat, linear path, trend projection.
    var assessments: [MethodAssessment]
    /// Every stored value of the indicator, every region, ordered by region, breakdown and period.
    var observations: [ObservationItem]
    /// The actions that serve the target, as documents state it (across plans), with where.
    var servedBy: [ServingAction]

    struct ServingAction: Codable, Sendable {
        var id: String
        var plan: String
        var source: String
    }

    enum CodingKeys: String, CodingKey {
        case plan, target, indicator, assessments, observations
        case servedBy = "served_by"
    }

    struct PlanRef: Codable, Sendable {
        var id: String
        var title: Text
        var url: String
    }

    /// `assessment` is the target's verdicts from the one assessment step (`TargetAssessment`).
    init(plan: Plan, target: Target, node: String, observations: [Observation], assessment: TargetAssessment, lookup: Lookup,
         plans: [Plan] = []) {
        self.plan = PlanRef(id: plan.id, title: Text(plan.title), url: Paths(.nl).plan(plan.id))
        let indicator = lookup.indicators[target.indicator]
        // Without the indicator there is nothing to judge: no verdict and no assessments, as the page shows none.
        let verdicts = indicator == nil ? [] : assessment.assessments
        self.target = TargetSummary(target, node: node, plan: plan, verdict: verdicts.first { $0.method == .openSDG }, lookup: lookup)
        self.indicator = indicator.map { IndicatorItem($0) }
        assessments = indicator.map { i in verdicts.map { MethodAssessment($0, indicator: i) } } ?? []
        self.observations = observations.map { ObservationItem($0, lookup: lookup) }
        servedBy = plans.flatMap { p in
            p.actions.compactMap { a in
                a.serves.first { $0.plan == plan.id && $0.target == target.code }.map { ServingAction(id: a.id, plan: p.id, source: $0.source) }
            }
        }
    }
}

/// One method's judgement of a target: its verdict (or why there is none), the numbers behind it and the sentence
/// that explains them, in Dutch and English.
struct MethodAssessment: Codable, Sendable {
    var method: String
    var methodLabel: Text
    /// Null when the method cannot assess the target; `reason` says why.
    @Nullable var status: String?
    var statusLabel: Text
    /// Open SDG's score (−5…5); null for the other methods.
    @Nullable var score: Double?
    @Nullable var reason: String?
    /// Present whenever a base and a latest value were found, also without a verdict.
    @Nullable var numbers: Numbers?
    var explanation: Text

    enum CodingKeys: String, CodingKey {
        case method, status, score, reason, numbers, explanation
        case methodLabel = "method_label", statusLabel = "status_label"
    }

    /// The numbers behind a verdict; a number the method does not use is null. Growth rates are fractions per year
    /// (0.02 = 2 %), changes are in the indicator's unit per year.
    struct Numbers: Codable, Sendable {
        var basePeriod: String
        var baseValue: Double
        var currentPeriod: String
        var currentValue: Double
        @Nullable var target: Double?
        @Nullable var targetPeriod: String?
        /// +1 when higher is better, −1 when lower is better.
        var direction: Int
        @Nullable var requiredYearlyChange: Double?
        @Nullable var actualYearlyChange: Double?
        @Nullable var requiredGrowthRate: Double?
        @Nullable var actualGrowthRate: Double?
        /// Where the value would be now on the straight line from base to target.
        @Nullable var expectedToday: Double?
        /// The trend's value in the target year and its 95 % prediction interval.
        @Nullable var projection: Double?
        @Nullable var projectionLow: Double?
        @Nullable var projectionHigh: Double?
        /// The estimated chance (0…1) of reaching the target by the target year.
        @Nullable var probability: Double?
        @Nullable var progressValue: Double?

        enum CodingKeys: String, CodingKey {
            case target, direction, projection, probability
            case basePeriod = "base_period", baseValue = "base_value", currentPeriod = "current_period"
            case currentValue = "current_value", targetPeriod = "target_period"
            case requiredYearlyChange = "required_yearly_change", actualYearlyChange = "actual_yearly_change"
            case requiredGrowthRate = "required_growth_rate", actualGrowthRate = "actual_growth_rate"
            case expectedToday = "expected_today", projectionLow = "projection_low", projectionHigh = "projection_high"
            case progressValue = "progress_value"
        }

        init(_ n: ProgressNumbers) {
            // The methods work in years; a year is its own canonical period code.
            basePeriod = String(n.baseYear)
            baseValue = n.baseValue
            currentPeriod = String(n.currentYear)
            currentValue = n.currentValue
            target = n.target
            targetPeriod = n.targetYear.map(String.init)
            direction = n.direction
            requiredYearlyChange = n.requiredYearlyChange
            actualYearlyChange = n.actualYearlyChange
            requiredGrowthRate = n.requiredGrowthRate
            actualGrowthRate = n.actualGrowthRate
            expectedToday = n.expectedToday
            projection = n.projection
            projectionLow = n.projectionLow
            projectionHigh = n.projectionHigh
            probability = n.probability
            progressValue = n.progressValue
        }
    }

    init(_ a: ProgressAssessment, indicator: Indicator) {
        method = a.method.rawValue
        methodLabel = Text { Labels.method(a.method, $0) }
        status = a.status?.rawValue
        statusLabel = Text { Labels.status(a.status, $0) }
        score = a.numbers?.score
        reason = a.reason?.description
        numbers = a.numbers.map(Numbers.init)
        explanation = Text { ProgressExplanation($0).text(a, indicator: indicator) }
    }
}
