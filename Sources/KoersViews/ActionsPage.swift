import KoersCore

/// The action portfolio across plans: filters by plan, participation category, funding source and status, with the
/// budgets of what the filters leave.
public struct ActionsPage: Sendable {
    /// One choice of a filter's select box.
    public struct Option: Sendable {
        public var value: String
        public var label: String
        public var selected: Bool
    }

    public struct Filter: Sendable {
        public var name: String
        public var label: String
        public var options: [Option]
    }

    /// The query a reader sends: each filter's chosen value, nil for all.
    public struct Query: Sendable, Hashable {
        public var plan: String?
        public var participation: String?
        public var funding: String?
        public var status: String?

        public init(plan: String? = nil, participation: String? = nil, funding: String? = nil, status: String? = nil) {
            (self.plan, self.participation, self.funding, self.status) = (plan, participation, funding, status)
        }

        /// The filters as a query string ("?plan=…&status=…"), empty when none is set, for links that keep them.
        public var queryString: String {
            let set = [("plan", plan), ("participation", participation), ("funding", funding), ("status", status)]
                .compactMap { name, value in value.map { "\(name)=\(Paths.escape($0))" } }
            return set.isEmpty ? "" : "?" + set.joined(separator: "&")
        }

        /// The actions of `plans` these filters leave, in plan order, each with its plan.
        public func select(from plans: [Plan]) -> [(plan: Plan, action: Action)] {
            plans.flatMap { plan in plan.actions.filter { matches($0, in: plan) }.map { (plan, $0) } }
        }

        func matches(_ action: Action, in plan: Plan) -> Bool {
            (self.plan == nil || self.plan == plan.id)
                && (participation == nil || participation == action.participation.map { String($0.rawValue) })
                && (funding == nil || action.budget.contains { $0.funding == funding })
                && (status == nil || status == action.status.rawValue)
        }
    }

    public var title: String
    public var filters: [Filter]
    public var actions: [ActionRow]
    public var count: Int
    public var total: Int
    public var budget: BudgetTables
    public var byPlan: [BudgetTables.TotalRow]
    public var hasActions: Bool
    public var hasBudget: Bool
    public var showPlan = true
    /// The filtered table as CSV and JSON.
    public var downloads: [Link]

    /// `latest`: each action's newest report by its owner.
    public init(plans: [Plan], query: Query, lookup: Lookup, language: Language, latest: [String: ActionUpdate] = [:]) {
        let t = UIText.table(language)
        let format = NumberFormat(language)
        title = t["actions_title"]!
        let all = plans.flatMap { plan in plan.actions.map { (plan, $0) } }
        let chosen = query.select(from: plans)
        let paths = Paths(language)
        downloads = [Link(href: paths.actions + "/data.csv" + query.queryString, label: "CSV"),
                     Link(href: paths.actions + "/data.json" + query.queryString, label: "JSON")]
        total = all.count
        count = chosen.count
        actions = chosen.map { ActionRow($1, plan: $0, lookup: lookup, language: language, latest: latest[$1.id]) }
        budget = BudgetTables(actions: chosen.map(\.1), lookup: lookup, language: language)
        hasActions = !chosen.isEmpty
        hasBudget = budget.total != nil
        byPlan = plans.compactMap { plan in
            let sum = chosen.filter { $0.0.id == plan.id }.compactMap(\.1.totalBudget).reduce(0, +)
            return sum > 0 ? BudgetTables.TotalRow(label: plan.title.text(in: language), amount: format.euro(sum), share: "", value: sum) : nil
        }

        func filter(_ name: String, _ choices: [(String, String)], _ current: String?) -> Filter {
            Filter(name: name, label: t["filter_\(name)"]!,
                   options: [Option(value: "", label: t["filter_all"]!, selected: current == nil)]
                       + choices.map { Option(value: $0.0, label: $0.1, selected: $0.0 == current) })
        }
        let fundingIDs = Set(all.flatMap { $0.1.budget.compactMap(\.funding) }).sorted()
        filters = [
            filter("plan", plans.filter { !$0.actions.isEmpty }.map { ($0.id, $0.title.text(in: language)) }, query.plan),
            filter("participation", ParticipationCategory.allCases.map { (String($0.rawValue), "\($0.rawValue). \($0.label.text(in: language))") },
                   query.participation),
            filter("funding", fundingIDs.map { ($0, lookup.fundingName($0, language)) }, query.funding),
            filter("status", ActionStatus.allCases.map { ($0.rawValue, $0.label.text(in: language)) }, query.status),
        ]
    }
}
