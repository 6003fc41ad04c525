import Foundation
import KoersCore

/// The part of a series a method looks at: sorted points from the base year to the latest value.
struct SeriesWindow {
    /// Sorted by year, no duplicates.
    let points: [ProgressPoint]
    /// Index of the base point in `points`.
    let baseIndex: Int

    var base: ProgressPoint { points[baseIndex] }
    var current: ProgressPoint { points[points.count - 1] }
    /// Points from the base year on.
    var sinceBase: ArraySlice<ProgressPoint> { points[baseIndex...] }

    /// Sorts and checks the points, then picks the base: the point for `baseYear`, else the first later one (Open
    /// SDG's rule); without a base year, the first point.
    static func make(_ raw: [ProgressPoint], baseYear: Int?) -> Result<SeriesWindow, CannotAssessReason> {
        guard !raw.isEmpty else { return .failure(.noData) }
        var points = raw
        // Most series arrive sorted; checking is cheaper than sorting.
        if !isSortedStrictly(points) {
            points.sort { $0.year < $1.year }
            for i in 1..<points.count where points[i].year == points[i - 1].year {
                return .failure(.duplicateYear(points[i].year))
            }
        }
        for p in points where !p.value.isFinite { return .failure(.notFinite) }
        guard let baseYear else { return .success(SeriesWindow(points: points, baseIndex: 0)) }
        guard let index = points.firstIndex(where: { $0.year >= baseYear }) else {
            return .failure(.baseYearAfterLatest(baseYear: baseYear, latestYear: points[points.count - 1].year))
        }
        return .success(SeriesWindow(points: points, baseIndex: index))
    }

    private static func isSortedStrictly(_ points: [ProgressPoint]) -> Bool {
        var previous = Int.min
        for p in points {
            if p.year <= previous { return false }
            previous = p.year
        }
        return true
    }
}

/// Compound annual growth rate from `a` to `b` over `years`: (b/a)^(1/years) − 1, as Open SDG and Eurostat use it.
@inline(__always)
func compoundAnnualGrowth(from a: Double, to b: Double, years: Double) -> Double {
    pow(b / a, 1 / years) - 1
}

extension ProgressQuestion {
    /// +1 when higher is better, −1 when lower is better; for `.none` the way from `base` to the target.
    func directionFactor(base: Double) -> Double? {
        switch direction {
        case .up: return 1
        case .down: return -1
        case .none:
            guard let target, target != base else { return nil }
            return target > base ? 1 : -1
        }
    }

    var effectiveTargetYear: Int { targetYear ?? Self.defaultTargetYear }

    /// The stale check shared by every method.
    func staleness(latestYear: Int) -> CannotAssessReason? {
        guard let asOfYear, asOfYear - latestYear > maximumAge else { return nil }
        return .stale(latestYear: latestYear, asOfYear: asOfYear)
    }
}
