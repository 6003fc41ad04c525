/// Whether a value axis starts at zero.
public enum ZeroBaseline: Sendable, Hashable {
    case always
    case never
    /// Include zero for data of one sign when zero is near enough (the smallest magnitude at most half the largest),
    /// so counts are not exaggerated; leave it out when it would squash the lines into a thin band.
    case automatic
}

/// A value axis: the nice ticks and the domain they span.
public struct ValueAxis: Sendable, Hashable {
    public let ticks: [Double]
    public let domain: ClosedRange<Double>

    /// An axis covering every finite value in `values` (the caller adds target, baseline, band and reference values
    /// so they are always on the chart). With no finite values the axis is 0…1.
    public init(covering values: [Double], zero: ZeroBaseline = .automatic, maxTicks: Int = 6) {
        let finite = values.filter(\.isFinite)
        var lo = finite.min() ?? 0, hi = finite.max() ?? 1
        let sameSign = lo >= 0 || hi <= 0
        let nearestToZero = min(abs(lo), abs(hi)), farthest = max(abs(lo), abs(hi))
        switch zero {
        case .always: (lo, hi) = (min(lo, 0), max(hi, 0))
        case .automatic where sameSign && nearestToZero <= farthest / 2: (lo, hi) = (min(lo, 0), max(hi, 0))
        case .automatic, .never: break
        }
        ticks = Ticks.nice(lo, hi, maxCount: maxTicks)
        let first = ticks.first ?? 0, last = ticks.last ?? 1
        domain = first < last ? first...last : first...(first + 1)
    }
}
