import KoersCore

/// A plan's ambition turned into the question every method answers: which points, which way, what value by when.
///
/// The plans word their ambitions in six ways (`Goal`); each becomes a target value in a year:
/// - absolute (7.719 → 6.000 werkzoekenden in 2030) and share (a share of 30 %): the value itself;
/// - relative (+25 % by 2030, often without the baseline value): the baseline value — stated, or else the first
///   observation in or after the baseline period — times 1 + the percentage;
/// - maintain (at least 1.000 industrial establishments): the level, which counts as reached while the value is at
///   or beyond it;
/// - average (9,2 % a year over 2009–2017 → 20 % over 2020–2030): the points are the running average of the yearly
///   values since the start of the goal's period, and the baseline is the stated average of the earlier period;
/// - direction (more, fewer): no target value, only the direction.
/// Only the target's own region and breakdown count, whichever plan it stands in. Values count in whole years
/// (`Period.progressYear`): a school-year series at the indicator's position, quarters and months not at all.
public struct TargetQuestion: Sendable, Hashable {
    public var question: ProgressQuestion
    /// The baseline the target is measured from, with its year; nil when neither the plan nor the data give one.
    public var baseline: ProgressPoint?
    /// The target value the goal works out to; nil for a direction.
    public var target: Double?
    /// True when the points are running averages over the goal's period rather than yearly values.
    public var isRunningAverage: Bool

    public static func make(_ target: Target, indicator: Indicator, observations: [Observation],
                            asOfYear: Int? = nil) -> Result<TargetQuestion, CannotAssessReason> {
        let position = indicator.periods.position
        let yearly = observations
            .filter { $0.region == target.region && $0.breakdown == target.breakdown }
            .compactMap { o in o.period.progressYear(at: position).map { ProgressPoint(year: $0, value: o.value, period: o.period) } }
            .sorted { $0.year < $1.year }
        let goal = target.goal
        let baseYear = target.baseline.period.targetYear(at: position)
        let targetYear = goal.period.targetYear(at: position)
        var points = yearly
        var baseline = target.baseline.value.map { ProgressPoint(year: baseYear, value: $0) }
        var value = goal.value
        var isRunningAverage = false
        switch goal {
        case .absolute, .share, .maintain, .direction:
            break
        case .relative(let percent, _):
            let base = baseline ?? yearly.first { $0.year >= target.baseline.period.start.year }
            guard let base else { return .failure(.noData) }
            baseline = base
            value = base.value * (1 + percent / 100)
        case .average(_, let period):
            // The points are the mean of the yearly values from the start of the period up to each year.
            var sum = 0.0, count = 0.0
            points = yearly.filter { $0.year >= period.start.year && $0.year <= period.endYear }.map { p in
                sum += p.value
                count += 1
                return ProgressPoint(year: p.year, value: sum / count)
            }
            isRunningAverage = true
        }
        // A stated baseline is a point of the series when the data do not have that year.
        if let b = baseline, !points.contains(where: { $0.year == b.year }) {
            points.insert(b, at: points.firstIndex { $0.year > b.year } ?? points.endIndex)
        }
        var direction = indicator.direction
        if case .direction(let d, _) = goal { direction = d }
        if case .maintain = goal, direction == .none { direction = .up }
        let question = ProgressQuestion(points: points, direction: direction, target: value, targetYear: targetYear,
                                        baseYear: baseline?.year ?? target.baseline.period.start.year,
                                        limit: indicator.unit == .percent ? 100 : nil, asOfYear: asOfYear)
        return .success(TargetQuestion(question: question, baseline: baseline, target: value, isRunningAverage: isRunningAverage))
    }
}
