import KoersCore

/// An action as a row of a table: what, who, with whom, how, when, how much and from where.
public struct ActionRow: Sendable {
    public var title: String
    public var summary: String?
    public var plan: Link
    public var node: String?
    public var lead: String?
    public var partners: String?
    public var participation: String?
    public var period: String?
    public var status: String
    public var budget: String?
    public var funding: String?
    public var source: String?
    /// The action's own page.
    public var href: String
    /// The owner's latest report ("op koers · 40 % · 2026-Q3"), when there is one.
    public var latest: String?

    public init(_ a: Action, plan: Plan, lookup: Lookup, language: Language, latest update: ActionUpdate? = nil) {
        let format = NumberFormat(language)
        title = a.title.text(in: language)
        href = Paths(language).action(a.id)
        latest = update.map { ActionUpdateRow.summary($0, format: format, language: language) }
        summary = a.summary?.text(in: language)
        self.plan = Link(href: Paths(language).plan(plan.id), label: plan.title.text(in: language))
        node = a.node.flatMap { plan.node($0) }.map { "\($0.code) \($0.title.text(in: language))" }
        lead = lookup.organisationName(a.lead, language)
        partners = a.partners.isEmpty ? nil : a.partners.compactMap { lookup.organisationName($0, language) }.joined(separator: ", ")
        participation = a.participation.map { "\($0.rawValue). \($0.label.text(in: language))" }
        period = a.period.map(format.period)
        status = a.status.label.text(in: language)
        let approximate = a.budget.contains(where: \.approximate)
        budget = a.totalBudget.map { (approximate ? "ca. " : "") + format.euro($0) }
        let fundings = Set(a.budget.compactMap(\.funding)).sorted().map { lookup.fundingName($0, language) }
        funding = fundings.isEmpty ? nil : fundings.joined(separator: ", ")
        source = a.source
    }
}

/// The budgets of a set of actions: the total, and the totals per participation category and per funding source with
/// their shares. Actions without a stated budget are counted and said, never estimated.
public struct BudgetTables: Sendable {
    public struct TotalRow: Sendable {
        public var label: String
        public var amount: String
        public var share: String
        /// The unformatted amount, for charts.
        public var value: Double
    }

    public var total: String?
    public var note: String?
    public var byParticipation: [TotalRow]
    public var byFunding: [TotalRow]

    public init(actions: [Action], lookup: Lookup, language: Language) {
        let format = NumberFormat(language)
        let summary = BudgetSummary(actions: actions)
        func share(_ amount: Double) -> String {
            summary.total > 0 ? format.number(amount / summary.total * 100, decimals: 1) + "\u{00A0}%" : "–"
        }
        func row(_ label: String, _ amount: Double) -> TotalRow {
            TotalRow(label: label, amount: format.euro(amount), share: share(amount), value: amount)
        }
        if summary.actionsWithBudget > 0 {
            total = (summary.approximate ? "ca. " : "") + format.euro(summary.total)
            let n = summary.actionsWithoutBudget
            note = n == 0 ? nil : language == .nl
                ? (n == 1 ? "1 actie zonder vermeld budget is niet meegeteld." : "\(n) acties zonder vermeld budget zijn niet meegeteld.")
                : (n == 1 ? "1 action without a stated budget is not counted." : "\(n) actions without a stated budget are not counted.")
        }
        let none = UIText.table(language)["budget_no_category"]!
        byParticipation = summary.byParticipation.sorted { ($0.key?.rawValue ?? 99) < ($1.key?.rawValue ?? 99) }.map {
            row($0.key.map { "\($0.rawValue). \($0.label.text(in: language))" } ?? none, $0.value)
        }
        byFunding = summary.byFunding.sorted { ($1.value, $0.key ?? "") < ($0.value, $1.key ?? "") }.map {
            row(lookup.fundingName($0.key, language), $0.value)
        }
    }
}
