import Foundation
import KoersCore

/// The SQL of drafts, written once for both stores. A decision is a row of `draft_decision`, whose key is the draft:
/// a second decision on one draft fails in the database, so two stewards deciding at once cannot both succeed.
public enum DraftStatements {
    static let draftColumns = """
        SELECT d.id, d.created_at, d.created_by, d.files, d.new_count, d.changed_count, d.unchanged_count,
               c.verdict, c.decided_by, c.decided_at, c.note
        FROM draft d LEFT JOIN draft_decision c ON c.draft_id = d.id
        """
    public static let drafts = draftColumns + " ORDER BY d.id DESC"
    public static func draft(_ id: Int64) -> SQLStatement { SQLStatement(draftColumns + " WHERE d.id = ?", [.integer(id)]) }

    static let valueColumns = """
        SELECT draft_id, file_index, line, col, indicator_code, region_code, period, breakdown, value, flags, source, note
        FROM draft_value
        """

    public static func values(draft: Int64, indicator: String?) -> SQLStatement {
        indicator.map { SQLStatement(valueColumns + " WHERE draft_id = ? AND indicator_code = ? ORDER BY file_index, region_code, breakdown, period",
                                     [.integer(draft), .text($0)]) }
            ?? SQLStatement(valueColumns + " WHERE draft_id = ? ORDER BY file_index, line", [.integer(draft)])
    }

    /// A decided draft's values are dropped, so the values of an indicator that remain are waiting ones.
    public static func waiting(indicator: String) -> SQLStatement {
        SQLStatement(valueColumns + " WHERE indicator_code = ? ORDER BY draft_id, file_index, region_code, breakdown, period", [.text(indicator)])
    }

    /// The id the next draft gets (the largest + 1, as the audit's, so that a dump loads with its ids).
    public static let nextID = "SELECT COALESCE(MAX(id), 0) + 1 AS id FROM draft"

    /// The draft's row, its values (50 to a statement) and its audit row.
    public static func stage(_ draft: Draft, id: Int64, values: [DraftValue], context: AuditContext) -> [SQLStatement] {
        let files = String(decoding: (try? JSONEncoder.sorted.encode(draft.files)) ?? Data("[]".utf8), as: UTF8.self)
        var statements = [SQLStatement("""
            INSERT INTO draft (id, created_at, created_by, files, new_count, changed_count, unchanged_count) VALUES (?, ?, ?, ?, ?, ?, ?)
            """, [.integer(id), .text(draft.createdAt), .text(draft.createdBy), .text(files), .int(draft.new), .int(draft.changed),
                  .int(draft.unchanged)])]
        let columns = "draft_id, file_index, line, col, indicator_code, region_code, period, breakdown, value, flags, source, note"
        let rowsPerStatement = 50
        for start in stride(from: 0, to: values.count, by: rowsPerStatement) {
            let chunk = values[start..<min(start + rowsPerStatement, values.count)]
            // Exact duplicates in a file were counted once by the import's dry run; the first is kept.
            statements.append(SQLStatement("INSERT INTO draft_value (\(columns)) VALUES "
                + Array(repeating: "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", count: chunk.count).joined(separator: ", ") + " ON CONFLICT DO NOTHING",
                chunk.flatMap { v -> [SQLValue] in
                    let o = v.observation
                    return [.integer(id), .int(v.file), .int(v.line), .int(v.column), .text(o.indicator), .text(o.region),
                            .text(o.period.description), .text(o.breakdown.key), .double(o.value), .text(StoreStatements.flags(o.flags)),
                            .text(o.source), .text(o.note)]
                }))
        }
        let after: [String: AuditValue] = [
            "files": .list(draft.files.map(\.name)), "values": .number(Double(draft.values)), "new": .number(Double(draft.new)),
            "changed": .number(Double(draft.changed)), "unchanged": .number(Double(draft.unchanged)),
        ]
        statements.append(AccountStatements.insert(AuditEntry(at: draft.createdAt, actor: context.actor.description, kind: "data.draft",
                                                              object: "draft:\(id)", after: AuditValue.json(after), address: context.address,
                                                              userAgent: context.userAgent, note: context.note)))
        return statements
    }

    /// The decision, the dropping of the draft's values and the audit row (`data.draft.approve` or `.reject`).
    public static func decide(_ id: Int64, _ verdict: DraftVerdict, note: String?, context: AuditContext, at time: Date = Date()) -> [SQLStatement] {
        let at = ISO8601DateFormatter().string(from: time)
        let audit = AuditEntry(at: at, actor: context.actor.description, kind: verdict == .approved ? "data.draft.approve" : "data.draft.reject",
                               object: "draft:\(id)", after: AuditValue.json(["verdict": .text(verdict.rawValue)]), address: context.address,
                               userAgent: context.userAgent, note: note ?? context.note)
        return [
            SQLStatement("INSERT INTO draft_decision (draft_id, verdict, decided_by, decided_at, note) VALUES (?, ?, ?, ?, ?)",
                         [.integer(id), .text(verdict.rawValue), .text(context.actor.description), .text(at), .text(note)]),
            SQLStatement("DELETE FROM draft_value WHERE draft_id = ?", [.integer(id)]),
            AccountStatements.insert(audit),
        ]
    }

    public static func draft(_ row: some StoredRow) -> Draft {
        let files = (row.text("files")?.data(using: .utf8)).flatMap { try? JSONDecoder().decode([DraftFile].self, from: $0) } ?? []
        let decision = row.text("verdict").flatMap(DraftVerdict.init(rawValue:)).map {
            DraftDecision(verdict: $0, by: row.text("decided_by") ?? "", at: row.text("decided_at") ?? "", note: row.text("note"))
        }
        return Draft(id: row.integer("id") ?? 0, createdAt: row.text("created_at") ?? "", createdBy: row.text("created_by") ?? "",
                     files: files, new: Int(row.integer("new_count") ?? 0), changed: Int(row.integer("changed_count") ?? 0),
                     unchanged: Int(row.integer("unchanged_count") ?? 0), decision: decision)
    }

    public static func value(_ row: some StoredRow) -> DraftValue {
        DraftValue(draft: row.integer("draft_id") ?? 0, file: Int(row.integer("file_index") ?? 0), observation: StoredRows.observation(row),
                   line: Int(row.integer("line") ?? 0), column: Int(row.integer("col") ?? 0))
    }
}

extension JSONEncoder {
    /// Keys sorted, so that the same value is always the same text (in the store and in dumps).
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}

extension DraftStore where Self: ObservationWriter {
    /// Approves a waiting draft: its values are imported as its files' import batches (the same rules as any import:
    /// a value that now conflicts, or names a removed indicator, refuses the whole draft and it keeps waiting), and
    /// the decision with its audit row lands in the same transaction.
    @discardableResult
    public func approve(draft id: Int64, note: String?, context: AuditContext, fourEyes: Bool) async throws -> [ImportOutcome] {
        guard let draft = try await draft(id: id) else { throw DraftError.notFound(id) }
        try draft.checkDecidable(.approved, by: context.actor, fourEyes: fourEyes)
        let byFile = Dictionary(grouping: try await draftValues(draft: id, indicator: nil), by: \.file)
        let now = ISO8601DateFormatter().string(from: Date())
        let batches = draft.files.map { ImportBatch(fileName: $0.name, sha256: $0.sha256, format: $0.format, importedAt: now, actor: context.actor) }
        let files = draft.files
        return try await importObservations(batches, adding: CatalogueAdditions(), dryRun: false,
                                            finishing: DraftStatements.decide(id, .approved, note: note, context: context)) { index, sink in
            for v in byFile[index] ?? [] { try sink(v.observation, Location(file: files[index].name, line: v.line, column: v.column)) }
        }
    }

    /// Rejects a waiting draft, after the same checks as approval.
    public func reject(draft id: Int64, note: String?, context: AuditContext, fourEyes: Bool) async throws {
        guard let draft = try await draft(id: id) else { throw DraftError.notFound(id) }
        try draft.checkDecidable(.rejected, by: context.actor, fourEyes: fourEyes)
        try await recordRejection(draft: id, note: note, context: context)
    }
}
