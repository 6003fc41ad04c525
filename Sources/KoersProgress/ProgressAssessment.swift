/// The methods Koers can judge a series with.
public enum ProgressMethod: String, Sendable, Hashable, CaseIterable {
    case openSDG = "open-sdg"
    case eurostat
    case linear
    case projection
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
///
/// Stored compactly (years as 32-bit integers, the optional numbers in two vectors with a bit each for "set"): a
/// batch of a hundred thousand results is copied and written as a whole, and its size is most of the cost.
public struct ProgressNumbers: Sendable, Hashable {
    public var baseValue: Double
    public var currentValue: Double
    private var years: SIMD4<Int32>  // base, current, target (Int32.min: none), direction
    private var slots = SIMD8<Double>()
    private var moreSlots = SIMD4<Double>()
    private var present: UInt16 = 0

    @inline(__always)
    public init(baseYear: Int, baseValue: Double, currentYear: Int, currentValue: Double, target: Double? = nil,
                targetYear: Int? = nil, direction: Int) {
        self.baseValue = baseValue
        self.currentValue = currentValue
        years = SIMD4(Int32(clamping: baseYear), Int32(clamping: currentYear),
                      targetYear.map { Int32(clamping: $0) } ?? .min, Int32(clamping: direction))
        self.target = target
    }

    public var baseYear: Int { get { Int(years[0]) } set { years[0] = Int32(clamping: newValue) } }
    public var currentYear: Int { get { Int(years[1]) } set { years[1] = Int32(clamping: newValue) } }
    public var targetYear: Int? {
        get { years[2] == .min ? nil : Int(years[2]) }
        set { years[2] = newValue.map { Int32(clamping: $0) } ?? .min }
    }
    /// +1 when higher is better, −1 when lower is better.
    public var direction: Int { get { Int(years[3]) } set { years[3] = Int32(clamping: newValue) } }

    @inline(__always)
    private func slot(_ i: Int) -> Double? {
        guard present & (1 << i) != 0 else { return nil }
        return i < 8 ? slots[i] : moreSlots[i - 8]
    }

    @inline(__always)
    private mutating func setSlot(_ i: Int, _ value: Double?) {
        // An unset slot holds 0, so that equal numbers hash equally and `isFinite` can add the slots up.
        if i < 8 { slots[i] = value ?? 0 } else { moreSlots[i - 8] = value ?? 0 }
        if value != nil { present |= 1 << i } else { present &= ~(1 << i) }
    }

    public var target: Double? { get { slot(0) } set { setSlot(0, newValue) } }
    /// Change per year on the straight line from base to target, and the change per year so far (for the
    /// projection: the trend's slope).
    public var requiredYearlyChange: Double? { get { slot(1) } set { setSlot(1, newValue) } }
    public var actualYearlyChange: Double? { get { slot(2) } set { setSlot(2, newValue) } }
    /// Compound growth per year needed from base to target, and achieved from base to now (0.02 = 2 %).
    public var requiredGrowthRate: Double? { get { slot(3) } set { setSlot(3, newValue) } }
    public var actualGrowthRate: Double? { get { slot(4) } set { setSlot(4, newValue) } }
    /// Where the value would be in the current year on the straight line from base to target.
    public var expectedToday: Double? { get { slot(5) } set { setSlot(5, newValue) } }
    /// The trend's value in the target year and its 95 % prediction interval.
    public var projection: Double? { get { slot(6) } set { setSlot(6, newValue) } }
    public var projectionLow: Double? { get { slot(7) } set { setSlot(7, newValue) } }
    public var projectionHigh: Double? { get { slot(8) } set { setSlot(8, newValue) } }
    /// The estimated chance that the value reaches the target by the target year (0…1).
    public var probability: Double? { get { slot(9) } set { setSlot(9, newValue) } }
    /// Open SDG's progress value; for Eurostat the ratio of actual to required growth, for the linear path the ratio
    /// of actual to required yearly change.
    public var progressValue: Double? { get { slot(10) } set { setSlot(10, newValue) } }
    /// Open SDG's score (−5…5).
    public var score: Double? { get { slot(11) } set { setSlot(11, newValue) } }

    /// Whether every number is finite: x − x is 0 for finite x and NaN otherwise, and unset slots hold 0.
    public var isFinite: Bool {
        @inline(__always) get {
            let a = slots - slots, b = moreSlots - moreSlots
            var sum = baseValue - baseValue + (currentValue - currentValue)
            for i in 0..<8 { sum += a[i] }
            for i in 0..<4 { sum += b[i] }
            return sum == 0
        }
    }
}

/// One method's judgement of one series: a status with its numbers, or the reason it cannot assess.
public struct ProgressAssessment: Sendable, Hashable {
    public let method: ProgressMethod
    /// Set once: `init` turns a non-finite number into "cannot assess", and nothing may undo that.
    public private(set) var outcome: Outcome
    // Not an optional: an optional of the numbers is copied once more whenever it is wrapped.
    private var storedNumbers: ProgressNumbers
    private var hasNumbers: Bool

    public enum Outcome: Sendable, Hashable {
        case assessed(ProgressStatus)
        case cannotAssess(CannotAssessReason)
    }

    @inline(__always)
    public init(method: ProgressMethod, outcome: Outcome, numbers: ProgressNumbers?) {
        self.method = method
        self.outcome = outcome
        storedNumbers = numbers ?? Self.noNumbers
        hasNumbers = numbers != nil
        // A non-finite number never leaves the module: the verdict becomes "cannot assess".
        if hasNumbers && !storedNumbers.isFinite {
            self.outcome = .cannotAssess(.notFinite)
            storedNumbers = Self.noNumbers
            hasNumbers = false
        }
    }

    private static let noNumbers = ProgressNumbers(baseYear: 0, baseValue: 0, currentYear: 0, currentValue: 0, direction: 0)

    /// Present whenever the base and latest values were found, also when the verdict is "cannot assess".
    public var numbers: ProgressNumbers? { hasNumbers ? storedNumbers : nil }

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

    static func prepare(_ s: SeriesInput) -> Result<PreparedSeries, CannotAssessReason> {
        let window: SeriesWindow
        switch s.window(baseYear: s.baseYear) {
        case .success(let w): window = w
        case .failure(let r): return .failure(r)
        }
        guard let d = s.directionFactor(base: window.base.value) else { return .failure(.noDirection) }
        let numbers = ProgressNumbers(baseYear: window.base.year, baseValue: window.base.value,
                                      currentYear: window.current.year, currentValue: window.current.value,
                                      target: s.target, targetYear: s.target == nil ? nil : s.effectiveTargetYear,
                                      direction: Int(d))
        return .success(PreparedSeries(window: window, numbers: numbers, direction: d))
    }
}
