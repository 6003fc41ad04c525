import Foundation
import Hummingbird
import KoersAccounts
import KoersCore
import KoersStore
import KoersViews

/// Sign-in, sign-out and "my account" (the password, API tokens), in Dutch and English. Answers here are never cached
/// (`no-store`): they depend on who asks.
struct AccountController: Sendable {
    let accounts: any AccountStore
    let renderer: PageRenderer
    let settings: SessionSettings
    let policy: PasswordPolicy

    /// Verified when the e-mail address is unknown or disabled, so that the answer takes as long as for a wrong
    /// password (the same cost as real hashes).
    static let decoy = PasswordHash.make(SecretToken.make())

    var endpoints: RouteCollection<KoersRequestContext> {
        // Made now, not at the first unknown address, whose answer would otherwise take twice as long.
        _ = Self.decoy
        let router = RouteCollection(context: KoersRequestContext.self)
        for language in Language.allCases {
            router.get(RouterPath(Paths(language).signIn)) { request, _ in self.signInForm(request, language, problem: nil, email: "") }
        }
        GuardedRoute.signIn.add(to: router) { request, context, form, language in try await self.signIn(request, context, language, form) }
        GuardedRoute.signInCode.add(to: router) { request, context, form, language in try await self.signInCode(request, context, language, form) }
        GuardedRoute.signOut.add(to: router) { _, context, _, language in try await self.signOut(context, language) }
        GuardedRoute.myAccount.add(to: router) { request, context, _, language in
            // After a new password, the redirect's address says so (and nothing else).
            let changed = request.uri.queryParameters.get("changed") == "password"
            return try await self.account(context, language, notice: changed ? UIText.table(language)["password_changed"] : nil)
        }
        GuardedRoute.changePassword.add(to: router) { request, context, form, language in
            try await self.changePassword(request, context, language, form)
        }
        GuardedRoute.createToken.add(to: router) { _, context, form, language in try await self.createToken(context, language, form) }
        GuardedRoute.revokeToken.add(to: router) { _, context, form, language in try await self.revokeToken(context, language, form) }
        GuardedRoute.secondFactor.add(to: router) { _, context, _, language in try self.secondFactorForm(context, language) }
        GuardedRoute.enrolSecondFactor.add(to: router) { _, context, form, language in try await self.enrolSecondFactor(context, language, form) }
        GuardedRoute.removeSecondFactor.add(to: router) { _, context, form, language in try await self.removeSecondFactor(context, language, form) }
        return router
    }

    // MARK: Sign-in and sign-out

    /// The form, with a fresh sign-in CSRF cookie when the browser has none. `problem`: why the last try failed.
    func signInForm(_ request: Request, _ language: Language, problem: String?, email: String,
                    status: HTTPResponse.Status = .ok, retryAfter: Int? = nil) -> Response {
        // The browser's own token when it looks like one of ours (it is written into the page), else a new one.
        let sent = request.cookies[SessionSettings.signInCookie]?.value ?? ""
        let csrf = sent.count == 43 && sent.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) ? sent : SecretToken.make()
        let model: [String: Any] = ["action": Paths(language).signIn, "csrf": csrf, "problem": problem as Any, "email": email]
        var response = Self.private(renderer.render(model, template: "sign-in", language: language, path: "/aanmelden"), status: status)
        if let retryAfter { response.headers[.retryAfter] = String(retryAfter) }
        response.setCookie(settings.cookie(SessionSettings.signInCookie, csrf, maxAge: 3600))
        return response
    }

    func signIn(_ request: Request, _ context: KoersRequestContext, _ language: Language, _ form: [String: String]) async throws -> Response {
        guard let cookie = request.cookies[SessionSettings.signInCookie]?.value, let sent = form["csrf"], SecretToken.equal(sent, cookie) else {
            throw HTTPError(.forbidden, message: "the sign-in form's CSRF token is missing or wrong")
        }
        let email = String((form["email"] ?? "").trimmingCharacters(in: .whitespaces).lowercased().prefix(254))
        let password = form["password"] ?? ""
        let now = settings.now()
        let (failures, forgetBefore, wait) = try await throttle(email: email, context, at: now, language)
        if let wait {
            // Refused without looking at the password, whether it is right or not; the wait is the same for an
            // address no account has, so it tells nothing.
            return signInForm(request, language, problem: wait.text, email: email, status: .tooManyRequests, retryAfter: wait.seconds)
        }
        let account = email.isEmpty ? nil : try await accounts.account(email: email)
        // One bcrypt verification whatever the case, so that an unknown address answers in the same time.
        let verified = PasswordHash.verify(password, against: account?.passwordHash ?? Self.decoy)
        guard let account, verified, !account.disabled else {
            try await accounts.recordSignInFailure(email: email, address: context.remoteAddress, at: SessionSettings.text(now),
                                                   forgetBefore: forgetBefore)
            return signInForm(request, language, problem: UIText.table(language)["sign_in_failed"], email: email, status: .unauthorized)
        }
        // With a second factor the failures are forgotten only once its code is right too: else every right
        // password would buy another five guesses at the code.
        if account.hasSecondFactor { return try await awaitSecondFactor(account, request, context, language) }
        if !failures.email.isEmpty { try await accounts.clearSignInFailures(email: email) }
        var response = Response(status: .seeOther, headers: [.location: Paths(language).account, .cacheControl: "no-store"])
        try await startSession(account, request, context, &response)
        response.setCookie(settings.cookie(SessionSettings.signInCookie, "", maxAge: 0))
        return response
    }

    /// A new session for `account`, its cookie on `response`. A new session id at every sign-in: one planted before
    /// it (session fixation) is never the one used after. `proof` and `pending`: the second factor that completes
    /// the waiting session `pending`.
    func startSession(_ account: Account, _ request: Request, _ context: KoersRequestContext, _ response: inout Response,
                      completing pending: (idHash: String, proof: SecondFactorProof)? = nil) async throws {
        let id = SecretToken.make(), csrf = SecretToken.make()
        let agent = Self.userAgent(request)
        let change: AccountChange = pending.map {
            .completeSignIn(email: account.email, pendingIDHash: $0.idHash, idHash: SecretToken.hash(id), csrfToken: csrf,
                            address: context.remoteAddress, userAgent: agent, proof: $0.proof)
        } ?? .startSession(email: account.email, idHash: SecretToken.hash(id), csrfToken: csrf, address: context.remoteAddress, userAgent: agent)
        try await accounts.apply(change, context: AuditContext(actor: .user(email: account.email), address: context.remoteAddress, userAgent: agent))
        response.setCookie(settings.cookie(SessionSettings.sessionCookie, id, maxAge: Int(settings.absoluteLifetime)))
    }

    static func userAgent(_ request: Request) -> String? { request.headers[.userAgent].map { String($0.prefix(300)) } }

    func signOut(_ context: KoersRequestContext, _ language: Language) async throws -> Response {
        if let identity = context.identity, let session = identity.session {
            try await accounts.apply(.endSession(email: identity.account.email, idHash: session.idHash),
                                     context: AuditContext(actor: identity.actor, address: context.remoteAddress))
        }
        var response = Response(status: .seeOther, headers: [.location: Paths(language).home, .cacheControl: "no-store"])
        response.setCookie(settings.cookie(SessionSettings.sessionCookie, "", maxAge: 0))
        return response
    }

    // MARK: My account

    /// The page; `notice` says what just happened, `problem` what was refused, `newToken` a token shown this once.
    func account(_ context: KoersRequestContext, _ language: Language, notice: String? = nil, problem: String? = nil,
                 newToken: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        guard let identity = context.identity else { throw HTTPError(.forbidden) }
        let t = UIText.table(language), paths = Paths(language)
        let account = identity.account
        let tokens = try await accounts.tokens(email: account.email).map { token -> [String: Any] in
            ["id": String(token.id), "name": token.name, "role": token.role.label(language), "created": token.createdAt,
             "lastUsed": token.lastUsedAt ?? t["never", default: ""], "revoked": token.revokedAt as Any]
        }
        let roles = Role.allCases.filter { Rights.mayDelegate($0, by: account.role) }.map { role -> [String: Any] in
            ["value": role.rawValue, "label": role.label(language), "selected": role == account.role]
        }
        let model: [String: Any] = [
            "email": account.email, "role": account.role.label(language),
            "organisations": account.organisations.joined(separator: ", "),
            "csrf": identity.session?.csrfToken ?? "", "signOut": paths.signOut,
            "passwordAction": GuardedRoute.changePassword.path(language), "tokenAction": GuardedRoute.createToken.path(language),
            "revokeAction": GuardedRoute.revokeToken.path(language), "tokens": tokens, "hasTokens": !tokens.isEmpty, "tokenRoles": roles,
            "notice": notice as Any, "problem": problem as Any, "newToken": newToken as Any,
            "canManageAccounts": Rights.allows(identity.role, .manageAccounts), "accountsLink": paths.accounts,
            "canViewAudit": Rights.allows(identity.role, .viewAudit), "auditLink": paths.audit,
            "canImport": Rights.allows(identity.role, .importData), "uploadLink": paths.uploadData, "followUpLink": paths.followUp,
            "canViewDrafts": Rights.allows(identity.role, .viewDrafts), "draftsLink": paths.drafts,
            "canEditPlans": Rights.allows(identity.role, .editPlans), "editPlansLink": paths.editPlans,
            "hasSecondFactor": account.hasSecondFactor,
            "secondFactorOn": t["second_factor_on", default: ""].replacingOccurrences(of: "{count}", with: String(account.recoveryCodesLeft)),
            "canUseSecondFactor": Rights.allows(identity.role, .useSecondFactor) && identity.session != nil,
            "secondFactorLink": GuardedRoute.secondFactor.path(language),
            "removeSecondFactorAction": GuardedRoute.removeSecondFactor.path(language),
        ]
        return Self.private(renderer.render(model, template: "account", language: language, path: "/mijn-account"), status: status)
    }

    /// A new password, given the current one: every session ends (whoever knew the old one is out), and this
    /// browser gets a new one.
    func changePassword(_ request: Request, _ context: KoersRequestContext, _ language: Language, _ form: [String: String]) async throws -> Response {
        guard let identity = context.identity, identity.session != nil else {
            throw HTTPError(.forbidden, message: "a password is changed in a signed-in browser, not with a token")
        }
        let t = UIText.table(language), account = identity.account
        let new = form["new"] ?? ""
        guard PasswordHash.verify(form["current"] ?? "", against: account.passwordHash) else {
            return try await self.account(context, language, problem: t["current_password_wrong"], status: .unprocessableContent)
        }
        guard new == form["repeat"] else {
            return try await self.account(context, language, problem: t["passwords_differ"], status: .unprocessableContent)
        }
        if let problem = policy.check(new, email: account.email) {
            return try await self.account(context, language, problem: Self.text(problem, language), status: .unprocessableContent)
        }
        try await accounts.apply(.setPassword(email: account.email, passwordHash: PasswordHash.make(new)),
                                 context: AuditContext(actor: identity.actor, address: context.remoteAddress, userAgent: Self.userAgent(request)))
        var response = Response(status: .seeOther, headers: [.location: Paths(language).account + "?changed=password", .cacheControl: "no-store"])
        try await startSession(account, request, context, &response)
        return response
    }

    func createToken(_ context: KoersRequestContext, _ language: Language, _ form: [String: String]) async throws -> Response {
        guard let identity = context.identity, identity.session != nil else {
            throw HTTPError(.forbidden, message: "tokens are made in a signed-in browser, not with another token")
        }
        let t = UIText.table(language)
        let name = (form["name"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= 100, !name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
            return try await account(context, language, problem: t["token_name_rule"], status: .unprocessableContent)
        }
        guard let role = Role(name: form["role"] ?? ""), Rights.mayDelegate(role, by: identity.account.role) else {
            return try await account(context, language, problem: t["token_role_rule"], status: .unprocessableContent)
        }
        let token = SecretToken.make(prefix: "koers_")
        try await accounts.apply(.createToken(email: identity.account.email, name: name, role: role, tokenHash: SecretToken.hash(token)),
                                 context: AuditContext(actor: identity.actor, address: context.remoteAddress))
        // Shown in this answer only (not cached, not in a redirect's address): the store keeps its SHA-256.
        return try await account(context, language, notice: t["token_created"], newToken: token)
    }

    func revokeToken(_ context: KoersRequestContext, _ language: Language, _ form: [String: String]) async throws -> Response {
        guard let identity = context.identity else { throw HTTPError(.forbidden) }
        guard let id = Int64(form["id"] ?? "") else { throw HTTPError(.badRequest, message: "which token: the form names none") }
        do {
            try await accounts.apply(.revokeToken(email: identity.account.email, id: id),
                                     context: AuditContext(actor: identity.actor, address: context.remoteAddress))
        } catch AccountError.unknownToken {
            // Another account's token, or none: the same answer, so ids tell nothing about other accounts.
            throw HTTPError(.notFound, message: "no such token among yours")
        }
        return try await account(context, language, notice: UIText.table(language)["token_revoked"])
    }

    // MARK: Answers

    /// The brute-force guard, for both steps of a sign-in: the recent failures of this typed address and network
    /// address, the time before which they are forgotten, and, when locked out, how long it waits (the seconds for
    /// `Retry-After`, the minutes for people).
    func throttle(email: String, _ context: KoersRequestContext, at now: Date, _ language: Language) async throws
        -> (failures: SignInFailures, forgetBefore: String, wait: (seconds: Int, text: String)?) {
        let forgetBefore = SessionSettings.text(settings.throttle.forgetBefore(now))
        let failures = try await accounts.signInFailures(email: email, address: context.remoteAddress, since: forgetBefore)
        guard let until = settings.throttle.waitUntil(emailFailures: failures.email.compactMap(SessionSettings.date),
                                                      addressFailures: failures.address.compactMap(SessionSettings.date), at: now) else {
            return (failures, forgetBefore, nil)
        }
        let seconds = Int(until.timeIntervalSince(now).rounded(.up))
        let text = UIText.table(language)["sign_in_wait", default: ""].replacingOccurrences(of: "{minutes}", with: String(max(1, (seconds + 59) / 60)))
        return (failures, forgetBefore, (seconds, text))
    }

    /// Why a password is refused, for people.
    static func text(_ problem: PasswordPolicy.Problem, _ language: Language) -> String {
        let t = UIText.table(language)
        switch problem {
        case .tooShort(let n):
            return t["password_too_short", default: ""].replacingOccurrences(of: "{count}", with: String(n))
                .replacingOccurrences(of: "{minimum}", with: String(PasswordPolicy.minimumCharacters))
        case .tooLong: return t["password_too_long", default: ""].replacingOccurrences(of: "{maximum}", with: String(PasswordPolicy.maximumBytes))
        case .common: return t["password_common", default: ""]
        case .emailAddress: return t["password_email", default: ""]
        }
    }

    static func `private`(_ html: String, status: HTTPResponse.Status) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                 body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}

extension Role {
    func label(_ language: Language) -> String { language == .nl ? label.nl : label.en }
}
