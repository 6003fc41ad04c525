import KoersCore
import KoersViews

/// `GET /api/v1/actions`: the actions that pass the filters, across plans, and the totals of their budgets.
struct ActionList: Codable, Sendable {
    var actions: [ActionItem]
    var totals: BudgetTotals
}

/// An action with its lead, partners, participation category, period, status and budget lines.
struct ActionItem: Codable, Sendable {
    struct Participation: Codable, Sendable {
        /// POM West-Vlaanderen's categories, 1 (awareness raising) to 4 (promotorship).
        var category: Int
        var label: Text
    }

    struct BudgetLine: Codable, Sendable {
        /// Euro.
        var amount: Double
        /// Null when the document names no funding source.
        @Nullable var funding: FundingRef?
        /// The document says "about", "nearly"…
        var approximate: Bool
        @Nullable var note: String?
    }

    var id: String
    var plan: String
    var title: Text
    @Nullable var summary: Text?
    /// The code of the plan node the action belongs to.
    @Nullable var node: String?
    @Nullable var lead: OrganisationRef?
    var partners: [OrganisationRef]
    @Nullable var participation: Participation?
    @Nullable var period: String?
    /// `planned`, `ongoing`, `completed` or `unknown`.
    var status: String
    var statusLabel: Text
    var budget: [BudgetLine]
    /// The sum of the budget lines; null when the action states no budget.
    @Nullable var budgetTotal: Double?
    @Nullable var source: String?
    var serves: [ServedTarget]

    struct ServedTarget: Codable, Sendable {
        var plan: String
        var target: String
        var source: String
        var url: String
    }

    enum CodingKeys: String, CodingKey {
        case id, plan, title, summary, node, lead, partners, participation, period, status, budget, source, serves
        case statusLabel = "status_label", budgetTotal = "budget_total"
    }

    init(_ a: Action, plan: String, lookup: Lookup) {
        id = a.id
        self.plan = plan
        title = Text(a.title)
        summary = Text(a.summary)
        node = a.node
        lead = a.lead.map { OrganisationRef($0, lookup: lookup) }
        partners = a.partners.map { OrganisationRef($0, lookup: lookup) }
        participation = a.participation.map { Participation(category: $0.rawValue, label: Text($0.label)) }
        period = a.period?.description
        status = a.status.rawValue
        statusLabel = Text(a.status.label)
        budget = a.budget.map { line in
            BudgetLine(amount: line.amount, funding: line.funding.map { FundingRef($0, lookup: lookup) },
                       approximate: line.approximate, note: line.note)
        }
        budgetTotal = a.totalBudget
        source = a.source
        serves = a.serves.map {
            ServedTarget(plan: $0.plan, target: $0.target, source: $0.source,
                         url: "/api/v1/plans/\(Paths.escape($0.plan))/targets/\(Paths.escape($0.target))")
        }
    }
}

/// The budget totals of a set of actions, split by participation category and by funding source; each split adds
/// up to `total`.
struct BudgetTotals: Codable, Sendable {
    struct ByParticipation: Codable, Sendable {
        /// Null for actions that state no category.
        @Nullable var category: Int?
        var label: Text
        var amount: Double
    }

    struct ByFunding: Codable, Sendable {
        /// Null for budget lines that name no funding source.
        @Nullable var funding: FundingRef?
        var label: Text
        var amount: Double
    }

    /// Euro; 0 when no action states a budget.
    var total: Double
    /// Whether an amount in the total is approximate.
    var approximate: Bool
    var actionsWithBudget: Int
    var actionsWithoutBudget: Int
    /// By category, 1 to 4, then actions without one.
    var byParticipation: [ByParticipation]
    /// Largest first.
    var byFunding: [ByFunding]

    enum CodingKeys: String, CodingKey {
        case total, approximate
        case actionsWithBudget = "actions_with_budget", actionsWithoutBudget = "actions_without_budget"
        case byParticipation = "by_participation", byFunding = "by_funding"
    }

    init(actions: [Action], lookup: Lookup) {
        let b = BudgetSummary(actions: actions)
        total = b.total
        approximate = b.approximate
        actionsWithBudget = b.actionsWithBudget
        actionsWithoutBudget = b.actionsWithoutBudget
        byParticipation = b.byParticipation.sorted { ($0.key?.rawValue ?? 99) < ($1.key?.rawValue ?? 99) }.map { category, amount in
            ByParticipation(category: category?.rawValue,
                            label: category.map { Text($0.label) } ?? Text { Labels.noParticipationCategory($0) },
                            amount: amount)
        }
        byFunding = b.byFunding.sorted { ($1.value, $0.key ?? "") < ($0.value, $1.key ?? "") }.map { id, amount in
            ByFunding(funding: id.map { FundingRef($0, lookup: lookup) }, label: Text { lookup.fundingName(id, $0) }, amount: amount)
        }
    }
}

/// `/api/v1/actions/{id}/updates`: the owners' reports on one action, newest first.
struct ActionUpdateList: Codable, Sendable {
    var action: String
    var updates: [ActionUpdateItem]
}

struct ActionUpdateItem: Codable, Sendable {
    var id: Int64
    /// not-started, on-course, at-risk, off-course, done or stopped.
    var status: String
    var statusLabel: Text
    @Nullable var percentDone: Int?
    /// Euro spent so far.
    @Nullable var spent: Double?
    /// The period the report covers, canonical notation.
    var period: String
    @Nullable var note: String?
    /// When it was reported, ISO 8601 UTC. Who reported is not published (an e-mail address).
    var reportedAt: String

    enum CodingKeys: String, CodingKey {
        case id, status, spent, period, note
        case statusLabel = "status_label", percentDone = "percent_done", reportedAt = "reported_at"
    }

    init(_ u: ActionUpdate) {
        id = u.id
        status = u.progress.rawValue
        statusLabel = Text(u.progress.label)
        percentDone = u.percentDone
        spent = u.spent
        period = u.period.description
        note = u.note
        reportedAt = u.at
    }
}
