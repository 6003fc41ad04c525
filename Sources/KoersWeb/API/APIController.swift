import Foundation
import Hummingbird
import KoersAssessment
import KoersCore
import KoersProgress
import KoersStore
import KoersViews

/// The JSON API under `/api/v1`: what the pages show, as data. Every answer is computed from the store (and kept by
/// `ResponseCacheMiddleware` only while the store's data version holds);
/// every route is described in `OpenAPI/openapi.json`, served at `/api/openapi.json`.
struct APIController: Sendable {
    let store: any StoreReader
    /// The owners' reports on actions; nil for a store that keeps none (every action then has none).
    var updates: (any ActionUpdateStore)? = nil

    /// A route's work: its query parameters (already checked against the route's list) and path parameters in, a
    /// value to write as JSON out.
    typealias Handler = @Sendable (QueryParameters, Parameters) async throws -> any Encodable

    /// The routes, as the OpenAPI document names them (Hummingbird reads `{name}` as a capture too), with the query
    /// parameters each takes; any other is refused.
    var routes: [(path: String, parameters: Set<String>, handle: Handler)] {
        [
            ("/api/v1/plans", ["method"], { query, _ in try await plans(query.method()) }),
            ("/api/v1/plans/{plan}", ["method"], { query, p in try await plan(p.decoded("plan"), method: query.method()) }),
            ("/api/v1/plans/{plan}/targets/{code}", [], { _, p in try await target(plan: p.decoded("plan"), code: p.decoded("code")) }),
            ("/api/v1/indicators", [], { _, _ in IndicatorList(indicators: try await store.indicators().map(IndicatorItem.init)) }),
            ("/api/v1/indicators/{code}", [], { _, p in try await indicator(p.decoded("code")) }),
            ("/api/v1/indicators/{code}/observations", ["region", "from", "to"], { query, p in
                try await observations(p.decoded("code"), query)
            }),
            ("/api/v1/regions", [], { _, _ in
                let geography = try await store.geography()
                return RegionList(regions: geography.ordered.map { RegionItem($0, geography: geography) })
            }),
            ("/api/v1/regions/{code}", [], { _, p in try await region(p.decoded("code")) }),
            ("/api/v1/actions", ["plan", "participation", "funding", "status"], { query, _ in try await actions(query) }),
            ("/api/v1/actions/{id}/updates", [], { _, p in try await actionUpdates(p.decoded("id")) }),
            ("/api/v1/search", ["q"], { query, _ in try await search(query) }),
        ]
    }

    /// The API's routes, the document and the JSON 404 for the rest of `/api`; their paths are absolute, as the
    /// document names them, so the collection is mounted at the root.
    var endpoints: RouteCollection<KoersRequestContext> {
        let router = RouteCollection(context: KoersRequestContext.self)
        for (path, parameters, handle) in routes {
            router.get(RouterPath(path)) { request, context in
                try await Self.answer(request, context) {
                    JSONResponse(body: try await handle(try QueryParameters(request, allowed: parameters), context.parameters))
                }
            }
        }
        router.get("/api/openapi.json") { request, context in
            try await Self.answer(request, context) { try OpenAPIDocument.response() }
        }
        // Anything else under /api is a JSON 404 too, not the HTML one.
        router.get("/api/**") { request, context in
            try await Self.answer(request, context) { throw APIError.notFound("no endpoint \(request.uri.path); see /api/openapi.json") }
        }
        return router
    }

    /// The handler's response, or the error shape: an `APIError` with its status, a failed store read as the 503 that
    /// `StoreFailureMiddleware` gives every route, anything else as a 500.
    private static func answer(_ request: Request, _ context: KoersRequestContext,
                               _ handle: () async throws -> any ResponseGenerator) async throws -> Response {
        do {
            return try await handle().response(from: request, context: context)
        } catch let error as APIError {
            return try error.response.response(from: request, context: context)
        } catch let failure as StoreUnavailable {
            throw failure
        } catch {
            context.logger.error("API request failed: \(error)")
            return try APIError(status: .internalServerError, message: "internal error").response.response(from: request, context: context)
        }
    }

    private func plans(_ method: ProgressMethod) async throws -> PlanList {
        let lookup = try await store.lookup()
        var plans: [PlanSummary] = []
        for plan in try await store.plans() {
            let progress = try await store.assess(plan, indicators: lookup.indicators).progress(method)
            plans.append(PlanSummary(plan, progress: progress, lookup: lookup))
        }
        return PlanList(method: method.rawValue, plans: plans)
    }

    private func plan(_ id: String, method: ProgressMethod) async throws -> PlanDetail {
        guard let plan = try await store.plan(id: id) else { throw APIError.notFound("no plan '\(id)'") }
        let lookup = try await store.lookup()
        let progress = try await store.assess(plan, indicators: lookup.indicators).progress(method)
        return PlanDetail(plan, progress: progress, lookup: lookup)
    }

    private func target(plan id: String, code: String) async throws -> TargetDetail {
        guard let plan = try await store.plan(id: id) else { throw APIError.notFound("no plan '\(id)'") }
        guard let (node, target) = plan.allTargets.first(where: { $0.target.code == code }) else {
            throw APIError.notFound("plan '\(id)' has no target '\(code)'")
        }
        let lookup = try await store.lookup()
        let assessed = try await store.assess(target, indicators: lookup.indicators)
        return TargetDetail(plan: plan, target: target, node: node, observations: assessed.observations,
                            assessment: assessed.assessment, lookup: lookup, plans: try await store.plans())
    }

    private func indicator(_ code: String) async throws -> IndicatorDetail {
        guard let indicator = try await store.indicator(code: code) else { throw APIError.notFound("no indicator '\(code)'") }
        let lookup = try await store.lookup()
        let targets = try await store.plans().flatMap { plan in
            plan.allTargets.map(\.target).filter { $0.indicator == code }.map {
                IndicatorDetail.TargetLink(plan: plan.id, code: $0.code, text: $0.text, url: Paths(.nl).target(plan: plan.id, code: $0.code))
            }
        }
        let regions = Set(try await store.observations(indicator: code, regions: nil).map(\.region))
        return IndicatorDetail(indicator: IndicatorItem(indicator), targets: targets,
                               regions: lookup.geography.ordered.filter { regions.contains($0.code) }.map { RegionRef($0.code, lookup: lookup) })
    }

    private func observations(_ code: String, _ query: QueryParameters) async throws -> ObservationList {
        guard try await store.indicator(code: code) != nil else { throw APIError.notFound("no indicator '\(code)'") }
        let lookup = try await store.lookup()
        let regions = try query.list("region", of: lookup.geography.regions.keys)
        let from = try query.period("from"), to = try query.period("to")
        if let from, let to, to.end < from.start {
            throw APIError.badParameter("to", "\(to) is before from=\(from)")
        }
        // A value counts when its whole period lies within from…to (2006/2016 is not "from 2015").
        let observations = try await store.observations(indicator: code, regions: regions.map { $0.sorted() }).filter { o in
            (from.map { o.period.start >= $0.start } ?? true) && (to.map { o.period.end <= $0.end } ?? true)
        }
        return ObservationList(indicator: IndicatorRef(code, lookup: lookup), observations: observations.map { ObservationItem($0, lookup: lookup) })
    }

    private func region(_ code: String) async throws -> RegionDetail {
        let lookup = try await store.lookup()
        guard let region = lookup.geography[code] else { throw APIError.notFound("no region '\(code)'") }
        let codes = [code] + lookup.geography.ancestors(of: code).map(\.code)
        var observations: [Observation] = []
        for indicator in lookup.indicators.keys.sorted() {
            observations += try await store.observations(indicator: indicator, regions: codes)
        }
        return RegionDetail(region: region, observations: observations, lookup: lookup)
    }

    private func actionUpdates(_ id: String) async throws -> ActionUpdateList {
        guard try await store.plans().contains(where: { $0.actions.contains { $0.id == id } }) else {
            throw APIError.notFound("no action \(id)")
        }
        // The public's: approved reports only (or published at once), never one that waits for a steward.
        return ActionUpdateList(action: id, updates: try await updates?.updates(action: id).filter(\.isApproved).map(ActionUpdateItem.init) ?? [])
    }

    private func actions(_ query: QueryParameters) async throws -> ActionList {
        let plans = try await store.plans()
        let lookup = try await store.lookup()
        let planIDs = try query.list("plan", of: plans.map(\.id))
        let categories = try query.list("participation", of: ParticipationCategory.allCases.map { String($0.rawValue) } + ["none"])
        let fundings = try query.list("funding", of: Array(lookup.funding.keys) + ["none"])
        let statuses = try query.list("status", of: ActionStatus.allCases.map(\.rawValue))
        var selected: [(plan: String, action: Action)] = []
        for plan in plans where planIDs?.contains(plan.id) ?? true {
            for var action in plan.actions {
                guard categories?.contains(action.participation.map { String($0.rawValue) } ?? "none") ?? true,
                      statuses?.contains(action.status.rawValue) ?? true else { continue }
                if let fundings {
                    // Only the lines from those sources count, so that the totals of all sources add up to the whole.
                    action.budget.removeAll { !fundings.contains($0.funding ?? "none") }
                    if action.budget.isEmpty { continue }
                }
                selected.append((plan.id, action))
            }
        }
        return ActionList(actions: selected.map { ActionItem($0.action, plan: $0.plan, lookup: lookup) },
                          totals: BudgetTotals(actions: selected.map(\.action), lookup: lookup))
    }

    private func search(_ query: QueryParameters) async throws -> SearchResults {
        guard let q = try query.string("q")?.trimmingCharacters(in: .whitespaces), !q.isEmpty else {
            throw APIError.badParameter("q", "give the text to search for")
        }
        let lookup = try await store.lookup()
        let found = Search.find(q, plans: try await store.plans(), indicators: Array(lookup.indicators.values),
                                geography: lookup.geography, organisations: lookup.organisations)
        return SearchResults(query: q, results: found.map(SearchHit.init))
    }
}

extension Parameters {
    /// A path parameter with its percent-encoding undone: page URLs escape anything beyond letters, digits and `-._~`.
    func decoded(_ name: String) throws -> String {
        let raw = try require(name)
        return raw.removingPercentEncoding ?? raw
    }
}
