import KoersCore
import KoersProgress
import KoersViews

/// `GET /api/v1/plans`: every plan with its headline, judged by one method.
struct PlanList: Codable, Sendable {
    var method: String
    var plans: [PlanSummary]
}

/// A plan as the home page shows it: identity, document, counts, budget and how its targets fare.
struct PlanSummary: Codable, Sendable {
    struct Counts: Codable, Sendable {
        var nodes: Int
        var targets: Int
        var actions: Int
    }

    struct Document: Codable, Sendable {
        var title: String
        @Nullable var file: String?
        @Nullable var publisher: String?
        @Nullable var date: String?
    }

    var id: String
    var title: Text
    @Nullable var summary: Text?
    @Nullable var owner: OrganisationRef?
    var region: RegionRef
    @Nullable var period: String?
    @Nullable var document: Document?
    var counts: Counts
    /// The sum of the stated budgets; null when no action states one.
    @Nullable var budgetTotal: Double?
    var headline: RollUp
    var url: String

    enum CodingKeys: String, CodingKey {
        case id, title, summary, owner, region, period, document, counts, headline, url
        case budgetTotal = "budget_total"
    }

    init(_ plan: Plan, progress: PlanProgress, lookup: Lookup) {
        id = plan.id
        title = Text(plan.title)
        summary = Text(plan.summary)
        owner = plan.owner.map { OrganisationRef($0, lookup: lookup) }
        region = RegionRef(plan.region, lookup: lookup)
        period = plan.period?.description
        document = plan.document.map { Document(title: $0.title, file: $0.file, publisher: $0.publisher, date: $0.date) }
        counts = Counts(nodes: plan.allNodes.count, targets: plan.allTargets.count, actions: plan.actions.count)
        let budget = BudgetSummary(actions: plan.actions)
        budgetTotal = budget.actionsWithBudget > 0 ? budget.total : nil
        headline = RollUp(progress.plan)
        url = Paths(.nl).plan(plan.id)
    }
}

/// How the targets under a node or plan fare: counts per verdict, how many have none, the mean Open SDG score.
struct RollUp: Codable, Sendable {
    struct StatusCount: Codable, Sendable {
        var status: String
        var label: Text
        var count: Int
    }

    var total: Int
    /// Only the verdicts that occur, in the methods' order.
    var statuses: [StatusCount]
    var noVerdict: Int
    @Nullable var meanScore: Double?

    enum CodingKeys: String, CodingKey {
        case total, statuses
        case noVerdict = "no_verdict", meanScore = "mean_score"
    }

    init(_ r: ProgressRollUp) {
        total = r.total
        statuses = ProgressStatus.allCases.compactMap { s in
            r.counts[s.rawValue].map { count in StatusCount(status: s.rawValue, label: Text { Labels.status(s, $0) }, count: count) }
        }
        noVerdict = r.noVerdict
        meanScore = r.meanScore
    }
}

/// `GET /api/v1/plans/{plan}`: the plan page as data.
struct PlanDetail: Codable, Sendable {
    var method: String
    var plan: PlanSummary
    /// The tree, in document order.
    var nodes: [PlanNodeTree]
    /// Every target, depth first, sub-targets after their parent.
    var targets: [TargetSummary]
    var actions: [ActionItem]
    var budget: BudgetTotals

    init(_ plan: Plan, progress: PlanProgress, lookup: Lookup) {
        method = progress.method.rawValue
        self.plan = PlanSummary(plan, progress: progress, lookup: lookup)
        nodes = plan.nodes.map { PlanNodeTree($0, plan: plan, progress: progress) }
        targets = plan.allTargets.map {
            TargetSummary($0.target, node: $0.node, plan: plan, verdict: progress.targets[$0.target.code], lookup: lookup)
        }
        actions = plan.actions.map { ActionItem($0, plan: plan.id, lookup: lookup) }
        budget = BudgetTotals(actions: plan.actions, lookup: lookup)
    }
}

/// A node of the plan's tree with the codes of its targets and actions and the roll-up of everything under it.
struct PlanNodeTree: Codable, Sendable {
    var code: String
    var kind: String
    var kindLabel: Text
    var title: Text
    @Nullable var summary: Text?
    @Nullable var source: String?
    /// The node's own targets (sub-targets included), not its children's.
    var targets: [String]
    var actions: [String]
    /// Null when no assessed target lies under the node.
    @Nullable var rollUp: RollUp?
    var nodes: [PlanNodeTree]

    enum CodingKeys: String, CodingKey {
        case code, kind, title, summary, source, targets, actions, nodes
        case kindLabel = "kind_label", rollUp = "roll_up"
    }

    init(_ node: PlanNode, plan: Plan, progress: PlanProgress) {
        code = node.code
        kind = node.kind
        kindLabel = Text { Labels.nodeKind(node.kind, $0) }
        title = Text(node.title)
        summary = Text(node.summary)
        source = node.source
        targets = node.targets.flatMap { [$0] + $0.descendants }.map(\.code)
        actions = plan.actions.filter { $0.node == node.code }.map(\.id)
        rollUp = progress.nodes[node.code].map(RollUp.init)
        nodes = node.nodes.map { PlanNodeTree($0, plan: plan, progress: progress) }
    }
}
