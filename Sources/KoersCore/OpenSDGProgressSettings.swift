/// What an Open SDG metadata file says about an indicator's progress calculation, kept with the indicator so that
/// an assessment can be run again from the store alone.
public struct OpenSDGProgressSettings: Sendable, Hashable, Codable {
    /// `auto_progress_calculation`; false when absent, as Open SDG reads it.
    public var automatic: Bool
    /// `progress_status`: a status set by hand (`not_available_manual`) that overrides the calculation.
    public var manualStatus: String?
    /// `progress_calculation_options`, one entry per series the calculation covers; empty when absent.
    public var options: [OpenSDGProgressOption]

    public init(automatic: Bool = false, manualStatus: String? = nil, options: [OpenSDGProgressOption] = []) {
        self.automatic = automatic
        self.manualStatus = manualStatus
        self.options = options
    }
}

/// One entry of `progress_calculation_options`. nil means "not written": the calculation applies Open SDG's defaults.
public struct OpenSDGProgressOption: Sendable, Hashable, Codable {
    public var baseYear: Int?
    public var target: Double?
    public var targetYear: Int?
    public var direction: Direction?
    public var limit: Double?
    /// Which values of the `Series` and `Units` columns the entry covers.
    public var series: String?
    public var unit: String?
    /// The breakdown the entry covers, in the order written (a series is named in that order).
    public var disaggregation: [OpenSDGField]

    public init(baseYear: Int? = nil, target: Double? = nil, targetYear: Int? = nil, direction: Direction? = nil,
                limit: Double? = nil, series: String? = nil, unit: String? = nil, disaggregation: [OpenSDGField] = []) {
        self.baseYear = baseYear
        self.target = target
        self.targetYear = targetYear
        self.direction = direction
        self.limit = limit
        self.series = series
        self.unit = unit
        self.disaggregation = disaggregation
    }
}

/// A `{field, value}` pair of a disaggregation; a nil value is `value:` written with nothing after it.
public struct OpenSDGField: Sendable, Hashable, Codable {
    public var field: String
    public var value: String?

    public init(field: String, value: String?) {
        self.field = field
        self.value = value
    }
}
