import Foundation
import Hummingbird
import HummingbirdTesting
import KoersAccounts
import KoersBundledCatalogue
import KoersCore
import KoersFollowUp
import KoersMail
import KoersStore
import KoersTestSupport
import Testing

@testable import KoersWeb

/// The follow-up page, the overdue marks on public pages and the message to stewards when a draft waits, on the
/// bundled plans and a real SQLite file, on a fixed day.
@Suite struct FollowUpPagesTests {
    typealias Site = SignInTests.Site
    static let today = Day(year: 2026, month: 12, day: 7)

    static func site() async throws -> Site {
        let site = try await Site(roles: [.steward, .admin, .reader, .actionOwner])
        try await BundledCatalogue.loadIfEmpty(site.store)
        try await site.store.apply(.add(email: "trekker@pomwvl.be", role: .actionOwner, organisations: ["pom-wvl"],
                                        passwordHash: PasswordHash.make(SignInTests.password, cost: 4)),
                                   context: AuditContext(actor: .commandLine(osUser: "test")))
        return site
    }

    @Test func stewardsSeeWhatWaitsOldestFirstAndWhetherMailGoesOut() async throws {
        let site = try await Self.site()
        try await site.run(followUp: FollowUpSettings(today: { Self.today })) { client in
            let steward = try await AccountPagesTests.signedIn(client, site, "data-steward@pomwvl.be")
            let page = try await client.execute(uri: "/beheer/opvolging", method: .get, headers: steward.headers)
            let html = String(buffer: page.body)
            #expect(page.status == .ok && page.headers[.cacheControl] == "no-store")
            #expect(html.contains("er is geen SMTP-relay ingesteld (mail.smtp_host), dus Koers verstuurt niets"))
            // What the follow-up says, computed from the same store: every overdue indicator and silent action listed.
            let f = try await FollowUp.build(from: site.store, today: Self.today, rules: StalenessRules())
            #expect(!f.overdue.isEmpty && !f.silent.isEmpty)
            #expect(html.contains("<h2 id=\"overdue\">Achterstallige indicatoren (\(f.overdue.count))</h2>"))
            #expect(html.contains("(\(f.silent.count))</h2>"))
            // Oldest due first: the first overdue row is the one due earliest.
            let first = try #require(f.overdue.first)
            let rows = html.components(separatedBy: "<h2 id=\"overdue\">")[1]
            #expect(rows.range(of: first.indicator.name.text(in: .nl))!.lowerBound < rows.range(of: f.overdue.last!.indicator.name.text(in: .nl))!.lowerBound)
            // The lead's action owner is named beside a POM action that was never reported.
            #expect(html.contains("trekker@pomwvl.be"))
            let english = String(buffer: try await client.execute(uri: "/en/admin/follow-up", method: .get, headers: steward.headers).body)
            #expect(english.contains("no SMTP relay is configured"))
            // A reader and an action owner have no follow-up page.
            let reader = try await AccountPagesTests.signedIn(client, site, "reader@pomwvl.be")
            #expect(try await client.execute(uri: "/beheer/opvolging", method: .get, headers: reader.headers).status == .forbidden)
        }
    }

    @Test func publicPagesMarkADueValueAsOverdueOnceItsDayHasPassed() async throws {
        let site = try await Self.site()
        // actieve-ondernemingen: its newest figure in the seed documents is for 2016, due by 30 June 2018.
        let target = try #require(try await site.store.plans().flatMap { plan in plan.allTargets.map { (plan.id, $0.target) } }
            .first { $0.1.indicator == "actieve-ondernemingen" })
        for (day, overdue) in [(Day(year: 2018, month: 6, day: 30), false), (Day(year: 2018, month: 7, day: 1), true)] {
            try await site.run(followUp: FollowUpSettings(today: { day })) { client in
                let html = String(buffer: try await client.execute(uri: "/plannen/\(target.0)/ambities/\(target.1.code)", method: .get).body)
                #expect(html.contains("<dt>Volgende waarde verwacht tegen</dt><dd class=\"due\">"), "\(day)")
                #expect(html.contains("<span class=\"badge off\">achterstallig</span>") == overdue, "\(day)")
            }
        }
    }

    @Test(.enabled(if: SMTPSink.shouldRun, "needs aiosmtpd")) func theOtherStewardsAreToldWhenADraftWaits() async throws {
        let site = try await Self.site()
        try await site.store.saveIndicators([Indicator(code: "proef", name: LocalizedText(nl: "Proef"), unit: .count)])
        let sink = try SMTPSink()
        let mail = MailSettings(smtp: SMTPSettings(host: "127.0.0.1", port: sink.port), from: "koers@pomwvl.be", site: "https://koers.pomwvl.be")
        try await site.run(followUp: FollowUpSettings(mail: mail, today: { Self.today })) { client in
            let steward = try await AccountPagesTests.signedIn(client, site, "data-steward@pomwvl.be")
            let preview = try await DataPagesTests.upload(client, steward, files: [("proef.csv", Data("indicator,region,period,value\nproef,37022,2024,3\n".utf8))])
            let html = String(buffer: preview.body)
            #expect(preview.status == .ok, "\(html.prefix(500))")
            let confirmed = try await AccountPagesTests.post(client, steward, "/beheer/gegevens/bevestigen", ["upload": try DataPagesTests.token(html)])
            #expect(confirmed.status == .seeOther)
            let page = String(buffer: try await client.execute(uri: "/beheer/opvolging", method: .get, headers: steward.headers).body)
            #expect(page.contains("via 127.0.0.1:\(sink.port) (afzender koers@pomwvl.be)"))
            #expect(page.contains("<h2 id=\"drafts-waiting\">Concepten die op goedkeuring wachten (1)</h2>"))
        }
        let received = try sink.messages().map(ReceivedMail.init)
        // The admin is told; the steward who loaded it is not.
        #expect(received.map { $0.headers["to"] ?? "" } == ["admin@pomwvl.be"])
        #expect(received.first?.subject == "Koers: concept 1 wacht op goedkeuring / draft 1 waits for approval")
        #expect(received.first?.body.contains("https://koers.pomwvl.be/beheer/concepten/1") == true)
    }

    @Test func theDigestScheduleIsTheNextWeekdayAndTimeInUTC() throws {
        let monday = try #require(DigestSchedule("monday 08:00"))
        #expect(DigestSchedule("maandag 8:00") == monday && DigestSchedule("monday 8") == nil && DigestSchedule("someday 08:00") == nil)
        // Monday 7 December 2026, 07:59 UTC → the same day at 08:00; at 08:00 exactly → a week later.
        let base = Double(Day(year: 2026, month: 12, day: 7).ordinal) * 86_400
        #expect(monday.next(after: Date(timeIntervalSince1970: base + 7 * 3600 + 59 * 60)).timeIntervalSince1970 == base + 8 * 3600)
        #expect(monday.next(after: Date(timeIntervalSince1970: base + 8 * 3600)).timeIntervalSince1970 == base + 7 * 86_400 + 8 * 3600)
        #expect(try #require(DigestSchedule("sunday 23:30")).next(after: Date(timeIntervalSince1970: base)).timeIntervalSince1970
                == base + 6 * 86_400 + 23.5 * 3600)
    }
}
