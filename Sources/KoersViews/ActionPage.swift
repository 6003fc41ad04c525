import KoersCore

/// One report on an action, as the action page's history shows it.
public struct ActionUpdateRow: Sendable {
    public var status: String
    /// `at-risk`, `off-course`…: the badge's class.
    public var statusCode: String
    public var percent: String?
    public var spent: String?
    public var period: String
    public var note: String?
    public var author: String
    /// The day it was reported (UTC), `2026-12-07`.
    public var day: String
    public var id: String
    /// It waits for a steward's approval: the public does not see it yet.
    public var waiting: Bool

    public init(_ u: ActionUpdate, language: Language) {
        let format = NumberFormat(language)
        status = u.progress.label.text(in: language)
        statusCode = u.progress.rawValue
        percent = Self.percent(u)
        spent = u.spent.map(format.euro)
        period = format.period(u.period)
        note = u.note
        author = u.author
        day = String(u.at.prefix(10))
        id = String(u.id)
        waiting = !u.isApproved
    }

    /// "op koers · 40 % · 2026-Q3": a report in a table cell.
    static func summary(_ u: ActionUpdate, format: NumberFormat, language: Language) -> String {
        ([u.progress.label.text(in: language)] + [percent(u)].compactMap { $0 } + [format.period(u.period)]).joined(separator: " · ")
    }

    static func percent(_ u: ActionUpdate) -> String? { u.percentDone.map { "\($0)\u{00A0}%" } }
}

/// An action's page: its place in its plan, who leads it with whom, how, when, with what money, and the owners'
/// reports, newest first; for those who may report, the form.
public struct ActionPage: Sendable {
    /// The report form: where it posts, the session's token, the choices and what was typed (kept after a refusal).
    public struct Form: Sendable {
        public var action: String
        public var csrf: String
        public var actionID: String
        public var statuses: [ActionsPage.Option]
        public var percent: String
        public var spent: String
        public var period: String
        public var note: String
        public var problems: [String]
        public var hasProblems: Bool

        public init(action: String, csrf: String, actionID: String, status: String, percent: String, spent: String, period: String,
                    note: String, problems: [String], language: Language) {
            self.action = action
            self.csrf = csrf
            self.actionID = actionID
            statuses = ActionProgress.allCases.map {
                ActionsPage.Option(value: $0.rawValue, label: $0.label.text(in: language), selected: $0.rawValue == status)
            }
            self.percent = percent
            self.spent = spent
            self.period = period
            self.note = note
            self.problems = problems
            hasProblems = !problems.isEmpty
        }
    }

    public var title: String
    public var row: ActionRow
    public var documentStatus: String
    /// The targets it serves, as documents state it.
    public var serves: [ServedTarget]
    public var hasServes: Bool
    public var updates: [ActionUpdateRow]
    public var hasUpdates: Bool
    /// Where a steward approves a waiting report, for those who may.
    public struct Approval: Sendable {
        public var action: String
        public var csrf: String
        public init(action: String, csrf: String) { (self.action, self.csrf) = (action, csrf) }
    }
    public var approval: Approval?
    /// Who reported (an e-mail address): for signed-in readers only; the public sees the lead organisation.
    public var showAuthors: Bool
    public var form: Form?

    public init?(id: String, plans: [Plan], updates: [ActionUpdate], lookup: Lookup, language: Language, form: Form? = nil,
                 showAuthors: Bool = false, approval: Approval? = nil) {
        guard let (plan, action) = Self.find(id, in: plans) else { return nil }
        title = action.title.text(in: language)
        row = ActionRow(action, plan: plan, lookup: lookup, language: language, latest: updates.first)
        documentStatus = action.status.label.text(in: language)
        serves = ServedTarget.list(action, plans: plans, language: language)
        hasServes = !serves.isEmpty
        self.updates = updates.map { ActionUpdateRow($0, language: language) }
        hasUpdates = !updates.isEmpty
        self.showAuthors = showAuthors
        self.approval = approval
        self.form = form
    }

    /// The action and its plan, by id.
    public static func find(_ id: String, in plans: [Plan]) -> (plan: Plan, action: Action)? {
        for plan in plans { if let action = plan.actions.first(where: { $0.id == id }) { return (plan, action) } }
        return nil
    }
}

/// The actions that serve a target, as documents state it (`Action.serves`), across plans, with their budget.
public struct ServingActions: Sendable {
    public struct Item: Sendable {
        public var row: ActionRow
        /// Where the document states that the action serves the target.
        public var source: String
    }

    public var items: [Item]
    public var hasActions: Bool
    /// The sum of their stated budgets ("ca. € 1.200.000"), nil when none states one.
    public var budget: String?

    public init(plan: String, target: String, plans: [Plan], latest: [String: ActionUpdate], lookup: Lookup, language: Language) {
        var items: [Item] = [], actions: [Action] = []
        for p in plans {
            for a in p.actions {
                guard let link = a.serves.first(where: { $0.plan == plan && $0.target == target }) else { continue }
                items.append(Item(row: ActionRow(a, plan: p, lookup: lookup, language: language, latest: latest[a.id]), source: link.source))
                actions.append(a)
            }
        }
        self.items = items
        hasActions = !items.isEmpty
        budget = BudgetTables(actions: actions, lookup: lookup, language: language).total
    }
}

/// A target an action serves, as the action page lists it.
public struct ServedTarget: Sendable {
    public var link: Link
    public var source: String

    public static func list(_ action: Action, plans: [Plan], language: Language) -> [ServedTarget] {
        action.serves.compactMap { s in
            guard let plan = plans.first(where: { $0.id == s.plan }),
                  let target = plan.allTargets.first(where: { $0.target.code == s.target })?.target else { return nil }
            return ServedTarget(link: Link(href: Paths(language).target(plan: plan.id, code: target.code),
                                           label: "\(plan.title.text(in: language)) · \(target.code) \(target.text)"),
                                source: s.source)
        }
    }
}
