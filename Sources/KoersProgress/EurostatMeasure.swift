/// Eurostat's SDG monitoring-report classes. With a target: the ratio of the actual to the required compound growth
/// rate (≥ 95 % significant progress, 60–95 % moderate, 0–60 % insufficient, < 0 movement away). Without one: the
/// compound growth rate in the desired direction (≥ 1 % significant progress, 0–1 % moderate progress, −1–0 %
/// moderate movement away, < −1 % significant movement away).
public enum EurostatMeasure {
    static let significantRatio = 0.95
    static let moderateRatio = 0.6
    static let growthThreshold = 0.01

    /// Base: the question's base year, else the first observation; current: the latest observation.
    public static func assess(_ q: ProgressQuestion) -> ProgressAssessment { ProgressMethod.eurostat.assess(q) }

    static func assess(_ q: SeriesInput) -> ProgressAssessment {
        let s: PreparedSeries
        switch PreparedSeries.prepare(q) {
        case .success(let p): s = p
        case .failure(let r): return ProgressAssessment(method: .eurostat, outcome: .cannotAssess(r), numbers: nil)
        }
        var n = s.numbers
        func cannot(_ r: CannotAssessReason) -> ProgressAssessment {
            ProgressAssessment(method: .eurostat, outcome: .cannotAssess(r), numbers: n)
        }
        let (b, c) = (s.window.base, s.window.current)
        guard c.year > b.year else { return cannot(.tooFewPoints(found: 1, needed: 2)) }
        // A compound growth rate needs a positive base and a latest value that is not negative.
        guard b.value > 0 else { return cannot(.zeroOrNegativeBase(b.value)) }
        guard c.value >= 0 else { return cannot(.mixedSigns(base: b.value, current: c.value)) }
        let years = Double(c.year - b.year)
        let actual = compoundAnnualGrowth(from: b.value, to: c.value, years: years)
        n.actualGrowthRate = actual
        n.actualYearlyChange = (c.value - b.value) / years
        guard let target = q.target else {
            let g = s.direction * actual
            let status: ProgressStatus = g >= growthThreshold ? .significantProgress
                : g >= 0 ? .eurostatModerateProgress
                : g >= -growthThreshold ? .moderateMovementAway : .significantMovementAway
            return ProgressAssessment(method: .eurostat, outcome: .assessed(status), numbers: n)
        }
        let targetYear = q.effectiveTargetYear
        guard targetYear > b.year else { return cannot(.targetYearNotAfterBase(baseYear: b.year, targetYear: targetYear)) }
        guard target != b.value else { return cannot(.targetEqualsBase(target)) }
        guard target >= 0 else { return cannot(.targetAcrossZero(base: b.value, target: target)) }
        let targetYears = Double(targetYear - b.year)
        let required = compoundAnnualGrowth(from: b.value, to: target, years: targetYears)
        n.requiredGrowthRate = required
        n.requiredYearlyChange = (target - b.value) / targetYears
        let ratio = actual / required
        n.progressValue = ratio
        // The required rate points towards the target, so the ratio needs no direction; a target already met counts
        // as significant progress.
        let towards: Double = target > b.value ? 1 : -1
        let status: ProgressStatus = towards * (c.value - target) >= 0 || ratio >= significantRatio ? .significantProgress
            : ratio >= moderateRatio ? .eurostatModerateProgress
            : ratio >= 0 ? .insufficientProgress : .movementAway
        return ProgressAssessment(method: .eurostat, outcome: .assessed(status), numbers: n)
    }
}
