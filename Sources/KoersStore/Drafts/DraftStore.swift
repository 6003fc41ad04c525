import KoersCore

/// Drafts, kept beside the published values (SQLite and PostgreSQL, one contract). Staging, approving and rejecting
/// each write their audit row in their transaction.
public protocol DraftStore: Sendable {
    /// Writes the draft, its values and its audit row (`data.draft`, object `draft:ID`); returns its id.
    @discardableResult
    func stage(_ draft: Draft, values: [DraftValue], context: AuditContext) async throws -> Int64
    /// Every draft, newest first.
    func drafts() async throws -> [Draft]
    func draft(id: Int64) async throws -> Draft?
    /// A draft's values, by file and key; of one indicator only when `indicator` is given.
    func draftValues(draft: Int64, indicator: String?) async throws -> [DraftValue]
    /// The values of one indicator that wait in drafts, oldest draft first: what signed-in readers see as "concept".
    func waitingValues(indicator: String) async throws -> [DraftValue]
    /// Writes a rejection (`DraftStatements.decide`, audited as `data.draft.reject`): the draft's values are dropped,
    /// the published ones untouched. `reject(draft:note:context:fourEyes:)` checks first whether it may.
    func recordRejection(draft id: Int64, note: String?, context: AuditContext) async throws
}
