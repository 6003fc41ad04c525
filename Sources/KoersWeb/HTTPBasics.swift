import Foundation
import HTTPTypes
import Hummingbird
import Synchronization

/// What every answer gets, whichever route made it (outermost but for the request metrics):
/// - a method an address does not take gets 405 with `Allow` (a JSON error under `/api/`), not 404;
/// - security headers: `X-Content-Type-Options`, `Referrer-Policy` and a Content-Security-Policy that allows no
///   script at all (Koers's pages have none) and framing by Koers only; an SVG (an embeddable chart) may be framed
///   anywhere but runs nothing;
/// - `Cache-Control: no-store` on an error answer that does not say otherwise, so no cache keeps a failure.
struct HTTPBasicsMiddleware<Context: RequestContext>: RouterMiddleware {
    let routes: RouteMethods

    static var pagePolicy: String {
        "default-src 'self'; script-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; "
            + "base-uri 'none'; form-action 'self'; frame-ancestors 'self'"
    }
    static var referrerPolicy: HTTPField.Name { HTTPField.Name("Referrer-Policy")! }
    static var imagePolicy: String { "default-src 'none'; style-src 'unsafe-inline'; img-src data:" }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
            if response.status == .notFound, let refused = try methodNotAllowed(request, context) { response = refused }
        } catch let error as HTTPError where error.status == .notFound {
            guard let refused = try methodNotAllowed(request, context) else { throw error }
            response = refused
        }
        Self.secure(&response)
        return response
    }

    /// 405 when the address exists for other methods only: under `/api/` in the API's one error shape.
    private func methodNotAllowed(_ request: Request, _ context: Context) throws -> Response? {
        let allowed = routes.methods(for: request.uri.path)
        guard !allowed.isEmpty, !allowed.contains(request.method.rawValue) else { return nil }
        let allow = (allowed.contains("GET") ? allowed.union(["HEAD"]) : allowed).sorted().joined(separator: ", ")
        let message = "\(request.method.rawValue) is not allowed here; allowed: \(allow)"
        var response = request.uri.path.hasPrefix("/api/")
            ? try APIError(status: .methodNotAllowed, message: message).response.response(from: request, context: context)
            : Response(status: .methodNotAllowed, headers: [.contentType: "text/plain; charset=utf-8"],
                       body: .init(byteBuffer: ByteBuffer(string: message + "\n")))
        response.headers[.allow] = allow
        return response
    }

    static func secure(_ response: inout Response) {
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[referrerPolicy] = "strict-origin-when-cross-origin"
        let isImage = response.headers[.contentType]?.hasPrefix("image/svg+xml") == true
        response.headers[.contentSecurityPolicy] = isImage ? imagePolicy : pagePolicy
        if response.status.code >= 400, response.headers[.cacheControl] == nil {
            response.headers[.cacheControl] = "no-store"
        }
    }
}

/// HEAD answered as GET without the body (RFC 9110 §9.3.2), declaring the GET's `Content-Length`. Outside the
/// router, because the router picks a route by the request's method before any middleware runs: a HEAD would
/// otherwise find no route. (Hummingbird's `autoGenerateHeadEndpoints` drops the length and bypasses the cache.)
struct HeadAsGet<Router: HTTPResponderBuilder>: HTTPResponderBuilder {
    let router: Router

    func buildResponder() -> Responder { Responder(base: router.buildResponder()) }

    struct Responder: HTTPResponder {
        let base: Router.Responder

        func respond(to request: Request, context: Router.Responder.Context) async throws -> Response {
            guard request.method == .head else { return try await base.respond(to: request, context: context) }
            var head = request.head
            head.method = .get
            var response = try await base.respond(to: Request(head: head, body: request.body), context: context)
            // The server writes the body's declared length as Content-Length: declare the GET's, write nothing.
            let length = response.body.contentLength ?? response.headers[.contentLength].flatMap { Int($0) }
            response.body = ResponseBody(contentLength: length) { _ in }
            return response
        }
    }
}

/// The methods each address of the router takes, read from its routes once they are all added (before the server
/// answers anything): `/plannen/{id}` matches any one segment, `**` the rest of the path.
final class RouteMethods: Sendable {
    private let table = Mutex<[(segments: [Substring], method: String)]>([])

    func load(_ routes: [Router<KoersRequestContext>.RouteDescription]) {
        let rows = routes.map { route in
            (segments: "\(route.path)".split(separator: "/"), method: route.method.rawValue)
        }
        table.withLock { $0 = rows }
    }

    func methods(for path: String) -> Set<String> {
        let asked = path.split(separator: "/")
        return table.withLock { rows in
            Set(rows.filter { Self.matches($0.segments, asked) }.map(\.method))
        }
    }

    static func matches(_ pattern: [Substring], _ path: [Substring]) -> Bool {
        for (index, segment) in pattern.enumerated() {
            if segment == "**" { return true }
            guard index < path.count else { return false }
            let wildcard = segment == "*" || segment.hasPrefix(":") || (segment.hasPrefix("{") && segment.hasSuffix("}"))
            if !wildcard, segment != path[index] { return false }
        }
        return pattern.count == path.count
    }
}
