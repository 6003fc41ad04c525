import KoersCore

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

    init(plan: Plan, target: Target, isSubTarget: Bool, lookup: Lookup, language: Language) {
        let indicator = lookup.indicators[target.indicator]
        let words = TargetText(language: language, indicator: indicator)
        url = Paths.target(plan: plan.id, code: target.code)
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
    }
}

/// An action as listed under its node in the plan tree.
public struct ActionLine: Sendable {
    public var title: String
    public var detail: String
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
    public var hasTargets: Bool
    public var hasActions: Bool
    public var hasChildren: Bool

    init(code: String, kind: String, title: String, summary: String?, source: String?, anchor: String,
         targets: [TargetRow], actions: [ActionLine], children: [NodeView]) {
        self.code = code
        self.kind = kind
        self.title = title
        self.summary = summary
        self.source = source
        self.anchor = anchor
        self.targets = targets
        self.actions = actions
        self.children = children
        // Stored, not computed: Mustache reads values by reflection and does not see computed properties.
        hasTargets = !targets.isEmpty
        hasActions = !actions.isEmpty
        hasChildren = !children.isEmpty
    }
}

/// The plan page: its tree, its ambitions with baseline → target, its actions with budgets and totals.
public struct PlanPage: Sendable {
    public struct ActionRow: Sendable {
        public var title: String
        public var summary: String?
        public var node: String?
        public var lead: String?
        public var partners: String?
        public var participation: String?
        public var period: String?
        public var status: String
        public var budget: String?
        public var funding: String?
        public var source: String?
    }

    public struct TotalRow: Sendable {
        public var label: String
        public var amount: String
        public var share: String
    }

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
    public var budgetTotal: String?
    public var budgetNote: String?
    public var byParticipation: [TotalRow]
    public var byFunding: [TotalRow]
    public var hasTargets = false
    public var hasActions = false
    public var hasBudget = false

    public init(plan: Plan, lookup: Lookup, language: Language = .nl) {
        let format = NumberFormat(language)
        id = plan.id
        title = plan.title.text(in: language)
        summary = plan.summary?.text(in: language)
        owner = lookup.organisationName(plan.owner, language)
        region = lookup.regionName(plan.region, language)
        period = plan.period.map(format.period)
        document = plan.document

        func rows(_ targets: [Target], sub: Bool) -> [TargetRow] {
            targets.flatMap { t in
                [TargetRow(plan: plan, target: t, isSubTarget: sub, lookup: lookup, language: language)] + rows(t.subTargets, sub: true)
            }
        }
        func line(_ a: Action) -> ActionLine {
            let budget = a.totalBudget.map { (a.budget.contains(where: \.approximate) ? "ca. " : "") + format.euro($0) }
            let detail = [lookup.organisationName(a.lead, language), budget].compactMap { $0 }.joined(separator: " · ")
            return ActionLine(title: a.title.text(in: language), detail: detail)
        }
        func view(_ node: PlanNode) -> NodeView {
            NodeView(code: node.code, kind: Labels.nodeKind(node.kind, language), title: node.title.text(in: language),
                     summary: node.summary?.text(in: language), source: node.source, anchor: "n-" + Paths.escape(node.code),
                     targets: rows(node.targets, sub: false), actions: plan.actions.filter { $0.node == node.code }.map(line),
                     children: node.nodes.map(view))
        }
        tree = plan.nodes.map(view)
        targets = plan.allNodes.flatMap { rows($0.targets, sub: false) }

        actions = plan.actions.map { a in
            let nodeTitle = a.node.flatMap { plan.node($0) }.map { "\($0.code) \($0.title.text(in: language))" }
            let fundings = Set(a.budget.compactMap(\.funding)).sorted().map { lookup.fundingName($0, language) }
            let approximate = a.budget.contains(where: \.approximate)
            return ActionRow(title: a.title.text(in: language), summary: a.summary?.text(in: language), node: nodeTitle,
                             lead: lookup.organisationName(a.lead, language),
                             partners: a.partners.isEmpty ? nil : a.partners.compactMap { lookup.organisationName($0, language) }.joined(separator: ", "),
                             participation: a.participation.map { "\($0.rawValue). \($0.label.text(in: language))" },
                             period: a.period.map(format.period), status: a.status.label.text(in: language),
                             budget: a.totalBudget.map { (approximate ? "ca. " : "") + format.euro($0) },
                             funding: fundings.isEmpty ? nil : fundings.joined(separator: ", "), source: a.source)
        }

        let budget = BudgetSummary(actions: plan.actions)
        func share(_ amount: Double) -> String {
            budget.total > 0 ? format.number(amount / budget.total * 100, decimals: 1) + "\u{00A0}%" : "–"
        }
        if budget.actionsWithBudget > 0 {
            budgetTotal = (budget.approximate ? "ca. " : "") + format.euro(budget.total)
            let n = budget.actionsWithoutBudget
            budgetNote = n == 0 ? nil : language == .nl
                ? (n == 1 ? "1 actie zonder vermeld budget is niet meegeteld." : "\(n) acties zonder vermeld budget zijn niet meegeteld.")
                : (n == 1 ? "1 action without a stated budget is not counted." : "\(n) actions without a stated budget are not counted.")
        }
        let none = Labels.noParticipationCategory(language)
        byParticipation = budget.byParticipation.sorted { ($0.key?.rawValue ?? 99) < ($1.key?.rawValue ?? 99) }.map {
            TotalRow(label: $0.key.map { "\($0.rawValue). \($0.label.text(in: language))" } ?? none,
                     amount: format.euro($0.value), share: share($0.value))
        }
        hasTargets = !targets.isEmpty
        hasActions = !actions.isEmpty
        hasBudget = budgetTotal != nil
        byFunding = budget.byFunding.sorted { ($1.value, $0.key ?? "") < ($0.value, $1.key ?? "") }.map {
            TotalRow(label: lookup.fundingName($0.key, language), amount: format.euro($0.value), share: share($0.value))
        }
    }
}
