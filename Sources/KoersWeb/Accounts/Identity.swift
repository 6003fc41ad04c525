import Foundation
import Hummingbird
import KoersAccounts
import KoersCore

/// Who a request comes from: a signed-in account (with its session) or a token acting for one. Nil in the context is
/// the public.
public struct Identity: Sendable, Hashable {
    public var account: Account
    /// The role that decides: the account's, or the token's (never more than the account's).
    public var role: Role
    public var session: Session?
    public var tokenID: Int64?

    /// The actor its changes are audited as.
    public var actor: AuditActor {
        tokenID.map { .token(id: $0, email: account.email) } ?? .user(email: account.email)
    }
}

/// How sessions behave: settings of `koers serve`.
public struct SessionSettings: Sendable {
    /// `Secure` on the cookie: on whenever Koers is reached over HTTPS (the deployment docs turn it on).
    public var secureCookies: Bool
    /// A session unused for this long ends (30 minutes, as OWASP's session guide suggests for most applications).
    public var idleTimeout: TimeInterval
    /// A session ends this long after sign-in, used or not (12 hours: ASVS 3.3.2's bound for a re-authentication).
    public var absoluteLifetime: TimeInterval

    /// How long a sign-in whose password was right waits for its second factor's code.
    public var secondFactorWindow: TimeInterval = 5 * 60

    /// The brute-force guard of the sign-in form.
    public var throttle: SignInThrottle
    /// Peers (reverse proxies) whose `X-Forwarded-For` is believed: for a request from one of them, the address the
    /// proxy appended last is the client's (for the audit trail and the per-address sign-in limit). Empty: none.
    public var trustedProxies: Set<String>

    /// The time the timeouts are judged at: the clock, or a test's.
    public var now: @Sendable () -> Date

    public init(secureCookies: Bool = false, idleTimeout: TimeInterval = 30 * 60, absoluteLifetime: TimeInterval = 12 * 3600,
                throttle: SignInThrottle = SignInThrottle(), trustedProxies: Set<String> = [],
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.secureCookies = secureCookies
        self.idleTimeout = idleTimeout
        self.absoluteLifetime = absoluteLifetime
        self.throttle = throttle
        self.trustedProxies = trustedProxies
        self.now = now
    }

    /// The client's address: the peer's, or, from a trusted proxy, the last address of `X-Forwarded-For` (the one that
    /// proxy added; those before it are whatever the client sent).
    func clientAddress(peer: String?, forwardedFor: String?) -> String? {
        guard let peer, trustedProxies.contains(peer), let forwardedFor,
              let last = forwardedFor.split(separator: ",").last?.trimmingCharacters(in: .whitespaces), !last.isEmpty,
              last.count <= 45, last.allSatisfy({ $0.isHexDigit || $0 == "." || $0 == ":" }) else { return peer }
        return last
    }

    static let sessionCookie = "koers_session"
    /// The sign-in form's own CSRF token (a double-submit cookie): a form posted from another site has no such cookie.
    static let signInCookie = "koers_signin"

    func cookie(_ name: String, _ value: String, maxAge: Int) -> Cookie {
        Cookie(name: name, value: value, maxAge: maxAge, path: "/", secure: secureCookies, httpOnly: true, sameSite: .lax)
    }

    /// Whether a session, last seen and made at these times, is still alive at `now`.
    func isAlive(_ session: Session, at now: Date) -> Bool {
        guard let seen = Self.date(session.lastSeenAt), let made = Self.date(session.createdAt) else { return false }
        return now.timeIntervalSince(seen) < idleTimeout && now.timeIntervalSince(made) < absoluteLifetime
    }

    static func date(_ text: String) -> Date? { ISO8601DateFormatter().date(from: text) }
    static func text(_ date: Date) -> String { ISO8601DateFormatter().string(from: date) }
}
