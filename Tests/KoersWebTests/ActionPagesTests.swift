import Foundation
import Hummingbird
import HummingbirdTesting
import KoersAccounts
import KoersBundledCatalogue
import KoersCore
import KoersStore
import KoersTestSupport
import KoersViews
import Testing

@testable import KoersWeb

/// Action pages and owners' reports against a real server on a real SQLite file with the bundled plans.
@Suite struct ActionPagesTests {
    typealias Site = SignInTests.Site
    /// A relanceplan action that POM West-Vlaanderen leads (data/plans/relanceplan-wvl.yaml).
    static let action = "relance-starters-solvabiliteit"
    static let pomOwner = "eigenaar@pomwvl.be"

    static func site() async throws -> Site {
        let site = try await Site(roles: [.actionOwner, .reader, .admin])
        try await BundledCatalogue.loadIfEmpty(site.store)
        try await site.store.apply(.add(email: pomOwner, role: .actionOwner, organisations: ["pom-wvl"],
                                        passwordHash: PasswordHash.make(SignInTests.password, cost: 4)),
                                   context: AuditContext(actor: .commandLine(osUser: "test")))
        return site
    }

    static func report(_ client: any TestClientProtocol, _ browser: AccountPagesTests.Browser, _ fields: [String: String]) async throws -> TestResponse {
        try await AccountPagesTests.post(client, browser, "/acties/rapporteren", ["action": action].merging(fields) { $1 })
    }

    @Test func theLeadsOwnerReportsAndThePagesShowIt() async throws {
        let site = try await Self.site()
        try await site.run { client in
            // The public sees the action and no form.
            let public_ = try await client.execute(uri: "/acties/\(Self.action)", method: .get)
            let publicHTML = String(buffer: public_.body)
            #expect(public_.status == .ok && publicHTML.contains("<h1>Solvabiliteitstest en begeleiding voor starters</h1>"))
            #expect(publicHTML.contains("POM West-Vlaanderen") && publicHTML.contains("Nog geen melding van de trekker"))
            #expect(!publicHTML.contains("name=\"status\""))

            let owner = try await AccountPagesTests.signedIn(client, site, Self.pomOwner)
            let form = String(buffer: try await client.execute(uri: "/acties/\(Self.action)", method: .get, headers: owner.headers).body)
            #expect(form.contains("action=\"/acties/rapporteren\"") && form.contains("name=\"csrf\" value=\"\(owner.csrf)\""))

            let posted = try await Self.report(client, owner, ["status": "on-course", "percent": "40", "spent": "12.500", "period": "2026-Q3",
                                                               "note": "Eerste <b>lichting</b> begeleid"])
            #expect(posted.status == .seeOther && posted.headers[.location] == "/acties/\(Self.action)#voortgang")
            let page = String(buffer: try await client.execute(uri: "/acties/\(Self.action)", method: .get).body)
            #expect(page.contains("op koers") && page.contains("40\u{00A0}%") && page.contains("€\u{00A0}12.500") && page.contains("3e kwartaal 2026"))
            // Who reported is for signed-in readers: the public sees the lead, not an e-mail address.
            #expect(!page.contains(Self.pomOwner))
            let signedInPage = String(buffer: try await client.execute(uri: "/acties/\(Self.action)", method: .get, headers: owner.headers).body)
            #expect(signedInPage.contains("<td>\(Self.pomOwner)</td>"))
            // Typed text is text, never markup.
            #expect(page.contains("Eerste &lt;b&gt;lichting&lt;/b&gt; begeleid") && !page.contains("<b>lichting"))
            // The portfolio and the plan page show the latest report, and link to the action's page.
            let portfolio = String(buffer: try await client.execute(uri: "/acties", method: .get).body)
            #expect(portfolio.contains("href=\"/acties/\(Self.action)\"") && portfolio.contains("laatste melding: op koers · 40\u{00A0}% · 3e kwartaal 2026"))
            let plan = String(buffer: try await client.execute(uri: "/plannen/relanceplan-wvl", method: .get).body)
            #expect(plan.contains("laatste melding: op koers"))
            // The roll-up counts actions by their latest report beside the targets' verdicts, and says how many have none.
            let actions = try #require(try await site.store.plan(id: "relanceplan-wvl")).actions.count
            #expect(plan.contains("<span class=\"action-count status-on-course\">1 op koers</span>"))
            #expect(plan.contains("<span class=\"action-count status-none\">\(actions - 1) zonder melding</span>"))
            let english = String(buffer: try await client.execute(uri: "/en/acties/\(Self.action)", method: .get).body)
            #expect(english.contains("Progress reported by the lead") && english.contains("on course") && english.contains("Q3 2026"))

            // The API serves the report, without who made it.
            let api = try await client.execute(uri: "/api/v1/actions/\(Self.action)/updates", method: .get)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(buffer: api.body)) as? [String: Any])
            let reports = try #require(json["updates"] as? [[String: Any]])
            #expect(api.status == .ok && reports.count == 1)
            #expect(reports.first?["status"] as? String == "on-course" && reports.first?["percent_done"] as? Int == 40)
            #expect(reports.first?["spent"] as? Double == 12500 && reports.first?["period"] as? String == "2026-Q3")
            #expect(!String(buffer: api.body).contains(Self.pomOwner))

            let audit = try await site.store.auditEntries(AuditFilter(object: "action:\(Self.action)"))
            #expect(audit.map(\.kind) == ["action.update"] && audit[0].actor == "user:\(Self.pomOwner)")
        }
    }

    @Test func offCourseWithoutANoteIsRefusedWithEveryProblemAndNothingStored() async throws {
        let site = try await Self.site()
        try await site.run { client in
            let owner = try await AccountPagesTests.signedIn(client, site, Self.pomOwner)
            let refused = try await Self.report(client, owner, ["status": "off-course", "percent": "140", "spent": "veel", "period": "Q3 2026", "note": " "])
            let html = String(buffer: refused.body)
            #expect(refused.status == .unprocessableContent && refused.headers[.cacheControl] == "no-store")
            for message in ["Het percentage moet tussen 0 en 100 liggen.", "Het bestede budget is geen bedrag",
                            "„Q3 2026” is geen periode", "Een toelichting is verplicht bij de status „uit koers”."] {
                #expect(html.contains(message), "\(message)")
            }
            // What was typed comes back, so that nothing has to be typed again.
            #expect(html.contains("value=\"140\"") && html.contains("value=\"Q3 2026\"") && html.contains("<option value=\"off-course\" selected>"))
            #expect(try await site.store.updates(action: Self.action).isEmpty)
            #expect(try await site.store.auditEntries(AuditFilter(object: "action:\(Self.action)")).isEmpty)
            // The longest note allowed, in accented letters (24 KB once percent-encoded), fits in the form.
            let long = String(repeating: "é", count: ActionUpdateRules.noteLimit)
            let kept = try await Self.report(client, owner, ["status": "at-risk", "period": "2026", "note": long])
            #expect(kept.status == .seeOther)
            #expect(try await site.store.updates(action: Self.action).first?.note == long)
        }
    }

    /// A link an action states to a target of another plan shows on both pages and in the API. (The bundled plans
    /// state none yet, so the test adds one to the catalogue it loads.)
    @Test func anActionThatServesATargetOfAnotherPlanShowsOnBothPages() async throws {
        let site = try await Site(roles: [])
        var catalogue = try BundledCatalogue.load()
        let streekvisie = try #require(catalogue.plans.first { $0.id == "streekvisie-zwv" })
        let target = try #require(streekvisie.allTargets.first).target
        let relance = try #require(catalogue.plans.firstIndex { $0.id == "relanceplan-wvl" })
        let index = try #require(catalogue.plans[relance].actions.firstIndex { $0.id == Self.action })
        catalogue.plans[relance].actions[index].serves = [ActionTargetLink(plan: "streekvisie-zwv", target: target.code, source: "test: § x")]
        try await site.store.replaceCatalogue(catalogue)
        #expect(try await site.store.plan(id: "relanceplan-wvl")?.actions[index].serves.first?.target == target.code)
        try await site.run { client in
            let targetPage = String(buffer: try await client.execute(uri: "/plannen/streekvisie-zwv/ambities/\(target.code)", method: .get).body)
            #expect(targetPage.contains("Acties die hieraan bijdragen") && targetPage.contains("href=\"/acties/\(Self.action)\""))
            #expect(targetPage.contains("test: § x") && targetPage.contains("Vermeld budget van deze acties samen: ca. €\u{00A0}500.000"))
            let actionPage = String(buffer: try await client.execute(uri: "/acties/\(Self.action)", method: .get).body)
            #expect(actionPage.contains("Draagt bij aan deze ambities")
                    && actionPage.contains("href=\"/plannen/streekvisie-zwv/ambities/\(Paths.escape(target.code))\""))
            let api = String(buffer: try await client.execute(uri: "/api/v1/actions?plan=relanceplan-wvl", method: .get).body)
            #expect(api.contains("\"target\":\"\(target.code)\"") || api.contains("\"target\" : \"\(target.code)\""), "\(api.prefix(300))")
            let detail = String(buffer: try await client.execute(uri: "/api/v1/plans/streekvisie-zwv/targets/\(Paths.escape(target.code))", method: .get).body)
            #expect(detail.contains("\"served_by\":[{\"id\":\"\(Self.action)\",\"plan\":\"relanceplan-wvl\",\"source\":\"test: § x\"}]")
                    || detail.contains("\"id\" : \"\(Self.action)\""), "\(detail.suffix(300))")
            // A target no action serves says nothing about actions.
            let other = try #require(streekvisie.allTargets.dropFirst().first).target
            let plain = String(buffer: try await client.execute(uri: "/plannen/streekvisie-zwv/ambities/\(other.code)", method: .get).body)
            #expect(!plain.contains("Acties die hieraan bijdragen"))
        }
    }

    /// A plan that asks approval: the owner's report waits, seen (marked) by the owner and those who see drafts,
    /// not by the public, the portfolio or the API, until a data steward approves it.
    @Test func aReportWaitsForAStewardWhereThePlanAsksApproval() async throws {
        let site = try await Self.site()
        var catalogue = try BundledCatalogue.load()
        let relance = try #require(catalogue.plans.firstIndex { $0.id == "relanceplan-wvl" })
        catalogue.plans[relance].reportsNeedApproval = true
        try await site.store.replaceCatalogue(catalogue)
        try await site.store.apply(.add(email: "steward@pomwvl.be", role: .steward, organisations: [],
                                        passwordHash: PasswordHash.make(SignInTests.password, cost: 4)),
                                   context: AuditContext(actor: .commandLine(osUser: "test")))
        try await site.run { client in
            let owner = try await AccountPagesTests.signedIn(client, site, Self.pomOwner)
            #expect(try await Self.report(client, owner, ["status": "on-course", "period": "2026", "note": "wacht op de steward"]).status == .seeOther)
            func page(_ browser: AccountPagesTests.Browser?) async throws -> String {
                String(buffer: try await client.execute(uri: "/acties/\(Self.action)", method: .get, headers: browser?.headers ?? [:]).body)
            }
            #expect(!(try await page(nil)).contains("wacht op de steward"))
            let portfolio = String(buffer: try await client.execute(uri: "/acties", method: .get).body)
            #expect(!portfolio.contains("laatste melding"))
            let api = String(buffer: try await client.execute(uri: "/api/v1/actions/\(Self.action)/updates", method: .get).body)
            #expect(!api.contains("wacht op de steward"))
            let ownersView = try await page(owner)
            #expect(ownersView.contains("wacht op de steward") && ownersView.contains("concept: wacht op goedkeuring") && !ownersView.contains("Goedkeuren"))
            let reader = try await AccountPagesTests.signedIn(client, site, "reader@pomwvl.be")
            let readersView = try await page(reader)
            #expect(readersView.contains("concept: wacht op goedkeuring") && !readersView.contains("Goedkeuren"))

            let steward = try await AccountPagesTests.signedIn(client, site, "steward@pomwvl.be")
            let stewardsView = try await page(steward)
            let id = try #require(stewardsView.firstMatch(of: /name="id" value="(\d+)"><button type="submit" aria-label="Goedkeuren/).map { String($0.1) })
            // An owner cannot approve their own report.
            #expect(try await AccountPagesTests.post(client, owner, "/acties/goedkeuren", ["id": id]).status == .forbidden)
            let approved = try await AccountPagesTests.post(client, steward, "/acties/goedkeuren", ["id": id])
            #expect(approved.status == .seeOther && approved.headers[.location] == "/acties/\(Self.action)#voortgang")
            #expect(try await page(nil).contains("wacht op de steward"))
            #expect(String(buffer: try await client.execute(uri: "/acties", method: .get).body).contains("laatste melding: op koers"))
            #expect(try await AccountPagesTests.post(client, steward, "/acties/goedkeuren", ["id": id]).status == .conflict)
            let kinds = try await site.store.auditEntries(AuditFilter(object: "action:\(Self.action)")).map(\.kind)
            #expect(kinds == ["action.update.approve", "action.update"])
        }
    }

    @Test func onlyTheLeadsOwnersAndAdminsReport() async throws {
        let site = try await Self.site()
        try await site.run { client in
            let fields = ["status": "done", "period": "2026"]
            // An action owner of another organisation (voka), and a reader: refused, nothing stored.
            for email in ["action-owner@pomwvl.be", "reader@pomwvl.be"] {
                let browser = try await AccountPagesTests.signedIn(client, site, email)
                #expect(try await Self.report(client, browser, fields).status == .forbidden, "\(email)")
                let page = String(buffer: try await client.execute(uri: "/acties/\(Self.action)", method: .get, headers: browser.headers).body)
                #expect(!page.contains("name=\"status\""), "\(email)")
            }
            #expect(try await site.store.updates(action: nil).isEmpty)
            // Without the session's token: refused.
            let owner = try await AccountPagesTests.signedIn(client, site, Self.pomOwner)
            let forged = try await client.execute(uri: "/acties/rapporteren", method: .post, headers: owner.headers,
                                                  body: SignInTests.form(["action": Self.action, "status": "done", "period": "2026", "csrf": "x"]))
            #expect(forged.status == .forbidden)
            // An action that does not exist: not found.
            #expect(try await AccountPagesTests.post(client, owner, "/acties/rapporteren", ["action": "bestaat-niet", "status": "done", "period": "2026"]).status == .notFound)
            // An admin may report on any action.
            let admin = try await AccountPagesTests.signedIn(client, site, "admin@pomwvl.be")
            #expect(try await Self.report(client, admin, fields).status == .seeOther)
            #expect(try await site.store.updates(action: Self.action).map(\.author) == ["admin@pomwvl.be"])
            #expect(try await client.execute(uri: "/acties/bestaat-niet", method: .get).status == .notFound)
        }
    }
}
