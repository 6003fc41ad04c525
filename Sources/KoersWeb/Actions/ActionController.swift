import Foundation
import Hummingbird
import KoersCore
import KoersStore
import KoersViews

/// An action's page (`/acties/{id}`) with its owners' reports, and the report form for those who may report
/// (`Rights.mayReport`: the lead organisation's action owners, and admins).
struct ActionController: Sendable {
    let store: any StoreReader
    /// Nil for a store that keeps no reports (the memory store): the page then shows none and offers no form.
    let updates: (any ActionUpdateStore)?
    let renderer: PageRenderer

    var endpoints: RouteCollection<KoersRequestContext> {
        let router = RouteCollection(context: KoersRequestContext.self)
        GuardedRoute.reportOnAction.add(to: router) { request, context, form, language in
            try await self.report(request, context, language, form)
        }
        GuardedRoute.approveReport.add(to: router) { request, context, form, language in
            try await self.approve(request, context, language, form)
        }
        return router
    }

    /// The page; `form` when the report form comes back with what was typed and why it was refused.
    func page(_ request: Request, _ context: KoersRequestContext, _ language: Language, id: String,
              refused: (values: [String: String], problems: [String])? = nil) async throws -> Response {
        let plans = try await store.plans()
        let found = ActionPage.find(id, in: plans)
        let mayReport = context.identity.map {
            Rights.mayReport(onActionLedBy: found?.action.lead, role: $0.role, organisations: $0.account.organisations)
        } ?? false
        // Reports waiting for a steward: for those who see drafts and those who may report on the action, marked.
        let seesWaiting = mayReport || Rights.allows(context.role, .viewDrafts)
        let reports = (try await updates?.updates(action: id) ?? []).filter { seesWaiting || $0.isApproved }
        var form: ActionPage.Form?
        if found != nil, let identity = context.identity, let session = identity.session, updates != nil, mayReport {
            let v = refused?.values ?? [:]
            form = ActionPage.Form(action: GuardedRoute.reportOnAction.path(language), csrf: session.csrfToken, actionID: id,
                                   status: v["status"] ?? reports.first?.progress.rawValue ?? ActionProgress.onCourse.rawValue,
                                   percent: v["percent"] ?? "", spent: v["spent"] ?? "", period: v["period"] ?? "", note: v["note"] ?? "",
                                   problems: refused?.problems ?? [], language: language)
        }
        let approval = Rights.allows(context.role, .approveData) && context.identity?.session != nil
            ? ActionPage.Approval(action: GuardedRoute.approveReport.path(language), csrf: context.identity?.session?.csrfToken ?? "") : nil
        guard let page = ActionPage(id: id, plans: plans, updates: reports, lookup: try await store.lookup(), language: language, form: form,
                                  showAuthors: context.identity != nil, approval: approval) else {
            throw HTTPError(.notFound, message: language == .nl ? "Er is geen actie \(id)." : "There is no action \(id).")
        }
        let html = renderer.render(page, template: "action", language: language, path: PageController.path(request))
        var headers: HTTPFields = [.contentType: "text/html; charset=utf-8"]
        // Signed in, the page is someone's (the form, who reported): never kept by a cache. The public one is kept by
        // the response cache.
        if form != nil || context.identity != nil { headers[.cacheControl] = "no-store" }
        return Response(status: refused == nil ? .ok : .unprocessableContent, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// A report: the action must exist and be the reporter's to report on; every field is checked, and on a problem
    /// the form comes back with all of them and nothing is stored. Stored with its audit row, then back to the page.
    func report(_ request: Request, _ context: KoersRequestContext, _ language: Language, _ form: [String: String]) async throws -> Response {
        guard let identity = context.identity, let updates else { throw HTTPError(.forbidden) }
        let id = form["action"] ?? ""
        guard let found = ActionPage.find(id, in: try await store.plans()) else {
            throw HTTPError(.notFound, message: "there is no such action")
        }
        guard Rights.mayReport(onActionLedBy: found.action.lead, role: identity.role, organisations: identity.account.organisations) else {
            throw HTTPError(.forbidden, message: "only the lead organisation's action owners report on this action")
        }
        switch ActionUpdateRules.check(action: id, status: form["status"] ?? "", percent: form["percent"] ?? "", spent: form["spent"] ?? "",
                                       period: form["period"] ?? "", note: form["note"] ?? "", author: identity.account.email) {
        case .failure(let list):
            return try await page(request, context, language, id: id, refused: (form, list.problems.map { Self.text($0, language) }))
        case .success(let update):
            try await updates.post(update, waitsForApproval: found.plan.reportsNeedApproval,
                                   context: AuditContext(actor: identity.actor, address: context.remoteAddress,
                                                         userAgent: AccountController.userAgent(request)))
            return Response(status: .seeOther, headers: [.location: Paths(language).action(id) + "#voortgang", .cacheControl: "no-store"])
        }
    }

    /// A steward publishes a report that waits (its plan asks approval); back to the action's page.
    func approve(_ request: Request, _ context: KoersRequestContext, _ language: Language, _ form: [String: String]) async throws -> Response {
        guard let identity = context.identity, let updates else { throw HTTPError(.forbidden) }
        guard let id = Int64(form["id"] ?? "") else { throw HTTPError(.badRequest, message: "which report: the form names none") }
        do {
            let approved = try await updates.approve(update: id, by: identity.account.email,
                                                     context: AuditContext(actor: identity.actor, address: context.remoteAddress,
                                                                           userAgent: AccountController.userAgent(request)))
            return Response(status: .seeOther, headers: [.location: Paths(language).action(approved.action) + "#voortgang", .cacheControl: "no-store"])
        } catch ActionUpdateError.notWaiting {
            throw HTTPError(.conflict, message: "this report does not wait for approval (approved already, or none)")
        }
    }

    /// What is wrong with a report, for people.
    static func text(_ problem: ActionUpdateRules.Problem, _ language: Language) -> String {
        let t = UIText.table(language)
        switch problem {
        case .unknownStatus: return t["report_unknown_status", default: ""]
        case .percentNotANumber: return t["report_percent_number", default: ""]
        case .percentOutOfRange: return t["report_percent_range", default: ""]
        case .spentNotAnAmount: return t["report_spent_amount", default: ""]
        case .spentNegative: return t["report_spent_negative", default: ""]
        case .periodMissing: return t["report_period_missing", default: ""]
        case .periodNotAPeriod(let text): return t["report_period_invalid", default: ""].replacingOccurrences(of: "{text}", with: text)
        case .noteRequired(let status):
            return t["report_note_required", default: ""].replacingOccurrences(of: "{status}", with: status.label.text(in: language))
        case .noteTooLong(let count):
            return t["report_note_long", default: ""].replacingOccurrences(of: "{count}", with: String(count))
                .replacingOccurrences(of: "{maximum}", with: String(ActionUpdateRules.noteLimit))
        }
    }
}
