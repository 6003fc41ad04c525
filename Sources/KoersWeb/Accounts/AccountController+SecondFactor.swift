import Foundation
import Hummingbird
import KoersAccounts
import KoersCore
import KoersStore
import KoersViews

/// The second factor: the sign-in's second step, and setting it up and turning it off on "my account".
extension AccountController {
    // MARK: The sign-in's second step

    /// The password was right and the account has a second factor: a session that waits for the code (no one's
    /// until then; its cookie lives as long as the wait), and the form that asks for it.
    func awaitSecondFactor(_ account: Account, _ request: Request, _ context: KoersRequestContext, _ language: Language) async throws -> Response {
        let id = SecretToken.make(), csrf = SecretToken.make(), agent = Self.userAgent(request)
        try await accounts.apply(.awaitSecondFactor(email: account.email, idHash: SecretToken.hash(id), csrfToken: csrf,
                                                    address: context.remoteAddress, userAgent: agent),
                                 context: AuditContext(actor: .user(email: account.email), address: context.remoteAddress, userAgent: agent))
        var response = codeForm(language, csrf: csrf, problem: nil)
        response.setCookie(settings.cookie(SessionSettings.sessionCookie, id, maxAge: Int(settings.secondFactorWindow)))
        response.setCookie(settings.cookie(SessionSettings.signInCookie, "", maxAge: 0))
        return response
    }

    func codeForm(_ language: Language, csrf: String, problem: String?, status: HTTPResponse.Status = .ok) -> Response {
        let model: [String: Any] = ["action": GuardedRoute.signInCode.path(language), "csrf": csrf, "problem": problem as Any]
        return Self.private(renderer.render(model, template: "sign-in-code", language: language, path: "/aanmelden"), status: status)
    }

    /// The code (from the app, or a recovery code) for the waiting session. Wrong codes count as failed sign-ins
    /// of the account's address, so the lock-out of the first step guards this one too.
    func signInCode(_ request: Request, _ context: KoersRequestContext, _ language: Language, _ form: [String: String]) async throws -> Response {
        let t = UIText.table(language), now = settings.now()
        let cookie = request.cookies[SessionSettings.sessionCookie]?.value ?? ""
        let pendingHash = SecretToken.hash(cookie)
        guard !cookie.isEmpty, let pending = try await accounts.session(idHash: pendingHash), pending.secondFactorPending,
              let made = SessionSettings.date(pending.createdAt), now.timeIntervalSince(made) < settings.secondFactorWindow,
              let secret = pending.account.totpSecret, !pending.account.disabled else {
            return try await expired(request, context, language, pendingHash: pendingHash)
        }
        guard let sent = form["csrf"], SecretToken.equal(sent, pending.csrfToken) else {
            throw HTTPError(.forbidden, message: "the form's CSRF token is missing or not this sign-in's")
        }
        let account = pending.account
        let (failures, forgetBefore, wait) = try await throttle(email: account.email, context, at: now, language)
        if let wait {
            var response = codeForm(language, csrf: pending.csrfToken, problem: wait.text, status: .tooManyRequests)
            response.headers[.retryAfter] = String(wait.seconds)
            return response
        }
        let typed = form["code"] ?? ""
        let proof: SecondFactorProof? = SecondFactor.step(matching: typed, secret: secret, at: now).map { .totp(step: $0) }
            ?? SecondFactor.normalisedRecoveryCode(typed).map { .recoveryCode(hash: SecretToken.hash($0)) }
        do {
            guard let proof else { throw AccountError.unknownRecoveryCode }
            var response = Response(status: .seeOther, headers: [.location: Paths(language).account, .cacheControl: "no-store"])
            try await startSession(account, request, context, &response, completing: (pendingHash, proof))
            if !failures.email.isEmpty { try await accounts.clearSignInFailures(email: account.email) }
            return response
        } catch AccountError.codeUsed, AccountError.unknownRecoveryCode {
            try await accounts.recordSignInFailure(email: account.email, address: context.remoteAddress, at: SessionSettings.text(now),
                                                   forgetBefore: forgetBefore)
            return codeForm(language, csrf: pending.csrfToken, problem: t["sign_in_code_failed"], status: .unauthorized)
        } catch AccountError.noPendingSignIn {
            return try await expired(request, context, language, pendingHash: pendingHash)
        }
    }

    /// The wait is over, or there never was one: back to the first step, the waiting session (if any) ended.
    private func expired(_ request: Request, _ context: KoersRequestContext, _ language: Language, pendingHash: String) async throws -> Response {
        if let pending = try await accounts.session(idHash: pendingHash), pending.secondFactorPending {
            try await accounts.apply(.endSession(email: pending.account.email, idHash: pendingHash),
                                     context: AuditContext(actor: .user(email: pending.account.email), address: context.remoteAddress,
                                                           note: "second factor not given in time"))
        }
        var response = signInForm(request, language, problem: UIText.table(language)["sign_in_code_expired"], email: "", status: .unauthorized)
        response.setCookie(settings.cookie(SessionSettings.sessionCookie, "", maxAge: 0))
        return response
    }

    // MARK: Setting it up and turning it off

    /// A new key and the form that confirms it with a code from the app. The key travels in the form (it is shown on
    /// the page anyway) and is stored only once a code made with it is right.
    func secondFactorForm(_ context: KoersRequestContext, _ language: Language, secret: String = SecondFactor.makeSecret(),
                          problem: String? = nil, status: HTTPResponse.Status = .ok) throws -> Response {
        guard let identity = context.identity, let session = identity.session else {
            throw HTTPError(.forbidden, message: "a second factor is set up in a signed-in browser, not with a token")
        }
        let model: [String: Any] = [
            "action": GuardedRoute.enrolSecondFactor.path(language), "csrf": session.csrfToken, "secret": secret,
            "typedKey": SecondFactor.typedKey(secret: secret),
            "authenticatorURL": SecondFactor.authenticatorURL(secret: secret, email: identity.account.email),
            "problem": problem as Any, "enrolled": false,
        ]
        return Self.private(renderer.render(model, template: "second-factor", language: language, path: "/mijn-account/tweede-factor"),
                            status: status)
    }

    /// The key, confirmed by a code and the password: stored with ten new recovery codes, which this answer shows once.
    func enrolSecondFactor(_ context: KoersRequestContext, _ language: Language, _ form: [String: String]) async throws -> Response {
        guard let identity = context.identity, let session = identity.session else {
            throw HTTPError(.forbidden, message: "a second factor is set up in a signed-in browser, not with a token")
        }
        let t = UIText.table(language), account = identity.account
        let secret = form["secret"] ?? ""
        guard SecondFactor.isSecret(secret) else {
            throw HTTPError(.badRequest, message: "the form's key is not one Koers made")
        }
        guard PasswordHash.verify(form["current"] ?? "", against: account.passwordHash) else {
            return try secondFactorForm(context, language, secret: secret, problem: t["current_password_wrong"], status: .unprocessableContent)
        }
        guard let step = SecondFactor.step(matching: form["code"] ?? "", secret: secret, at: settings.now()) else {
            return try secondFactorForm(context, language, secret: secret, problem: t["second_factor_code_wrong"], status: .unprocessableContent)
        }
        let codes = SecondFactor.makeRecoveryCodes()
        try await accounts.apply(.enrolSecondFactor(email: account.email, secret: secret, step: step,
                                                    recoveryCodeHashes: codes.map(SecretToken.hash)),
                                 context: AuditContext(actor: identity.actor, address: context.remoteAddress))
        let model: [String: Any] = ["enrolled": true, "recoveryCodes": codes, "accountLink": Paths(language).account, "csrf": session.csrfToken]
        return Self.private(renderer.render(model, template: "second-factor", language: language, path: "/mijn-account/tweede-factor"),
                            status: .ok)
    }

    /// Off, given the password: the key and the recovery codes are gone.
    func removeSecondFactor(_ context: KoersRequestContext, _ language: Language, _ form: [String: String]) async throws -> Response {
        guard let identity = context.identity, identity.session != nil else {
            throw HTTPError(.forbidden, message: "a second factor is turned off in a signed-in browser, not with a token")
        }
        let t = UIText.table(language), account = identity.account
        guard PasswordHash.verify(form["current"] ?? "", against: account.passwordHash) else {
            return try await self.account(context, language, problem: t["current_password_wrong"], status: .unprocessableContent)
        }
        guard account.hasSecondFactor else { return try await self.account(context, language, notice: t["second_factor_off"]) }
        try await accounts.apply(.removeSecondFactor(email: account.email), context: AuditContext(actor: identity.actor, address: context.remoteAddress))
        var refreshed = context
        refreshed.identity?.account.totpSecret = nil
        refreshed.identity?.account.recoveryCodesLeft = 0
        return try await self.account(refreshed, language, notice: t["second_factor_off_done"])
    }
}
