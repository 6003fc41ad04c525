import Foundation
import KoersCore

/// One series as the methods read it: validated points (sorted, one per year, finite) seen through a buffer, so that
/// a single question and a batch of thousands share one code path without copying or reference counting.
/// Only valid inside the `withUnsafeBufferPointer` call that made it.
struct SeriesInput {
    let points: UnsafeBufferPointer<ProgressPoint>
    let problem: CannotAssessReason?
    let direction: Direction
    let target: Double?
    let targetYear: Int?
    let baseYear: Int?
    let limit: Double?
    let asOfYear: Int?
    let maximumAge: Int

    /// `q`'s settings with `points` (its own, or its part of a batch) and their `problem`.
    init(_ q: ProgressQuestion, problem: CannotAssessReason?, points: UnsafeBufferPointer<ProgressPoint>) {
        self.points = points
        self.problem = problem
        direction = q.direction
        target = q.target
        targetYear = q.targetYear
        baseYear = q.baseYear
        limit = q.limit
        asOfYear = q.asOfYear
        maximumAge = q.maximumAge
    }

    var effectiveTargetYear: Int { targetYear ?? ProgressQuestion.defaultTargetYear }

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

    /// The stale check shared by every method.
    func staleness(latestYear: Int) -> CannotAssessReason? {
        guard let asOfYear, asOfYear - latestYear > maximumAge else { return nil }
        return .stale(latestYear: latestYear, asOfYear: asOfYear)
    }

    /// The base (the point for `baseYear`, else the first later one: Open SDG's rule; without a base year the first
    /// point) and the latest point. Reads a few points near the base and the last one, not the whole series.
    func window(baseYear: Int?) -> Result<SeriesWindow, CannotAssessReason> {
        if let problem { return .failure(problem) }
        guard let latest = points.last else { return .failure(.noData) }
        if let stale = staleness(latestYear: latest.year) { return .failure(stale) }
        guard let baseYear else { return .success(SeriesWindow(points: points, baseIndex: 0)) }
        // Yearly series are mostly consecutive: start where the base year would be, then step to the first point
        // at or after it (sorted, unique years make the result the same from any start).
        var i = min(max(0, baseYear - points[0].year), points.count - 1)
        while i > 0 && points[i - 1].year >= baseYear { i -= 1 }
        while i < points.count && points[i].year < baseYear { i += 1 }
        guard i < points.count else {
            return .failure(.baseYearAfterLatest(baseYear: baseYear, latestYear: points[points.count - 1].year))
        }
        return .success(SeriesWindow(points: points, baseIndex: i))
    }
}

/// The part of a series a method looks at: sorted points from the base year to the latest value.
struct SeriesWindow {
    let points: UnsafeBufferPointer<ProgressPoint>
    /// Index of the base point in `points`.
    let baseIndex: Int

    var base: ProgressPoint { points[baseIndex] }
    var current: ProgressPoint { points[points.count - 1] }
    /// Points from the base year on.
    var sinceBase: Slice<UnsafeBufferPointer<ProgressPoint>> { points[baseIndex...] }

    /// Points sorted by year, and why they cannot be assessed at all: none, two for one year, a non-finite value.
    static func validate(_ raw: [ProgressPoint]) -> (points: [ProgressPoint], problem: CannotAssessReason?) {
        guard !raw.isEmpty else { return (raw, .noData) }
        var points = raw
        var sorted = true, previous = Int.min
        for p in raw {
            if p.year <= previous { sorted = false }
            previous = p.year
        }
        if !sorted { points.sort { $0.year < $1.year } }
        for i in 1..<max(1, points.count) where points[i].year == points[i - 1].year {
            return (points, .duplicateYear(points[i].year))
        }
        if points.contains(where: { !$0.value.isFinite }) { return (points, .notFinite) }
        return (points, nil)
    }
}

/// Compound annual growth rate from `a` to `b` over `years`: (b/a)^(1/years) − 1, as Open SDG and Eurostat use it.
@inline(__always)
func compoundAnnualGrowth(from a: Double, to b: Double, years: Double) -> Double {
    pow(b / a, 1 / years) - 1
}
