import KoersCore
import KoersStore

/// `koers batch list --json` and `show --json`: drafts as JSON, snake_case as the API.
enum DraftJSON {
    static func list(_ drafts: [Draft]) -> String {
        "[" + drafts.map(object).joined(separator: ",") + "]"
    }

    static func show(_ draft: Draft, values: [DraftValue]) -> String {
        let rows = values.map { v in
            let o = v.observation
            return "{\"file\":\(v.file),\"line\":\(v.line),\"indicator\":\(q(o.indicator)),\"region\":\(q(o.region)),"
                + "\"period\":\(q(o.period.description)),\"breakdown\":\(q(o.breakdown.key)),\"value\":\(number(o.value))}"
        }
        return String(object(draft).dropLast()) + ",\"values\":[" + rows.joined(separator: ",") + "]}"
    }

    private static func object(_ d: Draft) -> String {
        let files = d.files.map { "{\"name\":\(q($0.name)),\"format\":\(q($0.format)),\"sha256\":\(q($0.sha256)),\"values\":\($0.values)}" }
        var fields = [
            "\"id\":\(d.id)", "\"state\":\(q(d.decision?.verdict.rawValue ?? "waiting"))", "\"created_at\":\(q(d.createdAt))",
            "\"created_by\":\(q(d.createdBy))", "\"files\":[\(files.joined(separator: ","))]", "\"new\":\(d.new)",
            "\"changed\":\(d.changed)", "\"unchanged\":\(d.unchanged)",
        ]
        if let c = d.decision {
            fields.append("\"decision\":{\"verdict\":\(q(c.verdict.rawValue)),\"by\":\(q(c.by)),\"at\":\(q(c.at)),\"note\":\(c.note.map(q) ?? "null")}")
        }
        return "{" + fields.joined(separator: ",") + "}"
    }

    private static func q(_ s: String) -> String { JSONString.quote(s) }

    /// The shortest text that reads back as the same double.
    private static func number(_ v: Double) -> String { v.isFinite ? "\(v)" : "null" }
}
