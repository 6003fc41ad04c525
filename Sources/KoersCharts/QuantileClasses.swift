/// Values split into classes of about equal size (quantiles), for a choropleth's colours.
public struct QuantileClasses: Sendable, Hashable {
    /// Where classes 1, 2, … start: a value is in class `i` when it is at least `thresholds[i - 1]` and below
    /// `thresholds[i]`. Every threshold is a data value, so no class is empty.
    public let thresholds: [Double]
    /// The smallest and largest value in each class, for the legend.
    public let bounds: [ClosedRange<Double>]

    /// At most `maxClasses` classes, fewer when there are fewer distinct values; non-finite values are ignored.
    public init(values: [Double], maxClasses: Int = 5) {
        let sorted = values.filter(\.isFinite).sorted()
        guard let lowest = sorted.first, let highest = sorted.last else {
            (thresholds, bounds) = ([], [])
            return
        }
        let distinct = zip(sorted, sorted.dropFirst()).filter { $0 != $1 }.count + 1
        let count = max(1, min(maxClasses, distinct))
        // The value at each i/count quantile starts a class; where ties make it no higher than the previous start,
        // the next distinct value does, so there are as many classes as `count`.
        var starts: [Double] = []
        for i in 1..<count {
            let previous = starts.last ?? lowest
            let quantile = sorted[i * sorted.count / count]
            guard let start = quantile > previous ? quantile : sorted.first(where: { $0 > previous }) else { break }
            starts.append(start)
        }
        thresholds = starts
        let lowers = [lowest] + starts
        bounds = lowers.indices.map { i in
            let upper = i + 1 < lowers.count ? sorted.last(where: { $0 < lowers[i + 1] }) ?? lowers[i] : highest
            return lowers[i]...upper
        }
    }

    public var count: Int { bounds.count }

    /// The class of `value` (values outside the data range go to the first or last class).
    public func classIndex(of value: Double) -> Int {
        thresholds.firstIndex { value < $0 } ?? thresholds.count
    }
}
