import ArgumentParser
import KoersCore
import KoersStore

/// `koers audit`: the append-only trail of every change, newest first.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "audit", abstract: "Show the audit trail, newest first.")

    @OptionGroup var store: StoreOptions
    @Option(help: "Only changes at or after this time (ISO 8601: 2026-12-01 or 2026-12-01T08:00:00Z).") var since: String?
    @Option(help: "Only changes by this user (an e-mail address) or actor (cli:root).") var user: String?
    @Option(help: "Only changes to this object (account:jan@example.be).") var object: String?
    @Option(help: "At most this many rows.") var limit: Int?
    @Flag(help: "One JSON object per row.") var json = false

    func run() async throws {
        if let since, since.range(of: #"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?Z?)?$"#, options: .regularExpression) == nil {
            throw ValidationError("--since '\(since)' is not an ISO 8601 date or time (2026-12-01, 2026-12-01T08:00:00Z)")
        }
        let filter = AuditFilter(since: since, actor: user?.lowercased(), object: object, limit: limit)
        let entries = try await store.withStore { try await AccountInput.accounts($0).auditEntries(filter) }
        for e in entries {
            if json {
                let fields: [(String, String?)] = [("at", e.at), ("actor", e.actor), ("kind", e.kind), ("object", e.object),
                                                   ("address", e.address), ("user_agent", e.userAgent), ("note", e.note)]
                var parts = ["\"id\":\(e.id)"] + fields.map { "\(JSONString.quote($0.0)):\($0.1.map(JSONString.quote) ?? "null")" }
                // before and after are JSON already.
                parts += ["\"before\":\(e.before ?? "null")", "\"after\":\(e.after ?? "null")", "\"batch_id\":\(e.batchID.map(String.init) ?? "null")"]
                print("{" + parts.joined(separator: ",") + "}")
            } else {
                let change = [e.before, e.after].map { $0 ?? "—" }.joined(separator: " → ")
                print("\(e.id)\t\(e.at)\t\(e.actor)\t\(e.kind)\t\(e.object)\t\(change)\(e.note.map { "\tnote: \(JSONString.quote($0))" } ?? "")")
            }
        }
    }
}
