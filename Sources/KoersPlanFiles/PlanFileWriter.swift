import Foundation
import KoersCore

/// Writes a plan as the YAML file `data/FORMAT.md` describes, in one canonical layout: keys in the format's order,
/// absent values and defaults left out, short maps on one line. The bundled plan files are kept in this layout, so that
/// `koers export-plans` writes them back byte for byte and a plan edited in the browser comes back as a small diff.
public enum PlanFileWriter {
    /// The widest line a map is written on before it is spread over lines of its own.
    static let lineWidth = 120

    /// The file text of `plan`. `organisations` and `funding` name the entries the file lists (the plan's own lists,
    /// followed by any its actions refer to that the lists lack, so that the file stands on its own).
    public static func text(of plan: Plan, organisations: [Organisation], funding: [FundingProgramme]) -> String {
        let plan = completingLists(plan)
        var out = YAMLLines()
        out.scalar("id", plan.id, at: 0)
        out.localized("title", plan.title, at: 0)
        if let owner = plan.owner { out.scalar("owner", owner, at: 0) }
        out.scalar("region", plan.region, at: 0)
        if let period = plan.period { out.quoted("period", period.description, at: 0) }
        if let document = plan.document {
            out.line("document:", at: 0)
            out.quoted("title", document.title, at: 1)
            if let file = document.file { out.scalar("file", file, at: 1) }
            if let publisher = document.publisher { out.quoted("publisher", publisher, at: 1) }
            if let date = document.date { out.quoted("date", date, at: 1) }
        }
        if let summary = plan.summary { out.localized("summary", summary, at: 0) }

        let byID = Dictionary(organisations.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let listedOrganisations = plan.organisations
        if !listedOrganisations.isEmpty {
            out.line("organisations:", at: 0)
            for id in listedOrganisations {
                guard let o = byID[id] else { continue }
                var fields = ["id: \(YAMLLines.plain(o.id))", "name: \(YAMLLines.flow(o.name))"]
                if let kind = o.kind { fields.append("kind: \(YAMLLines.plain(kind))") }
                out.line("- {\(fields.joined(separator: ", "))}", at: 1)
            }
        }
        let fundingByID = Dictionary(funding.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let listedFunding = plan.fundingProgrammes
        if !listedFunding.isEmpty {
            out.line("funding_programmes:", at: 0)
            for id in listedFunding {
                guard let f = fundingByID[id] else { continue }
                out.line("- {id: \(YAMLLines.plain(f.id)), name: \(YAMLLines.flow(f.name))}", at: 1)
            }
        }
        if !plan.nodes.isEmpty {
            out.line("nodes:", at: 0)
            for node in plan.nodes { write(node, at: 1, to: &out) }
        }
        if !plan.actions.isEmpty {
            out.line("actions:", at: 0)
            for action in plan.actions { write(action, plan: plan.id, at: 1, to: &out) }
        }
        if plan.reportsNeedApproval { out.line("report_approval: true", at: 0) }
        return out.text
    }

    /// `plan` with the organisations and funding programmes its file lists completed: its own lists, then those its
    /// owner and actions name that the lists lack, each once (what a file of the plan lists, and reads back as).
    public static func completingLists(_ plan: Plan) -> Plan {
        func listed(_ own: [String], referenced: [String]) -> [String] {
            var seen = Set<String>()
            return (own + referenced).filter { seen.insert($0).inserted }
        }
        var plan = plan
        plan.organisations = listed(plan.organisations, referenced: [plan.owner].compactMap { $0 }
                                        + plan.actions.flatMap { [$0.lead].compactMap { $0 } + $0.partners })
        plan.fundingProgrammes = listed(plan.fundingProgrammes, referenced: plan.actions.flatMap { $0.budget.compactMap(\.funding) })
        return plan
    }

    /// A list item: its first key after `- `, the others under it.
    static func write(_ node: PlanNode, at level: Int, to out: inout YAMLLines) {
        out.item { out in
            out.quoted("code", node.code, at: level)
            out.scalar("kind", node.kind, at: level)
            out.localized("title", node.title, at: level)
            if let summary = node.summary { out.localized("summary", summary, at: level) }
            if let source = node.source { out.quoted("source", source, at: level) }
            if !node.nodes.isEmpty {
                out.line("nodes:", at: level)
                for child in node.nodes { write(child, at: level + 1, to: &out) }
            }
            if !node.targets.isEmpty {
                out.line("targets:", at: level)
                for target in node.targets { write(target, at: level + 1, to: &out) }
            }
        }
    }

    static func write(_ t: Target, at level: Int, to out: inout YAMLLines) {
        out.item { out in
            out.quoted("code", t.code, at: level)
            out.quoted("text", t.text, at: level)
            out.scalar("indicator", t.indicator, at: level)
            out.scalar("region", t.region, at: level)
            if !t.breakdown.isEmpty {
                let parts = t.breakdown.dimensions.sorted { $0.key < $1.key }
                    .map { "\(YAMLLines.plain($0.key)): \(YAMLLines.plain($0.value))" }
                out.line("breakdown: {\(parts.joined(separator: ", "))}", at: level)
            }
            var baseline: [String] = []
            if let value = t.baseline.value { baseline.append("value: \(YAMLLines.number(value))") }
            baseline.append("period: \(YAMLLines.quote(t.baseline.period.description))")
            out.line("baseline: {\(baseline.joined(separator: ", "))}", at: level)
            var goal = ["kind: \(t.goal.kind.rawValue)"]
            if let value = t.goal.value { goal.append("value: \(YAMLLines.number(value))") }
            if let direction = t.goal.direction { goal.append("direction: \(direction.rawValue)") }
            goal.append("period: \(YAMLLines.quote(t.goal.period.description))")
            out.line("target: {\(goal.joined(separator: ", "))}", at: level)
            if let note = t.note { out.localized("note", note, at: level) }
            if let source = t.source { out.quoted("source", source, at: level) }
            if !t.subTargets.isEmpty {
                out.line("targets:", at: level)
                for sub in t.subTargets { write(sub, at: level + 1, to: &out) }
            }
        }
    }

    static func write(_ a: Action, plan: String, at level: Int, to out: inout YAMLLines) {
        out.item { out in
            out.scalar("id", a.id, at: level)
            out.localized("title", a.title, at: level)
            if let summary = a.summary { out.localized("summary", summary, at: level) }
            if let node = a.node { out.quoted("node", node, at: level) }
            if let lead = a.lead { out.scalar("lead", lead, at: level) }
            if !a.partners.isEmpty { out.line("partners: [\(a.partners.map(YAMLLines.plain).joined(separator: ", "))]", at: level) }
            if let participation = a.participation { out.line("participation: \(participation.rawValue)", at: level) }
            if let period = a.period { out.quoted("period", period.description, at: level) }
            if a.status != .unknown { out.line("status: \(a.status.rawValue)", at: level) }
            if !a.budget.isEmpty {
                out.line("budget:", at: level)
                for line in a.budget {
                    var fields = ["amount: \(YAMLLines.number(line.amount))"]
                    if let funding = line.funding { fields.append("funding: \(YAMLLines.plain(funding))") }
                    if line.approximate { fields.append("approximate: true") }
                    if let note = line.note { fields.append("note: \(YAMLLines.quote(note))") }
                    out.line("- {\(fields.joined(separator: ", "))}", at: level + 1)
                }
            }
            if let source = a.source { out.quoted("source", source, at: level) }
            if !a.serves.isEmpty {
                out.line("serves:", at: level)
                for link in a.serves {
                    let plan = link.plan == plan ? "" : "plan: \(YAMLLines.plain(link.plan)), "
                    out.line("- {\(plan)target: \(YAMLLines.quote(link.target)), source: \(YAMLLines.quote(link.source))}",
                             at: level + 1)
                }
            }
        }
    }
}

/// Lines of YAML at two spaces per level, with the scalar forms the plan files use.
struct YAMLLines {
    private(set) var lines: [String] = []
    /// Set while the first line of a list item is due: it gets `- ` instead of its indentation's last two spaces.
    private var itemPending = false

    var text: String { lines.joined(separator: "\n") + "\n" }

    mutating func line(_ content: String, at level: Int) {
        var indent = String(repeating: "  ", count: level)
        if itemPending {
            indent = String(indent.dropLast(2)) + "- "
            itemPending = false
        }
        lines.append(indent + content)
    }

    /// A list item whose lines `body` writes at the item's level.
    mutating func item(_ body: (inout YAMLLines) -> Void) {
        itemPending = true
        body(&self)
    }

    /// An identifier or code, plain when YAML reads it back as the same text, else quoted.
    mutating func scalar(_ key: String, _ value: String, at level: Int) { line("\(key): \(Self.plain(value))", at: level) }

    /// A text or period: always quoted.
    mutating func quoted(_ key: String, _ value: String, at level: Int) { line("\(key): \(Self.quote(value))", at: level) }

    /// `{nl: "…", en: "…"}` when it fits the line width, else one language per line.
    mutating func localized(_ key: String, _ text: LocalizedText, at level: Int) {
        let flow = "\(key): \(Self.flow(text))"
        if level * 2 + flow.count <= PlanFileWriter.lineWidth {
            line(flow, at: level)
            return
        }
        line("\(key):", at: level)
        for (language, value) in Self.languages(text) { quoted(language, value, at: level + 1) }
    }

    static func languages(_ text: LocalizedText) -> [(String, String)] {
        [("nl", text.nl), ("en", text.en), ("fr", text.fr)].compactMap { key, value in value.map { (key, $0) } }
    }

    static func flow(_ text: LocalizedText) -> String {
        "{" + languages(text).map { "\($0.0): \(quote($0.1))" }.joined(separator: ", ") + "}"
    }

    /// Plain when the text is a slug-like word YAML cannot read as a number, boolean or null; quoted otherwise.
    static func plain(_ value: String) -> String {
        let safe = value.first.map { $0.isASCII && $0.isLetter } == true
            && value.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
            && !["true", "false", "yes", "no", "on", "off", "null", "y", "n"].contains(value.lowercased())
        return safe ? value : quote(value)
    }

    /// A YAML double-quoted scalar: backslash, quote and every control or line-breaking character escaped.
    static func quote(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value)
                    || scalar.value == 0x2028 || scalar.value == 0x2029 || scalar.value == 0xFEFF {
                    out += String(format: "\\u%04X", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// A number as the files write it: whole numbers without a decimal point, others in their shortest exact form.
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        let shortest = "\(value)"
        guard shortest.contains("e") else { return shortest }
        // YAML 1.1 reads 1e-05 as text: write the digits out.
        return Decimal(value).description
    }
}
