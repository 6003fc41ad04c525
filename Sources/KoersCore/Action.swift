/// POM West-Vlaanderen's four ways of taking part in an action, from lightest to heaviest commitment.
public enum ParticipationCategory: Int, Sendable, Codable, CaseIterable {
    case awareness = 1, subsidy = 2, participation = 3, promotion = 4

    public var label: LocalizedText {
        switch self {
        case .awareness: LocalizedText(nl: "Sensibilisering", en: "Awareness raising")
        case .subsidy: LocalizedText(nl: "Subsidiëring", en: "Subsidy")
        case .participation: LocalizedText(nl: "(Minderheids)participatie", en: "(Minority) participation")
        case .promotion: LocalizedText(nl: "Promotorschap", en: "Promotorship")
        }
    }
}

/// Where an action stands.
public enum ActionStatus: String, Sendable, Codable, CaseIterable {
    case planned, ongoing, completed, unknown

    public var label: LocalizedText {
        switch self {
        case .planned: LocalizedText(nl: "gepland", en: "planned")
        case .ongoing: LocalizedText(nl: "lopend", en: "ongoing")
        case .completed: LocalizedText(nl: "afgerond", en: "completed")
        case .unknown: LocalizedText(nl: "onbekend", en: "unknown")
        }
    }
}

/// An amount of money for an action, in euro, from one funding source.
public struct BudgetLine: Sendable, Hashable, Codable {
    public var amount: Double
    public var funding: String?
    /// The document gives the amount as "about", "nearly"…
    public var approximate: Bool
    public var note: String?

    public init(amount: Double, funding: String? = nil, approximate: Bool = false, note: String? = nil) {
        self.amount = amount
        self.funding = funding
        self.approximate = approximate
        self.note = note
    }
}

/// A target an action serves, as a document states it: in the action's own plan or another (a relanceplan action
/// may serve a Streekvisie ambition), with where the document says so.
public struct ActionTargetLink: Sendable, Hashable, Codable {
    public var plan: String
    public var target: String
    /// Where the document states the link.
    public var source: String

    public init(plan: String, target: String, source: String) {
        self.plan = plan
        self.target = target
        self.source = source
    }
}

/// Something an organisation does to move a plan forward, with its partners and budget.
public struct Action: Sendable, Hashable, Codable {
    public var id: String
    public var title: LocalizedText
    public var summary: LocalizedText?
    /// The code of the plan node the action belongs to.
    public var node: String?
    public var lead: String?
    public var partners: [String]
    public var participation: ParticipationCategory?
    public var period: Period?
    public var status: ActionStatus
    public var budget: [BudgetLine]
    public var source: String?
    /// The targets it serves, only as documents state them.
    public var serves: [ActionTargetLink]

    public init(id: String, title: LocalizedText, summary: LocalizedText? = nil, node: String? = nil, lead: String? = nil,
                partners: [String] = [], participation: ParticipationCategory? = nil, period: Period? = nil,
                status: ActionStatus = .unknown, budget: [BudgetLine] = [], source: String? = nil, serves: [ActionTargetLink] = []) {
        self.id = id
        self.title = title
        self.summary = summary
        self.node = node
        self.lead = lead
        self.partners = partners
        self.participation = participation
        self.period = period
        self.status = status
        self.budget = budget
        self.source = source
        self.serves = serves
    }

    /// The action's total budget, nil when it states none.
    public var totalBudget: Double? { budget.isEmpty ? nil : budget.reduce(0) { $0 + $1.amount } }
}
