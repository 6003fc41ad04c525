import Hummingbird
import KoersStore
import KoersViews

/// Builds the Koers web application on `store`: the pages, ready to run or to test.
public func buildApplication(store: any Store, host: String = "127.0.0.1", port: Int = 8080) async throws -> some ApplicationProtocol {
    let router = try await buildRouter(store: store)
    return Application(router: router, configuration: .init(address: .hostname(host, port: port), serverName: "Koers"))
}

/// The routes: every page has a stable Dutch URL.
public func buildRouter(store: any Store) async throws -> Router<BasicRequestContext> {
    let router = Router()
    let renderer = try await PageRenderer()
    router.add(middleware: NotFoundMiddleware(renderer: renderer))
    let pages = PageController(store: store, renderer: renderer)
    pages.addRoutes(to: router)
    APIController(store: store).addRoutes(to: router)
    return router
}
