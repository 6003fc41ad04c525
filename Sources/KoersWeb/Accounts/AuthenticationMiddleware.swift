import Foundation
import HTTPTypes
import Hummingbird
import KoersAccounts
import KoersCore
import KoersStore

/// Fills `context.identity` from the session cookie or an `Authorization: Bearer` token. A session past its idle
/// timeout or absolute lifetime is ended on the server (and audited); a revoked token or a disabled account counts
/// as no one. What a request may do is then decided by `Rights`, never here.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = KoersRequestContext
    let accounts: any AccountStore
    let settings: SessionSettings
    static let forwardedFor = HTTPField.Name("X-Forwarded-For")!

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.remoteAddress = settings.clientAddress(peer: context.remoteAddress, forwardedFor: request.headers[Self.forwardedFor])
        if let bearer = request.headers[.authorization], bearer.hasPrefix("Bearer ") {
            let hash = SecretToken.hash(String(bearer.dropFirst("Bearer ".count)).trimmingCharacters(in: .whitespaces))
            if let token = try await accounts.token(hash: hash), token.revokedAt == nil, !token.account.disabled {
                try await accounts.recordTokenUse(id: token.id, at: SessionSettings.text(settings.now()))
                context.identity = Identity(account: token.account, role: token.role, session: nil, tokenID: token.id)
            }
        } else if let value = request.cookies[SessionSettings.sessionCookie]?.value, !value.isEmpty {
            let hash = SecretToken.hash(value)
            // A session that waits for its second factor is no one's yet: only the sign-in's second step reads it.
            if let session = try await accounts.session(idHash: hash), !session.secondFactorPending {
                let time = settings.now()
                if settings.isAlive(session, at: time), !session.account.disabled {
                    // At most once a minute: the idle timeout needs no finer clock, and a page's every request
                    // would otherwise be a write.
                    if let seen = SessionSettings.date(session.lastSeenAt), time.timeIntervalSince(seen) >= 60 {
                        try await accounts.touchSession(idHash: hash, at: SessionSettings.text(time))
                    }
                    context.identity = Identity(account: session.account, role: session.account.role, session: session, tokenID: nil)
                } else {
                    try await accounts.apply(.endSession(email: session.account.email, idHash: hash),
                                             context: AuditContext(actor: .user(email: session.account.email), note: "timed out"))
                }
            }
        }
        return try await next(request, context)
    }
}
