import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import KoersWeb

/// HEAD, 405 with `Allow`, security headers and `Cache-Control` on errors, for every kind of answer.
struct HTTPBasicsTests {
    let pages: PageTests

    init() async throws { pages = try await PageTests() }

    @Test func headAnswersAsGetWithoutTheBody() async throws {
        let app = try await buildApplication(store: pages.store)
        try await app.test(.live) { client in
            for path in ["/", "/plannen/streekvisie-zwv", "/api/v1/plans", "/healthz", "/indicatoren/actieve-ondernemingen/data.csv"] {
                let get = try await client.execute(uri: path, method: .get)
                let head = try await client.execute(uri: path, method: .head)
                #expect(get.status == .ok && head.status == .ok, "\(path): \(head.status) \(String(buffer: head.body).prefix(300))")
                #expect(head.body.readableBytes == 0, "\(path)")
                #expect(head.headers[.contentType] == get.headers[.contentType], "\(path)")
                #expect(head.headers[.contentLength] == String(get.body.readableBytes), "\(path)")
            }
            #expect(try await client.execute(uri: "/geen-pagina", method: .head).status == .notFound)
        }
    }

    @Test func aMethodTheAddressDoesNotTakeGets405WithAllow() async throws {
        let app = try await buildApplication(store: pages.store)
        try await app.test(.router) { client in
            let page = try await client.execute(uri: "/plannen/streekvisie-zwv", method: .post)
            #expect(page.status == .methodNotAllowed)
            #expect(page.headers[.allow] == "GET, HEAD")
            let api = try await client.execute(uri: "/api/v1/plans", method: .delete)
            #expect(api.status == .methodNotAllowed && api.headers[.allow] == "GET, HEAD")
            let error = try JSONSerialization.jsonObject(with: Data(buffer: api.body)) as? [String: [String: Any]]
            #expect(error?["error"]?["status"] as? Int == 405)
            #expect(api.headers[.contentType] == "application/json; charset=utf-8")
            // An address no route has stays a 404, in the API's shape under /api.
            #expect(try await client.execute(uri: "/nergens/hier", method: .post).status == .notFound)
            let missing = try await client.execute(uri: "/api/v1/plans/geen-plan", method: .get)
            #expect(missing.status == .notFound)
            #expect((try JSONSerialization.jsonObject(with: Data(buffer: missing.body)) as? [String: Any])?["error"] != nil)
        }
    }

    @Test func everyAnswerCarriesTheSecurityHeadersAndErrorsAreNotCached() async throws {
        let app = try await buildApplication(store: pages.store)
        try await app.test(.router) { client in
            for (path, status) in [("/", HTTPResponse.Status.ok), ("/api/v1/plans", .ok), ("/geen-pagina", .notFound),
                                   ("/api/v1/indicators/geen", .notFound), ("/plannen/streekvisie-zwv/ambities/2.1.2/grafiek.svg", .ok)] {
                let response = try await client.execute(uri: path, method: .get)
                #expect(response.status == status, "\(path)")
                #expect(response.headers[.xContentTypeOptions] == "nosniff", "\(path)")
                #expect(response.headers[HTTPBasicsMiddleware<KoersRequestContext>.referrerPolicy] == "strict-origin-when-cross-origin", "\(path)")
                let policy = try #require(response.headers[.contentSecurityPolicy], "\(path)")
                #expect(!policy.contains("script-src 'unsafe-inline'") && !policy.contains("'unsafe-eval'"), "\(path)")
                if path.hasSuffix(".svg") {
                    #expect(policy == HTTPBasicsMiddleware<KoersRequestContext>.imagePolicy)
                } else {
                    #expect(policy.contains("script-src 'none'") && policy.contains("frame-ancestors 'self'"), "\(path)")
                }
                if status != .ok { #expect(response.headers[.cacheControl] == "no-store", "\(path)") }
            }
        }
    }
}
