/// Maps a value domain linearly onto pixels. `rangeStart` is where `domain.lowerBound` lands, so a y scale runs from
/// the bottom of the plot (`rangeStart`) to its top (`rangeEnd`).
public struct LinearScale: Sendable, Hashable {
    public let domain: ClosedRange<Double>
    public let rangeStart: Double
    public let rangeEnd: Double

    public init(domain: ClosedRange<Double>, rangeStart: Double, rangeEnd: Double) {
        self.domain = domain
        self.rangeStart = rangeStart
        self.rangeEnd = rangeEnd
    }

    /// The pixel for `value`, always finite: a degenerate domain maps to the middle, and values far outside the
    /// domain are clamped to one range-length beyond it.
    public func callAsFunction(_ value: Double) -> Double {
        // Halving first keeps `upper - lower` finite even for a domain spanning ±Double.greatestFiniteMagnitude.
        let span = domain.upperBound / 2 - domain.lowerBound / 2
        var t = span > 0 ? (value / 2 - domain.lowerBound / 2) / span : 0.5
        if !t.isFinite { t = value.isNaN ? 0.5 : (value > domain.upperBound ? 2 : -1) }
        let pixel = rangeStart + min(max(t, -1), 2) * (rangeEnd - rangeStart)
        return pixel.isFinite ? pixel : rangeStart
    }
}
