import Hummingbird
import KoersAssessment
import KoersCore
import KoersProgress
import KoersStore
import KoersViews

/// The HTML pages, in Dutch at the root and in English under `/en`. Each page is computed from what the store holds
/// (and kept by `ResponseCacheMiddleware` only while the store's data version holds), so several instances on one
/// database never disagree.
struct PageController: Sendable {
    let store: any StoreReader
    let renderer: PageRenderer
    /// The action pages, which share `/acties/…` with the portfolio's downloads.
    let actionPages: ActionController
    /// Drafts, for signed-in readers' pages; nil for a store that keeps none.
    var drafts: (any DraftStore)? = nil
    /// The staleness rules and the day, for the "next value due" marks.
    var followUp = FollowUpSettings()
    /// The method whose verdict the badges on home, plan and node show.
    static let defaultMethod = ProgressMethod.openSDG

    /// Every page and download, in both languages: mounted at the root with `router.addRoutes(_:)`.
    var endpoints: RouteCollection<KoersRequestContext> {
        let router = RouteCollection(context: KoersRequestContext.self)
        for language in Language.allCases {
            let prefix = Paths(language).prefix
            router.get(RouterPath(prefix.isEmpty ? "/" : prefix)) { request, _ in try await self.home(request, language) }
            router.get(RouterPath("\(prefix)/plannen/:plan")) { request, context in
                try await self.plan(request, language, context.parameters.require("plan"))
            }
            router.get(RouterPath("\(prefix)/plannen/:plan/ambities/:code")) { request, context in
                try await self.target(request, language, plan: context.parameters.require("plan"), code: context.parameters.require("code"))
            }
            router.get(RouterPath("\(prefix)/acties")) { request, _ in try await self.actions(request, language) }
            // `data.csv` and `data.json` are the portfolio's downloads; any other name is an action's id.
            router.get(RouterPath("\(prefix)/acties/:file")) { request, context in
                let name = try context.parameters.require("file")
                if name.hasPrefix("data.") { return try await self.actionsFile(request, language, file: name) }
                return try await self.actionPages.page(request, context, language, id: name)
            }
            router.get(RouterPath("\(prefix)/zoeken")) { request, _ in try await self.search(request, language) }
            router.get(RouterPath("\(prefix)/regio")) { request, _ in try await self.regions(request, language) }
            router.get(RouterPath("\(prefix)/regio/:code")) { request, context in
                try await self.region(request, language, context.parameters.require("code"))
            }
            router.get(RouterPath("\(prefix)/regio/:code/:file")) { request, context in
                try await self.regionFile(request, language, context.parameters.require("code"), file: context.parameters.require("file"))
            }
            router.get(RouterPath("\(prefix)/methodologie")) { request, _ in
                self.page([String: String](), "methodology-\(language.rawValue)", request, language)
            }
            router.get(RouterPath("\(prefix)/over")) { request, _ in try await self.about(request, language) }
            router.get(RouterPath("\(prefix)/indicatoren")) { request, _ in
                self.page(IndicatorsPage(indicators: try await store.indicators(), language: language), "indicators", request, language)
            }
            router.get(RouterPath("\(prefix)/indicatoren/:code")) { request, context in
                try await self.indicator(request, language, context.parameters.require("code"), as: nil, context: context)
            }
            router.get(RouterPath("\(prefix)/indicatoren/:code/:file")) { request, context in
                try await self.indicator(request, language, context.parameters.require("code"), as: context.parameters.require("file"))
            }
            router.get(RouterPath("\(prefix)/plannen/:plan/ambities/:code/:file")) { request, context in
                try await self.targetFile(request, language, plan: context.parameters.require("plan"), code: context.parameters.require("code"),
                                          file: context.parameters.require("file"))
            }
        }
        return router
    }

    func home(_ request: Request, _ language: Language) async throws -> HTMLResponse {
        let lookup = try await store.lookup()
        let plans = try await store.plans()
        var progress: [String: PlanProgress] = [:]
        for plan in plans { progress[plan.id] = try await store.assess(plan, indicators: lookup.indicators).progress(Self.defaultMethod) }
        return page(HomePage(plans: plans, lookup: lookup, progress: progress, language: language), "home", request, language)
    }

    func plan(_ request: Request, _ language: Language, _ id: String) async throws -> HTMLResponse {
        guard let plan = try await store.plan(id: id) else { return notFound(request, language, .noPlan(id)) }
        let lookup = try await store.lookup()
        return page(PlanPage(plan: plan, lookup: lookup, progress: try await store.assess(plan, indicators: lookup.indicators).progress(Self.defaultMethod),
                             language: language, latest: try await actionPages.updates?.latestUpdates() ?? [:]),
                    "plan", request, language)
    }

    func target(_ request: Request, _ language: Language, plan id: String, code: String) async throws -> HTMLResponse {
        guard let plan = try await store.plan(id: id) else { return notFound(request, language, .noPlan(id)) }
        guard let target = plan.allTargets.first(where: { $0.target.code == code })?.target else {
            return notFound(request, language, .noTarget(plan.title.text(in: language), code))
        }
        let lookup = try await store.lookup()
        let assessed = try await store.assess(target, indicators: lookup.indicators)
        guard var page = TargetPage(plan: plan, code: code, observations: assessed.observations, assessment: assessed.assessment,
                                    lookup: lookup, lastUpdate: try await store.lastUpdate(indicator: target.indicator, language),
                                    language: language) else {
            return notFound(request, language, .noTarget(plan.title.text(in: language), code))
        }
        // The owners' reports are read only when an action serves the target (none in the bundled plans): the target
        // page is the one readers open most.
        let plans = try await store.plans()
        let served = plans.contains { $0.actions.contains { $0.serves.contains { $0.plan == id && $0.target == code } } }
        if let indicator = lookup.indicators[target.indicator] {
            let series = assessed.observations.filter { $0.region == target.region }.map(\.period)
            page.indicator?.due = DueNote(IndicatorFreshness(indicator: indicator, periods: series, rules: followUp.rules),
                                          today: followUp.today(), language: language)
        }
        page.serving = ServingActions(plan: id, target: code, plans: plans,
                                      latest: served ? try await actionPages.updates?.latestUpdates() ?? [:] : [:], lookup: lookup, language: language)
        return self.page(page, "target", request, language)
    }

    func actions(_ request: Request, _ language: Language) async throws -> HTMLResponse {
        page(ActionsPage(plans: try await store.plans(), query: Self.actionsQuery(request), lookup: try await store.lookup(),
                         language: language, latest: try await actionPages.updates?.latestUpdates() ?? [:]),
             "actions", request, language)
    }

    /// The filtered action table as `data.csv` or `data.json`.
    func actionsFile(_ request: Request, _ language: Language, file: String) async throws -> Response {
        let chosen = Self.actionsQuery(request).select(from: try await store.plans())
        let table = Downloads.actions(chosen, lookup: try await store.lookup(), language: language)
        return try Downloads.table(table, as: file, name: language == .nl ? "acties" : "actions")
    }

    static func actionsQuery(_ request: Request) -> ActionsPage.Query {
        let q = request.uri.queryParameters
        func value(_ name: String) -> String? { q[Substring(name)].map(String.init).flatMap { $0.isEmpty ? nil : $0 } }
        return ActionsPage.Query(plan: value("plan"), participation: value("participation"), funding: value("funding"),
                                 status: value("status"))
    }

    func search(_ request: Request, _ language: Language) async throws -> HTMLResponse {
        let query = request.uri.queryParameters["q"].map(String.init) ?? ""
        return page(SearchPage(query: query, plans: try await store.plans(), lookup: try await store.lookup(), language: language),
                    "search", request, language)
    }

    func regions(_ request: Request, _ language: Language) async throws -> HTMLResponse {
        page(RegionsPage(geography: try await store.geography(), language: language), "regions", request, language)
    }

    func region(_ request: Request, _ language: Language, _ code: String) async throws -> HTMLResponse {
        let lookup = try await store.lookup()
        guard lookup.geography[code] != nil else { return notFound(request, language, .noRegion(code)) }
        let page = RegionPage(code: code, observations: try await profileObservations(code, lookup), lookup: lookup, language: language)!
        return self.page(page, "region", request, language)
    }

    /// The values behind a region profile (every indicator, every period, the region and those it is compared with)
    /// as `data.csv` or `data.json`.
    func regionFile(_ request: Request, _ language: Language, _ code: String, file: String) async throws -> Response {
        let lookup = try await store.lookup()
        guard lookup.geography[code] != nil else { throw HTTPError(.notFound) }
        return try Downloads.observations(try await profileObservations(code, lookup), as: file, name: "regio-\(code)",
                                          lookup: lookup, language: language)
    }

    private func profileObservations(_ code: String, _ lookup: Lookup) async throws -> [Observation] {
        let compared = RegionPage.comparedRegions(code, geography: lookup.geography)
        var observations: [Observation] = []
        for indicator in lookup.indicators.keys.sorted() {
            observations += try await store.observations(indicator: indicator, regions: compared)
        }
        return observations
    }

    /// The indicator page, or (with `file`) its values as `data.csv` / `data.json`, or one of its charts: the time series
    /// (`grafiek.svg`), the small multiples (`panelen.svg`), the map (`kaart.svg`) or the ranked bars (`rangschikking.svg`),
    /// for the regions of the `regio` parameters.
    func indicator(_ request: Request, _ language: Language, _ code: String, as file: String?,
                   context: KoersRequestContext? = nil) async throws -> Response {
        let lookup = try await store.lookup()
        guard let indicator = lookup.indicators[code] else {
            return notFound(request, language, .noIndicator(code)).response
        }
        let observations = try await store.observations(indicator: code, regions: nil)
        let withValues = Set(observations.map(\.region))
        var selected = request.uri.queryParameters.getAll("regio").map { String($0) }.filter { !$0.isEmpty }
        if selected.isEmpty {
            let plans = try await store.plans()
            let targetRegions = plans.flatMap(\.allTargets).map(\.target).filter { $0.indicator == code }.map(\.region)
            let start = (targetRegions + ["30000"]).first { lookup.geography[$0] != nil } ?? "30000"
            selected = IndicatorPage.defaultSelection(start, geography: lookup.geography, withValues: withValues)
            if selected.isEmpty, let any = withValues.sorted().first { selected = [any] }
        }
        let chosen = observations.filter { selected.contains($0.region) }
        switch file {
        case nil:
            let outlines = try await store.boundaries(regions: Array(withValues))
            var page = IndicatorPage(indicator: indicator, observations: observations, selected: selected, outlines: outlines,
                                     lookup: lookup, language: language)
            page.indicator.due = DueNote(IndicatorFreshness(indicator: indicator, periods: observations.map(\.period), rules: followUp.rules),
                                         today: followUp.today(), language: language)
            guard let drafts, let context, Rights.allows(context.role, .viewDrafts) else { return self.page(page, "indicator", request, language).response }
            page.concept = ConceptValues(try await drafts.waitingValues(indicator: code), published: observations, lookup: lookup, language: language)
            var response = self.page(page, "indicator", request, language).response
            // Someone's own view: no shared cache keeps it.
            response.headers[.cacheControl] = "no-store"
            return response
        case "grafiek.svg", "panelen.svg", "kaart.svg", "rangschikking.svg":
            let outlines = file == "kaart.svg" ? try await store.boundaries(regions: Array(withValues)) : []
            let page = IndicatorPage(indicator: indicator, observations: observations, selected: selected, outlines: outlines,
                                     lookup: lookup, language: language)
            let charts = ["grafiek.svg": page.lines, "panelen.svg": page.panels, "kaart.svg": page.map, "rangschikking.svg": page.bars]
            guard let svg = charts[file ?? ""] ?? nil else { throw HTTPError(.notFound) }
            return Downloads.svg(svg)
        case let file?:
            return try Downloads.observations(chosen.isEmpty ? observations : chosen, as: file, name: code, lookup: lookup,
                                              language: language)
        }
    }

    /// A target's values (`data.csv`, `data.json`, every region) or its chart (`grafiek.svg`).
    func targetFile(_ request: Request, _ language: Language, plan id: String, code: String, file: String) async throws -> Response {
        guard let plan = try await store.plan(id: id), let target = plan.allTargets.first(where: { $0.target.code == code })?.target else {
            throw HTTPError(.notFound)
        }
        let lookup = try await store.lookup()
        let assessed = try await store.assess(target, indicators: lookup.indicators)
        switch file {
        case "grafiek.svg":
            guard let svg = TargetPage.chart(plan: plan, code: code, observations: assessed.observations, assessment: assessed.assessment,
                                             lookup: lookup, language: language) else {
                throw HTTPError(.notFound)
            }
            return Downloads.svg(svg)
        default:
            return try Downloads.observations(assessed.observations, as: file, name: "\(plan.id)-\(code)", lookup: lookup,
                                              language: language)
        }
    }

    func about(_ request: Request, _ language: Language) async throws -> HTMLResponse {
        let sources = Set(try await store.boundaries(regions: nil).map(\.source)).sorted()
        return page(AboutPage(plans: try await store.plans(), indicators: try await store.indicators(), boundarySources: sources,
                              language: language), "about", request, language)
    }

    private func page(_ model: Any, _ template: String, _ request: Request, _ language: Language) -> HTMLResponse {
        HTMLResponse(html: renderer.render(model, template: template, language: language, path: Self.path(request)))
    }

    /// The request's path without the language prefix, with its query, for the language switch.
    static func path(_ request: Request) -> String {
        let (_, path) = Paths.split(request.uri.path)
        return path + (request.uri.query.map { "?" + $0 } ?? "")
    }

    enum Missing {
        case noPlan(String)
        case noTarget(String, String)
        case noRegion(String)
        case noIndicator(String)

        func message(_ language: Language) -> String {
            switch (self, language) {
            case (.noPlan(let id), .nl): "Er is geen plan met code ‘\(id)’."
            case (.noPlan(let id), .en): "There is no plan with code ‘\(id)’."
            case (.noTarget(let plan, let code), .nl): "Het plan ‘\(plan)’ heeft geen ambitie ‘\(code)’."
            case (.noTarget(let plan, let code), .en): "The plan ‘\(plan)’ has no target ‘\(code)’."
            case (.noRegion(let code), .nl): "Koers kent geen regio met code ‘\(code)’."
            case (.noRegion(let code), .en): "Koers knows no region with code ‘\(code)’."
            case (.noIndicator(let code), .nl): "Koers kent geen indicator met code ‘\(code)’."
            case (.noIndicator(let code), .en): "Koers knows no indicator with code ‘\(code)’."
            }
        }
    }

    private func notFound(_ request: Request, _ language: Language, _ missing: Missing) -> HTMLResponse {
        HTMLResponse(html: renderer.notFound(message: missing.message(language), language: language),
                     status: .notFound)
    }
}
