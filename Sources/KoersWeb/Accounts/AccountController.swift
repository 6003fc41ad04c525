import Foundation
import Hummingbird
import KoersAccounts
import KoersCore
import KoersStore
import KoersViews

/// Sign-in, sign-out and "my account", in Dutch and English. Answers here are never cached (`no-store`): they
/// depend on who asks.
struct AccountController: Sendable {
    let accounts: any AccountStore
    let renderer: PageRenderer
    let settings: SessionSettings

    /// Verified when the e-mail address is unknown or disabled, so that the answer takes as long as for a wrong
    /// password (the same cost as real hashes).
    static let decoy = PasswordHash.make(SecretToken.make())

    var endpoints: RouteCollection<KoersRequestContext> {
        // Made now, not at the first unknown address, whose answer would otherwise take twice as long.
        _ = Self.decoy
        let router = RouteCollection(context: KoersRequestContext.self)
        for language in Language.allCases {
            let paths = Paths(language)
            router.get(RouterPath(paths.signIn)) { request, _ in self.signInForm(request, language, failed: false, email: "") }
            router.get(RouterPath(paths.account)) { _, context in self.account(context, language) }
        }
        for route in WriteRoutes.all {
            let (language, _) = Paths.split(route.path)
            switch route.path {
            case Paths(language).signIn: WriteRoutes.add(route, to: router) { request, context, form in try await self.signIn(request, context, language, form) }
            case Paths(language).signOut: WriteRoutes.add(route, to: router) { _, context, _ in try await self.signOut(context, language) }
            default: preconditionFailure("write route \(route.path) has no handler")
            }
        }
        return router
    }

    /// The form, with a fresh sign-in CSRF cookie when the browser has none.
    func signInForm(_ request: Request, _ language: Language, failed: Bool, email: String) -> Response {
        // The browser's own token when it looks like one of ours (it is written into the page), else a new one.
        let sent = request.cookies[SessionSettings.signInCookie]?.value ?? ""
        let csrf = sent.count == 43 && sent.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) ? sent : SecretToken.make()
        let html = renderer.render(["action": Paths(language).signIn, "csrf": csrf, "failed": failed, "email": email] as [String: Any],
                                   template: "sign-in", language: language, path: "/aanmelden")
        var response = Self.private(html, status: failed ? .unauthorized : .ok)
        response.setCookie(settings.cookie(SessionSettings.signInCookie, csrf, maxAge: 3600))
        return response
    }

    func signIn(_ request: Request, _ context: KoersRequestContext, _ language: Language, _ form: [String: String]) async throws -> Response {
        guard let cookie = request.cookies[SessionSettings.signInCookie]?.value, let sent = form["csrf"], SecretToken.equal(sent, cookie) else {
            throw HTTPError(.forbidden, message: "the sign-in form's CSRF token is missing or wrong")
        }
        let email = (form["email"] ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        let password = form["password"] ?? ""
        let account = email.isEmpty ? nil : try await accounts.account(email: email)
        // One bcrypt verification whatever the case, so that an unknown address answers in the same time.
        let verified = PasswordHash.verify(password, against: account?.passwordHash ?? Self.decoy)
        guard let account, verified, !account.disabled else {
            return signInForm(request, language, failed: true, email: String(email.prefix(254)))
        }
        // A new session id at every sign-in: one planted before it (session fixation) is never the one used after.
        let id = SecretToken.make(), csrf = SecretToken.make()
        let agent = request.headers[.userAgent].map { String($0.prefix(300)) }
        try await accounts.apply(.startSession(email: account.email, idHash: SecretToken.hash(id), csrfToken: csrf,
                                               address: context.remoteAddress, userAgent: agent),
                                 context: AuditContext(actor: .user(email: account.email), address: context.remoteAddress, userAgent: agent))
        var response = Response(status: .seeOther, headers: [.location: Paths(language).account, .cacheControl: "no-store"])
        response.setCookie(settings.cookie(SessionSettings.sessionCookie, id, maxAge: Int(settings.absoluteLifetime)))
        response.setCookie(settings.cookie(SessionSettings.signInCookie, "", maxAge: 0))
        return response
    }

    func signOut(_ context: KoersRequestContext, _ language: Language) async throws -> Response {
        if let identity = context.identity, let session = identity.session {
            try await accounts.apply(.endSession(email: identity.account.email, idHash: session.idHash),
                                     context: AuditContext(actor: identity.actor))
        }
        var response = Response(status: .seeOther, headers: [.location: Paths(language).home, .cacheControl: "no-store"])
        response.setCookie(settings.cookie(SessionSettings.sessionCookie, "", maxAge: 0))
        return response
    }

    func account(_ context: KoersRequestContext, _ language: Language) -> Response {
        guard let identity = context.identity, let session = identity.session else {
            return Response(status: .seeOther, headers: [.location: Paths(language).signIn, .cacheControl: "no-store"])
        }
        let role = identity.role.label
        let model: [String: Any] = ["email": identity.account.email, "role": language == .nl ? role.nl : role.en,
                                    "organisations": identity.account.organisations.joined(separator: ", "),
                                    "signOut": Paths(language).signOut, "csrf": session.csrfToken]
        return Self.private(renderer.render(model, template: "account", language: language, path: "/mijn-account"), status: .ok)
    }

    static func `private`(_ html: String, status: HTTPResponse.Status) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                 body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}
