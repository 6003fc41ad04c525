import KoersCore

extension OpenSDGMeasure {
    /// Open SDG's measure for a series given as points: base year 2015 unless set (or the first later year with a
    /// value), the latest year as current, target year 2030 unless set.
    public static func assess(_ q: ProgressQuestion) -> ProgressAssessment {
        // A series that stopped long ago is reported as such, before any base year is looked for.
        if let latest = q.points.lazy.map(\.year).max(), let stale = q.staleness(latestYear: latest) {
            return ProgressAssessment(method: .openSDG, outcome: .cannotAssess(stale), numbers: nil)
        }
        let window: SeriesWindow
        switch SeriesWindow.make(q.points, baseYear: q.baseYear ?? ProgressQuestion.openSDGDefaultBaseYear) {
        case .success(let w): window = w
        case .failure(let r): return ProgressAssessment(method: .openSDG, outcome: .cannotAssess(r), numbers: nil)
        }
        // Open SDG has no direction "none": without one it assumes lower is better. Koers passes the target's side.
        let direction = q.directionFactor(base: window.base.value).map { $0 > 0 ? Direction.up : .down } ?? .down
        let r = assess(OpenSDGInputs(baseYear: window.base.year, baseValue: window.base.value,
                                     currentYear: window.current.year, currentValue: window.current.value,
                                     target: q.target, targetYear: q.effectiveTargetYear, direction: direction,
                                     limit: q.limit))
        var numbers = ProgressNumbers(baseYear: window.base.year, baseValue: window.base.value,
                                      currentYear: window.current.year, currentValue: window.current.value,
                                      target: r.target, targetYear: r.target == nil ? nil : r.targetYear,
                                      direction: r.direction)
        numbers.progressValue = r.progressValue
        numbers.score = r.score
        guard let status = r.status.progressStatus else {
            return ProgressAssessment(method: .openSDG, outcome: .cannotAssess(r.reason ?? .noData), numbers: numbers)
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
