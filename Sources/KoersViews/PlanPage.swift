import KoersCore
import KoersProgress

/// A target as a row of a table: code, sentence, baseline → goal, region and the sources of its numbers.
public struct TargetRow: Sendable {
    public var url: String
    public var code: String
    public var text: String
    public var isSubTarget: Bool
    public var region: String
    public var indicator: String
    public var baseline: String
    public var goal: String
    public var kind: String
    /// Who produces and who processes the indicator (Bijlage 2 of the Streekvisie).
    public var dataSource: String?
    /// Where the ambition stands in the document.
    public var source: String?
    public var note: String?
    /// The default method's verdict in words and its badge colour (`Course`).
    public var status: String
    public var tone: String

    init(plan: Plan, target: Target, isSubTarget: Bool, lookup: Lookup, language: Language, assessment: ProgressAssessment? = nil) {
        let indicator = lookup.indicators[target.indicator]
        let words = TargetText(language: language, indicator: indicator)
        url = Paths(language).target(plan: plan.id, code: target.code)
        code = target.code
        text = target.text
        self.isSubTarget = isSubTarget
        region = lookup.regionName(target.region, language)
        self.indicator = indicator?.name.text(in: language) ?? target.indicator
        baseline = words.baseline(target.baseline)
        goal = words.goal(target.goal)
        kind = Labels.goalKind(target.goal.kind, language)
        dataSource = indicator.flatMap(IndicatorView.sourceLine)
        source = target.source
        note = target.note?.text(in: language)
        status = Labels.status(assessment?.status, language)
        tone = Course(assessment?.status).rawValue
    }
}

/// A roll-up as a reader sees it: how many targets are on course, partly, off course or without a verdict.
public struct CourseCounts: Sendable {
    public struct Part: Sendable {
        public var tone: String
        public var count: Int
        public var label: String
    }

    public var total: Int
    /// Whether there are targets to count (a stored Bool: Mustache sections test it).
    public var counted: Bool
    public var parts: [Part]
    public var meanScore: String?
    public var summary: String

    public init(_ rollUp: ProgressRollUp, language: Language) {
        let format = NumberFormat(language)
        total = rollUp.total
        counted = rollUp.total > 0
        parts = Course.allCases.map { Part(tone: $0.rawValue, count: rollUp.count($0), label: Labels.course($0, language)) }
            .filter { $0.count > 0 }
        meanScore = rollUp.meanScore.map { format.number($0, decimals: 2) }
        summary = parts.map { "\($0.count) \($0.label)" }.joined(separator: ", ")
    }
}

/// An action as listed under its node in the plan tree.
public struct ActionLine: Sendable {
    public var title: String
    public var detail: String?
}

/// A node of the plan tree with its targets, actions and children, rendered recursively.
public struct NodeView: Sendable {
    public var code: String
    public var kind: String
    public var title: String
    public var summary: String?
    public var source: String?
    public var anchor: String
    public var targets: [TargetRow]
    public var actions: [ActionLine]
    public var children: [NodeView]
    public var course: CourseCounts?
    public var hasTargets: Bool
    public var hasActions: Bool
    public var hasChildren: Bool

    init(code: String, kind: String, title: String, summary: String?, source: String?, anchor: String,
         targets: [TargetRow], actions: [ActionLine], children: [NodeView], course: CourseCounts?) {
        self.code = code
        self.kind = kind
        self.title = title
        self.summary = summary
        self.source = source
        self.anchor = anchor
        self.targets = targets
        self.actions = actions
        self.children = children
        self.course = course
        // Stored, not computed: Mustache reads values by reflection and does not see computed properties.
        hasTargets = !targets.isEmpty
        hasActions = !actions.isEmpty
        hasChildren = !children.isEmpty
    }
}

/// The plan page: its tree, its ambitions with baseline → target, its actions with budgets and totals.
public struct PlanPage: Sendable {
    public var id: String
    public var title: String
    public var summary: String?
    public var owner: String?
    public var region: String
    public var period: String?
    public var document: DocumentReference?
    public var tree: [NodeView]
    public var targets: [TargetRow]
    public var actions: [ActionRow]
    public var budget: BudgetTables
    /// The plan's roll-up by the default method.
    public var course: CourseCounts
    /// The actions by their lead's latest report, beside the targets' verdicts: "3 op koers, 1 uit koers, 12 zonder
    /// melding". Empty for a plan without actions.
    public var actionCounts: [ActionCount]
    public var hasActionCounts: Bool
    public var method: String
    public var hasTargets = false
    public var hasActions = false
    public var hasBudget = false

    /// `latest`: each action's newest report by its owner.
    public init(plan: Plan, lookup: Lookup, progress: PlanProgress, language: Language = .nl, latest: [String: ActionUpdate] = [:]) {
        let format = NumberFormat(language)
        course = CourseCounts(progress.plan, language: language)
        actionCounts = ActionCount.counts(plan.actions, latest: latest, language: language)
        hasActionCounts = !actionCounts.isEmpty
        method = Labels.method(progress.method, language)
        id = plan.id
        title = plan.title.text(in: language)
        summary = plan.summary?.text(in: language)
        owner = lookup.organisationName(plan.owner, language)
        region = lookup.regionName(plan.region, language)
        period = plan.period.map(format.period)
        document = plan.document

        func rows(_ targets: [Target], sub: Bool) -> [TargetRow] {
            targets.flatMap { t in
                [TargetRow(plan: plan, target: t, isSubTarget: sub, lookup: lookup, language: language,
                           assessment: progress.targets[t.code])] + rows(t.subTargets, sub: true)
            }
        }
        func line(_ a: Action) -> ActionLine {
            let budget = a.totalBudget.map { (a.budget.contains(where: \.approximate) ? "ca. " : "") + format.euro($0) }
            let detail = [lookup.organisationName(a.lead, language), budget].compactMap { $0 }.joined(separator: " · ")
            return ActionLine(title: a.title.text(in: language), detail: detail.isEmpty ? nil : detail)
        }
        func view(_ node: PlanNode) -> NodeView {
            NodeView(code: node.code, kind: Labels.nodeKind(node.kind, language), title: node.title.text(in: language),
                     summary: node.summary?.text(in: language), source: node.source, anchor: "n-" + Paths.escape(node.code),
                     targets: rows(node.targets, sub: false), actions: plan.actions.filter { $0.node == node.code }.map(line),
                     children: node.nodes.map(view), course: progress.nodes[node.code].map { CourseCounts($0, language: language) })
        }
        tree = plan.nodes.map(view)
        targets = plan.allNodes.flatMap { rows($0.targets, sub: false) }

        actions = plan.actions.map { ActionRow($0, plan: plan, lookup: lookup, language: language, latest: latest[$0.id]) }
        budget = BudgetTables(actions: plan.actions, lookup: lookup, language: language)
        hasTargets = !targets.isEmpty
        hasActions = !actions.isEmpty
        hasBudget = budget.total != nil
    }
}

/// How many of a plan's actions stand where by their lead's latest report, in the order of `ActionProgress`, and
/// how many have no report (stated, not hidden).
public struct ActionCount: Sendable {
    public var label: String
    /// `on-course`, `off-course`…, or `none`: the badge's class.
    public var code: String
    public var count: Int

    static func counts(_ actions: [Action], latest: [String: ActionUpdate], language: Language) -> [ActionCount] {
        guard !actions.isEmpty else { return [] }
        let reported = actions.compactMap { latest[$0.id]?.progress }
        var counts = ActionProgress.allCases.compactMap { status -> ActionCount? in
            let n = reported.filter { $0 == status }.count
            return n == 0 ? nil : ActionCount(label: status.label.text(in: language), code: status.rawValue, count: n)
        }
        let silent = actions.count - reported.count
        if silent > 0 {
            counts.append(ActionCount(label: UIText.table(language)["without_report", default: ""], code: "none", count: silent))
        }
        return counts
    }
}
