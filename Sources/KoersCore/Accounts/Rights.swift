/// What someone may do (a "right" of the role × action table; `Action` is a plan's action). Every route and
/// command that reads drafts or changes something names one of these, and `Rights.allows` is the only place that
/// decides.
public enum Permission: String, Sendable, Hashable, CaseIterable {
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
    /// Protect one's sign-in with a second factor (TOTP): offered to those whose accounts can change or approve
    /// what the public sees.
    case useSecondFactor = "use-second-factor"
}

/// The one table of rights: for each permission, the roles that have it; `nil` in a set is the public.
public enum Rights {
    public static let table: [Permission: Set<Role?>] = [
        .viewPublished: [nil, .reader, .actionOwner, .steward, .admin],
        .viewDrafts: [.reader, .steward, .admin],
        .importData: [.steward, .admin],
        .approveData: [.steward, .admin],
        .updateOwnActions: [.actionOwner, .admin],
        .editPlans: [.admin],
        .manageAccounts: [.admin],
        .viewAudit: [.admin],
        .manageOwnAccount: [.reader, .actionOwner, .steward, .admin],
        .useSecondFactor: [.steward, .admin],
    ]

    /// Whether `role` (nil: the public) has `permission`. One missing from the table is given to no one.
    public static func allows(_ role: Role?, _ permission: Permission) -> Bool {
        table[permission]?.contains(role) ?? false
    }

    /// Every permission `role` has.
    public static func actions(of role: Role?) -> Set<Permission> {
        Set(Permission.allCases.filter { allows(role, $0) })
    }

    /// Whether someone may report on an action led by `lead`: the right to update actions, and, but for an admin, the
    /// lead among their organisations (partners do not report; an action without a lead has only admins).
    public static func mayReport(onActionLedBy lead: String?, role: Role?, organisations: [String]) -> Bool {
        guard allows(role, .updateOwnActions) else { return false }
        return role == .admin || lead.map(organisations.contains) == true
    }

    /// Whether an API token with role `token` may be made by a user with role `user`: the token may do nothing the
    /// user cannot (roles are not a ladder: an action owner's token cannot be a reader's, which sees drafts).
    public static func mayDelegate(_ token: Role, by user: Role) -> Bool {
        actions(of: token).isSubset(of: actions(of: user))
    }
}
