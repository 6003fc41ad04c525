import Foundation
import Hummingbird
import KoersAccounts
import Logging
import NIOCore
import ServiceLifecycle
import KoersFollowUp
import KoersStore
import KoersViews

/// Builds the Koers web application on `store`: the pages, ready to run or to test. `cacheBytes` bounds the memory
/// kept for finished answers (0: compute every answer afresh). Requests are logged through `logger` (by default
/// nowhere, for tests); `onServerRunning` gets the port the server listens on (the one picked when `port` is 0).
/// Uploads wait for their confirmation in `uploads` (by default a folder in the system's temporary folder).
/// A connection idle for `idleTimeout` is closed. `services` (the store's connection pool) run in the application's service group, start before the server and
/// shut down after it; `beforeServerStarts` runs once they run, before the first request.
public func buildApplication(store: any StoreReader, accounts: (any AccountStore)? = nil, sessions: SessionSettings = SessionSettings(),
                             drafts: DraftSettings = DraftSettings(), uploads: URL? = nil, followUp: FollowUpSettings = FollowUpSettings(),
                             host: String = "127.0.0.1", port: Int = 8080, idleTimeout: TimeAmount = defaultIdleTimeout,
                             cacheBytes: Int = defaultCacheBytes, logger: Logger = Logger(label: "koers", factory: { _ in SwiftLogNoOpLogHandler() }),
                             services: [any Service] = [], beforeServerStarts: @escaping @Sendable () async throws -> Void = {},
                             onServerRunning: @escaping @Sendable (_ port: Int) async -> Void = { _ in }) async throws -> some ApplicationProtocol {
    let router = try await buildRouter(store: store, accounts: accounts, sessions: sessions, drafts: drafts, uploads: uploads, followUp: followUp, cacheBytes: cacheBytes)
    var app = Application(router: HeadAsGet(router: router), server: .http1(configuration: .init(additionalChannelHandlers: [CloseAfterWritesHandler()], idleTimeout: idleTimeout)),
                          configuration: .init(address: .hostname(host, port: port), serverName: "Koers"),
                          services: services,
                          onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? port) }, logger: logger)
    app.beforeServerStarts(perform: beforeServerStarts)
    return app
}

/// How long a connection may go without a request part arriving or an answer being written: it bounds idle keep-alive
/// connections and clients that send their headers a byte at a time (Hummingbird counts from the connection's start
/// until the request head is complete).
public let defaultIdleTimeout = TimeAmount.seconds(30)

/// 64 MB: a hundred of the largest indicator pages, or thousands of target pages.
public let defaultCacheBytes = 64 << 20

/// The routes: every page has a stable Dutch URL. Each controller brings its routes as a `RouteCollection`.
/// With `accounts`, people sign in (`AccountController`); without, every request is the public's.
public func buildRouter(store: any StoreReader, accounts: (any AccountStore)? = nil, sessions: SessionSettings = SessionSettings(),
                        drafts: DraftSettings = DraftSettings(), uploads: URL? = nil, followUp: FollowUpSettings = FollowUpSettings(),
                        cacheBytes: Int = defaultCacheBytes) async throws -> Router<KoersRequestContext> {
    let router = Router(context: KoersRequestContext.self)
    let renderer = try await PageRenderer()
    let metrics = KoersMetrics()
    let measured = MeasuredStore(base: store, metrics: metrics)
    let cache = ResponseCache(capacity: cacheBytes)
    // First, so that it sees every answer as it leaves, including those from the cache and "not found" pages.
    router.add(middleware: RequestObserver(metrics: metrics))
    // Next, so that HEAD, 405 and the security headers hold for every answer, cached or not, failed or not.
    let methods = RouteMethods()
    router.add(middleware: HTTPBasicsMiddleware<KoersRequestContext>(routes: methods))
    // Hummingbird's own request metrics (OpenTelemetry's names: http_server_request_duration, …) on the same /metrics,
    // for dashboards built on them.
    router.add(middleware: MetricsFactoryScope<KoersRequestContext>(factory: metrics.factory))
    router.add(middleware: MetricsMiddleware<KoersRequestContext>())
    // Outside the cache, so that a failed read anywhere (the cache's data-version read included) becomes a 503.
    router.add(middleware: StoreFailureMiddleware<KoersRequestContext>(renderer: renderer))
    if let accounts { router.add(middleware: AuthenticationMiddleware(accounts: accounts, settings: sessions)) }
    router.add(middleware: ResponseCacheMiddleware<KoersRequestContext>(store: measured, cache: cache))
    router.add(middleware: NotFoundMiddleware<KoersRequestContext>(renderer: renderer))
    let actionPages = ActionController(store: measured, updates: accounts as? any ActionUpdateStore, renderer: renderer)
    router.addRoutes(PageController(store: measured, renderer: renderer, actionPages: actionPages, drafts: accounts as? any DraftStore,
                                    followUp: followUp).endpoints)
    router.addRoutes(actionPages.endpoints)
    if let accounts {
        router.addRoutes(AccountController(accounts: accounts, renderer: renderer, settings: sessions, policy: try PasswordPolicy.standard()).endpoints)
        router.addRoutes(AccountsAdminController(accounts: accounts, store: measured, renderer: renderer).endpoints)
        router.addRoutes(AuditController(accounts: accounts, renderer: renderer).endpoints)
        // Drafts need a store that imports and keeps them: the database stores (the accounts' store is the store).
        if let writable = accounts as? any Store & DraftStore {
            router.addRoutes(DataController(store: writable, renderer: renderer, settings: drafts,
                                            shelf: uploads.map(UploadShelf.init(root:)) ?? UploadShelf(), mail: followUp.mail).endpoints)
        }
        if let plans = accounts as? any StoreReader & PlanEditing {
            router.addRoutes(PlanEditController(store: plans, renderer: renderer).endpoints)
        }
        if let sources = accounts as? any FollowUpSources {
            router.addRoutes(FollowUpController(store: sources, renderer: renderer, settings: followUp).endpoints)
        }
    }
    router.addRoutes(APIController(store: measured, updates: actionPages.updates).endpoints)
    router.addRoutes(HealthController(store: measured).endpoints)
    router.addRoutes(MetricsController(metrics: metrics, store: store, cache: cache).endpoints)
    methods.load(router.routes)
    return router
}
