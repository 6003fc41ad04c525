import Foundation
import Hummingbird
import HummingbirdTesting
import KoersAccounts
import KoersCore
import KoersSQLite
import KoersStore
import KoersTestSupport
import KoersViews
import Testing

@testable import KoersWeb

/// Sign-in, sessions and CSRF against a real server on a real SQLite file.
@Suite struct SignInTests {
    static let password = "zonnebloemen in Kortrijk"

    struct Site {
        let folder: TemporaryFolder
        let store: SQLiteStore

        init(roles: [Role] = [.steward], cost: UInt8 = 4) async throws {
            folder = try TemporaryFolder()
            store = try SQLiteStore(path: folder.path("koers.sqlite"))
            for role in roles {
                try await store.apply(.add(email: "\(role.rawValue)@pomwvl.be", role: role, organisations: role == .actionOwner ? ["voka"] : [],
                                           passwordHash: PasswordHash.make(SignInTests.password, cost: cost)),
                                      context: AuditContext(actor: .commandLine(osUser: "test")))
            }
        }

        func run<T: Sendable>(_ sessions: SessionSettings = SessionSettings(), drafts: DraftSettings = DraftSettings(),
                              followUp: FollowUpSettings = FollowUpSettings(), _ body: @Sendable (any TestClientProtocol) async throws -> T) async throws -> T {
            let app = try await buildApplication(store: store, accounts: store, sessions: sessions, drafts: drafts,
                                                 uploads: folder.url.appendingPathComponent("uploads"), followUp: followUp)
            return try await app.test(.live) { client in try await body(client) }
        }
    }

    /// The value of cookie `name` in a response's Set-Cookie headers, with the whole header.
    static func cookie(_ name: String, in response: TestResponse) -> (value: String, header: String)? {
        for header in response.headers[values: .setCookie] where header.hasPrefix(name + "=") {
            let value = header.dropFirst(name.count + 1).prefix { $0 != ";" }
            return (String(value), header)
        }
        return nil
    }

    static func form(_ fields: [String: String]) -> ByteBuffer {
        ByteBuffer(string: fields.sorted { $0.key < $1.key }.map { k, v in
            "\(k)=\(v.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
        }.joined(separator: "&"))
    }

    /// Opens the form, then posts it: the sign-in cookie and its token, as a browser would.
    static func signIn(_ client: any TestClientProtocol, email: String, password: String = SignInTests.password,
                       planted: String? = nil) async throws -> TestResponse {
        let page = try await client.execute(uri: "/aanmelden", method: .get)
        let csrf = try #require(cookie("koers_signin", in: page)).value
        var cookies = "koers_signin=\(csrf)"
        if let planted { cookies += "; koers_session=\(planted)" }
        return try await client.execute(uri: "/aanmelden", method: .post,
                                        headers: [.cookie: cookies, .contentType: "application/x-www-form-urlencoded"],
                                        body: form(["email": email, "password": password, "csrf": csrf]))
    }

    @Test func aStewardSignsInSeesTheAccountAndSignsOut() async throws {
        let site = try await Site()
        try await site.run { client in
            let page = try await client.execute(uri: "/aanmelden", method: .get)
            #expect(page.status == .ok && page.headers[.cacheControl] == "no-store")
            let signInCookie = try #require(Self.cookie("koers_signin", in: page))
            #expect(String(buffer: page.body).contains("value=\"\(signInCookie.value)\""))
            #expect(signInCookie.header.contains("HttpOnly") && signInCookie.header.contains("SameSite=Lax"))

            // A session id planted before sign-in is not the one used after it.
            let signedIn = try await Self.signIn(client, email: "DATA-STEWARD@pomwvl.be", planted: "planted-by-an-attacker")
            #expect(signedIn.status == .seeOther && signedIn.headers[.location] == "/mijn-account")
            let session = try #require(Self.cookie("koers_session", in: signedIn))
            #expect(session.value != "planted-by-an-attacker" && session.value.count == 43)
            for flag in ["HttpOnly", "SameSite=Lax", "Path=/", "Max-Age=43200"] { #expect(session.header.contains(flag), "\(session.header)") }
            #expect(!session.header.contains("Secure"))
            #expect(try await site.store.session(idHash: SecretToken.hash("planted-by-an-attacker")) == nil)

            let account = try await client.execute(uri: "/mijn-account", method: .get, headers: [.cookie: "koers_session=\(session.value)"])
            #expect(account.status == .ok && account.headers[.cacheControl] == "no-store")
            let html = String(buffer: account.body)
            #expect(html.contains("data-steward@pomwvl.be") && html.contains("databeheerder"))
            let stored = try #require(try await site.store.session(idHash: SecretToken.hash(session.value)))
            #expect(html.contains("name=\"csrf\" value=\"\(stored.csrfToken)\""))

            // Sign-out without the token, or with another session's, changes nothing.
            let other = try #require(Self.cookie("koers_session", in: try await Self.signIn(client, email: "data-steward@pomwvl.be")))
            let otherCSRF = try #require(try await site.store.session(idHash: SecretToken.hash(other.value))).csrfToken
            for csrf in [nil, otherCSRF, ""] {
                let refused = try await client.execute(uri: "/afmelden", method: .post,
                                                       headers: [.cookie: "koers_session=\(session.value)", .contentType: "application/x-www-form-urlencoded"],
                                                       body: Self.form(csrf.map { ["csrf": $0] } ?? [:]))
                #expect(refused.status == .forbidden)
                #expect(try await site.store.session(idHash: SecretToken.hash(session.value)) != nil)
            }
            let out = try await client.execute(uri: "/afmelden", method: .post,
                                               headers: [.cookie: "koers_session=\(session.value)", .contentType: "application/x-www-form-urlencoded"],
                                               body: Self.form(["csrf": stored.csrfToken]))
            #expect(out.status == .seeOther && out.headers[.location] == "/")
            #expect(Self.cookie("koers_session", in: out)?.header.contains("Max-Age=0") == true)
            // Ended on the server: the old cookie no longer signs in anyone.
            #expect(try await site.store.session(idHash: SecretToken.hash(session.value)) == nil)
            let after = try await client.execute(uri: "/mijn-account", method: .get, headers: [.cookie: "koers_session=\(session.value)"])
            #expect(after.status == .seeOther && after.headers[.location] == "/aanmelden")
        }
        let kinds = try await site.store.auditEntries(AuditFilter()).map(\.kind)
        #expect(kinds == ["session.end", "session.start", "session.start", "account.add"])
    }

    @Test func aWrongPasswordAndAnUnknownAddressGetTheSameAnswer() async throws {
        let site = try await Site()
        try await site.run { client in
            let wrong = try await Self.signIn(client, email: "data-steward@pomwvl.be", password: "niet het wachtwoord")
            let unknown = try await Self.signIn(client, email: "niemand@pomwvl.be")
            #expect(wrong.status == .unauthorized && unknown.status == .unauthorized)
            func message(_ r: TestResponse) -> Bool { String(buffer: r.body).contains("Het e-mailadres of het wachtwoord klopt niet.") }
            #expect(message(wrong) && message(unknown))
            #expect(Self.cookie("koers_session", in: wrong) == nil && Self.cookie("koers_session", in: unknown) == nil)
            // Without the form's cookie and token (a form posted from another site): refused.
            let forged = try await client.execute(uri: "/aanmelden", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                                  body: Self.form(["email": "data-steward@pomwvl.be", "password": Self.password, "csrf": "x"]))
            #expect(forged.status == .forbidden)
        }
        #expect(try await site.store.auditEntries(AuditFilter()).map(\.kind) == ["account.add"])
    }

    @Test func anUnknownAddressTakesAboutAsLongAsAWrongPassword() async throws {
        // Real cost-12 hashes: the decoy an unknown address is checked against has the same cost. The two kinds of
        // attempt take turns, so that a machine busy with other tests slows both alike.
        let site = try await Site(cost: PasswordHash.cost)
        // Up to 18 failures each, far past the lock-out, which would answer without bcrypt.
        var patient = SignInThrottle()
        patient.accountFailures = 100
        patient.addressFailures = 100
        let rounds = try await site.run(SessionSettings(throttle: patient)) { client -> [(wrong: Double, unknown: Double)] in
            func seconds(_ email: String) async throws -> Double {
                let start = ContinuousClock.now
                _ = try await Self.signIn(client, email: email, password: "niet het wachtwoord")
                let d = ContinuousClock.now - start
                return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
            }
            // Up to three rounds of 6 + 6: on a machine busy with the other test suites one round can be blurred by a
            // burst of other work; a real difference (no bcrypt for unknown addresses: 0.2 s against 0.001 s) shows
            // in every round.
            var rounds: [(wrong: Double, unknown: Double)] = []
            for _ in 0..<3 {
                var wrong: [Double] = [], unknown: [Double] = []
                for _ in 0..<6 {
                    wrong.append(try await seconds("data-steward@pomwvl.be"))
                    unknown.append(try await seconds("niemand@pomwvl.be"))
                }
                // The fastest of each: what the server does, least blurred by what else the machine is doing.
                rounds.append((wrong.min()!, unknown.min()!))
                if abs(unknown.min()! - wrong.min()!) / wrong.min()! < 0.2 { break }
            }
            return rounds
        }
        let last = rounds.last!
        #expect(abs(last.unknown - last.wrong) / last.wrong < 0.2, "wrong password, unknown address (s): \(rounds)")
    }

    /// A clock the test moves on.
    final class TestClock: @unchecked Sendable {
        private let lock = NSLock()
        private var offset: TimeInterval = 0
        func advance(_ seconds: TimeInterval) { lock.withLock { offset += seconds } }
        var now: Date { lock.withLock { Date().addingTimeInterval(offset) } }
    }

    /// The defaults: 30 minutes idle, 12 hours in all. `wait`: 31 minutes unused, or 12 hours and a minute in use.
    @Test(arguments: [1860.0, 43260.0])
    func sessionsEndAfterTheIdleTimeoutAndTheAbsoluteLifetime(wait: Double) async throws {
        let site = try await Site()
        let clock = TestClock()
        let settings = SessionSettings(now: { clock.now })
        let lifetime = settings.absoluteLifetime
        try await site.run(settings) { client in
            let session = try #require(Self.cookie("koers_session", in: try await Self.signIn(client, email: "data-steward@pomwvl.be")))
            func status() async throws -> HTTPResponse.Status {
                try await client.execute(uri: "/mijn-account", method: .get, headers: [.cookie: "koers_session=\(session.value)"]).status
            }
            // Used every 29 minutes, the session lives on until its absolute lifetime; left alone, it ends when idle.
            if wait > lifetime {
                for _ in 0..<Int(lifetime / (29 * 60)) {
                    clock.advance(29 * 60)
                    #expect(try await status() == .ok)
                }
                clock.advance(wait - Double(Int(lifetime / (29 * 60))) * 29 * 60)
            } else {
                #expect(try await status() == .ok)
                clock.advance(wait)
            }
            #expect(try await status() == .seeOther)
            #expect(try await site.store.session(idHash: SecretToken.hash(session.value)) == nil)
        }
        #expect(try await site.store.auditEntries(AuditFilter()).first?.note == "timed out")
    }

    @Test func theSignInPageIsInBothLanguagesAndSwitchesBetweenThem() async throws {
        let site = try await Site()
        try await site.run { client in
            let nl = String(buffer: try await client.execute(uri: "/aanmelden", method: .get).body)
            let en = String(buffer: try await client.execute(uri: "/en/sign-in", method: .get).body)
            #expect(nl.contains("<h1>Aanmelden</h1>") && nl.contains("href=\"/en/sign-in\"") && nl.contains("action=\"/aanmelden\""))
            #expect(en.contains("<h1>Sign in</h1>") && en.contains("href=\"/aanmelden\"") && en.contains("action=\"/en/sign-in\""))
            // A cookie that is no token of ours is not written into the page.
            let odd = try await client.execute(uri: "/aanmelden", method: .get, headers: [.cookie: "koers_signin=\"><script>"])
            #expect(!String(buffer: odd.body).contains("<script>"))
        }
    }

    @Test func secureCookiesWhenConfiguredForHTTPS() async throws {
        let site = try await Site()
        try await site.run(SessionSettings(secureCookies: true)) { client in
            let session = try #require(Self.cookie("koers_session", in: try await Self.signIn(client, email: "data-steward@pomwvl.be")))
            #expect(session.header.contains("Secure"))
        }
    }

    /// Every guarded route (writes, and pages the public may not see) × both languages × every role and the public,
    /// from the one table of rights: allowed → neither 403 nor a redirect to sign in; refused → 403, or for the public
    /// asking for a page, the sign-in form.
    @Test func theAuthorizationMatrixFollowsTheTableOfRights() async throws {
        let site = try await Site(roles: Role.allCases)
        let results = try await site.run { client -> [String] in
            var wrong: [String] = []
            for route in GuardedRoute.allCases {
                for language in Language.allCases {
                    for role in [nil] + Role.allCases.map(Optional.some) {
                        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
                        var fields: [String: String] = [:]
                        if let role {
                            let id = SecretToken.make(), csrf = SecretToken.make()
                            try await site.store.apply(.startSession(email: "\(role.rawValue)@pomwvl.be", idHash: SecretToken.hash(id), csrfToken: csrf,
                                                                     address: nil, userAgent: nil), context: AuditContext(actor: .commandLine(osUser: "test")))
                            headers[.cookie] = "koers_session=\(id); koers_signin=s"
                            fields["csrf"] = route.permission == nil ? "s" : csrf
                        } else {
                            headers[.cookie] = "koers_signin=s"
                            fields["csrf"] = "s"
                        }
                        let path = route.path(language)
                        let response = try await client.execute(uri: path, method: route.method, headers: headers,
                                                                body: route.method == .get ? nil : Self.form(fields))
                        let allowed = route.permission.map { Rights.allows(role, $0) } ?? true
                        let refused = response.status == .forbidden
                            || (response.status == .seeOther && response.headers[.location] == Paths(language).signIn)
                        if allowed == refused || response.status.code >= 500 {
                            wrong.append("\(route.method) \(path) as \(role?.rawValue ?? "public"): \(response.status.code)")
                        }
                    }
                }
            }
            return wrong
        }
        #expect(results == [])
    }

    /// A route that changes something, added to the router without a `GuardedRoute` entry (and so without the one
    /// check), fails here; so does an entry the router lacks.
    @Test func everyWriteRouteOfTheRouterIsAGuardedRoute() async throws {
        let site = try await Site()
        let router = try await buildRouter(store: site.store, accounts: site.store)
        // The router writes a parameter as `{id}`, a route's path as `:id`.
        func normal(_ path: String) -> String {
            let rooted = path.hasPrefix("/") ? path : "/" + path
            return rooted.split(separator: "/", omittingEmptySubsequences: false)
                .map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }.joined(separator: "/")
        }
        let writes = Set(router.routes.filter { ![.get, .head].contains($0.method) }.map { "\($0.method) \(normal("\($0.path)"))" })
        let guarded = Set(GuardedRoute.allCases.filter { $0.method != .get }.flatMap { route in
            Language.allCases.map { "\(route.method) \(normal(route.path($0)))" }
        })
        #expect(!writes.isEmpty)
        #expect(writes == guarded)
        let pages = Set(router.routes.map { "\($0.method) \(normal("\($0.path)"))" })
        for route in GuardedRoute.allCases {
            for language in Language.allCases { #expect(pages.contains("\(route.method) \(normal(route.path(language)))")) }
        }
    }
}
