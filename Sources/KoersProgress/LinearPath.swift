/// The straight line from the base value to the target: where the value should be now, and whether it is there.
public enum LinearPath {
    /// `target_achieved` when the latest value is at or beyond the target; `moving_away` when it moved the other way
    /// since the base; `on_path` when it is at or beyond the line in its year; else `behind_path`.
    public static func assess(_ q: ProgressQuestion) -> ProgressAssessment { ProgressMethod.linear.assess(q) }

    static func assess(_ q: SeriesInput) -> ProgressAssessment {
        let s: PreparedSeries
        switch PreparedSeries.prepare(q) {
        case .success(let p): s = p
        case .failure(let r): return ProgressAssessment(method: .linear, outcome: .cannotAssess(r), numbers: nil)
        }
        var n = s.numbers
        func cannot(_ r: CannotAssessReason) -> ProgressAssessment {
            ProgressAssessment(method: .linear, outcome: .cannotAssess(r), numbers: n)
        }
        let (b, c) = (s.window.base, s.window.current)
        guard let target = q.target else { return cannot(.noTarget) }
        let targetYear = q.effectiveTargetYear
        guard targetYear > b.year else { return cannot(.targetYearNotAfterBase(baseYear: b.year, targetYear: targetYear)) }
        guard target != b.value else { return cannot(.targetEqualsBase(target)) }
        guard c.year > b.year else { return cannot(.tooFewPoints(found: 1, needed: 2)) }
        let required = (target - b.value) / Double(targetYear - b.year)
        let actual = (c.value - b.value) / Double(c.year - b.year)
        let expected = b.value + required * Double(c.year - b.year)
        n.requiredYearlyChange = required
        n.actualYearlyChange = actual
        n.expectedToday = expected
        n.progressValue = actual / required
        // The path's own direction: towards the target.
        let towards: Double = target > b.value ? 1 : -1
        let status: ProgressStatus = towards * (c.value - target) >= 0 ? .targetAchieved
            : towards * actual < 0 ? .movingAway
            : towards * (c.value - expected) >= 0 ? .onPath : .behindPath
        return ProgressAssessment(method: .linear, outcome: .assessed(status), numbers: n)
    }
}
