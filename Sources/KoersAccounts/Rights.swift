/// What someone may do. Every route and command that reads drafts or changes something names one of these, and
/// `Rights.allows` is the only place that decides.
public enum Action: String, Sendable, Hashable, CaseIterable {
    /// Published plans, values and assessments: what the public sees.
    case viewPublished = "view-published"
    /// Values loaded but not yet approved, and plan changes not yet published.
    case viewDrafts = "view-drafts"
    /// Load indicator data (an import, in the browser or by a token).
    case importData = "import-data"
    /// Approve or reject what was loaded, so that the public sees it.
    case approveData = "approve-data"
    /// Report on an action the user's organisation leads (status, progress note).
    case updateOwnActions = "update-own-actions"
    /// Edit plans: pillars, ambitions, actions, budgets.
    case editPlans = "edit-plans"
    /// Add accounts, change roles, disable accounts, reset passwords.
    case manageAccounts = "manage-accounts"
    /// Read and download the audit trail.
    case viewAudit = "view-audit"
    /// Change one's own password, second factor and API tokens.
    case manageOwnAccount = "manage-own-account"
}

/// The one table of rights: for each action, the roles that may take it; `nil` in a set is the public.
public enum Rights {
    public static let table: [Action: Set<Role?>] = [
        .viewPublished: [nil, .reader, .actionOwner, .steward, .admin],
        .viewDrafts: [.reader, .steward, .admin],
        .importData: [.steward, .admin],
        .approveData: [.steward, .admin],
        .updateOwnActions: [.actionOwner, .admin],
        .editPlans: [.admin],
        .manageAccounts: [.admin],
        .viewAudit: [.admin],
        .manageOwnAccount: [.reader, .actionOwner, .steward, .admin],
    ]

    /// Whether `role` (nil: the public) may take `action`. An action missing from the table is allowed to no one.
    public static func allows(_ role: Role?, _ action: Action) -> Bool {
        table[action]?.contains(role) ?? false
    }

    /// Every action `role` may take.
    public static func actions(of role: Role?) -> Set<Action> {
        Set(Action.allCases.filter { allows(role, $0) })
    }

    /// Whether an API token with role `token` may be made by a user with role `user`: the token may do nothing the
    /// user cannot (roles are not a ladder: an action owner's token cannot be a reader's, which sees drafts).
    public static func mayDelegate(_ token: Role, by user: Role) -> Bool {
        actions(of: token).isSubset(of: actions(of: user))
    }
}
