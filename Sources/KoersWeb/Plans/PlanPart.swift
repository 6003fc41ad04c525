import Foundation
import KoersCore
import KoersViews

/// The part of a plan one edit form changes: the plan's own texts, a node, a target or an action. Each part says which
/// fields its form has, what they hold (`values`: also what the audit trail compares) and how a posted form changes
/// the plan (`apply`). Codes and ids are not edited: pages, links and reports refer to them.
enum PlanPart: Sendable, Hashable {
    case plan
    case node(String)
    case target(String)
    case action(String)

    /// Extra empty rows a form offers for budget lines and served targets.
    static let blankRows = 2

    /// What the audit trail names: `plan:ID`, `node:PLAN/CODE`, `target:PLAN/CODE`, `action:ID`.
    func object(in plan: Plan) -> String {
        switch self {
        case .plan: "plan:\(plan.id)"
        case .node(let code): "node:\(plan.id)/\(code)"
        case .target(let code): "target:\(plan.id)/\(code)"
        case .action(let id): "action:\(id)"
        }
    }

    /// The form's fields with what the plan holds, numbers language-neutral (`7.5`), checkboxes as `true`/`false`,
    /// several checkboxes as their values comma-separated; nil when the plan has no such part.
    func values(in plan: Plan) -> [String: String]? {
        var v: [String: String] = [:]
        func put(_ name: String, _ text: LocalizedText?) {
            v[name + ".nl"] = text?.nl ?? ""
            v[name + ".en"] = text?.en ?? ""
        }
        func number(_ d: Double?) -> String { d.map { $0 == $0.rounded() && abs($0) < 1e15 ? String(Int64($0)) : "\($0)" } ?? "" }
        switch self {
        case .plan:
            put("title", plan.title)
            put("summary", plan.summary)
            v["report_approval"] = String(plan.reportsNeedApproval)
        case .node(let code):
            guard let node = plan.node(code) else { return nil }
            put("title", node.title)
            put("summary", node.summary)
            v["source"] = node.source ?? ""
        case .target(let code):
            guard let t = plan.target(code) else { return nil }
            v["text"] = t.text
            v["indicator"] = t.indicator
            v["region"] = t.region
            v["baseline.value"] = number(t.baseline.value)
            v["baseline.period"] = t.baseline.period.description
            v["target.kind"] = t.goal.kind.rawValue
            v["target.value"] = number(t.goal.value)
            v["target.direction"] = t.goal.direction?.rawValue ?? ""
            v["target.period"] = t.goal.period.description
            put("note", t.note)
            v["source"] = t.source ?? ""
        case .action(let id):
            guard let a = plan.actions.first(where: { $0.id == id }) else { return nil }
            put("title", a.title)
            put("summary", a.summary)
            v["lead"] = a.lead ?? ""
            v["partners"] = a.partners.joined(separator: ",")
            v["participation"] = a.participation.map { String($0.rawValue) } ?? ""
            v["period"] = a.period?.description ?? ""
            v["status"] = a.status.rawValue
            for (i, line) in a.budget.enumerated() {
                v["budget.\(i).amount"] = number(line.amount)
                v["budget.\(i).funding"] = line.funding ?? ""
                v["budget.\(i).approximate"] = String(line.approximate)
                v["budget.\(i).note"] = line.note ?? ""
            }
            for (i, link) in a.serves.enumerated() {
                v["serves.\(i).target"] = "\(link.plan)/\(link.target)"
                v["serves.\(i).source"] = link.source
            }
            v["source"] = a.source ?? ""
        }
        return v
    }

    /// The form's fieldsets. `catalogue` gives the choices (indicators, organisations, funding, every plan's targets).
    func groups(in plan: Plan, catalogue: Catalogue, _ language: Language) -> [EditGroup] {
        let t = UIText.table(language)
        func label(_ key: String) -> String { t[key, default: key] }
        func texts(_ name: String, _ key: String, required: Bool = false, long: Bool = false) -> [EditField] {
            [EditField(name: name + ".nl", label: label(key) + " (" + label("edit_dutch") + ")", kind: long ? .text : .line(), required: required),
             EditField(name: name + ".en", label: label(key) + " (" + label("edit_english") + ")", kind: long ? .text : .line())]
        }
        let organisations = catalogue.organisations.map { ($0.id, $0.name.text(in: language)) }.sorted { $0.1.localizedCaseInsensitiveCompare($1.1) == .orderedAscending }
        switch self {
        case .plan:
            return [EditGroup(legend: label("edit_texts"), fields: texts("title", "edit_title", required: true) + texts("summary", "edit_summary", long: true)),
                    EditGroup(legend: label("edit_reports"), fields: [EditField(name: "report_approval", label: label("edit_report_approval"), kind: .checkbox)])]
        case .node:
            return [EditGroup(legend: label("edit_texts"), fields: texts("title", "edit_title", required: true) + texts("summary", "edit_summary", long: true)
                        + [EditField(name: "source", label: label("edit_source"), kind: .line(), hint: label("edit_source_hint"))])]
        case .target:
            let indicators = catalogue.indicators.sorted { $0.code < $1.code }.map { ($0.code, "\($0.code) — \($0.name.text(in: language))") }
            let kinds = Goal.Kind.allCases.map { ($0.rawValue, "\($0.rawValue) — " + Labels.goalKind($0, language)) }
            let directions = [("", "–")] + [Direction.up, .down].map { ($0.rawValue, Labels.direction($0, language)) }
            return [
                EditGroup(legend: label("edit_ambition"), fields: [
                    EditField(name: "text", label: label("edit_target_text"), kind: .text, hint: label("edit_target_text_hint"), required: true),
                    EditField(name: "indicator", label: label("indicator"), kind: .select(indicators), required: true),
                    EditField(name: "region", label: label("region"), kind: .line(list: "regions"), hint: label("edit_region_hint"), required: true),
                ]),
                EditGroup(legend: label("edit_baseline"), fields: [
                    EditField(name: "baseline.value", label: label("edit_value"), kind: .number, hint: label("edit_number_hint")),
                    EditField(name: "baseline.period", label: label("period"), kind: .period, hint: label("edit_period_hint"), required: true),
                ]),
                EditGroup(legend: label("edit_goal"), fields: [
                    EditField(name: "target.kind", label: label("edit_kind"), kind: .select(kinds), hint: label("edit_kind_hint"), required: true),
                    EditField(name: "target.value", label: label("edit_value"), kind: .number, hint: label("edit_number_hint")),
                    EditField(name: "target.direction", label: label("edit_direction"), kind: .select(directions), hint: label("edit_direction_hint")),
                    EditField(name: "target.period", label: label("period"), kind: .period, hint: label("edit_period_hint"), required: true),
                ]),
                EditGroup(legend: label("edit_note_and_source"), fields: texts("note", "edit_note", long: true)
                    + [EditField(name: "source", label: label("edit_source"), kind: .line(), hint: label("edit_source_hint"))]),
            ]
        case .action(let id):
            let action = plan.actions.first { $0.id == id }
            let categories = [("", "–")] + ParticipationCategory.allCases.map { (String($0.rawValue), "\($0.rawValue) \($0.label.text(in: language))") }
            let statuses = ActionStatus.allCases.map { ($0.rawValue, $0.label.text(in: language)) }
            let funding = [("", "–")] + catalogue.fundingProgrammes.map { ($0.id, $0.name.text(in: language)) }
            let targets = [("", "–")] + catalogue.plans.flatMap { p in
                p.allTargets.map { ("\(p.id)/\($0.target.code)", "\(p.title.text(in: language)) — \($0.target.code): \(Self.short($0.target.text))") }
            }
            var budget: [EditField] = []
            for i in 0..<((action?.budget.count ?? 0) + Self.blankRows) {
                let row = " \(i + 1)"
                budget += [EditField(name: "budget.\(i).amount", label: label("edit_amount") + row, kind: .number, hint: i == 0 ? label("edit_amount_hint") : nil),
                           EditField(name: "budget.\(i).funding", label: label("edit_funding") + row, kind: .select(funding)),
                           EditField(name: "budget.\(i).approximate", label: label("edit_approximate") + row, kind: .checkbox),
                           EditField(name: "budget.\(i).note", label: label("edit_budget_note") + row, kind: .line())]
            }
            var serves: [EditField] = []
            for i in 0..<((action?.serves.count ?? 0) + Self.blankRows) {
                let row = " \(i + 1)"
                serves += [EditField(name: "serves.\(i).target", label: label("edit_served_target") + row, kind: .select(targets)),
                           EditField(name: "serves.\(i).source", label: label("edit_served_source") + row, kind: .line(),
                                     hint: i == 0 ? label("edit_served_source_hint") : nil)]
            }
            return [
                EditGroup(legend: label("edit_texts"), fields: texts("title", "edit_title", required: true) + texts("summary", "edit_summary", long: true)),
                EditGroup(legend: label("edit_who"), fields: [
                    EditField(name: "lead", label: label("lead"), kind: .select([("", "–")] + organisations)),
                    EditField(name: "partners", label: label("partners"), kind: .checkboxes(organisations)),
                    EditField(name: "participation", label: label("participation"), kind: .select(categories)),
                ]),
                EditGroup(legend: label("edit_when"), fields: [
                    EditField(name: "period", label: label("period"), kind: .period, hint: label("edit_period_hint")),
                    EditField(name: "status", label: label("edit_status"), kind: .select(statuses)),
                ]),
                EditGroup(legend: label("budget"), fields: budget),
                EditGroup(legend: label("edit_serves"), fields: serves),
                EditGroup(legend: label("edit_source"), fields: [EditField(name: "source", label: label("edit_source"), kind: .line(),
                                                                           hint: label("edit_source_hint"))]),
            ]
        }
    }

    static func short(_ text: String) -> String { text.count <= 90 ? text : String(text.prefix(89)) + "…" }

    /// The plan as the posted form changes it, or nil with the problems in `form.errors` by field name.
    func apply(_ form: inout FormReader, to plan: Plan, catalogue: Catalogue) -> Plan? {
        let t = UIText.table(form.language)
        var plan = plan
        switch self {
        case .plan:
            let title = form.localized("title", required: true)
            let summary = form.localized("summary")
            guard let title, form.errors.isEmpty else { return nil }
            plan.title = title
            plan.summary = summary
            plan.reportsNeedApproval = form.checked("report_approval")
        case .node(let code):
            let title = form.localized("title", required: true)
            let summary = form.localized("summary")
            let source = form.text("source")
            guard let title, form.errors.isEmpty else { return nil }
            plan.updateNode(code) {
                $0.title = title
                $0.summary = summary
                $0.source = source
            }
        case .target(let code):
            let text = form.text("text", required: true)
            let indicator = form.choice("indicator", among: catalogue.indicators.map(\.code), required: true)
            let region = form.text("region", required: true, limit: 40)
            let baselineValue = form.number("baseline.value")
            let baselinePeriod = form.period("baseline.period", required: true)
            let kind = form.choice("target.kind", among: Goal.Kind.allCases.map(\.rawValue), required: true).flatMap(Goal.Kind.init)
            let value = form.number("target.value")
            let direction = form.choice("target.direction", among: [Direction.up, .down].map(\.rawValue)).flatMap(Direction.init)
            let period = form.period("target.period", required: true)
            let note = form.localized("note")
            let source = form.text("source")
            var goal: Goal?
            if let kind, let period {
                goal = Goal(kind: kind, value: value, direction: direction, period: period)
                if goal == nil {
                    if kind == .direction { form.report("target.direction", t["edit_goal_direction", default: ""]) }
                    else { form.report("target.value", t["edit_goal_value", default: ""]) }
                }
            }
            guard let text, let indicator, let region, let baselinePeriod, let goal, form.errors.isEmpty else { return nil }
            plan.updateTarget(code) {
                $0.text = text
                $0.indicator = indicator
                $0.region = region
                $0.baseline = Baseline(value: baselineValue, period: baselinePeriod)
                $0.goal = goal
                $0.note = note
                $0.source = source
            }
        case .action(let id):
            guard let index = plan.actions.firstIndex(where: { $0.id == id }) else { return nil }
            let organisations = catalogue.organisations.map(\.id)
            let title = form.localized("title", required: true)
            let summary = form.localized("summary")
            let lead = form.choice("lead", among: organisations)
            // In the action's own order first, then the newly ticked ones in the list's order.
            let ticked = organisations.filter { form.checked("partners.\($0)") }
            let partners = plan.actions[index].partners.filter(ticked.contains) + ticked.filter { !plan.actions[index].partners.contains($0) }
            let participation = form.choice("participation", among: ParticipationCategory.allCases.map { String($0.rawValue) })
                .flatMap { Int($0) }.flatMap(ParticipationCategory.init)
            let period = form.period("period")
            let status = form.choice("status", among: ActionStatus.allCases.map(\.rawValue)).flatMap(ActionStatus.init) ?? .unknown
            var budget: [BudgetLine] = []
            var row = 0
            while form.form["budget.\(row).amount"] != nil {
                let amount = form.number("budget.\(row).amount")
                let funding = form.choice("budget.\(row).funding", among: catalogue.fundingProgrammes.map(\.id))
                let note = form.text("budget.\(row).note", limit: 500)
                let approximate = form.checked("budget.\(row).approximate")
                if let amount {
                    if amount < 0 { form.report("budget.\(row).amount", t["edit_amount_negative", default: ""]) }
                    budget.append(BudgetLine(amount: amount, funding: funding, approximate: approximate, note: note))
                } else if funding != nil || note != nil || approximate, form.errors["budget.\(row).amount"] == nil {
                    form.report("budget.\(row).amount", t["edit_amount_missing", default: ""])
                }
                row += 1
            }
            var serves: [ActionTargetLink] = []
            let targets = catalogue.plans.flatMap { p in p.allTargets.map { "\(p.id)/\($0.target.code)" } }
            row = 0
            while form.form["serves.\(row).target"] != nil {
                let target = form.choice("serves.\(row).target", among: targets)
                let source = form.text("serves.\(row).source", limit: 500)
                if let target, let slash = target.firstIndex(of: "/") {
                    if let source {
                        serves.append(ActionTargetLink(plan: String(target[..<slash]), target: String(target[target.index(after: slash)...]),
                                                       source: source))
                    } else {
                        form.report("serves.\(row).source", t["edit_served_source_missing", default: ""])
                    }
                } else if source != nil, form.errors["serves.\(row).target"] == nil {
                    form.report("serves.\(row).target", t["edit_served_target_missing", default: ""])
                }
                row += 1
            }
            let source = form.text("source")
            guard let title, form.errors.isEmpty else { return nil }
            var action = plan.actions[index]
            action.title = title
            action.summary = summary
            action.lead = lead
            action.partners = partners
            action.participation = participation
            action.period = period
            action.status = status
            action.budget = budget
            action.serves = serves
            action.source = source
            plan.actions[index] = action
        }
        return plan
    }

    /// What the form is about, for its heading.
    func heading(in plan: Plan, _ language: Language) -> String {
        let t = UIText.table(language)
        switch self {
        case .plan: return plan.title.text(in: language)
        case .node(let code): return "\(code) " + (plan.node(code)?.title.text(in: language) ?? "")
        case .target(let code): return t["target", default: ""] + " \(code)"
        case .action(let id): return plan.actions.first { $0.id == id }?.title.text(in: language) ?? id
        }
    }

    /// The public page that shows the part.
    func publicPath(in plan: Plan, _ paths: Paths) -> String {
        switch self {
        case .plan, .node: paths.plan(plan.id)
        case .target(let code): paths.target(plan: plan.id, code: code)
        case .action(let id): paths.action(id)
        }
    }
}
