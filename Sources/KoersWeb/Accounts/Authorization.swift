import Foundation
import Hummingbird
import KoersAccounts
import KoersCore
import KoersViews

/// Every route that changes something, and every page that needs a right the public lacks: its method, its Dutch path
/// (the English one comes from `Paths`) and the permission it needs. Such a route is registered only through
/// `GuardedRoute.add`, which checks the permission (from `Rights`) and, for a form posted within a session, that
/// session's CSRF token, before the handler runs. The authorization matrix test reads `allCases`, and fails when the
/// router holds a write route that is not among them.
public enum GuardedRoute: String, CaseIterable, Sendable {
    case signIn, signInCode, signOut
    case myAccount, changePassword, createToken, revokeToken, secondFactor, enrolSecondFactor, removeSecondFactor
    case accounts, addAccount, changeRole, changeStatus, resetPassword
    case audit, auditCSV
    case reportOnAction, approveReport
    case uploadData, previewUpload, confirmUpload, drafts, draft, approveDraft, rejectDraft
    case followUp
    case editPlans, editPlan, savePlan, editNode, saveNode, editTarget, saveTarget, editAction, saveAction

    public var method: HTTPRequest.Method {
        switch self {
        case .myAccount, .secondFactor, .accounts, .audit, .auditCSV, .uploadData, .drafts, .draft, .followUp,
             .editPlans, .editPlan, .editNode, .editTarget, .editAction: .get
        default: .post
        }
    }

    public var dutchPath: String {
        switch self {
        case .signIn: "/aanmelden"
        case .signInCode: "/aanmelden/code"
        case .signOut: "/afmelden"
        case .myAccount: "/mijn-account"
        case .changePassword: "/mijn-account/wachtwoord"
        case .createToken: "/mijn-account/tokens"
        case .revokeToken: "/mijn-account/tokens/intrekken"
        case .secondFactor, .enrolSecondFactor: "/mijn-account/tweede-factor"
        case .removeSecondFactor: "/mijn-account/tweede-factor/uit"
        case .accounts: "/beheer/accounts"
        case .addAccount: "/beheer/accounts/nieuw"
        case .changeRole: "/beheer/accounts/rol"
        case .changeStatus: "/beheer/accounts/status"
        case .resetPassword: "/beheer/accounts/wachtwoord"
        case .audit: "/beheer/audit"
        case .auditCSV: "/beheer/audit.csv"
        case .reportOnAction: "/acties/rapporteren"
        case .approveReport: "/acties/goedkeuren"
        case .uploadData: "/beheer/gegevens"
        case .previewUpload: "/beheer/gegevens/voorbeeld"
        case .confirmUpload: "/beheer/gegevens/bevestigen"
        case .drafts: "/beheer/concepten"
        case .draft: "/beheer/concepten/:id"
        case .approveDraft: "/beheer/concepten/goedkeuren"
        case .rejectDraft: "/beheer/concepten/afwijzen"
        case .followUp: "/beheer/opvolging"
        case .editPlans: "/beheer/plannen"
        case .editPlan, .savePlan: "/beheer/plannen/:plan"
        case .editNode, .saveNode: "/beheer/plannen/:plan/onderdelen/:code"
        case .editTarget, .saveTarget: "/beheer/plannen/:plan/ambities/:code"
        case .editAction, .saveAction: "/beheer/plannen/:plan/acties/:id"
        }
    }

    /// nil: anyone may post (the sign-in form, which has its own CSRF cookie, and its second step, which carries the
    /// waiting session's).
    public var permission: Permission? {
        switch self {
        case .signIn, .signInCode: nil
        case .signOut, .myAccount, .changePassword, .createToken, .revokeToken, .removeSecondFactor: .manageOwnAccount
        case .secondFactor, .enrolSecondFactor: .useSecondFactor
        case .accounts, .addAccount, .changeRole, .changeStatus, .resetPassword: .manageAccounts
        case .audit, .auditCSV: .viewAudit
        // The lead organisation is checked too, by `Rights.mayReport`, once the action is known.
        case .reportOnAction: .updateOwnActions
        case .approveReport: .approveData
        // Stewards and admins: who loads data follows up on it.
        case .uploadData, .previewUpload, .confirmUpload, .followUp: .importData
        case .drafts, .draft: .viewDrafts
        case .approveDraft, .rejectDraft: .approveData
        case .editPlans, .editPlan, .savePlan, .editNode, .saveNode, .editTarget, .saveTarget, .editAction, .saveAction: .editPlans
        }
    }

    public func path(_ language: Language) -> String { Paths(language).page(dutchPath) }

    /// Registers `handler` for this route in both languages behind the one check: the caller's role must have the
    /// route's permission (`Rights.allows`); the public asking for a page is sent to the sign-in form instead. A
    /// form posted within a session must carry that session's CSRF token in `csrf` (a token-bearing request has no
    /// session: browsers never send a bearer token on their own). The form is read only once the right is checked.
    func add(to router: RouteCollection<KoersRequestContext>,
             _ handler: @escaping @Sendable (Request, KoersRequestContext, _ form: [String: String], Language) async throws -> Response) {
        precondition(self != .previewUpload, "an upload is registered with addUpload")
        for language in Language.allCases {
            router.on(RouterPath(path(language)), method: method) { request, context in
                if let refusal = try refusal(context, language) { return refusal }
                guard method != .get else { return try await handler(request, context, [:], language) }
                let form = try await Form.read(request)
                try checkCSRF(form, context)
                return try await handler(request, context, form, language)
            }
        }
    }

    /// As `add`, for a form of files (`multipart/form-data`, at most `limit` bytes), whose CSRF token is one of its
    /// fields.
    func addUpload(to router: RouteCollection<KoersRequestContext>, limit: Int,
                   _ handler: @escaping @Sendable (Request, KoersRequestContext, UploadForm, Language) async throws -> Response) {
        precondition(self == .previewUpload && method == .post)
        for language in Language.allCases {
            router.on(RouterPath(path(language)), method: method) { request, context in
                if let refusal = try refusal(context, language) { return refusal }
                let form = try await UploadForm.read(request, limit: limit)
                try checkCSRF(form.fields, context)
                return try await handler(request, context, form, language)
            }
        }
    }

    /// The one check of rights: nil when the caller's role has the route's permission (`Rights.allows`); the public
    /// asking for a page is sent to the sign-in form; anyone else refused with 403.
    private func refusal(_ context: KoersRequestContext, _ language: Language) throws -> Response? {
        guard let permission, !Rights.allows(context.role, permission) else { return nil }
        if context.identity == nil, method == .get {
            return Response(status: .seeOther, headers: [.location: Paths(language).signIn, .cacheControl: "no-store"])
        }
        throw HTTPError(.forbidden, message: "not allowed")
    }

    /// A form posted within a session carries that session's CSRF token (a token-bearing request has no session:
    /// browsers never send a bearer token on their own).
    private func checkCSRF(_ form: [String: String], _ context: KoersRequestContext) throws {
        guard permission != nil, let session = context.identity?.session else { return }
        guard let sent = form["csrf"], SecretToken.equal(sent, session.csrfToken) else {
            throw HTTPError(.forbidden, message: "the form's CSRF token is missing or not this session's")
        }
    }
}

/// An `application/x-www-form-urlencoded` body, at most 64 KB (a 4,000-character note of accented letters is 24 KB
/// percent-encoded), as name → value (the last of repeated names).
enum Form {
    static func read(_ request: Request) async throws -> [String: String] {
        let buffer = try await request.body.collect(upTo: 64 << 10)
        var form: [String: String] = [:]
        for pair in String(buffer: buffer).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String { String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "" }
            form[decode(parts[0])] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return form
    }
}
