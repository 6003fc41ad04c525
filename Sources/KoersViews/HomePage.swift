import KoersCore
import KoersProgress

/// The home page: the loaded plans, each with what it holds.
public struct HomePage: Sendable {
    public struct PlanCard: Sendable {
        public var url: String
        public var title: String
        public var summary: String?
        public var owner: String?
        public var region: String
        public var period: String?
        public var document: String?
        public var nodes: Int
        public var targets: Int
        public var actions: Int
        /// "15 onderdelen, 38 ambities, 0 acties", each noun singular for one.
        public var contents: String
        public var budget: String?
        /// Headline: targets per verdict of the default method.
        public var course: CourseCounts
    }

    public var title: String
    public var plans: [PlanCard]
    public var totalTargets: Int
    public var planCount: Int
    /// "5 plannen met samen 39 ambities."
    public var headline: String

    /// `progress` has each plan's verdicts by id (`PlanAssessment.progress`, the one assessment step).
    public init(plans: [Plan], lookup: Lookup, progress: [String: PlanProgress], language: Language = .nl) {
        let format = NumberFormat(language)
        title = "Koers"
        // Plans with measurable ambitions first: they are what readers come to monitor.
        let ordered = plans.enumerated().sorted { a, b in
            (-a.element.allTargets.count, -a.element.actions.count, a.offset) < (-b.element.allTargets.count, -b.element.actions.count, b.offset)
        }.map(\.element)
        self.plans = ordered.map { plan in
            let budget = BudgetSummary(actions: plan.actions)
            return PlanCard(url: Paths(language).plan(plan.id), title: plan.title.text(in: language),
                            summary: plan.summary?.text(in: language), owner: lookup.organisationName(plan.owner, language),
                            region: lookup.regionName(plan.region, language), period: plan.period.map(format.period),
                            document: plan.document?.title, nodes: plan.allNodes.count, targets: plan.allTargets.count,
                            actions: plan.actions.count,
                            contents: [CountedNoun.part.phrase(plan.allNodes.count, language),
                                       CountedNoun.target.phrase(plan.allTargets.count, language),
                                       CountedNoun.action.phrase(plan.actions.count, language)].joined(separator: ", "),
                            budget: budget.actionsWithBudget > 0 ? (budget.approximate ? "ca. " : "") + format.euro(budget.total) : nil,
                            course: CourseCounts(progress[plan.id]?.plan ?? .empty, language: language))
        }
        totalTargets = self.plans.reduce(0) { $0 + $1.targets }
        planCount = self.plans.count
        let plansPhrase = CountedNoun.plan.phrase(planCount, language), targetsPhrase = CountedNoun.target.phrase(totalTargets, language)
        headline = language == .nl ? "\(plansPhrase) met samen \(targetsPhrase)." : "\(plansPhrase) with \(targetsPhrase) in all."
    }
}
