import Foundation
import Hummingbird
import HummingbirdTesting
import KoersAccounts
import KoersBundledCatalogue
import KoersCore
import KoersPlanFiles
import KoersStore
import KoersTestSupport
import Testing

@testable import KoersWeb

/// Plans edited in the browser by an admin, on a real SQLite file with the bundled plans: what is saved is what the
/// public then sees, in the audit trail field by field, and nothing is saved that `koers check` would refuse.
struct PlanEditPagesTests {
    typealias Site = SignInTests.Site
    typealias Browser = AccountPagesTests.Browser

    static let admin = "admin@pomwvl.be"
    static let targetForm = "/beheer/plannen/streekvisie-zwv/ambities/1.3.1"

    static func site() async throws -> Site {
        let site = try await Site(roles: [.admin, .steward])
        try await BundledCatalogue.loadIfEmpty(site.store)
        return site
    }

    /// The form's fields as the page shows them (inputs, text areas, chosen options, ticked boxes): what a browser
    /// would post back unchanged.
    static func fields(_ html: String) throws -> [String: String] {
        var fields: [String: String] = [:]
        func decode(_ s: String) -> String {
            s.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&lt;", with: "<")
                .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
        }
        for m in html.matches(of: try Regex(#"<input type="(?:text|hidden)"[^>]*? name="([^"]+)" value="([^"]*)""#)) {
            fields[String(m.output[1].substring!)] = decode(String(m.output[2].substring!))
        }
        for m in html.matches(of: try Regex(#"<input type="checkbox" id="[^"]*" name="([^"]+)" value="on" checked"#)) {
            fields[String(m.output[1].substring!)] = "on"
        }
        for m in html.matches(of: try Regex(#"<textarea id="[^"]*" name="([^"]+)"[^>]*>([^<]*)</textarea>"#)) {
            fields[String(m.output[1].substring!)] = decode(String(m.output[2].substring!))
        }
        for m in html.matches(of: try Regex(#"<select id="[^"]*" name="([^"]+)"[^>]*>(.*?)</select>"#)) {
            let options = String(m.output[2].substring!)
            let chosen = options.firstMatch(of: try Regex(#"<option value="([^"]*)" selected>"#))?.output[1].substring
            fields[String(m.output[1].substring!)] = decode(String(chosen ?? ""))
        }
        return fields
    }

    static func page(_ client: any TestClientProtocol, _ browser: Browser, _ path: String) async throws -> (TestResponse, String) {
        let response = try await client.execute(uri: path, method: .get, headers: browser.headers)
        return (response, String(buffer: response.body))
    }

    @Test func anAdminChangesATargetAndThePublicSeesItWithEveryChangedFieldInTheAuditTrail() async throws {
        let site = try await Self.site()
        try await site.run { client in
            let browser = try await AccountPagesTests.signedIn(client, site, Self.admin)
            let (list, listHTML) = try await Self.page(client, browser, "/beheer/plannen")
            #expect(list.status == .ok)
            #expect(listHTML.components(separatedBy: "href=\"/beheer/plannen/").count - 1 == 5, "a link per plan")

            let (form, html) = try await Self.page(client, browser, Self.targetForm)
            #expect(form.status == .ok && form.headers[.cacheControl] == "no-store")
            var fields = try Self.fields(html)
            #expect(fields["baseline.value"] == "2391" && fields["target.value"] == "2750" && fields["target.period"] == "2030")
            #expect(fields["indicator"] == "opgerichte-ondernemingen" && fields["region"] == "ZWV" && fields["target.kind"] == "absolute")
            #expect(html.contains("<datalist id=\"regions\">") && html.contains("<option value=\"34022\">Kortrijk</option>"))

            let before = try #require(try await site.store.plan(id: "streekvisie-zwv"))
            fields["target.value"] = "2.800"     // Dutch thousands
            fields["target.period"] = "2029"
            fields["note.nl"] = "Bijgesteld door de stuurgroep: \"2.800\" <b>niet</b> vet."
            let saved = try await AccountPagesTests.post(client, browser, Self.targetForm, fields)
            #expect(saved.status == .seeOther)
            #expect(saved.headers[.location] == Self.targetForm + "?opgeslagen=1")

            let after = try #require(try await site.store.plan(id: "streekvisie-zwv"))
            let target = try #require(after.target("1.3.1"))
            #expect(target.goal == Goal(kind: .absolute, value: 2800, direction: nil, period: try #require(Period("2029"))))
            #expect(target.note?.nl == "Bijgesteld door de stuurgroep: \"2.800\" <b>niet</b> vet.")
            #expect(target.note?.en == "Document: +15%.", "the English note is kept as it was")
            var expected = before
            expected.updateTarget("1.3.1") { $0 = target }
            #expect(after == expected, "nothing else of the plan changed")

            // The public page, without a session, shows the new goal and escapes the typed markup.
            let publicPage = String(buffer: try await client.execute(uri: "/plannen/streekvisie-zwv/ambities/1.3.1", method: .get).body)
            #expect(publicPage.contains("2029"))
            #expect(publicPage.contains("2.800"))
            #expect(!publicPage.contains("<b>niet</b>") && publicPage.contains("&lt;b&gt;niet&lt;/b&gt;"))

            let audit = try #require(try await site.store.auditEntries(AuditFilter(object: "target:streekvisie-zwv/1.3.1")).first)
            #expect(audit.kind == "plan.edit" && audit.actor == "user:\(Self.admin)")
            let old = try JSONSerialization.jsonObject(with: Data(try #require(audit.before).utf8)) as? [String: String]
            let new = try JSONSerialization.jsonObject(with: Data(try #require(audit.after).utf8)) as? [String: String]
            #expect(old == ["target.value": "2750", "target.period": "2030", "note.nl": "Document: +15%."])
            #expect(new == ["target.value": "2800", "target.period": "2029", "note.nl": "Bijgesteld door de stuurgroep: \"2.800\" <b>niet</b> vet."])

            // The export differs from the bundled file in the target's lines only.
            let catalogue = try await site.store.catalogue()
            let exported = PlanFileWriter.text(of: after, organisations: catalogue.organisations, funding: catalogue.fundingProgrammes)
            let bundled = PlanFileWriter.text(of: before, organisations: catalogue.organisations, funding: catalogue.fundingProgrammes)
            let changed = zip(exported.split(separator: "\n"), bundled.split(separator: "\n")).filter { $0 != $1 }
            #expect(changed.count == 2, "\(changed)")

            // The form again, saved unchanged: nothing written.
            let (_, again) = try await Self.page(client, browser, Self.targetForm + "?opgeslagen=1")
            #expect(again.contains("id=\"edit-saved\""))
            let entries = try await site.store.auditEntries(AuditFilter()).count
            let unchanged = try await AccountPagesTests.post(client, browser, Self.targetForm, try Self.fields(again))
            #expect(unchanged.headers[.location] == Self.targetForm + "?opgeslagen=0")
            #expect(try await site.store.auditEntries(AuditFilter()).count == entries)
        }
    }

    @Test func aFormWithProblemsSavesNothingAndSaysWhatIsWrongFieldByFieldOrAsKoersCheckDoes() async throws {
        let site = try await Self.site()
        try await site.run { client in
            let browser = try await AccountPagesTests.signedIn(client, site, Self.admin)
            let stored = try #require(try await site.store.plan(id: "streekvisie-zwv"))
            let entries = try await site.store.auditEntries(AuditFilter()).count
            let (_, html) = try await Self.page(client, browser, Self.targetForm)
            let fields = try Self.fields(html)

            // Field by field: a number that is none, a period that is none, a required text left empty.
            var typo = fields
            typo["target.value"] = "2750 ondernemingen"
            typo["baseline.period"] = "2016-2017"
            typo["text"] = "  "
            let refused = try await AccountPagesTests.post(client, browser, Self.targetForm, typo)
            #expect(refused.status == .unprocessableContent)
            let page = String(buffer: refused.body)
            #expect(page.contains("Niets opgeslagen: 3 veld(en) kloppen niet"))
            #expect(page.contains("&#39;2750 ondernemingen&#39; is geen getal (bv. 7,5 of 2391)."))
            #expect(page.contains("&#39;2016-2017&#39; is geen periode"))
            #expect(page.contains("id=\"f-text-error\">Vul dit in."))
            #expect(page.contains("aria-invalid=\"true\" aria-describedby=\"f-target-value-hint f-target-value-error\""))
            #expect(page.contains("value=\"2750 ondernemingen\""), "what was typed comes back")

            // What koers check refuses: a target period before the baseline, a region no one knows.
            var late = fields
            late["target.period"] = "2015"
            late["region"] = "ZWW"
            let checked = String(buffer: try await AccountPagesTests.post(client, browser, Self.targetForm, late).body)
            #expect(checked.contains("De controle van de planbestanden (koers check) meldt:"))
            #expect(checked.contains("target 1.3.1: the target period 2015 is not after the baseline 2016"))
            #expect(checked.contains("unknown region &#39;ZWW&#39; (did you mean &#39;ZWV&#39;?)"))

            // Someone saved in between: the form's version is refused, whatever it holds.
            var stale = fields
            stale["version"] = String(repeating: "0", count: 64)
            stale["target.period"] = "2031"
            let conflict = try await AccountPagesTests.post(client, browser, Self.targetForm, stale)
            #expect(conflict.status == .conflict)
            #expect(String(buffer: conflict.body).contains("iemand anders heeft dit plan intussen gewijzigd"))

            #expect(try await site.store.plan(id: "streekvisie-zwv") == stored)
            #expect(try await site.store.auditEntries(AuditFilter()).count == entries)
        }
    }

    @Test func anActionGetsAPartnerABudgetLineAndATargetOfAnotherPlanInEnglish() async throws {
        let site = try await Self.site()
        try await site.run { client in
            let browser = try await AccountPagesTests.signedIn(client, site, Self.admin)
            let relance = try #require(try await site.store.plan(id: "relanceplan-wvl"))
            let action = relance.actions[0]
            let path = "/en/admin/plans/relanceplan-wvl/actions/\(action.id)"
            let (form, html) = try await Self.page(client, browser, path)
            #expect(form.status == .ok)
            #expect(html.contains("<h1>\(action.title.en ?? "")</h1>"))
            var fields = try Self.fields(html)
            #expect(fields["budget.\(action.budget.count).amount"] == "", "an empty line to add one")
            fields["partners.kulak"] = "on"
            fields["budget.\(action.budget.count).amount"] = "12,500.50"
            fields["budget.\(action.budget.count).note"] = "Hypothetical line of a test"
            fields["serves.0.target"] = "streekvisie-zwv/1.3.1"
            fields["serves.0.source"] = "Test: a link typed in a test, not in any document"
            fields["title.en"] = "<script>alert(1)</script>"
            let saved = try await AccountPagesTests.post(client, browser, path, fields)
            #expect(saved.status == .seeOther, "\(String(buffer: saved.body))")

            let after = try #require(try await site.store.plan(id: "relanceplan-wvl")?.actions.first { $0.id == action.id })
            #expect(after.partners == action.partners + ["kulak"])
            #expect(after.budget == action.budget + [BudgetLine(amount: 12500.5, note: "Hypothetical line of a test")])
            #expect(after.serves == [ActionTargetLink(plan: "streekvisie-zwv", target: "1.3.1", source: "Test: a link typed in a test, not in any document")])
            #expect(try await site.store.plan(id: "relanceplan-wvl")?.organisations.contains("kulak") == true, "the plan's file now lists it")

            let targetPage = String(buffer: try await client.execute(uri: "/en/plannen/streekvisie-zwv/ambities/1.3.1", method: .get).body)
            #expect(targetPage.contains("/en/acties/\(action.id)"), "the target lists the action that now serves it")
            let actionPage = String(buffer: try await client.execute(uri: "/en/acties/\(action.id)", method: .get).body)
            #expect(!actionPage.contains("<script>alert(1)</script>") && actionPage.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        }
    }

    @Test func theOutlineLinksEveryNodeTargetAndActionAndAStewardMayNotEdit() async throws {
        let site = try await Self.site()
        try await site.run { client in
            let admin = try await AccountPagesTests.signedIn(client, site, Self.admin)
            let (_, html) = try await Self.page(client, admin, "/beheer/plannen/streekvisie-zwv")
            let plan = try #require(try await site.store.plan(id: "streekvisie-zwv"))
            for node in plan.allNodes { #expect(html.contains("href=\"/beheer/plannen/streekvisie-zwv/onderdelen/\(node.code)\"")) }
            for (_, target) in plan.allTargets { #expect(html.contains("href=\"/beheer/plannen/streekvisie-zwv/ambities/\(target.code)\"")) }

            let order = try await site.store.plans().map(\.id)
            var fields = try Self.fields(html)
            fields["title.nl"] = "Just Make It! (bijgewerkt)"
            fields["report_approval"] = "on"
            #expect(try await AccountPagesTests.post(client, admin, "/beheer/plannen/streekvisie-zwv", fields).status == .seeOther)
            let saved = try #require(try await site.store.plan(id: "streekvisie-zwv"))
            #expect(saved.title.nl == "Just Make It! (bijgewerkt)" && saved.reportsNeedApproval)
            #expect(try await site.store.plans().map(\.id) == order, "the plan keeps its place among the plans")
            let publicPlan = String(buffer: try await client.execute(uri: "/plannen/streekvisie-zwv", method: .get).body)
            #expect(publicPlan.contains("Just Make It! (bijgewerkt)"))

            let steward = try await AccountPagesTests.signedIn(client, site, "data-steward@pomwvl.be")
            #expect(try await client.execute(uri: "/beheer/plannen/streekvisie-zwv", method: .get, headers: steward.headers).status == .forbidden)
            #expect(try await AccountPagesTests.post(client, steward, "/beheer/plannen/streekvisie-zwv", fields).status == .forbidden)
        }
    }
}
