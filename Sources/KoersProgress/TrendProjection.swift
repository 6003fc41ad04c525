/// A straight trend fitted by ordinary least squares to the recent points, carried to the target year with a 95 %
/// prediction interval; the chance of reaching the target follows from the t distribution of the prediction.
public enum TrendProjection {
    /// How many of the latest points (from the base year on) the trend uses.
    public static let recentPoints = 10
    /// A line through two points leaves no residual to estimate the spread from.
    static let minimumPoints = 3

    /// `likely` when the whole interval at the target year is at or beyond the target, `unlikely` when all of it falls
    /// short, `uncertain` otherwise.
    public static func assess(_ q: ProgressQuestion) -> ProgressAssessment { ProgressMethod.projection.assess(q) }

    static func assess(_ q: SeriesInput) -> ProgressAssessment {
        let s: PreparedSeries
        switch PreparedSeries.prepare(q) {
        case .success(let p): s = p
        case .failure(let r): return ProgressAssessment(method: .projection, outcome: .cannotAssess(r), numbers: nil)
        }
        var n = s.numbers
        func cannot(_ r: CannotAssessReason) -> ProgressAssessment {
            ProgressAssessment(method: .projection, outcome: .cannotAssess(r), numbers: n)
        }
        guard let target = q.target else { return cannot(.noTarget) }
        let targetYear = q.effectiveTargetYear
        let b = s.window.base
        guard targetYear > b.year else { return cannot(.targetYearNotAfterBase(baseYear: b.year, targetYear: targetYear)) }
        guard target != b.value else { return cannot(.targetEqualsBase(target)) }
        let points = s.window.sinceBase.suffix(recentPoints)
        guard points.count >= minimumPoints else { return cannot(.tooFewPoints(found: points.count, needed: minimumPoints)) }

        guard let fit = TrendFit(points) else { return cannot(.tooFewPoints(found: points.count, needed: minimumPoints)) }
        let (projection, half, spread) = fit.predict(Double(targetYear))
        let degrees = fit.degrees
        let slope = fit.slope
        let towards: Double = target > b.value ? 1 : -1
        let probability = spread > 0
            ? StudentT.cdf(towards * (projection - target) / spread, degreesOfFreedom: degrees)
            : (towards * (projection - target) >= 0 ? 1 : 0)
        n.requiredYearlyChange = (target - b.value) / Double(targetYear - b.year)
        n.actualYearlyChange = slope
        n.projection = projection
        n.projectionLow = projection - half
        n.projectionHigh = projection + half
        n.probability = probability
        let lowBeyond = towards * (projection - half - target) >= 0
        let highBeyond = towards * (projection + half - target) >= 0
        let status: ProgressStatus = lowBeyond && highBeyond ? .likely : (!lowBeyond && !highBeyond ? .unlikely : .uncertain)
        return ProgressAssessment(method: .projection, outcome: .assessed(status), numbers: n)
    }
}

/// The least-squares line through some points and its 95 % prediction interval at any year: what the trend
/// projection assesses with, and what a chart draws as the projection band.
public struct TrendFit: Sendable {
    public let slope: Double
    public let degrees: Int
    let meanX: Double, meanY: Double, sxx: Double, sigma: Double, count: Double

    /// Nil with fewer than three points, or when all points share one year.
    public init?(_ points: some Collection<ProgressPoint>) {
        guard points.count >= TrendProjection.minimumPoints else { return nil }
        // Centred sums keep the fit accurate for years around 2000.
        count = Double(points.count)
        var meanX = 0.0, meanY = 0.0
        for p in points { meanX += Double(p.year); meanY += p.value }
        meanX /= count
        meanY /= count
        var sxx = 0.0, sxy = 0.0
        for p in points {
            let dx = Double(p.year) - meanX
            sxx += dx * dx
            sxy += dx * (p.value - meanY)
        }
        guard sxx > 0 else { return nil }
        slope = sxy / sxx
        var sse = 0.0
        for p in points {
            let r = p.value - (meanY + slope * (Double(p.year) - meanX))
            sse += r * r
        }
        degrees = points.count - 2
        sigma = (sse / Double(degrees)).squareRoot()
        (self.meanX, self.meanY, self.sxx) = (meanX, meanY, sxx)
    }

    /// The trend's value at `year`, the half width of its 95 % prediction interval, and the prediction's standard error.
    public func predict(_ year: Double) -> (value: Double, halfWidth: Double, spread: Double) {
        let dx = year - meanX
        let spread = sigma * (1 + 1 / count + dx * dx / sxx).squareRoot()
        return (meanY + slope * dx, StudentT.quantile975(degreesOfFreedom: degrees) * spread, spread)
    }
}
