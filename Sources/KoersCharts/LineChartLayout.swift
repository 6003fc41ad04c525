/// Where a line chart draws: its scales, ticks and plot rectangle. Public so callers and tests can find the pixel of
/// any value exactly as the renderer does.
public struct LineChartLayout: Sendable, Hashable {
    public let x: LinearScale
    public let y: LinearScale
    public let xTicks: [Double]
    public let yAxis: ValueAxis
    /// The viewBox size and the plot rectangle in it.
    public let width: Double, height: Double
    public let left: Double, top: Double, right: Double, bottom: Double
}

extension LineChart {
    /// The layout for this chart; `yFormat` is needed because the left margin fits the widest tick label.
    /// `sharedAxis` replaces the chart's own y axis (small multiples share one).
    public func layout(yFormat: (Double) -> String, sharedAxis: ValueAxis? = nil) -> LineChartLayout {
        let width = drawableLength(width, minimum: 120, fallback: 640), height = drawableLength(height, minimum: 80, fallback: 320)
        let axis = sharedAxis ?? ValueAxis(covering: yValues, zero: zeroBaseline, maxTicks: height < 220 ? 4 : 6)
        let tickWidth = axis.ticks.map { estimatedTextWidth(yFormat($0), fontSize: fontSize) }.max() ?? 0
        let labelWidth = showsDirectLabels ? series.map { estimatedTextWidth($0.label, fontSize: fontSize) }.max() ?? 0 : 0
        let left = min(tickWidth + 10, width * 0.3)
        // Room for the direct labels, or at least for half the last year label and the target marker.
        let right = width - min(max(labelWidth > 0 ? labelWidth + 14 : 0, fontSize * 1.3), width * 0.35)
        let top = fontSize + 10, bottom = height - fontSize - 12

        let xs = xValues.filter(\.isFinite)
        var lo = xs.min() ?? 0, hi = xs.max() ?? 1
        if lo == hi { (lo, hi) = (lo - 1, hi + 1) }
        if !(lo < hi) { (lo, hi) = (0, 1) }  // x ± 1 rounded back to x for huge x
        let xTicks = xs.isEmpty ? [] : Ticks.years(lo, hi, maxCount: max(2, Int((right - left) / (fontSize * 4))))
        return LineChartLayout(x: LinearScale(domain: lo...hi, rangeStart: left, rangeEnd: right),
                               y: LinearScale(domain: axis.domain, rangeStart: bottom, rangeEnd: top),
                               xTicks: xTicks, yAxis: axis, width: width, height: height, left: left, top: top, right: right, bottom: bottom)
    }
}
