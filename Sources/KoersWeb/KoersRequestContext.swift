import Hummingbird
import KoersCore

/// What Koers knows about a request while answering it. Every controller, middleware and route uses this one type, so
/// that what the accounts issue adds reaches all of them without changing their signatures.
public struct KoersRequestContext: RequestContext {
    /// Hummingbird's own part: the request's logger, its path parameters and the route that matched.
    public var coreContext: CoreRequestContextStorage

    /// Who asks: filled by `AuthenticationMiddleware`; nil for the public.
    public var identity: Identity?

    /// The role that decides what this request may do (nil: the public).
    public var role: Role? { identity?.role }

    /// The peer's IP address as the server saw it (behind a proxy: the proxy's; `X-Forwarded-For` is not trusted,
    /// as anyone can send it).
    public var remoteAddress: String?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress?.ipAddress
    }
}
