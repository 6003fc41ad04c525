import KoersCore

/// An indicator's Open SDG status: calculated from its series, or set by hand in its metadata.
public enum OpenSDGIndicatorStatus: Sendable, Hashable {
    case calculated(OpenSDGStatus)
    /// `progress_status` from the metadata when `auto_progress_calculation` is off (`not_available_manual`…).
    case manual(String)

    /// The word Open SDG writes.
    public var code: String {
        switch self {
        case .calculated(let s): s.rawValue
        case .manual(let s): s
        }
    }
}

/// An indicator's Open SDG result and the series behind it.
public struct OpenSDGIndicatorResult: Sendable, Hashable {
    public var indicator: String
    public var score: Double?
    public var status: OpenSDGIndicatorStatus
    /// One per entry of `progress_calculation_options` (one for the headline when there are none); empty when the
    /// calculation is off.
    public var series: [OpenSDGSeriesResult]
}

extension OpenSDGMeasure {
    /// Assesses an indicator as Open SDG's build does. With the calculation off, the status is the metadata's
    /// `progress_status`, or none (`''`, as Statistics Canada's national repository publishes 50 times) when it has
    /// none.
    public static func assessIndicator(_ indicator: String, table: OpenSDGTable, options: [OpenSDGProgressOption],
                                       autoProgressCalculation: Bool, manualStatus: String? = nil) -> OpenSDGIndicatorResult {
        guard autoProgressCalculation else {
            return OpenSDGIndicatorResult(indicator: indicator, score: nil,
                                          status: .manual(manualStatus ?? ""), series: [])
        }
        let series = (options.isEmpty ? [OpenSDGProgressOption()] : options).map {
            OpenSDGSeries.assess(indicator: indicator, table: table, options: $0)
        }
        let (score, status) = self.indicator(series)
        return OpenSDGIndicatorResult(indicator: indicator, score: score, status: .calculated(status), series: series)
    }
}
