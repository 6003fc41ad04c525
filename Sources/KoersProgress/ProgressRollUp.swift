import KoersCore

/// How the targets under a plan node, or a whole plan, fare by one method: counts per verdict and the mean Open SDG
/// score. `koers assess` and the API report the same numbers because both build them here.
public struct ProgressRollUp: Sendable, Hashable {
    /// Targets per verdict; targets without one are counted in `noVerdict`.
    public var counts: [ProgressStatus: Int]
    public var noVerdict: Int
    /// The mean of the Open SDG scores (−5…5) among the targets; nil when none has a score.
    public var meanScore: Double?
    public var total: Int

    public init(_ assessments: [ProgressAssessment]) {
        var counts: [ProgressStatus: Int] = [:]
        var noVerdict = 0
        for a in assessments {
            if let s = a.status { counts[s, default: 0] += 1 } else { noVerdict += 1 }
        }
        let scores = assessments.compactMap { $0.numbers?.score }
        self.counts = counts
        self.noVerdict = noVerdict
        meanScore = scores.isEmpty ? nil : scores.reduce(0, +) / Double(scores.count)
        total = assessments.count
    }

    /// The roll-up of every node that has targets under it (its own or its descendants'), by node code, and the
    /// plan's of all of them. `assessments` pairs each assessed target's node code with its verdict.
    public static func plan(_ plan: Plan, assessments: [(node: String, assessment: ProgressAssessment)])
        -> (nodes: [String: ProgressRollUp], plan: ProgressRollUp) {
        var nodes: [String: ProgressRollUp] = [:]
        for node in plan.allNodes {
            let codes = Set([node.code] + node.descendants.map(\.code))
            let under = assessments.filter { codes.contains($0.node) }.map(\.assessment)
            if !under.isEmpty { nodes[node.code] = ProgressRollUp(under) }
        }
        return (nodes, ProgressRollUp(assessments.map(\.assessment)))
    }
}
