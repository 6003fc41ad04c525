import KoersCore

/// One observed value of a series: the year it is about and the value.
public struct ProgressPoint: Sendable, Hashable {
    public var year: Int
    public var value: Double
    /// The period the value was published for, when it is not simply the year (school year 2019–2020 counting as
    /// 2020): for labels; the methods use `year`.
    public var period: Period?

    public init(year: Int, value: Double, period: Period? = nil) {
        self.year = year
        self.value = value
        self.period = period == .year(year) ? nil : period
    }
}

/// Everything a method needs to judge one series against one ambition.
public struct ProgressQuestion: Sendable, Hashable {
    /// The observations, sorted by year (they may be given in any order). Checked once, here, so that each method
    /// reads only the points it needs.
    public internal(set) var points: [ProgressPoint]
    /// Why no method can assess these points (none, two values for one year, a non-finite value); nil when they are
    /// fine.
    public internal(set) var pointsProblem: CannotAssessReason?
    /// Which way is better. `.none` takes the direction from the target (towards it), and without a target the series
    /// cannot be assessed.
    public var direction: Direction
    public var target: Double?
    /// The year the target is for; nil means 2030 (Open SDG's default, also used by the other methods).
    public var targetYear: Int?
    /// The baseline year; nil means 2015 for Open SDG (its default) and the first observation for the other methods.
    /// When no value exists for it, the first later year with a value is the baseline (as Open SDG does).
    public var baseYear: Int?
    /// A natural bound the value cannot pass (100 for a share); used by Open SDG without a target.
    public var limit: Double?
    /// The year of the assessment. With it, a series whose latest value is more than `maximumAge` years older cannot
    /// be assessed, and the linear path gives the value expected in that year.
    public var asOfYear: Int?
    public var maximumAge: Int

    public init(points: [ProgressPoint], direction: Direction, target: Double? = nil, targetYear: Int? = nil,
                baseYear: Int? = nil, limit: Double? = nil, asOfYear: Int? = nil, maximumAge: Int = 5) {
        (self.points, self.pointsProblem) = SeriesWindow.validate(points)
        self.direction = direction
        self.target = target
        self.targetYear = targetYear
        self.baseYear = baseYear
        self.limit = limit
        self.asOfYear = asOfYear
        self.maximumAge = maximumAge
    }

    /// Open SDG's and Koers's default target year.
    public static let defaultTargetYear = 2030
    /// Open SDG's default base year.
    public static let openSDGDefaultBaseYear = 2015
}
