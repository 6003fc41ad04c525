import Foundation
import Hummingbird
import KoersAccounts
import KoersCore
import KoersPlanFiles
import KoersStore
import KoersViews

/// Plans edited in the browser by admins (`/beheer/plannen`): a plan's texts, its nodes, targets and actions, each
/// in a form of its own. A posted form becomes an edited plan (`PlanPart.apply`), which must pass the check `koers
/// check` makes of a plan file (`PlanCheck`: written as its YAML file and read back against the rest of the store);
/// it is saved whole with its audit row (changed fields before → after) in one transaction, and refused when
/// someone saved the plan since the form was shown. `koers export-plans` writes the result back as plan files.
struct PlanEditController: Sendable {
    let store: any StoreReader & PlanEditing
    let renderer: PageRenderer

    var endpoints: RouteCollection<KoersRequestContext> {
        let router = RouteCollection(context: KoersRequestContext.self)
        GuardedRoute.editPlans.add(to: router) { _, context, _, language in try await self.listPage(context, language) }
        let parts: [(GuardedRoute, GuardedRoute, @Sendable (KoersRequestContext) -> PlanPart?)] = [
            (.editPlan, .savePlan, { _ in .plan }),
            (.editNode, .saveNode, { $0.parameters.get("code").map(PlanPart.node) }),
            (.editTarget, .saveTarget, { $0.parameters.get("code").map(PlanPart.target) }),
            (.editAction, .saveAction, { $0.parameters.get("id").map(PlanPart.action) }),
        ]
        for (show, save, part) in parts {
            show.add(to: router) { request, context, _, language in
                guard let plan = context.parameters.get("plan"), let part = part(context) else { throw Self.notFound(language) }
                let saved = request.uri.queryParameters.get("opgeslagen")
                return try await self.formPage(plan: plan, part: part, context, language, saved: saved)
            }
            save.add(to: router) { request, context, form, language in
                guard let plan = context.parameters.get("plan"), let part = part(context) else { throw Self.notFound(language) }
                return try await self.save(plan: plan, part: part, form, request, context, language)
            }
        }
        return router
    }

    static func notFound(_ language: Language) -> HTTPError {
        HTTPError(.notFound, message: language == .nl ? "Dit plan of dit onderdeel bestaat niet." : "There is no such plan or part of a plan.")
    }

    /// What the forms choose from and what an edit is checked against: the store without its values.
    private func catalogue() async throws -> Catalogue {
        Catalogue(geography: try await store.geography(), organisations: try await store.organisations(),
                  fundingProgrammes: try await store.fundingProgrammes(), indicators: try await store.indicators(),
                  plans: try await store.plans())
    }

    /// The plan as the form was shown from it: a form posted against another version is refused.
    private static func version(of plan: Plan, in catalogue: Catalogue) -> String {
        SecretToken.hash(PlanFileWriter.text(of: plan, organisations: catalogue.organisations, funding: catalogue.fundingProgrammes))
    }

    // MARK: Pages

    private func listPage(_ context: KoersRequestContext, _ language: Language) async throws -> Response {
        let paths = Paths(language)
        let plans = try await store.plans().map { plan -> [String: Any] in
            ["title": plan.title.text(in: language), "link": paths.editPlan(plan.id), "public": paths.plan(plan.id),
             "nodes": String(plan.allNodes.count), "targets": String(plan.allTargets.count), "actions": String(plan.actions.count)]
        }
        let model: [String: Any] = ["title": UIText.table(language)["edit_plans", default: ""], "plans": plans]
        return AccountController.private(renderer.render(model, template: "plans-admin", language: language, path: "/beheer/plannen"), status: .ok)
    }

    /// A part's form: from the stored plan, or (`posted`) as it was sent, with what is wrong with it.
    private func formPage(plan id: String, part: PlanPart, _ context: KoersRequestContext, _ language: Language, saved: String? = nil,
                          posted: [String: String]? = nil, errors: [String: String] = [:], problems: [String] = [],
                          status: HTTPResponse.Status = .ok) async throws -> Response {
        let catalogue = try await catalogue()
        guard let plan = catalogue.plans.first(where: { $0.id == id }), let stored = part.values(in: plan) else { throw Self.notFound(language) }
        let t = UIText.table(language)
        let paths = Paths(language)
        let groups = part.groups(in: plan, catalogue: catalogue, language)
        let shown = posted.map { Self.shown(posted: $0, groups) } ?? Self.shown(stored: stored, groups, language)
        var model: [String: Any] = [
            "title": part.heading(in: plan, language), "heading": part.heading(in: plan, language),
            "plansLink": paths.editPlans, "planLink": paths.editPlan(plan.id), "hasPlanLink": part != .plan, "planTitle": plan.title.text(in: language),
            "action": paths.edit(part, of: plan.id), "csrf": context.identity?.session?.csrfToken ?? "",
            "version": Self.version(of: plan, in: catalogue), "publicLink": part.publicPath(in: plan, paths),
            "groups": groups.map { group in
                ["legend": group.legend, "fields": group.fields.map { $0.view(value: shown[$0.name] ?? "", error: errors[$0.name]) }] as [String: Any]
            },
            "hasErrors": !errors.isEmpty, "errorCount": t["edit_errors", default: ""].replacingOccurrences(of: "{count}", with: String(errors.count)),
            "problems": problems, "hasProblems": !problems.isEmpty,
            "saved": saved == "1" ? t["edit_saved", default: ""] : saved == "0" ? t["edit_unchanged", default: ""] : "",
            "hasSaved": saved == "1" || saved == "0",
        ]
        if case .target = part {
            model["regions"] = catalogue.geography.ordered.map { ["code": $0.code, "name": $0.name.text(in: language)] }
            model["hasRegions"] = true
        }
        if part == .plan { model["outline"] = Self.outline(of: plan, paths, language) }
        return AccountController.private(renderer.render(model, template: "plan-edit", language: language, path: "/beheer/plannen"),
                                         status: status)
    }

    /// The plan's nodes, targets and actions, each with the link to its form.
    private static func outline(of plan: Plan, _ paths: Paths, _ language: Language) -> [String: Any] {
        var nodes: [[String: Any]] = []
        func add(_ node: PlanNode, depth: Int) {
            nodes.append(["code": node.code, "title": node.title.text(in: language), "link": paths.editNode(plan: plan.id, code: node.code),
                          "depth": String(depth), "hasTargets": !node.targets.isEmpty,
                          "targets": node.targets.flatMap { [$0] + $0.descendants }.map {
                              ["code": $0.code, "text": PlanPart.short($0.text), "link": paths.editTarget(plan: plan.id, code: $0.code)]
                          }])
            for child in node.nodes { add(child, depth: depth + 1) }
        }
        for node in plan.nodes { add(node, depth: 0) }
        let actions = plan.actions.map {
            ["title": $0.title.text(in: language), "link": paths.editAction(plan: plan.id, id: $0.id)]
        }
        return ["nodes": nodes, "actions": actions, "hasActions": !actions.isEmpty]
    }

    /// What each field shows of the stored values: numbers as the page's language writes them.
    static func shown(stored: [String: String], _ groups: [EditGroup], _ language: Language) -> [String: String] {
        var shown = stored
        for field in groups.flatMap(\.fields) {
            if case .number = field.kind, let text = stored[field.name], let value = Double(text) {
                shown[field.name] = NumberInput.text(value, language)
            }
        }
        return shown
    }

    /// What each field shows of a posted form: exactly what was typed and ticked.
    static func shown(posted form: [String: String], _ groups: [EditGroup]) -> [String: String] {
        var shown: [String: String] = [:]
        for field in groups.flatMap(\.fields) {
            switch field.kind {
            case .checkbox: shown[field.name] = String(form[field.name] != nil)
            case .checkboxes(let options):
                shown[field.name] = options.map(\.0).filter { form["\(field.name).\($0)"] != nil }.joined(separator: ",")
            default: shown[field.name] = form[field.name] ?? ""
            }
        }
        return shown
    }

    // MARK: Saving

    private func save(plan id: String, part: PlanPart, _ form: [String: String], _ request: Request, _ context: KoersRequestContext,
                      _ language: Language) async throws -> Response {
        guard let identity = context.identity else { throw HTTPError(.forbidden) }
        let t = UIText.table(language)
        let catalogue = try await catalogue()
        guard let plan = catalogue.plans.first(where: { $0.id == id }), let before = part.values(in: plan) else { throw Self.notFound(language) }
        func refuse(errors: [String: String] = [:], problems: [String] = [], _ status: HTTPResponse.Status) async throws -> Response {
            try await formPage(plan: id, part: part, context, language, posted: form, errors: errors, problems: problems, status: status)
        }
        guard form["version"] == Self.version(of: plan, in: catalogue) else {
            return try await refuse(problems: [t["edit_changed_meanwhile", default: ""]], .conflict)
        }
        var reader = FormReader(form, language)
        guard let changed = part.apply(&reader, to: plan, catalogue: catalogue) else {
            return try await refuse(errors: reader.errors, .unprocessableContent)
        }
        let edited = PlanFileWriter.completingLists(changed)
        let problems = PlanCheck.problems(of: edited, in: catalogue)
        guard problems.isEmpty else { return try await refuse(problems: problems.map(\.message), .unprocessableContent) }
        let change = PlanChange(object: part.object(in: plan), old: before, new: part.values(in: edited) ?? [:])
        let back = Paths(language).edit(part, of: id)
        guard !change.isEmpty || edited != plan else {
            return Response(status: .seeOther, headers: [.location: back + "?opgeslagen=0", .cacheControl: "no-store"])
        }
        do {
            try await store.savePlan(edited, expected: plan, change: change,
                                     context: AuditContext(actor: identity.actor, address: context.remoteAddress,
                                                           userAgent: AccountController.userAgent(request)))
        } catch PlanEditError.changedMeanwhile {
            return try await refuse(problems: [t["edit_changed_meanwhile", default: ""]], .conflict)
        } catch PlanEditError.notFound {
            throw Self.notFound(language)
        }
        return Response(status: .seeOther, headers: [.location: back + "?opgeslagen=1", .cacheControl: "no-store"])
    }
}

extension Paths {
    /// The form of a part of a plan.
    func edit(_ part: PlanPart, of plan: String) -> String {
        switch part {
        case .plan: editPlan(plan)
        case .node(let code): editNode(plan: plan, code: code)
        case .target(let code): editTarget(plan: plan, code: code)
        case .action(let id): editAction(plan: plan, id: id)
        }
    }
}
