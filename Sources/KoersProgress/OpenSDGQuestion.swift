import KoersCore

extension OpenSDGMeasure {
    /// Open SDG's measure for a series given as points: base year 2015 unless set (or the first later year with a
    /// value), the latest year as current, target year 2030 unless set.
    public static func assess(_ q: ProgressQuestion) -> ProgressAssessment { ProgressMethod.openSDG.assess(q) }

    static func assess(_ q: SeriesInput) -> ProgressAssessment {
        let window: SeriesWindow
        switch q.window(baseYear: q.baseYear ?? ProgressQuestion.openSDGDefaultBaseYear) {
        case .success(let w): window = w
        case .failure(let r): return ProgressAssessment(method: .openSDG, outcome: .cannotAssess(r), numbers: nil)
        }
        let (base, current) = (window.base, window.current)
        // Open SDG has no direction "none": without one it assumes lower is better. Koers passes the target's side.
        let direction = q.directionFactor(base: base.value).map { $0 > 0 ? Direction.up : .down } ?? .down
        let inputs = OpenSDGInputs(baseYear: base.year, baseValue: base.value,
                                   currentYear: current.year, currentValue: current.value,
                                   target: q.target, targetYear: q.effectiveTargetYear, direction: direction, limit: q.limit)
        let c = core(inputs)
        var numbers = ProgressNumbers(baseYear: base.year, baseValue: base.value,
                                      currentYear: current.year, currentValue: current.value,
                                      target: c.target, targetYear: c.target == nil ? nil : inputs.targetYear,
                                      direction: c.direction)
        numbers.progressValue = c.progressValue
        numbers.score = c.score
        guard let status = c.status.progressStatus else {
            let reason = c.failure.map { $0.reason(inputs, base: c.base, target: c.target) } ?? .noData
            return ProgressAssessment(method: .openSDG, outcome: .cannotAssess(reason), numbers: numbers)
        }
        return ProgressAssessment(method: .openSDG, outcome: .assessed(status), numbers: numbers)
    }
}

extension OpenSDGStatus {
    /// The common status; nil for `not_available`.
    public var progressStatus: ProgressStatus? {
        switch self {
        case .targetAchieved: .targetAchieved
        case .substantialProgress: .substantialProgress
        case .moderateProgress: .moderateProgress
        case .limitedProgress: .limitedProgress
        case .deterioration: .deterioration
        case .notAvailable: nil
        }
    }
}
