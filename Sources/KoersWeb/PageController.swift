import Hummingbird
import KoersCore
import KoersStore
import KoersViews

/// The HTML pages: home, plan and target. Each request reads what it shows from the store, so several instances on
/// one database never disagree.
struct PageController: Sendable {
    let store: any Store
    let renderer: PageRenderer

    func addRoutes(to router: Router<BasicRequestContext>) {
        router.get("/") { _, _ in try await self.home() }
        router.get("/plannen/:plan") { _, context in try await self.plan(context.parameters.require("plan")) }
        router.get("/plannen/:plan/ambities/:code") { _, context in
            try await self.target(plan: context.parameters.require("plan"), code: context.parameters.require("code"))
        }
    }

    func home() async throws -> HTMLResponse {
        HTMLResponse(html: renderer.home(HomePage(plans: try await store.plans(), lookup: try await store.lookup())))
    }

    func plan(_ id: String) async throws -> HTMLResponse {
        guard let plan = try await store.plan(id: id) else { return notFound("Er is geen plan met code ‘\(id)’.") }
        return HTMLResponse(html: renderer.plan(PlanPage(plan: plan, lookup: try await store.lookup())))
    }

    func target(plan id: String, code: String) async throws -> HTMLResponse {
        guard let plan = try await store.plan(id: id) else { return notFound("Er is geen plan met code ‘\(id)’.") }
        guard let target = plan.allTargets.first(where: { $0.target.code == code })?.target else {
            return notFound("Het plan ‘\(plan.title.nl)’ heeft geen ambitie ‘\(code)’.")
        }
        let observations = try await store.observations(indicator: target.indicator, regions: nil)
        guard let page = TargetPage(plan: plan, code: code, observations: observations, lookup: try await store.lookup()) else {
            return notFound("Het plan ‘\(plan.title.nl)’ heeft geen ambitie ‘\(code)’.")
        }
        return HTMLResponse(html: renderer.target(page))
    }

    private func notFound(_ message: String) -> HTMLResponse {
        HTMLResponse(html: renderer.notFound(message: message), status: .notFound)
    }
}
