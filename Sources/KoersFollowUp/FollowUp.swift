import KoersCore
import KoersStore

/// Everything a store must answer for the follow-up: the published side, the periods per indicator, drafts,
/// reports and accounts. The database stores answer all of it.
public typealias FollowUpSources = StoreReader & PeriodIndex & DraftStore & ActionUpdateStore & AccountStore

/// What waits for someone, on one day: indicators whose next value is late, actions whose owners are silent,
/// drafts and reports that wait for a steward, oldest first. The follow-up page shows it; the digests send it.
public struct FollowUp: Sendable {
    public struct Overdue: Sendable {
        public var indicator: Indicator
        public var latest: Period
        public var due: Day
        public var daysLate: Int
    }

    public struct Silent: Sendable {
        public var action: Action
        public var plan: Plan
        /// The enabled action owners of the lead organisation: who is asked to report.
        public var owners: [String]
        public var silence: ActionSilence
    }

    public var today: Day
    public var rules: StalenessRules
    /// Oldest due date first.
    public var overdue: [Overdue]
    /// Defined, without a single value.
    public var withoutValues: [Indicator]
    /// Never reported first, then the longest silent.
    public var silent: [Silent]
    /// Waiting drafts, oldest first.
    public var drafts: [Draft]
    /// Reports that wait for approval, oldest first.
    public var reports: [ActionUpdate]
    /// Enabled data stewards and admins: who approves, and who is told of overdue data.
    public var stewards: [Account]
    /// Enabled action owners.
    public var owners: [Account]

    public static func build(from store: any FollowUpSources, today: Day, rules: StalenessRules) async throws -> FollowUp {
        let periods = try await store.periodsByIndicator()
        var overdue: [Overdue] = [], withoutValues: [Indicator] = []
        for indicator in try await store.indicators() {
            let freshness = IndicatorFreshness(indicator: indicator, periods: periods[indicator.code] ?? [], rules: rules)
            if freshness.latest == nil { withoutValues.append(indicator) }
            if freshness.isOverdue(on: today), let latest = freshness.latest, let due = freshness.due {
                overdue.append(Overdue(indicator: indicator, latest: latest, due: due, daysLate: today.ordinal - due.ordinal))
            }
        }
        let accounts = try await store.accounts().filter { !$0.disabled }
        let owners = accounts.filter { $0.role == .actionOwner }
        let updates = try await store.updates(action: nil)
        var newest: [String: ActionUpdate] = [:]
        for u in updates where newest[u.action] == nil { newest[u.action] = u }
        var silent: [Silent] = []
        for plan in try await store.plans() {
            for action in plan.actions {
                guard let silence = ActionSilence.of(action: action.id, latest: newest[action.id], today: today, rules: rules) else { continue }
                let asked = owners.filter { owner in action.lead.map(owner.organisations.contains) == true }.map(\.email)
                silent.append(Silent(action: action, plan: plan, owners: asked, silence: silence))
            }
        }
        silent.sort { ($0.silence.lastReport?.ordinal ?? .min, $0.plan.id, $0.action.id) < ($1.silence.lastReport?.ordinal ?? .min, $1.plan.id, $1.action.id) }
        return FollowUp(today: today, rules: rules,
                        overdue: overdue.sorted { ($0.due, $0.indicator.code) < ($1.due, $1.indicator.code) },
                        withoutValues: withoutValues.sorted { $0.code < $1.code },
                        silent: silent,
                        drafts: try await store.drafts().filter(\.isWaiting).sorted { $0.id < $1.id },
                        reports: updates.filter { !$0.isApproved }.sorted { $0.id < $1.id },
                        stewards: accounts.filter { $0.role == .steward || $0.role == .admin },
                        owners: owners)
    }
}
