import Foundation
import Hummingbird
import HummingbirdTesting
import KoersAccounts
import KoersCore
import KoersStore
import KoersTestSupport
import Testing

@testable import KoersWeb

/// The second factor in the browser, against a real server on a real SQLite file: set up on "my account" with a code
/// from the key the page shows, asked for at sign-in after the password, each code good once, recovery codes, the
/// lock-out, and the wait that runs out.
@Suite struct SecondFactorPagesTests {
    typealias Site = SignInTests.Site
    typealias Browser = AccountPagesTests.Browser
    static let steward = "data-steward@pomwvl.be"

    /// Sets up a second factor for `email` through the pages, as its owner would: the key from the form, a code made
    /// with it. The key and the recovery codes the answer shows.
    static func enrol(_ client: any TestClientProtocol, _ site: Site, _ email: String, at date: Date) async throws -> (secret: String, codes: [String]) {
        let browser = try await AccountPagesTests.signedIn(client, site, email)
        let page = try await client.execute(uri: "/mijn-account/tweede-factor", method: .get, headers: browser.headers)
        let html = String(buffer: page.body)
        #expect(page.status == .ok && page.headers[.cacheControl] == "no-store")
        let secret = try #require(html.firstMatch(of: /name="secret" value="([A-Z2-7]{32})"/).map { String($0.1) })
        #expect(html.contains("otpauth://totp/Koers:\(email)?secret=") && html.contains(SecondFactor.typedKey(secret: secret)))
        let code = SecondFactor.code(secret: secret, step: SecondFactor.step(at: date))
        let done = try await AccountPagesTests.post(client, browser, "/mijn-account/tweede-factor",
                                                    ["secret": secret, "code": code, "current": SignInTests.password])
        let shown = String(buffer: done.body)
        #expect(done.status == .ok && shown.contains("De tweede factor staat aan"))
        let codes = shown.matches(of: /<li><code>([A-Z2-7]{5}-[A-Z2-7]{5}-[A-Z2-7]{5}-[A-Z2-7]{5})<\/code><\/li>/).map { String($0.1) }
        #expect(codes.count == 10)
        return (secret, codes)
    }

    /// The sign-in's second step: posts `code` with the waiting session's cookie and the form's token.
    static func giveCode(_ client: any TestClientProtocol, pending: String, csrf: String, _ code: String) async throws -> TestResponse {
        try await client.execute(uri: "/aanmelden/code", method: .post,
                                 headers: [.cookie: "koers_session=\(pending)", .contentType: "application/x-www-form-urlencoded"],
                                 body: SignInTests.form(["code": code, "csrf": csrf]))
    }

    /// The first step, for an account with a second factor: the waiting session's cookie and the code form's token.
    static func password(_ client: any TestClientProtocol, _ email: String) async throws -> (pending: String, csrf: String) {
        let answer = try await SignInTests.signIn(client, email: email)
        #expect(answer.status == .ok && String(buffer: answer.body).contains("action=\"/aanmelden/code\""))
        let pending = try #require(SignInTests.cookie("koers_session", in: answer))
        #expect(pending.header.contains("Max-Age=300") && pending.header.contains("HttpOnly"))
        let csrf = try #require(String(buffer: answer.body).firstMatch(of: /name="csrf" value="([A-Za-z0-9_-]{43})"/).map { String($0.1) })
        return (pending.value, csrf)
    }

    @Test func aStewardSetsUpASecondFactorAndThenSignsInWithPasswordAndCode() async throws {
        let site = try await Site()
        let clock = SignInTests.TestClock()
        try await site.run(SessionSettings(now: { clock.now })) { client in
            let (secret, codes) = try await Self.enrol(client, site, Self.steward, at: clock.now)
            let stored = try #require(try await site.store.account(email: Self.steward))
            #expect(stored.totpSecret == secret && stored.recoveryCodesLeft == 10)
            // Enrolment ended no session, but a new sign-in now takes two steps.
            clock.advance(30)
            let (pending, csrf) = try await Self.password(client, Self.steward)
            // The waiting session is no one's: "my account" sends it to the sign-in form.
            let early = try await client.execute(uri: "/mijn-account", method: .get, headers: [.cookie: "koers_session=\(pending)"])
            #expect(early.status == .seeOther && early.headers[.location] == "/aanmelden")
            // Without its token, or with a wrong code: refused, and still waiting.
            #expect(try await Self.giveCode(client, pending: pending, csrf: "other", "000000").status == .forbidden)
            let code = SecondFactor.code(secret: secret, step: SecondFactor.step(at: clock.now))
            let wrong = String(code.reversed()) == code ? "999999" : String(code.reversed())
            let refused = try await Self.giveCode(client, pending: pending, csrf: csrf, wrong)
            #expect(refused.status == .unauthorized && String(buffer: refused.body).contains("Die code klopt niet"))

            let done = try await Self.giveCode(client, pending: pending, csrf: csrf, code)
            #expect(done.status == .seeOther && done.headers[.location] == "/mijn-account")
            let session = try #require(SignInTests.cookie("koers_session", in: done)).value
            #expect(session != pending)
            #expect(try await site.store.session(idHash: SecretToken.hash(pending)) == nil)
            let account = try await client.execute(uri: "/mijn-account", method: .get, headers: [.cookie: "koers_session=\(session)"])
            #expect(account.status == .ok && String(buffer: account.body).contains("Aan; nog 10 ongebruikte herstelcodes."))

            // The same code again, in another sign-in within its 30 seconds: refused.
            let again = try await Self.password(client, Self.steward)
            #expect(try await Self.giveCode(client, pending: again.pending, csrf: again.csrf, code).status == .unauthorized)
            // A recovery code, as people type it: lower case, spaces for dashes. Once.
            let typed = codes[3].lowercased().replacingOccurrences(of: "-", with: " ")
            #expect(try await Self.giveCode(client, pending: again.pending, csrf: again.csrf, typed).status == .seeOther)
            #expect(try await site.store.account(email: Self.steward)?.recoveryCodesLeft == 9)
            let third = try await Self.password(client, Self.steward)
            #expect(try await Self.giveCode(client, pending: third.pending, csrf: third.csrf, codes[3]).status == .unauthorized)

            let kinds = try await site.store.auditEntries(AuditFilter(object: "account:\(Self.steward)")).map(\.kind)
            #expect(kinds.prefix(5) == ["session.await-second-factor", "session.start", "session.await-second-factor", "session.start",
                                        "session.await-second-factor"])
            #expect(kinds.contains("account.second-factor"))
        }
    }

    @Test func theCodeFormLocksOutAfterFiveWrongCodesAndTheWaitRunsOut() async throws {
        let site = try await Site()
        let clock = SignInTests.TestClock()
        try await site.run(SessionSettings(now: { clock.now })) { client in
            let (secret, _) = try await Self.enrol(client, site, Self.steward, at: clock.now)
            clock.advance(30)
            let (pending, csrf) = try await Self.password(client, Self.steward)
            let right = SecondFactor.code(secret: secret, step: SecondFactor.step(at: clock.now))
            let wrong = (0..<10).map { String(repeating: String($0), count: 6) }.filter { $0 != right }
            for code in wrong.prefix(5) { #expect(try await Self.giveCode(client, pending: pending, csrf: csrf, code).status == .unauthorized) }
            // Locked: the right code waits too, and so does the password step (the failures are the account's).
            let locked = try await Self.giveCode(client, pending: pending, csrf: csrf, right)
            #expect(locked.status == .tooManyRequests && locked.headers[.retryAfter] != nil)
            #expect(try await SignInTests.signIn(client, email: Self.steward).status == .tooManyRequests)

            // Five minutes without a code: the sign-in starts again.
            clock.advance(301)
            let late = try await Self.giveCode(client, pending: pending, csrf: csrf, right)
            #expect(late.status == .unauthorized && String(buffer: late.body).contains("Uw aanmelding is verlopen"))
            #expect(try await site.store.session(idHash: SecretToken.hash(pending)) == nil)
            // No waiting session at all: the same.
            #expect(try await Self.giveCode(client, pending: "no-such-session", csrf: csrf, right).status == .unauthorized)
        }
    }

    @Test func aRightPasswordDoesNotForgetTheWrongCodes() async throws {
        let site = try await Site()
        try await site.run { client in
            let (secret, _) = try await Self.enrol(client, site, Self.steward, at: Date())
            // Four wrong codes, a right password, one more wrong code: the fifth failure locks.
            for attempt in 0..<5 {
                let (pending, csrf) = try await Self.password(client, Self.steward)
                let right = SecondFactor.code(secret: secret, step: SecondFactor.step(at: Date()))
                let wrong = right == "123456" ? "654321" : "123456"
                #expect(try await Self.giveCode(client, pending: pending, csrf: csrf, wrong).status == .unauthorized, "attempt \(attempt)")
            }
            #expect(try await SignInTests.signIn(client, email: Self.steward).status == .tooManyRequests)
        }
    }

    @Test func setUpNeedsTheRightCodeAndPasswordAndIsOfferedToStewardsAndAdminsOnly() async throws {
        let site = try await Site(roles: [.steward, .actionOwner, .reader])
        try await site.run { client in
            let browser = try await AccountPagesTests.signedIn(client, site, Self.steward)
            let account = String(buffer: try await client.execute(uri: "/mijn-account", method: .get, headers: browser.headers).body)
            #expect(account.contains("href=\"/mijn-account/tweede-factor\"") && account.contains("id=\"second-factor-status\">Uit."))
            let secret = SecondFactor.makeSecret()
            let code = SecondFactor.code(secret: secret, step: SecondFactor.step(at: Date()))
            let noPassword = try await AccountPagesTests.post(client, browser, "/mijn-account/tweede-factor",
                                                              ["secret": secret, "code": code, "current": "fout"])
            #expect(noPassword.status == .unprocessableContent && String(buffer: noPassword.body).contains("Het huidige wachtwoord klopt niet"))
            let badCode = try await AccountPagesTests.post(client, browser, "/mijn-account/tweede-factor",
                                                           ["secret": secret, "code": code == "000000" ? "111111" : "000000", "current": SignInTests.password])
            #expect(badCode.status == .unprocessableContent && String(buffer: badCode.body).contains("Die code klopt niet"))
            // The refused form keeps its key, so that the app's entry still fits.
            #expect(String(buffer: badCode.body).contains("value=\"\(secret)\""))
            let forged = try await AccountPagesTests.post(client, browser, "/mijn-account/tweede-factor",
                                                          ["secret": "\"><script>", "code": code, "current": SignInTests.password])
            #expect(forged.status == .badRequest)
            #expect(try await site.store.account(email: Self.steward)?.hasSecondFactor == false)

            for email in ["action-owner@pomwvl.be", "reader@pomwvl.be"] {
                let other = try await AccountPagesTests.signedIn(client, site, email)
                let page = String(buffer: try await client.execute(uri: "/mijn-account", method: .get, headers: other.headers).body)
                #expect(!page.contains("/mijn-account/tweede-factor\""), "\(email)")
                #expect(try await client.execute(uri: "/mijn-account/tweede-factor", method: .get, headers: other.headers).status == .forbidden)
            }
        }
    }

    @Test func theOwnerTurnsItOffWithThePasswordAndTheNextSignInIsOneStep() async throws {
        let site = try await Site()
        try await site.run { client in
            let (_, codes) = try await Self.enrol(client, site, Self.steward, at: Date())
            let (pending, csrf) = try await Self.password(client, Self.steward)
            let signedIn = try await Self.giveCode(client, pending: pending, csrf: csrf, codes[0])
            let session = try #require(SignInTests.cookie("koers_session", in: signedIn)).value
            let browser = Browser(session: session, csrf: try #require(try await site.store.session(idHash: SecretToken.hash(session))).csrfToken)
            let refused = try await AccountPagesTests.post(client, browser, "/mijn-account/tweede-factor/uit", ["current": "fout"])
            #expect(refused.status == .unprocessableContent)
            let off = try await AccountPagesTests.post(client, browser, "/mijn-account/tweede-factor/uit", ["current": SignInTests.password])
            #expect(off.status == .ok && String(buffer: off.body).contains("De tweede factor staat uit"))
            let account = try #require(try await site.store.account(email: Self.steward))
            #expect(account.totpSecret == nil && account.recoveryCodesLeft == 0)
            #expect(try await SignInTests.signIn(client, email: Self.steward).status == .seeOther)
        }
    }

    @Test func theSecondFactorPagesAreInEnglishToo() async throws {
        let site = try await Site()
        try await site.run { client in
            let browser = try await AccountPagesTests.signedIn(client, site, Self.steward)
            let page = String(buffer: try await client.execute(uri: "/en/account/second-factor", method: .get, headers: browser.headers).body)
            #expect(page.contains("<h1>Second factor</h1>") && page.contains("action=\"/en/account/second-factor\""))
            let account = String(buffer: try await client.execute(uri: "/en/account", method: .get, headers: browser.headers).body)
            #expect(account.contains("Set up a second factor"))
        }
    }
}
