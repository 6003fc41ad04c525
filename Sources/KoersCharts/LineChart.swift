/// One observation; `y == nil` is a gap (no value for that period), which breaks the line.
public struct ChartPoint: Sendable, Hashable {
    public var x: Double
    public var y: Double?
    /// The period as readers know it ("2023 K2") for the tooltip; without it the tooltip shows `xFormat(x)`.
    public var period: String?

    public init(x: Double, y: Double?, period: String? = nil) {
        self.x = x
        self.y = y
        self.period = period
    }
}

/// A line: one region's values for one indicator.
public struct LineSeries: Sendable, Hashable {
    public var id: String
    public var label: String
    public var points: [ChartPoint]
    /// The region the reader is looking at: drawn thicker and darker, on top.
    public var emphasis: Bool

    public init(id: String, label: String, points: [ChartPoint], emphasis: Bool = false) {
        self.id = id
        self.label = label
        self.points = points
        self.emphasis = emphasis
    }
}

/// A labelled point on the chart: a plan's target or its baseline.
public struct ChartMarker: Sendable, Hashable {
    public var x: Double
    public var y: Double
    public var label: String

    public init(x: Double, y: Double, label: String) {
        self.x = x
        self.y = y
        self.label = label
    }
}

/// One period of a projection: the expected value and the band around it.
public struct BandPoint: Sendable, Hashable {
    public var x: Double
    public var low: Double
    public var mid: Double
    public var high: Double

    public init(x: Double, low: Double, mid: Double, high: Double) {
        self.x = x
        self.low = low
        self.mid = mid
        self.high = high
    }
}

/// A horizontal line across the plot, e.g. a level a plan wants to maintain.
public struct ReferenceLine: Sendable, Hashable {
    public var value: Double
    public var label: String

    public init(value: Double, label: String) {
        self.value = value
        self.label = label
    }
}

/// Indicator time series with a plan's ambition drawn over them: baseline, target, the path required between them,
/// a projection with its band and a reference level. Lines are labelled directly at their right end, not in a legend.
public struct LineChart: Sendable, Hashable {
    public var series: [LineSeries]
    public var target: ChartMarker?
    public var baseline: ChartMarker?
    /// Draws the dashed straight path from baseline to target (when both are given).
    public var showsRequiredPath: Bool
    public var projection: [BandPoint]
    public var reference: ReferenceLine?
    public var zeroBaseline: ZeroBaseline
    /// Labels each line at its end; small multiples of one line each leave this to the panel title.
    public var showsDirectLabels: Bool
    public var width: Double
    public var height: Double
    /// The text size the layout plans for: 13 as the document sets it; 12 in small multiples.
    var fontSize = 13.0

    public init(series: [LineSeries], target: ChartMarker? = nil, baseline: ChartMarker? = nil,
                showsRequiredPath: Bool = true, projection: [BandPoint] = [], reference: ReferenceLine? = nil,
                zeroBaseline: ZeroBaseline = .automatic, showsDirectLabels: Bool = true, width: Double = 640, height: Double = 320) {
        self.series = series
        self.target = target
        self.baseline = baseline
        self.showsRequiredPath = showsRequiredPath
        self.projection = projection
        self.reference = reference
        self.zeroBaseline = zeroBaseline
        self.showsDirectLabels = showsDirectLabels
        self.width = width
        self.height = height
    }

    /// The default x label: a year in plain digits ("2017", never "2.017"); fractional x (quarters) are truncated to
    /// their year, so give such points a `period` for their tooltips.
    public static func yearLabel(_ x: Double) -> String {
        guard x.isFinite, abs(x) < 1e15 else { return "" }
        return String(Int(x.rounded(.down)))
    }

    /// Every value the y axis must show: data, band, target, baseline and reference level.
    var yValues: [Double] {
        series.flatMap { $0.points.compactMap(\.y) }
            + projection.flatMap { [$0.low, $0.mid, $0.high] }
            + [target?.y, baseline?.y, reference?.value].compactMap { $0 }
    }

    /// Every period the x axis must show.
    var xValues: [Double] {
        series.flatMap { $0.points.map(\.x) } + projection.map(\.x) + [target?.x, baseline?.x].compactMap { $0 }
    }
}
