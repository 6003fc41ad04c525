import Foundation

/// Tick values that people read easily.
public enum Ticks {
    /// Round tick values covering `lower...upper`: steps of 1, 2, 2.5 or 5 × 10^k, the smallest step that needs at
    /// most `maxCount` ticks. As consecutive steps differ by at most 2×, that leaves at least 4 ticks for the default
    /// of 6. The first tick is at or below `lower` and the last at or above `upper`, so the ticks also give a nice
    /// domain. Non-finite or reversed input is tidied, never trapped.
    public static func nice(_ lower: Double, _ upper: Double, maxCount: Int = 6) -> [Double] {
        guard lower.isFinite, upper.isFinite else { return [0, 1] }
        let (lo, hi) = (min(lower, upper), max(lower, upper))
        guard hi > lo else { return lo == 0 ? [0, 1] : nice(min(lo, 0), max(lo, 0), maxCount: maxCount) }
        let span = hi / 2 - lo / 2  // half the span: finite even when `hi - lo` would overflow
        let maxCount = max(maxCount, 2)
        let rough = log10(span) + log10(2 / Double(maxCount - 1))
        guard rough.isFinite else { return [lo, hi] }
        for exponent in Int(rough.rounded(.down)) - 1 ... Int(rough.rounded(.down)) + 1 {
            for factor in [1.0, 2, 2.5, 5] {
                let step = factor * pow(10, Double(exponent))
                guard step.isFinite, step > 0 else { continue }
                let first = (lo / step).rounded(.down), last = (hi / step).rounded(.up)
                let count = Int(exactly: last - first).map { $0 + 1 } ?? .max
                guard count <= maxCount else { continue }
                let ticks = (0..<count).map { tick(first + Double($0), step: step) }
                return ticks.allSatisfy(\.isFinite) ? ticks : [lo, hi]
            }
        }
        return [lo, hi]
    }

    /// Integer-year ticks within `lower...upper` (x values in years, a quarter as 2023.25): steps of 1, 2, 5, 10, 20,
    /// 50… years, the smallest giving at most `maxCount` ticks, at multiples of the step.
    public static func years(_ lower: Double, _ upper: Double, maxCount: Int = 8) -> [Double] {
        guard lower.isFinite, upper.isFinite else { return [] }
        let (lo, hi) = (min(lower, upper), max(lower, upper))
        guard hi - lo < 1e6, abs(lo) < 1e9, abs(hi) < 1e9 else { return [] }  // not years: no integer ticks
        let first = lo.rounded(.up), last = hi.rounded(.down)
        guard first <= last else { return [] }
        var step = 1.0
        for candidate in [1.0, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 10_000, 100_000, 1_000_000] {
            step = candidate
            let count = (last / step).rounded(.down) - (first / step).rounded(.up) + 1
            if count <= Double(max(maxCount, 1)) { break }
        }
        let start = (first / step).rounded(.up) * step
        return Array(stride(from: start, through: last, by: step))
    }

    /// `index × step`, snapped to the step's decimals so 0.1 × 3 prints as 0.3 rather than 0.30000000000000004.
    private static func tick(_ index: Double, step: Double) -> Double {
        let value = index * step
        let decimals = max(0, -Int(log10(step).rounded(.down)) + 1)
        guard decimals > 0, decimals < 15 else { return value }
        let scale = pow(10, Double(decimals))
        let snapped = (value * scale).rounded() / scale
        return snapped.isFinite ? snapped : value
    }
}
