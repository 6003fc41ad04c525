import Foundation
import Hummingbird
import HummingbirdTesting
import KoersAccounts
import KoersBundledCatalogue
import KoersCore
import KoersSQLite
import KoersStore
import KoersTestSupport
import KoersViews
import Testing

@testable import KoersWeb

/// The lock-out, "my account" (password, tokens), the admins' accounts page and the audit page, against a real server
/// on a real SQLite file.
@Suite struct AccountPagesTests {
    typealias Site = SignInTests.Site
    static let form = SignInTests.form

    /// A signed-in browser: its session cookie and CSRF token.
    struct Browser {
        let session: String
        let csrf: String
        var headers: HTTPFields { [.cookie: "koers_session=\(session)", .contentType: "application/x-www-form-urlencoded", .userAgent: "=HYPERLINK(\"x\")"] }
    }

    static func signedIn(_ client: any TestClientProtocol, _ site: Site, _ email: String, password: String = SignInTests.password) async throws -> Browser {
        let response = try await SignInTests.signIn(client, email: email, password: password)
        let session = try #require(SignInTests.cookie("koers_session", in: response), "\(response.status)").value
        let csrf = try #require(try await site.store.session(idHash: SecretToken.hash(session))).csrfToken
        return Browser(session: session, csrf: csrf)
    }

    static func post(_ client: any TestClientProtocol, _ browser: Browser, _ path: String, _ fields: [String: String]) async throws -> TestResponse {
        try await client.execute(uri: path, method: .post, headers: browser.headers, body: form(fields.merging(["csrf": browser.csrf]) { $1 }))
    }

    // MARK: Lock-out

    static func retryAfter(_ response: TestResponse) -> Int? { response.headers[.retryAfter].flatMap { Int($0) } }

    @Test func fiveFailuresMakeAnAddressWaitLongerEachTimeAndTheRightPasswordWorksAfterTheWait() async throws {
        let site = try await Site()
        let clock = SignInTests.TestClock()
        try await site.run(SessionSettings(now: { clock.now })) { client in
            for address in ["data-steward@pomwvl.be", "niemand@pomwvl.be"] {
                for _ in 0..<5 {
                    #expect(try await SignInTests.signIn(client, email: address, password: "niet het wachtwoord").status == .unauthorized)
                }
                // Locked, the account that exists and the address no account has alike: the right password too waits.
                let locked = try await SignInTests.signIn(client, email: address)
                // A minute after the last failure (less the seconds this machine took since; times are kept to the second).
                #expect(locked.status == .tooManyRequests && Self.retryAfter(locked).map { (30...60).contains($0) } == true, "\(address)")
                #expect(String(buffer: locked.body).contains("Probeer het over 1 min. opnieuw"))
                #expect(SignInTests.cookie("koers_session", in: locked) == nil)
            }
            // After the wait, one more failure doubles it.
            clock.advance(61)
            #expect(try await SignInTests.signIn(client, email: "data-steward@pomwvl.be", password: "nog steeds fout").status == .unauthorized)
            #expect(Self.retryAfter(try await SignInTests.signIn(client, email: "data-steward@pomwvl.be")).map { (90...120).contains($0) } == true)
            clock.advance(121)
            #expect(try await SignInTests.signIn(client, email: "data-steward@pomwvl.be").status == .seeOther)
            // The success forgets the failures: a new wrong password is one failure, not the seventh.
            #expect(try await SignInTests.signIn(client, email: "data-steward@pomwvl.be", password: "fout").status == .unauthorized)
            #expect(try await SignInTests.signIn(client, email: "data-steward@pomwvl.be").status == .seeOther)
        }
    }

    @Test func anAdminsResetLiftsALockOut() async throws {
        let site = try await Site(roles: [.steward, .admin])
        try await site.run { client in
            for _ in 0..<5 { _ = try await SignInTests.signIn(client, email: "data-steward@pomwvl.be", password: "niet het wachtwoord") }
            #expect(try await SignInTests.signIn(client, email: "data-steward@pomwvl.be").status == .tooManyRequests)
            let admin = try await Self.signedIn(client, site, "admin@pomwvl.be")
            let reset = try await Self.post(client, admin, "/beheer/accounts/wachtwoord", ["email": "data-steward@pomwvl.be"])
            let html = String(buffer: reset.body)
            #expect(reset.status == .ok && html.contains("data-steward@pomwvl.be heeft een nieuw wachtwoord"))
            let password = try #require(html.firstMatch(of: /id="new-password">([A-Za-z0-9]{20})</).map { String($0.1) })
            #expect(try await SignInTests.signIn(client, email: "data-steward@pomwvl.be", password: password).status == .seeOther)
        }
    }

    @Test func manyAccountsTriedFromOneAddressMakeThatAddressWait() async throws {
        let site = try await Site()
        var throttle = SignInThrottle()
        throttle.addressFailures = 6
        try await site.run(SessionSettings(throttle: throttle)) { client in
            for i in 0..<6 {
                #expect(try await SignInTests.signIn(client, email: "iemand\(i)@pomwvl.be", password: "niet het wachtwoord").status == .unauthorized)
            }
            // Each address was tried once only; the place they came from now waits.
            let locked = try await SignInTests.signIn(client, email: "data-steward@pomwvl.be")
            #expect(locked.status == .tooManyRequests && locked.headers[.retryAfter].flatMap { Int($0) }.map { $0 > 800 && $0 <= 900 } == true)
        }
    }

    @Test func aTrustedProxysForwardedAddressIsTheClientsAndAnyoneElsesIsIgnored() {
        let settings = SessionSettings(trustedProxies: ["10.0.0.2"])
        #expect(settings.clientAddress(peer: "10.0.0.2", forwardedFor: "203.0.113.9, 198.51.100.4") == "198.51.100.4")
        #expect(settings.clientAddress(peer: "10.0.0.3", forwardedFor: "198.51.100.4") == "10.0.0.3")
        #expect(settings.clientAddress(peer: "10.0.0.2", forwardedFor: "<script>") == "10.0.0.2")
        #expect(settings.clientAddress(peer: "10.0.0.2", forwardedFor: nil) == "10.0.0.2")
    }

    // MARK: My account

    @Test func aUserChangesTheirPasswordAndEverySessionOfTheOldOneEnds() async throws {
        let site = try await Site()
        try await site.run { client in
            let browser = try await Self.signedIn(client, site, "data-steward@pomwvl.be")
            let other = try await Self.signedIn(client, site, "data-steward@pomwvl.be")
            let new = "een nieuw lang wachtwoord"
            let refusals: [([String: String], String)] = [
                (["current": "fout", "new": new, "repeat": new], "Het huidige wachtwoord klopt niet"),
                (["current": SignInTests.password, "new": new, "repeat": new + "x"], "De twee nieuwe wachtwoorden verschillen"),
                (["current": SignInTests.password, "new": "kort", "repeat": "kort"], "Het wachtwoord telt 4 tekens; er zijn er minstens 12 nodig."),
                (["current": SignInTests.password, "new": "1qaz2wsx3edc", "repeat": "1qaz2wsx3edc"], "een van de 1.000 meest gebruikte"),
            ]
            for (fields, text) in refusals {
                let refused = try await Self.post(client, browser, "/mijn-account/wachtwoord", fields)
                #expect(refused.status == .unprocessableContent && String(buffer: refused.body).contains(text), "\(text)")
            }
            #expect(try await site.store.auditEntries(AuditFilter()).filter { $0.kind == "account.password" }.isEmpty)
            let changed = try await Self.post(client, browser, "/mijn-account/wachtwoord", ["current": SignInTests.password, "new": new, "repeat": new])
            #expect(changed.status == .seeOther && changed.headers[.location] == "/mijn-account?changed=password")
            // Both old sessions are gone; this browser has a new one.
            for old in [browser.session, other.session] { #expect(try await site.store.session(idHash: SecretToken.hash(old)) == nil) }
            let fresh = try #require(SignInTests.cookie("koers_session", in: changed)).value
            let page = try await client.execute(uri: "/mijn-account?changed=password", method: .get, headers: [.cookie: "koers_session=\(fresh)"])
            #expect(String(buffer: page.body).contains("Uw wachtwoord is gewijzigd"))
            #expect(try await SignInTests.signIn(client, email: "data-steward@pomwvl.be").status == .unauthorized)
            #expect(try await SignInTests.signIn(client, email: "data-steward@pomwvl.be", password: new).status == .seeOther)
            let row = try #require(try await site.store.auditEntries(AuditFilter(object: "account:data-steward@pomwvl.be")).first { $0.kind == "account.password" })
            #expect(row.actor == "user:data-steward@pomwvl.be" && row.address == "127.0.0.1" && row.after?.contains("$2") == false)
        }
    }

    @Test func aTokenIsShownOnceWorksAsBearerAndStopsWhenRevoked() async throws {
        let site = try await Site(roles: [.steward, .reader])
        try await site.run { client in
            let browser = try await Self.signedIn(client, site, "data-steward@pomwvl.be")
            // A token may do no more than its account: a steward's cannot be an admin's.
            let refused = try await Self.post(client, browser, "/mijn-account/tokens", ["name": "nachtelijke import", "role": "admin"])
            #expect(refused.status == .unprocessableContent)
            #expect(try await Self.post(client, browser, "/mijn-account/tokens", ["name": " ", "role": "data-steward"]).status == .unprocessableContent)
            let made = try await Self.post(client, browser, "/mijn-account/tokens", ["name": "nachtelijke import", "role": "data-steward"])
            let html = String(buffer: made.body)
            #expect(made.status == .ok && made.headers[.cacheControl] == "no-store")
            let token = try #require(html.firstMatch(of: /id="new-token">(koers_[A-Za-z0-9_-]{43})</).map { String($0.1) })
            // Stored as its hash only; the next page does not show it again.
            #expect(try await site.store.token(hash: SecretToken.hash(token))?.name == "nachtelijke import")
            let again = try await client.execute(uri: "/mijn-account", method: .get, headers: browser.headers)
            #expect(!String(buffer: again.body).contains(token) && String(buffer: again.body).contains("nachtelijke import"))

            let asToken = try await client.execute(uri: "/mijn-account", method: .get, headers: [.authorization: "Bearer \(token)"])
            #expect(asToken.status == .ok)
            // A token cannot make tokens or change the password (no session, so no CSRF to bind a form to).
            let viaToken = try await client.execute(uri: "/mijn-account/tokens", method: .post,
                                                    headers: [.authorization: "Bearer \(token)", .contentType: "application/x-www-form-urlencoded"],
                                                    body: Self.form(["name": "meer", "role": "data-steward"]))
            #expect(viaToken.status == .forbidden)

            let id = try #require(try await site.store.tokens(email: "data-steward@pomwvl.be").first?.id)
            // Another account cannot revoke it, and learns nothing from trying.
            let reader = try await Self.signedIn(client, site, "reader@pomwvl.be")
            #expect(try await Self.post(client, reader, "/mijn-account/tokens/intrekken", ["id": String(id)]).status == .notFound)
            #expect(try await Self.post(client, browser, "/mijn-account/tokens/intrekken", ["id": String(id)]).status == .ok)
            let revoked = try await client.execute(uri: "/mijn-account", method: .get, headers: [.authorization: "Bearer \(token)"])
            #expect(revoked.status == .seeOther)
        }
        let kinds = try await site.store.auditEntries(AuditFilter(object: "account:data-steward@pomwvl.be")).map(\.kind)
        #expect(kinds.filter { $0.hasPrefix("token.") } == ["token.revoke", "token.create"])
    }

    // MARK: The accounts page

    @Test func anAdminAddsChangesDisablesAndResetsAccounts() async throws {
        let site = try await Site(roles: [.admin])
        // The plans' organisations, which an action owner's must be among.
        try await BundledCatalogue.loadIfEmpty(site.store)
        try await site.run { client in
            let admin = try await Self.signedIn(client, site, "admin@pomwvl.be")
            let page = try await client.execute(uri: "/beheer/accounts", method: .get, headers: admin.headers)
            #expect(page.status == .ok && String(buffer: page.body).contains("admin@pomwvl.be"))

            // Refused, each with its reason, and nothing written.
            let before = try await site.store.auditEntries(AuditFilter()).count
            let refusals: [([String: String], String)] = [
                (["email": "geen adres", "role": "reader"], "„geen adres” is geen e-mailadres."),
                (["email": "an@voka.be", "role": "superuser"], "Onbekende rol „superuser”."),
                (["email": "an@voka.be", "role": "action-owner"], "Een actie-eigenaar meldt voor een organisatie"),
                (["email": "an@voka.be", "role": "action-owner", "organisations": "nergens"], "Onbekende organisatie „nergens” (bv. "),
                (["email": "an@voka.be", "role": "reader", "organisations": "voka"], "Organisaties horen alleen bij actie-eigenaars."),
                (["email": "admin@pomwvl.be", "role": "reader"], "Er bestaat al een account voor admin@pomwvl.be."),
            ]
            for (fields, text) in refusals {
                let refused = try await Self.post(client, admin, "/beheer/accounts/nieuw", fields)
                #expect(refused.status == .unprocessableContent && String(buffer: refused.body).contains(text), "\(text)")
            }
            // In English on the English page.
            let englishRefusal = try await Self.post(client, admin, "/en/admin/accounts/new", ["email": "geen adres", "role": "reader"])
            #expect(String(buffer: englishRefusal.body).contains("“geen adres” is not an e-mail address."))
            let ownRole = try await Self.post(client, admin, "/beheer/accounts/rol", ["email": "admin@pomwvl.be", "role": "reader"])
            #expect(ownRole.status == .unprocessableContent && String(buffer: ownRole.body).contains("Uw eigen rol wijzigt een andere beheerder"))
            #expect(try await site.store.auditEntries(AuditFilter()).count == before)

            let added = try await Self.post(client, admin, "/beheer/accounts/nieuw", ["email": "An@VOKA.be", "role": "action-owner", "organisations": "voka, unizo"])
            let html = String(buffer: added.body)
            #expect(added.status == .ok && html.contains("an@voka.be is toegevoegd als actie-eigenaar."))
            let password = try #require(html.firstMatch(of: /id="new-password">([A-Za-z0-9]{20})</).map { String($0.1) })
            #expect(try await site.store.account(email: "an@voka.be")?.organisations == ["voka", "unizo"])
            let owner = try await Self.signedIn(client, site, "an@voka.be", password: password)
            // An action owner may not use the accounts page.
            #expect(try await client.execute(uri: "/beheer/accounts", method: .get, headers: owner.headers).status == .forbidden)

            #expect(try await Self.post(client, admin, "/beheer/accounts/rol", ["email": "an@voka.be", "role": "reader"]).status == .ok)
            let reader = try await site.store.account(email: "an@voka.be")
            #expect(reader?.role == .reader && reader?.organisations == [])
            let disabled = try await Self.post(client, admin, "/beheer/accounts/status", ["email": "an@voka.be", "disabled": "true"])
            #expect(String(buffer: disabled.body).contains("an@voka.be is uitgeschakeld"))
            #expect(try await site.store.session(idHash: SecretToken.hash(owner.session)) == nil)
            #expect(try await SignInTests.signIn(client, email: "an@voka.be", password: password).status == .unauthorized)
            #expect(try await Self.post(client, admin, "/beheer/accounts/status", ["email": "an@voka.be", "disabled": "false"]).status == .ok)
            #expect(try await SignInTests.signIn(client, email: "an@voka.be", password: password).status == .seeOther)

            // Not their own role or account: the last admin could lock everyone out.
            let own = try await Self.post(client, admin, "/beheer/accounts/status", ["email": "admin@pomwvl.be", "disabled": "true"])
            #expect(own.status == .unprocessableContent)
            #expect(try await site.store.account(email: "admin@pomwvl.be")?.disabled == false)
            // In English too.
            let english = try await client.execute(uri: "/en/admin/accounts", method: .get, headers: admin.headers)
            #expect(String(buffer: english.body).contains("<h1>Accounts</h1>") && String(buffer: english.body).contains("action=\"/en/admin/accounts/new\""))
        }
        let rows = try await site.store.auditEntries(AuditFilter(object: "account:an@voka.be"))
        #expect(rows.map(\.kind).filter { $0.hasPrefix("account.") } == ["account.enable", "account.disable", "account.organisations", "account.role", "account.add"])
        #expect(rows.allSatisfy { $0.kind.hasPrefix("session.") || $0.actor == "user:admin@pomwvl.be" || $0.actor == "user:an@voka.be" })
    }

    // MARK: The audit page

    @Test func theAuditPageFiltersAndItsCSVCannotRunInASpreadsheet() async throws {
        let site = try await Site(roles: [.admin, .steward])
        try await site.run { client in
            let admin = try await Self.signedIn(client, site, "admin@pomwvl.be")
            _ = try await Self.post(client, admin, "/beheer/accounts/nieuw", ["email": "=cmd@evil.be", "role": "reader"])
            let all = try await client.execute(uri: "/beheer/audit", method: .get, headers: admin.headers)
            #expect(all.status == .ok && String(buffer: all.body).contains("account.add"))
            let today = AuditController.days.string(from: Date())
            let filtered = try await client.execute(uri: "/beheer/audit?gebruiker=admin%40pomwvl.be&van=\(today)&tot=\(today)", method: .get, headers: admin.headers)
            let html = String(buffer: filtered.body)
            #expect(html.contains("=cmd@evil.be") && !html.contains("cli:test"))
            let tomorrow = AuditController.days.string(from: Date().addingTimeInterval(86_400))
            let none = try await client.execute(uri: "/beheer/audit?van=\(tomorrow)", method: .get, headers: admin.headers)
            #expect(String(buffer: none.body).contains("Geen wijzigingen voor deze filter."))
            #expect(try await client.execute(uri: "/beheer/audit?van=2026-02-30", method: .get, headers: admin.headers).status == .badRequest)

            let csv = try await client.execute(uri: "/beheer/audit.csv?gebruiker=admin%40pomwvl.be", method: .get, headers: admin.headers)
            #expect(csv.status == .ok && csv.headers[.contentType] == "text/csv; charset=utf-8")
            let lines = String(buffer: csv.body).split(separator: "\r\n")
            #expect(lines.first == "id,at,actor,kind,object,before,after,address,user_agent,note,batch_id")
            let added = try #require(lines.first { $0.contains("account.add") })
            // The typed address and the user agent, both hostile, start with a quote in the file.
            #expect(added.contains(",account.add,account:=cmd@evil.be,") && added.contains(",\"'=HYPERLINK(\"\"x\"\")\","))
            #expect(lines.count == (try await site.store.auditEntries(AuditFilter(actor: "admin@pomwvl.be")).count) + 1)

            let steward = try await Self.signedIn(client, site, "data-steward@pomwvl.be")
            #expect(try await client.execute(uri: "/beheer/audit.csv", method: .get, headers: steward.headers).status == .forbidden)
        }
    }
}
