import KoersCore

/// The one assessment step, for a whole plan: the plan, the catalogue's indicators, the stored values of the targets'
/// indicators and the assessment year in; every target's verdict by every method (numbers and question included)
/// and, per method, the roll-ups per node and for the plan out.
///
/// Pages, the API, `koers assess` and reports all take their verdicts from here (through the gathering in
/// KoersAssessment, which reads the values from the store); none of them calls a method itself, so a verdict reads
/// the same wherever it is shown.
public struct PlanAssessment: Sendable {
    public var plan: String
    /// Values of later years were left out, and a series that stopped long before cannot be assessed.
    public var asOfYear: Int?
    /// Every target of the plan, sub-targets included, by code. A target whose indicator the catalogue lacks has
    /// every method's verdict "cannot assess" (`noIndicator`).
    public var targets: [String: TargetAssessment]
    private var byMethod: [ProgressMethod: PlanProgress]

    /// `observations` holds the stored values by indicator code (every region; only the target's own counts).
    public init(plan: Plan, indicators: [String: Indicator], observations: [String: [Observation]], asOfYear: Int? = nil) {
        self.plan = plan.id
        self.asOfYear = asOfYear
        var targets: [String: TargetAssessment] = [:]
        // In plan order, so that the mean scores add up the same way every time.
        var counted: [(node: String, target: String, assessment: TargetAssessment)] = []
        for (node, target) in plan.allTargets {
            let indicator = indicators[target.indicator]
            let a = TargetAssessment.assess(target, indicator: indicator, observations: observations[target.indicator] ?? [],
                                            asOfYear: asOfYear)
            targets[target.code] = a
            // Without a known indicator a target is not measured in Koers: it has its reason, but no place in the
            // counts (as the pages and `koers assess` have always counted).
            if indicator != nil { counted.append((node, target.code, a)) }
        }
        let subtrees = plan.allNodes.map { node in (code: node.code, codes: Set([node.code] + node.descendants.map(\.code))) }
        var byMethod: [ProgressMethod: PlanProgress] = [:]
        for method in ProgressMethod.allCases {
            let verdicts = counted.map { (node: $0.node, target: $0.target, assessment: $0.assessment.assessment(method)!) }
            var nodes: [String: ProgressRollUp] = [:]
            for subtree in subtrees {
                let under = verdicts.filter { subtree.codes.contains($0.node) }.map(\.assessment)
                if !under.isEmpty { nodes[subtree.code] = ProgressRollUp(under) }
            }
            byMethod[method] = PlanProgress(
                method: method, targets: Dictionary(verdicts.map { ($0.target, $0.assessment) }, uniquingKeysWith: { _, last in last }),
                nodes: nodes, plan: ProgressRollUp(verdicts.map(\.assessment)))
        }
        self.targets = targets
        self.byMethod = byMethod
    }

    /// One method's verdicts on the targets Koers measures, with its roll-ups.
    public func progress(_ method: ProgressMethod) -> PlanProgress {
        // Every method is assessed in `init`.
        byMethod[method]!
    }
}

/// The one assessment step, for one target: every method's verdict side by side, the question they answered and the
/// trend band the target's chart draws.
public struct TargetAssessment: Sendable, Hashable {
    public var target: String
    /// Nil when the target could not be turned into a question (no indicator, no data for a relative goal).
    public var question: TargetQuestion?
    /// One per method, in `ProgressMethod.allCases` order; all "cannot assess" with the same reason when the target
    /// could not be turned into a question.
    public var assessments: [ProgressAssessment]
    /// The trend over the points since the baseline (the projection's fit), from the latest value to the target year
    /// with its 95 % prediction interval; empty without a target value, a later target year or three points.
    public var trendBand: [TrendBandPoint]

    /// `observations` are the stored values of the target's indicator (any region); with `asOfYear` those of later
    /// years are left out. A nil `indicator` (not in the catalogue) gives every method `noIndicator`.
    public static func assess(_ target: Target, indicator: Indicator?, observations: [Observation],
                              asOfYear: Int? = nil) -> TargetAssessment {
        let methods = ProgressMethod.allCases
        func cannot(_ reason: CannotAssessReason) -> TargetAssessment {
            TargetAssessment(target: target.code, question: nil, assessments: methods.map {
                ProgressAssessment(method: $0, outcome: .cannotAssess(reason), numbers: nil)
            }, trendBand: [])
        }
        guard let indicator else { return cannot(.noIndicator) }
        var values = observations
        if let asOfYear { values.removeAll { $0.period.endYear > asOfYear } }
        switch TargetQuestion.make(target, indicator: indicator, observations: values, asOfYear: asOfYear) {
        case .success(let q):
            return TargetAssessment(target: target.code, question: q, assessments: methods.map { $0.assess(q.question) },
                                    trendBand: trendBand(q, targetYear: target.goal.period.endYear))
        case .failure(let reason):
            return cannot(reason)
        }
    }

    public func assessment(_ method: ProgressMethod) -> ProgressAssessment? {
        assessments.first { $0.method == method }
    }

    /// The band over the points since the baseline (or the first point), fitted as the projection fits them.
    static func trendBand(_ q: TargetQuestion, targetYear: Int) -> [TrendBandPoint] {
        let points = q.question.points
        guard q.target != nil, let base = q.baseline?.year ?? points.first?.year, let last = points.last,
              targetYear > last.year,
              let fit = TrendFit(points.filter { $0.year >= base }.suffix(TrendProjection.recentPoints)) else { return [] }
        return (last.year...targetYear).map { year in
            let p = fit.predict(Double(year))
            return TrendBandPoint(year: year, low: p.value - p.halfWidth, mid: p.value, high: p.value + p.halfWidth)
        }
    }
}

/// One year of a trend's 95 % prediction band: the trend's value and the interval around it.
public struct TrendBandPoint: Sendable, Hashable {
    public var year: Int
    public var low: Double
    public var mid: Double
    public var high: Double
}
