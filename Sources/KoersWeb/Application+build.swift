import Hummingbird
import KoersStore
import KoersViews

/// Builds the Koers web application on `store`: the pages, ready to run or to test. `cacheBytes` bounds the memory
/// kept for finished answers (0: compute every answer afresh).
public func buildApplication(store: any Store, host: String = "127.0.0.1", port: Int = 8080,
                             cacheBytes: Int = defaultCacheBytes) async throws -> some ApplicationProtocol {
    let router = try await buildRouter(store: store, cacheBytes: cacheBytes)
    return Application(router: router, configuration: .init(address: .hostname(host, port: port), serverName: "Koers"))
}

/// 64 MB: a hundred of the largest indicator pages, or thousands of target pages.
public let defaultCacheBytes = 64 << 20

/// The routes: every page has a stable Dutch URL.
public func buildRouter(store: any Store, cacheBytes: Int = defaultCacheBytes) async throws -> Router<BasicRequestContext> {
    let router = Router()
    let renderer = try await PageRenderer()
    router.add(middleware: ResponseCacheMiddleware(store: store, cache: ResponseCache(capacity: cacheBytes)))
    router.add(middleware: NotFoundMiddleware(renderer: renderer))
    let pages = PageController(store: store, renderer: renderer)
    pages.addRoutes(to: router)
    APIController(store: store).addRoutes(to: router)
    Health.addRoute(to: router, store: store)
    return router
}
