import KoersCore
import KoersProgress
import KoersStore

/// Every target of a plan judged by one method and rolled up per node and for the plan, as `koers assess` does:
/// each target against the observations of its own indicator and region.
struct PlanProgress: Sendable {
    var method: ProgressMethod
    /// By target code; a target whose indicator the store lacks has none (and is not counted), as in `koers assess`.
    var verdicts: [String: ProgressAssessment]
    var nodes: [String: ProgressRollUp]
    var plan: ProgressRollUp

    init(_ plan: Plan, method: ProgressMethod, indicators: [String: Indicator], store: any Store) async throws {
        var assessed: [(node: String, code: String, assessment: ProgressAssessment)] = []
        for (node, target) in plan.allTargets {
            guard let indicator = indicators[target.indicator] else { continue }
            let observations = try await store.observations(indicator: target.indicator, regions: [target.region])
            let result = TargetAssessment.assess(target, indicator: indicator, observations: observations, methods: [method])
            assessed.append((node, target.code, result.assessments[0]))
        }
        self.method = method
        verdicts = Dictionary(assessed.map { ($0.code, $0.assessment) }, uniquingKeysWith: { a, _ in a })
        let rollUp = ProgressRollUp.plan(plan, assessments: assessed.map { ($0.node, $0.assessment) })
        nodes = rollUp.nodes
        self.plan = rollUp.plan
    }
}
