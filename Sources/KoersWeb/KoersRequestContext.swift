import Hummingbird

/// What Koers knows about a request while answering it. Every controller, middleware and route uses this one type, so
/// that what the accounts issue adds reaches all of them without changing their signatures.
public struct KoersRequestContext: RequestContext {
    /// Hummingbird's own part: the request's logger, its path parameters and the route that matched.
    public var coreContext: CoreRequestContextStorage

    // The accounts issue adds the signed-in user and the session's CSRF token here, filled by an authentication
    // middleware. Until then nobody signs in: every request is anonymous and no page depends on who asks.

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }
}
