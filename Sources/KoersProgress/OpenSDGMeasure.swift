import Foundation
import KoersCore

/// Open SDG's progress statuses, with the words Open SDG writes.
public enum OpenSDGStatus: String, Sendable, Hashable, CaseIterable {
    case targetAchieved = "target_achieved"
    case substantialProgress = "substantial_progress"
    case moderateProgress = "moderate_progress"
    case limitedProgress = "limited_progress"
    case deterioration
    case notAvailable = "not_available"
}

/// The inputs of Open SDG's formula for one series.
public struct OpenSDGInputs: Sendable, Hashable {
    public var baseYear: Int
    public var baseValue: Double
    public var currentYear: Int
    public var currentValue: Double
    public var target: Double?
    public var targetYear: Int
    /// Only `.up` counts as positive; Open SDG treats anything else as negative.
    public var direction: Direction
    public var limit: Double?

    public init(baseYear: Int, baseValue: Double, currentYear: Int, currentValue: Double, target: Double? = nil,
                targetYear: Int = ProgressQuestion.defaultTargetYear, direction: Direction, limit: Double? = nil) {
        self.baseYear = baseYear
        self.baseValue = baseValue
        self.currentYear = currentYear
        self.currentValue = currentValue
        self.target = target
        self.targetYear = targetYear
        self.direction = direction
        self.limit = limit
    }
}

/// One series as Open SDG reports it: its inputs (as used: a zero base or target becomes 0.001), outputs, and the
/// reason when there is no progress value.
public struct OpenSDGSeriesResult: Sendable, Hashable {
    /// `indicator / series / unit / disaggregation values…`, as Open SDG names it.
    public var name: String
    public var baseYear: Int
    public var baseValue: Double?
    public var currentYear: Int?
    public var currentValue: Double?
    public var target: Double?
    public var targetYear: Int
    /// +1 or −1.
    public var direction: Int
    /// −1 when the base is negative, else +1; nil without data.
    public var sign: Int?
    public var limit: Double?
    public var progressValue: Double?
    public var score: Double?
    public var status: OpenSDGStatus
    public var targetAchieved: Bool
    /// Why `progressValue` is nil.
    public var reason: CannotAssessReason?
}

/// Open SDG's progress measure (sdg-build `ProgressMeasure.py`, after Statistics Canada's methodology): a growth rate
/// compared with thresholds, or with the rate the target requires; a score from −5 to 5; an indicator's score is the
/// mean of its series' scores.
public enum OpenSDGMeasure {
    /// Thresholds without a target (growth per year) and with one (ratio of actual to required growth).
    static let withoutTarget = (high: 0.015, medium: 0.005, low: 0.0)
    static let withTarget = (high: 0.95, medium: 0.6, low: 0.0)
    /// The exponent of the limit coefficient.
    static let limitExponent = 4.44

    /// Applies the formula to one series' inputs.
    public static func assess(_ inputs: OpenSDGInputs, name: String = "") -> OpenSDGSeriesResult {
        let c = core(inputs)
        return OpenSDGSeriesResult(
            name: name, baseYear: inputs.baseYear, baseValue: c.base, currentYear: inputs.currentYear,
            currentValue: inputs.currentValue, target: c.target, targetYear: inputs.targetYear, direction: c.direction,
            sign: c.sign, limit: inputs.limit, progressValue: c.progressValue, score: c.score, status: c.status,
            targetAchieved: c.targetAchieved, reason: c.failure.map { $0.reason(inputs, base: c.base, target: c.target) })
    }

    /// The series result when no row has a value: Open SDG still reports the configured inputs.
    public static func notAvailable(name: String, baseYear: Int, target: Double?, targetYear: Int, direction: Direction,
                                    limit: Double?, reason: CannotAssessReason) -> OpenSDGSeriesResult {
        OpenSDGSeriesResult(name: name, baseYear: baseYear, baseValue: nil, currentYear: nil, currentValue: nil,
                            target: target.map { $0 == 0 ? 0.001 : $0 }, targetYear: targetYear,
                            direction: direction == .up ? 1 : -1, sign: nil, limit: limit, progressValue: nil,
                            score: nil, status: .notAvailable, targetAchieved: false, reason: reason)
    }

    /// The formula's outputs as plain values (no strings, no payloads), so that assessing many series copies little.
    struct Core {
        var base: Double
        var target: Double?
        var direction: Int
        var sign: Int
        var progressValue: Double?
        var failure: Failure?
        var score: Double?
        var status: OpenSDGStatus
        var targetAchieved: Bool
    }

    /// Why the formula gave no progress value; expanded into a `CannotAssessReason` only when asked for.
    enum Failure: Error {
        case mixedSigns, baseYearAfterLatest, oneYear, targetYearNotAfterBase, targetEqualsBase, targetAcrossZero, notFinite

        func reason(_ i: OpenSDGInputs, base: Double, target: Double?) -> CannotAssessReason {
            switch self {
            case .mixedSigns: .mixedSigns(base: base, current: i.currentValue)
            case .baseYearAfterLatest: .baseYearAfterLatest(baseYear: i.baseYear, latestYear: i.currentYear)
            case .oneYear: .tooFewPoints(found: 1, needed: 2)
            case .targetYearNotAfterBase: .targetYearNotAfterBase(baseYear: i.baseYear, targetYear: i.targetYear)
            case .targetEqualsBase: .targetEqualsBase(base)
            case .targetAcrossZero: .targetAcrossZero(base: base, target: target ?? 0)
            case .notFinite: .notFinite
            }
        }
    }

    static func core(_ inputs: OpenSDGInputs) -> Core {
        let d = inputs.direction == .up ? 1.0 : -1.0
        // Open SDG replaces a zero target or base by 0.001 to avoid dividing by zero; the sign and the limit
        // coefficient are taken before.
        let target = inputs.target.map { $0 == 0 ? 0.001 : $0 }
        let sign = inputs.baseValue < 0 ? -1 : 1
        let coefficient = target == nil ? limitCoefficient(base: inputs.baseValue, limit: inputs.limit) : 1
        let base = inputs.baseValue == 0 ? 0.001 : inputs.baseValue
        var c = Core(base: base, target: target, direction: Int(d), sign: sign, progressValue: nil, failure: nil,
                     score: nil, status: .notAvailable, targetAchieved: false)
        if let target {
            c.targetAchieved = d < 0 ? inputs.currentValue <= target : inputs.currentValue >= target
        }
        switch progressValue(inputs, base: base, target: target, signTimesDirection: Double(sign) * d) {
        case .success(let pv): c.progressValue = pv
        case .failure(let f): c.failure = f
        }
        if c.targetAchieved {
            c.status = .targetAchieved
            c.score = 5
        } else if let pv = c.progressValue {
            c.status = status(pv, hasTarget: target != nil, coefficient: coefficient)
            c.score = score(pv, hasTarget: target != nil, coefficient: coefficient)
        }
        return c
    }

    private static func progressValue(_ i: OpenSDGInputs, base: Double, target: Double?,
                                      signTimesDirection sd: Double) -> Result<Double, Failure> {
        let current = i.currentValue
        if (base > 0 && current < 0) || (base < 0 && current > 0) { return .failure(.mixedSigns) }
        if i.baseYear > i.currentYear { return .failure(.baseYearAfterLatest) }
        if i.currentYear - i.baseYear < 1 { return .failure(.oneYear) }
        let actual = compoundAnnualGrowth(from: base, to: current, years: Double(i.currentYear - i.baseYear))
        let pv: Double
        if let target {
            // Where sdg-build would divide by zero or take a root of a negative number, Koers gives a reason.
            if i.targetYear == i.baseYear { return .failure(.targetYearNotAfterBase) }
            if target == base { return .failure(.targetEqualsBase) }
            if (target < 0) != (base < 0) { return .failure(.targetAcrossZero) }
            let required = compoundAnnualGrowth(from: base, to: target, years: Double(i.targetYear - i.baseYear))
            pv = sd * actual / abs(required)
        } else {
            pv = sd * actual
        }
        return pv.isFinite ? .success(pv) : .failure(.notFinite)
    }

    /// c = 1 − (b/l)^4.44 when b ≤ l, 1 − ((2l − b)/l)^4.44 when l < b < 2l, else 1 (b = |base|, l = |limit|).
    static func limitCoefficient(base: Double, limit: Double?) -> Double {
        guard let limit else { return 1 }
        let b = abs(base), l = abs(limit)
        // Checked first so that a zero base and zero limit give 1, as in sdg-build.
        if b >= 2 * l { return 1 }
        if b <= l { return 1 - pow(b / l, limitExponent) }
        return 1 - pow((2 * l - b) / l, limitExponent)
    }

    static func status(_ pv: Double, hasTarget: Bool, coefficient c: Double) -> OpenSDGStatus {
        let t = hasTarget ? withTarget : (high: withoutTarget.high * c, medium: withoutTarget.medium * c, low: withoutTarget.low * c)
        if pv >= t.high { return .substantialProgress }
        if pv >= t.medium { return .moderateProgress }
        if pv >= t.low { return .limitedProgress }
        return .deterioration
    }

    static func score(_ pv: Double, hasTarget: Bool, coefficient c: Double) -> Double {
        if hasTarget {
            return pv >= withTarget.medium ? min(7.1429 * pv - 4.2857, 5) : max(4.1667 * pv - 2.5, -5)
        }
        if pv < withoutTarget.low * c { return max(125 * pv - 2.5, -5) }
        // The base sits on the limit and the value holds: substantial progress.
        if c == 0 { return 5 }
        if pv >= withoutTarget.high * c { return min(500 * pv / c - 5, 5) }
        if pv >= withoutTarget.medium * c { return 250 * pv / c - 1.25 }
        return 500 * pv / c - 2.5
    }

    /// An indicator's score and status from its series: the mean of the scores that exist; `target_achieved` only when
    /// every scored series reached its target; nil and `not_available` when no series has a score.
    public static func indicator(_ series: [OpenSDGSeriesResult]) -> (score: Double?, status: OpenSDGStatus) {
        var sum = 0.0, count = 0, allAchieved = true
        for s in series {
            guard let score = s.score else { continue }
            sum += score
            count += 1
            allAchieved = allAchieved && s.targetAchieved
        }
        guard count > 0 else { return (nil, .notAvailable) }
        let mean = sum / Double(count)
        if allAchieved { return (mean, .targetAchieved) }
        if mean >= 2.5 { return (mean, .substantialProgress) }
        if mean >= 0 { return (mean, .moderateProgress) }
        if mean >= -2.5 { return (mean, .limitedProgress) }
        return (mean, .deterioration)
    }
}
