import Foundation
import Hummingbird
import KoersAccounts
import KoersCore
import KoersStore
import KoersViews

/// The admins' accounts page (`/beheer/accounts`): every account, and forms to add one, change a role, disable or
/// enable, and reset a password. The same rules as `koers user` (`AccountRules`); a new or reset password is random
/// and shown once, to the admin, in that answer only.
struct AccountsAdminController: Sendable {
    let accounts: any AccountStore
    let store: any StoreReader
    let renderer: PageRenderer

    var endpoints: RouteCollection<KoersRequestContext> {
        let router = RouteCollection(context: KoersRequestContext.self)
        GuardedRoute.accounts.add(to: router) { _, context, _, language in try await self.page(context, language) }
        GuardedRoute.addAccount.add(to: router) { request, context, form, language in
            try await self.answer(context, language, request) { audit in try await self.add(form, audit) }
        }
        GuardedRoute.changeRole.add(to: router) { request, context, form, language in
            try await self.answer(context, language, request) { audit in try await self.changeRole(form, audit) }
        }
        GuardedRoute.changeStatus.add(to: router) { request, context, form, language in
            try await self.answer(context, language, request) { audit in try await self.changeStatus(form, audit) }
        }
        GuardedRoute.resetPassword.add(to: router) { request, context, form, language in
            try await self.answer(context, language, request) { audit in try await self.resetPassword(form, audit) }
        }
        return router
    }

    /// What a change did: the notice (a `UIText` key, with `{email}` and `{role}` filled in), and a password to show
    /// once.
    struct Outcome {
        var notice: String
        var email: String
        var role: Role?
        var password: String?

        func text(_ language: Language) -> String {
            UIText.table(language)[notice, default: notice].replacingOccurrences(of: "{email}", with: email)
                .replacingOccurrences(of: "{role}", with: role?.label(language) ?? "")
        }
    }

    /// Runs `change` and answers with the page: its notice, or the rule it broke (422, nothing changed).
    func answer(_ context: KoersRequestContext, _ language: Language, _ request: Request,
                _ change: (AuditContext) async throws -> Outcome) async throws -> Response {
        guard let identity = context.identity else { throw HTTPError(.forbidden) }
        let audit = AuditContext(actor: identity.actor, address: context.remoteAddress,
                                 userAgent: request.headers[.userAgent].map { String($0.prefix(300)) })
        do {
            let outcome = try await change(audit)
            return try await page(context, language, notice: outcome.text(language), password: outcome.password)
        } catch let problem as AccountRules.Problem {
            return try await page(context, language, problem: Self.text(problem, language), status: .unprocessableContent)
        } catch let refusal as Refusal {
            return try await page(context, language, problem: UIText.table(language)[refusal.key, default: ""], status: .unprocessableContent)
        } catch let error as AccountError {
            return try await page(context, language, problem: Self.text(error, language), status: .unprocessableContent)
        }
    }

    func add(_ form: [String: String], _ audit: AuditContext) async throws -> Outcome {
        let email = try AccountRules.email(form["email"] ?? "")
        let role = try AccountRules.role(form["role"] ?? "")
        let organisations = try AccountRules.organisations(Self.codes(form["organisations"]), role: role,
                                                           known: try await knownOrganisations(role), field: "organisations")
        let password = AccountRules.randomPassword()
        try await accounts.apply(.add(email: email, role: role, organisations: organisations, passwordHash: PasswordHash.make(password)),
                                 context: audit)
        return Outcome(notice: "account_added", email: email, role: role, password: password)
    }

    func changeRole(_ form: [String: String], _ audit: AuditContext) async throws -> Outcome {
        let email = try AccountRules.email(form["email"] ?? "")
        let role = try AccountRules.role(form["role"] ?? "")
        try refuseSelf(email, audit, "own_role_not_here")
        let before = try await accounts.account(email: email)
        let organisations = try AccountRules.organisations(Self.codes(form["organisations"]), role: role, known: try await knownOrganisations(role),
                                                           keeping: before?.organisations, field: "organisations")
        try await accounts.setRole(email: email, role: role, organisations: organisations, context: audit)
        return Outcome(notice: "account_role_changed", email: email, role: role)
    }

    func changeStatus(_ form: [String: String], _ audit: AuditContext) async throws -> Outcome {
        let email = try AccountRules.email(form["email"] ?? "")
        let disable = form["disabled"] == "true"
        try refuseSelf(email, audit, "own_account_not_here")
        try await accounts.apply(disable ? .disable(email: email) : .enable(email: email), context: audit)
        return Outcome(notice: disable ? "account_disabled" : "account_enabled", email: email)
    }

    func resetPassword(_ form: [String: String], _ audit: AuditContext) async throws -> Outcome {
        let email = try AccountRules.email(form["email"] ?? "")
        let password = AccountRules.randomPassword()
        try await accounts.apply(.setPassword(email: email, passwordHash: PasswordHash.make(password)), context: audit)
        return Outcome(notice: "account_password_reset", email: email, password: password)
    }

    /// An admin does not demote or disable themselves here: the last admin would lock everyone out (the shell can).
    func refuseSelf(_ email: String, _ audit: AuditContext, _ key: String) throws {
        if case .user(let me) = audit.actor, me == email { throw Refusal(key: key) }
    }

    /// A change this page does not make, by the key of its text.
    struct Refusal: Error { let key: String }

    /// What is wrong with what was typed, in the page's language.
    static func text(_ problem: AccountRules.Problem, _ language: Language) -> String {
        let t = UIText.table(language)
        switch problem {
        case .notAnEmail(let text): return t["rule_not_an_email", default: ""].replacingOccurrences(of: "{text}", with: text)
        case .unknownRole(let name): return t["rule_unknown_role", default: ""].replacingOccurrences(of: "{text}", with: name)
        case .organisationsForOwnersOnly: return t["rule_organisations_owners_only", default: ""]
        case .organisationRequired: return t["rule_organisation_required", default: ""]
        case .unknownOrganisation(let code, let examples):
            return t["rule_unknown_organisation", default: ""].replacingOccurrences(of: "{text}", with: code)
                .replacingOccurrences(of: "{examples}", with: examples.joined(separator: ", "))
        }
    }

    static func text(_ error: AccountError, _ language: Language) -> String {
        let t = UIText.table(language)
        switch error {
        case .duplicateEmail(let email): return t["account_exists", default: ""].replacingOccurrences(of: "{email}", with: email)
        case .unknownAccount(let email): return t["account_unknown", default: ""].replacingOccurrences(of: "{email}", with: email)
        default: return error.description
        }
    }

    func knownOrganisations(_ role: Role) async throws -> Set<String> {
        role == .actionOwner ? Set(try await store.organisations().map(\.id)) : []
    }

    /// Organisation codes typed as a list: separated by commas or spaces.
    static func codes(_ text: String?) -> [String] {
        (text ?? "").split(whereSeparator: { $0 == "," || $0.isWhitespace }).map(String.init)
    }

    func page(_ context: KoersRequestContext, _ language: Language, notice: String? = nil, password: String? = nil,
              problem: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let t = UIText.table(language)
        let me = context.identity?.account.email
        let roles = { (selected: Role?) in
            Role.allCases.map { ["value": $0.rawValue, "label": $0.label(language), "selected": $0 == selected] as [String: Any] }
        }
        let rows = try await accounts.accounts().map { a -> [String: Any] in
            ["email": a.email, "role": a.role.label(language), "roles": roles(a.role), "organisations": a.organisations.joined(separator: ", "),
             "disabled": a.disabled, "status": a.disabled ? t["disabled", default: ""] : t["active", default: ""],
             "toggle": a.disabled ? "false" : "true", "toggleLabel": a.disabled ? t["enable", default: ""] : t["disable", default: ""],
             "created": a.createdAt, "isMe": a.email == me]
        }
        let model: [String: Any] = [
            "accounts": rows, "newRoles": roles(nil), "csrf": context.identity?.session?.csrfToken ?? "",
            "addAction": GuardedRoute.addAccount.path(language), "roleAction": GuardedRoute.changeRole.path(language),
            "statusAction": GuardedRoute.changeStatus.path(language), "resetAction": GuardedRoute.resetPassword.path(language),
            "auditLink": Paths(language).audit,
            "notice": notice as Any, "password": password as Any, "problem": problem as Any,
        ]
        return AccountController.private(renderer.render(model, template: "accounts", language: language, path: "/beheer/accounts"), status: status)
    }
}
