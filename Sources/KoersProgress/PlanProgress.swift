import KoersCore

/// Counts per status and the mean score of the targets under a node or plan.
public struct ProgressRollUp: Sendable, Hashable, Encodable {
    /// Targets per status code (`ProgressStatus.rawValue`, or `cannot_assess`).
    public var counts: [String: Int]
    /// The mean of the targets' scores (Open SDG and Eurostat give one); nil when none has a score.
    public var meanScore: Double?
    public var total: Int

    public static let cannotAssess = "cannot_assess"
    /// No targets at all.
    public static let empty = ProgressRollUp([])

    /// Targets without a verdict (no data, too few points, …).
    public var noVerdict: Int { counts[Self.cannotAssess] ?? 0 }

    public init(_ assessments: [ProgressAssessment]) {
        var counts: [String: Int] = [:]
        for a in assessments { counts[a.status?.rawValue ?? Self.cannotAssess, default: 0] += 1 }
        let scores = assessments.compactMap { $0.numbers?.score }
        self.counts = counts
        meanScore = scores.isEmpty ? nil : scores.reduce(0, +) / Double(scores.count)
        total = assessments.count
    }

    /// Targets with a verdict of this kind: on course (reached or good progress), partly, off course, or none.
    public func count(_ course: Course) -> Int {
        counts.reduce(0) { sum, entry in
            sum + (Course(entry.key == Self.cannotAssess ? nil : ProgressStatus(rawValue: entry.key)) == course ? entry.value : 0)
        }
    }

    enum CodingKeys: String, CodingKey { case counts, meanScore = "mean_score", total }
}

/// The four colours a verdict is shown in, the same for every method.
public enum Course: String, Sendable, CaseIterable {
    case on, mid, off, none

    public init(_ status: ProgressStatus?) {
        switch status {
        case nil: self = .none
        case .targetAchieved, .substantialProgress, .significantProgress, .onPath, .likely: self = .on
        case .moderateProgress, .eurostatModerateProgress, .uncertain: self = .mid
        default: self = .off
        }
    }
}

/// One method's verdict on every target of a plan that Koers measures, rolled up per node (the targets under it) and
/// for the plan. Made by `PlanAssessment`, the one assessment step.
public struct PlanProgress: Sendable {
    public var method: ProgressMethod
    /// By target code; targets whose indicator the catalogue lacks are left out.
    public var targets: [String: ProgressAssessment]
    /// By node code: the targets of the node and of every node under it. Nodes without targets are left out.
    public var nodes: [String: ProgressRollUp]
    public var plan: ProgressRollUp
}
