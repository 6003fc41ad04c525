import Foundation
import Hummingbird
import KoersAccounts
import KoersCore
import KoersViews

/// A route that changes something: its method, path and what it needs. Every such route is registered through
/// `WriteRoutes.add`, which checks the permission (from `Rights`) and, for a signed-in form, the session's CSRF token,
/// before the handler runs; the authorization matrix test reads `WriteRoutes.all`.
public struct WriteRoute: Sendable, Hashable {
    public var method: HTTPRequest.Method
    public var path: String
    /// nil: anyone may post (the sign-in form, which has its own CSRF cookie).
    public var permission: Permission?
}

enum WriteRoutes {
    /// Every write route of the application, in both languages.
    static var all: [WriteRoute] {
        Language.allCases.flatMap { language -> [WriteRoute] in
            let paths = Paths(language)
            return [WriteRoute(method: .post, path: paths.signIn, permission: nil),
                    WriteRoute(method: .post, path: paths.signOut, permission: .manageOwnAccount)]
        }
    }

    /// Registers `handler` for `route` behind the one check: the caller's role must have the route's permission
    /// (`Rights.allows`), and a form posted within a session must carry that session's CSRF token in `csrf`.
    static func add(_ route: WriteRoute, to router: RouteCollection<KoersRequestContext>,
                    _ handler: @escaping @Sendable (Request, KoersRequestContext, _ form: [String: String]) async throws -> Response) {
        router.on(RouterPath(route.path), method: route.method) { request, context in
            let form = try await Form.read(request)
            if let permission = route.permission {
                guard Rights.allows(context.role, permission) else { throw HTTPError(.forbidden, message: "not allowed") }
                if let session = context.identity?.session {
                    guard let sent = form["csrf"], SecretToken.equal(sent, session.csrfToken) else {
                        throw HTTPError(.forbidden, message: "the form's CSRF token is missing or not this session's")
                    }
                }
            }
            return try await handler(request, context, form)
        }
    }
}

/// An `application/x-www-form-urlencoded` body, at most 16 KB, as name → value (the last of repeated names).
enum Form {
    static func read(_ request: Request) async throws -> [String: String] {
        let buffer = try await request.body.collect(upTo: 16 << 10)
        var form: [String: String] = [:]
        for pair in String(buffer: buffer).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String { String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "" }
            form[decode(parts[0])] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return form
    }
}
