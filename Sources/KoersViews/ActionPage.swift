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

    public init(_ u: ActionUpdate, language: Language) {
        let format = NumberFormat(language)
        status = u.progress.label.text(in: language)
        statusCode = u.progress.rawValue
        percent = u.percentDone.map { "\($0)\u{00A0}%" }
        spent = u.spent.map(format.euro)
        period = format.period(u.period)
        note = u.note
        author = u.author
        day = String(u.at.prefix(10))
    }

    /// "op koers · 40 % · 2026-Q3": a report in a table cell.
    static func summary(_ u: ActionUpdate, format: NumberFormat, language: Language) -> String {
        ([u.progress.label.text(in: language)] + [u.percentDone.map { "\($0)\u{00A0}%" }].compactMap { $0 } + [format.period(u.period)])
            .joined(separator: " · ")
    }
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
    public var updates: [ActionUpdateRow]
    public var hasUpdates: Bool
    /// Who reported (an e-mail address): for signed-in readers only; the public sees the lead organisation.
    public var showAuthors: Bool
    public var form: Form?

    public init?(id: String, plans: [Plan], updates: [ActionUpdate], lookup: Lookup, language: Language, form: Form? = nil,
                 showAuthors: Bool = false) {
        guard let (plan, action) = Self.find(id, in: plans) else { return nil }
        title = action.title.text(in: language)
        row = ActionRow(action, plan: plan, lookup: lookup, language: language, latest: updates.first)
        documentStatus = action.status.label.text(in: language)
        self.updates = updates.map { ActionUpdateRow($0, language: language) }
        hasUpdates = !updates.isEmpty
        self.showAuthors = showAuthors
        self.form = form
    }

    /// The action and its plan, by id.
    public static func find(_ id: String, in plans: [Plan]) -> (plan: Plan, action: Action)? {
        for plan in plans { if let action = plan.actions.first(where: { $0.id == id }) { return (plan, action) } }
        return nil
    }
}
