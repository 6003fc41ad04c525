/// Everything Koers loads from plan files in one go: geography, organisations, funding programmes, indicators, plans
/// and the observations the documents state. Loaded and stored as a whole so that a bad file changes nothing.
public struct Catalogue: Sendable, Hashable {
    public var geography: Geography
    public var organisations: [Organisation]
    public var fundingProgrammes: [FundingProgramme]
    public var indicators: [Indicator]
    public var plans: [Plan]
    public var observations: [Observation]

    public init(geography: Geography = Geography(), organisations: [Organisation] = [],
                fundingProgrammes: [FundingProgramme] = [], indicators: [Indicator] = [], plans: [Plan] = [],
                observations: [Observation] = []) {
        self.geography = geography
        self.organisations = organisations
        self.fundingProgrammes = fundingProgrammes
        self.indicators = indicators
        self.plans = plans
        self.observations = observations
    }
}

/// Budget totals of a set of actions, the way a plan page and a portfolio report them.
public struct BudgetSummary: Sendable, Hashable {
    /// Sum of every budget line.
    public var total: Double
    /// Whether any line in the total is approximate ("about 0.5 M€").
    public var approximate: Bool
    /// Totals per participation category; actions without one are under nil.
    public var byParticipation: [ParticipationCategory?: Double]
    /// Totals per funding programme id; lines without one are under nil.
    public var byFunding: [String?: Double]
    /// How many actions state a budget, and how many do not.
    public var actionsWithBudget: Int
    public var actionsWithoutBudget: Int

    public init(actions: [Action]) {
        total = 0
        approximate = false
        byParticipation = [:]
        byFunding = [:]
        actionsWithBudget = 0
        actionsWithoutBudget = 0
        for action in actions {
            guard let sum = action.totalBudget else {
                actionsWithoutBudget += 1
                continue
            }
            actionsWithBudget += 1
            total += sum
            byParticipation[action.participation, default: 0] += sum
            for line in action.budget {
                byFunding[line.funding, default: 0] += line.amount
                approximate = approximate || line.approximate
            }
        }
    }
}
