import KoersCore
import Yams

/// Reads one plan file: the plan, its tree of nodes with targets, its actions, and the organisations and funding
/// programmes it names. Codes must be unique within the plan; references are checked later against all files.
enum PlanFile {
    static let keys: Set<String> = ["id", "title", "owner", "region", "period", "document", "summary", "organisations",
                                    "funding_programmes", "nodes", "actions", "report_approval"]

    static func read(_ root: Fields, into parsed: inout ParsedFiles) {
        let reader = root.reader
        var listedOrganisations: [String] = []
        var listedFunding: [String] = []
        for node in reader.sequence(root["organisations"], "organisations") {
            guard let f = reader.fields(node, "organisation", allowed: ["id", "name", "kind"]),
                  let id = f.slug("id", required: true), let name = f.localized("name", required: true) else { continue }
            parsed.organisations.append((Organisation(id: id, name: name, kind: f.string("kind")), f.location))
            listedOrganisations.append(id)
        }
        for node in reader.sequence(root["funding_programmes"], "funding_programmes") {
            guard let f = reader.fields(node, "funding programme", allowed: ["id", "name"]),
                  let id = f.slug("id", required: true), let name = f.localized("name", required: true) else { continue }
            parsed.fundingProgrammes.append((FundingProgramme(id: id, name: name), f.location))
            listedFunding.append(id)
        }

        let id = root.slug("id", required: true)
        let title = root.localized("title", required: true)
        let region = root.string("region", required: true)
        let period = root.period("period")
        if let owner = root.slug("owner") {
            parsed.references.append(Reference(kind: .organisation, code: owner, location: root.location(of: "owner")))
        }
        if let region {
            parsed.references.append(Reference(kind: .region, code: region, location: root.location(of: "region"), period: period))
        }
        var document: DocumentReference?
        if let f = reader.fields(root["document"], "document", allowed: ["title", "file", "publisher", "date"]),
           let docTitle = f.string("title", required: true) {
            document = DocumentReference(title: docTitle, file: f.string("file"), publisher: f.string("publisher"),
                                         date: f.string("date"))
        }

        var codes = CodeRegistry(reader: reader)
        let nodes = reader.sequence(root["nodes"], "nodes").compactMap { readNode($0, codes: &codes, parsed: &parsed) }
        var actionNodes: [(String, Location)] = []
        let actions = reader.sequence(root["actions"], "actions").compactMap {
            readAction($0, plan: id, reader: reader, nodeReferences: &actionNodes, parsed: &parsed)
        }
        for (code, location) in actionNodes where !codes.nodes.contains(code) {
            reader.report(at: location, "action: node '\(code)' is not a node of this plan")
        }
        guard let id, let title, let region else { return }
        let plan = Plan(id: id, title: title, owner: root.string("owner"), region: region, period: period,
                        document: document, summary: root.localized("summary"), nodes: nodes, actions: actions,
                        reportsNeedApproval: root.bool("report_approval") ?? false, organisations: listedOrganisations,
                        fundingProgrammes: listedFunding)
        parsed.plans.append((plan, root.location))
    }

    /// Node and target codes seen so far in one plan.
    struct CodeRegistry {
        let reader: YAMLReader
        var nodes: Set<String> = []
        var targets: Set<String> = []

        mutating func claim(node code: String, at node: Node?) -> Bool {
            guard nodes.insert(code).inserted else {
                reader.report("duplicate node code '\(code)' in this plan", at: node)
                return false
            }
            return true
        }

        mutating func claim(target code: String, at node: Node?) -> Bool {
            guard targets.insert(code).inserted else {
                reader.report("duplicate target code '\(code)' in this plan", at: node)
                return false
            }
            return true
        }
    }

    static func readNode(_ node: Node, codes: inout CodeRegistry, parsed: inout ParsedFiles) -> PlanNode? {
        let reader = codes.reader
        guard let f = reader.fields(node, "node", allowed: ["code", "kind", "title", "summary", "source", "nodes", "targets"])
        else { return nil }
        let code = f.string("code", required: true)
        let kind = f.slug("kind", required: true)
        let title = f.localized("title", required: true)
        if let code { _ = codes.claim(node: code, at: f["code"]) }
        let children = reader.sequence(f["nodes"], "nodes").compactMap { readNode($0, codes: &codes, parsed: &parsed) }
        let targets = reader.sequence(f["targets"], "targets").compactMap { readTarget($0, codes: &codes, parsed: &parsed) }
        guard let code, let kind, let title else { return nil }
        return PlanNode(code: code, kind: kind, title: title, summary: f.localized("summary"), source: f.string("source"),
                        nodes: children, targets: targets)
    }

    static func readTarget(_ node: Node, codes: inout CodeRegistry, parsed: inout ParsedFiles) -> Target? {
        let reader = codes.reader
        guard let f = reader.fields(node, "target", allowed: ["code", "text", "indicator", "region", "breakdown", "baseline",
                                                              "target", "note", "source", "targets"]) else { return nil }
        let code = f.string("code", required: true)
        let what = "target \(code ?? "")"
        if let code { _ = codes.claim(target: code, at: f["code"]) }
        let text = f.string("text", required: true)
        let indicator = f.slug("indicator", required: true)
        let region = f.string("region", required: true)

        var baseline: Baseline?
        if f["baseline"] == nil {
            reader.report("\(what): 'baseline' is required, with at least its period", at: node)
        } else if let b = reader.fields(f["baseline"], "\(what) baseline", allowed: ["value", "period"]) {
            let value = b.number("value")
            if b["period"] == nil { reader.report("\(what): the baseline has no period", at: f["baseline"]) }
            if let period = b.period("period") { baseline = Baseline(value: value, period: period) }
        }

        var goal: Goal?
        if let g = reader.fields(f["target"], "\(what) target", allowed: ["kind", "value", "period", "direction"]) {
            let kind = g.choice("kind", Goal.Kind.self, required: true)
            let value = g.number("value")
            let direction = g.choice("direction", Direction.self)
            let period = g.period("period", required: true)
            if let kind, let period {
                goal = Goal(kind: kind, value: value, direction: direction, period: period)
                // A value that is present but malformed has been reported already.
                if goal == nil, kind == .direction {
                    reader.report("\(what): a direction target needs 'direction: up' or 'down'", at: f["target"])
                } else if goal == nil, g["value"] == nil {
                    reader.report("\(what): a target of kind \(kind.rawValue) needs a 'value'", at: f["target"])
                }
                if kind == .average, !period.isRange {
                    reader.report("\(what): an average target needs a range period such as 2020/2030", at: g["period"])
                }
                if let goal, let baseline, goal.period.end <= baseline.period.start {
                    reader.report("\(what): the target period \(goal.period) is not after the baseline \(baseline.period)",
                                  at: g["period"])
                }
            }
        } else if f["target"] == nil {
            reader.report("\(what): 'target' is required", at: node)
        }

        let subTargets = reader.sequence(f["targets"], "targets").compactMap { readTarget($0, codes: &codes, parsed: &parsed) }
        if let indicator {
            parsed.references.append(Reference(kind: .indicator, code: indicator, location: f.location(of: "indicator")))
        }
        if let region {
            parsed.references.append(Reference(kind: .region, code: region, location: f.location(of: "region"),
                                               period: goal?.period))
        }
        guard let code, let text, let indicator, let region, let baseline, let goal else { return nil }
        return Target(code: code, text: text, indicator: indicator, region: region, breakdown: f.breakdown("breakdown"),
                      baseline: baseline, goal: goal, note: f.localized("note"), source: f.string("source"),
                      subTargets: subTargets)
    }

    /// `plan`: the id of the plan the action is in, which a link to a target names by default.
    static func readAction(_ node: Node, plan: String?, reader: YAMLReader, nodeReferences: inout [(String, Location)],
                           parsed: inout ParsedFiles) -> Action? {
        guard let f = reader.fields(node, "action", allowed: ["id", "title", "summary", "node", "lead", "partners",
                                                              "participation", "period", "status", "budget", "source", "serves"])
        else { return nil }
        var serves: [ActionTargetLink] = []
        for link in reader.sequence(f["serves"], "serves") {
            guard let l = reader.fields(link, "target served", allowed: ["plan", "target", "source"]),
                  let target = l.string("target", required: true), let source = l.string("source", required: true),
                  let linked = l.slug("plan") ?? plan else { continue }
            parsed.references.append(Reference(kind: .target, code: "\(linked)/\(target)", location: l.location(of: "target")))
            serves.append(ActionTargetLink(plan: linked, target: target, source: source))
        }
        let id = f.slug("id", required: true)
        let title = f.localized("title", required: true)
        if let code = f.string("node") { nodeReferences.append((code, f.location(of: "node"))) }
        let lead = f.slug("lead")
        if let lead { parsed.references.append(Reference(kind: .organisation, code: lead, location: f.location(of: "lead"))) }
        let partners = f.strings("partners")
        for (partner, location) in partners {
            parsed.references.append(Reference(kind: .organisation, code: partner, location: location))
        }
        var participation: ParticipationCategory?
        if let n = f.integer("participation") {
            participation = ParticipationCategory(rawValue: n)
            if participation == nil {
                reader.report("action: 'participation' must be 1 (sensibilisering), 2 (subsidiëring), 3 ((minderheids)participatie) or 4 (promotorschap)", at: f["participation"])
            }
        }
        var budget: [BudgetLine] = []
        for line in reader.sequence(f["budget"], "budget") {
            guard let b = reader.fields(line, "budget line", allowed: ["amount", "funding", "approximate", "note"]) else { continue }
            let amount = b.number("amount", required: true)
            if let amount, amount < 0 { reader.report("budget line: 'amount' must not be negative", at: b["amount"]) }
            let funding = b.slug("funding")
            if let funding {
                parsed.references.append(Reference(kind: .fundingProgramme, code: funding, location: b.location(of: "funding")))
            }
            if let amount {
                budget.append(BudgetLine(amount: amount, funding: funding, approximate: b.bool("approximate") ?? false,
                                         note: b.string("note")))
            }
        }
        guard let id, let title else { return nil }
        return Action(id: id, title: title, summary: f.localized("summary"), node: f.string("node"), lead: lead,
                      partners: partners.map(\.0), participation: participation, period: f.period("period"),
                      status: f.choice("status", ActionStatus.self) ?? .unknown, budget: budget, source: f.string("source"),
                      serves: serves)
    }
}
