/// The methods Koers can judge a series with.
public enum ProgressMethod: String, Sendable, Hashable, CaseIterable {
    case openSDG = "open-sdg"
    case eurostat
    case linear
    case projection

    /// Assesses one series with this method.
    public func assess(_ question: ProgressQuestion) -> ProgressAssessment {
        switch self {
        case .openSDG: OpenSDGMeasure.assess(question)
        case .eurostat: EurostatMeasure.assess(question)
        case .linear: LinearPath.assess(question)
        case .projection: TrendProjection.assess(question)
        }
    }
}

/// A verdict of any method. Each method uses its own statuses; the raw values are what JSON and pages use.
public enum ProgressStatus: String, Sendable, Hashable, CaseIterable {
    // Open SDG.
    case targetAchieved = "target_achieved"
    case substantialProgress = "substantial_progress"
    case moderateProgress = "moderate_progress"
    case limitedProgress = "limited_progress"
    case deterioration
    // Eurostat (with a target: significant, moderate, insufficient, movement away; without: significant and moderate
    // progress, moderate and significant movement away).
    case significantProgress = "significant_progress"
    case eurostatModerateProgress = "eurostat_moderate_progress"
    case insufficientProgress = "insufficient_progress"
    case movementAway = "movement_away"
    case moderateMovementAway = "moderate_movement_away"
    case significantMovementAway = "significant_movement_away"
    // Linear path.
    case onPath = "on_path"
    case behindPath = "behind_path"
    case movingAway = "moving_away"
    // Trend projection: where the 95 % prediction interval at the target year lies.
    case likely
    case uncertain
    case unlikely
}

/// The numbers behind a verdict. Every number is finite; a number a method does not use is nil.
public struct ProgressNumbers: Sendable, Hashable {
    public var baseYear: Int
    public var baseValue: Double
    public var currentYear: Int
    public var currentValue: Double
    public var target: Double?
    public var targetYear: Int?
    /// +1 when higher is better, −1 when lower is better.
    public var direction: Int
    /// Change per year on the straight line from base to target, and the change per year so far.
    public var requiredYearlyChange: Double?
    public var actualYearlyChange: Double?
    /// Compound growth per year needed from base to target, and achieved from base to now (0.02 = 2 %).
    public var requiredGrowthRate: Double?
    public var actualGrowthRate: Double?
    /// Where the value would be in the current (or assessment) year on the straight line from base to target.
    public var expectedToday: Double?
    /// The trend's value in the target year and its prediction interval.
    public var projection: Double?
    public var projectionLow: Double?
    public var projectionHigh: Double?
    /// The estimated chance that the value reaches the target by the target year (0…1).
    public var probability: Double?
    /// Open SDG's progress value and score.
    public var progressValue: Double?
    public var score: Double?

    public init(baseYear: Int, baseValue: Double, currentYear: Int, currentValue: Double, target: Double? = nil,
                targetYear: Int? = nil, direction: Int) {
        self.baseYear = baseYear
        self.baseValue = baseValue
        self.currentYear = currentYear
        self.currentValue = currentValue
        self.target = target
        self.targetYear = targetYear
        self.direction = direction
    }

    /// Whether every number is finite (checked field by field: this runs once per assessment).
    public var isFinite: Bool {
        func ok(_ x: Double?) -> Bool { x?.isFinite ?? true }
        return baseValue.isFinite && currentValue.isFinite && ok(target) && ok(requiredYearlyChange)
            && ok(actualYearlyChange) && ok(requiredGrowthRate) && ok(actualGrowthRate) && ok(expectedToday)
            && ok(projection) && ok(projectionLow) && ok(projectionHigh) && ok(probability) && ok(progressValue)
            && ok(score)
    }
}

/// One method's judgement of one series: a status with its numbers, or the reason it cannot assess.
public struct ProgressAssessment: Sendable, Hashable {
    public var method: ProgressMethod
    public var outcome: Outcome
    /// Present whenever the base and latest values were found, also when the verdict is "cannot assess".
    public var numbers: ProgressNumbers?

    public enum Outcome: Sendable, Hashable {
        case assessed(ProgressStatus)
        case cannotAssess(CannotAssessReason)
    }

    public init(method: ProgressMethod, outcome: Outcome, numbers: ProgressNumbers?) {
        self.method = method
        self.outcome = outcome
        // A non-finite number never leaves the module: the verdict becomes "cannot assess".
        if let numbers, !numbers.isFinite {
            self.outcome = .cannotAssess(.notFinite)
            self.numbers = nil
        } else {
            self.numbers = numbers
        }
    }

    public var status: ProgressStatus? {
        if case .assessed(let s) = outcome { return s }
        return nil
    }

    public var reason: CannotAssessReason? {
        if case .cannotAssess(let r) = outcome { return r }
        return nil
    }
}

/// The checks every method makes first: points in order, a base, a current value recent enough, a direction.
struct PreparedSeries {
    let window: SeriesWindow
    let numbers: ProgressNumbers
    let direction: Double

    static func prepare(_ q: ProgressQuestion, defaultBaseYear: Int?) -> Result<PreparedSeries, CannotAssessReason> {
        let window: SeriesWindow
        switch SeriesWindow.make(q.points, baseYear: q.baseYear ?? defaultBaseYear) {
        case .success(let w): window = w
        case .failure(let r): return .failure(r)
        }
        if let stale = q.staleness(latestYear: window.current.year) { return .failure(stale) }
        guard let d = q.directionFactor(base: window.base.value) else { return .failure(.noDirection) }
        let numbers = ProgressNumbers(baseYear: window.base.year, baseValue: window.base.value,
                                      currentYear: window.current.year, currentValue: window.current.value,
                                      target: q.target, targetYear: q.target == nil ? nil : q.effectiveTargetYear,
                                      direction: Int(d))
        return .success(PreparedSeries(window: window, numbers: numbers, direction: d))
    }
}
