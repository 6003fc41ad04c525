import Foundation
import KoersSQLite
import KoersTestSupport
import Testing

/// `koers remind`: the weekly digests, sent through a real SMTP server (aiosmtpd) to the people they are for, on the
/// bundled plans.
@Suite(.enabled(if: SMTPSink.shouldRun, "needs aiosmtpd (pip install aiosmtpd==1.4.6)"))
struct RemindCommandTests {
    let cli = CommandLineTests()

    func people(_ folder: TemporaryFolder) throws {
        for (email, role, organisation) in [("trekker@pomwvl.be", "action-owner", ["--organisation", "pom-wvl"]),
                                            ("steward@pomwvl.be", "data-steward", []), ("lezer@pomwvl.be", "reader", [])] {
            let add = try cli.koers(["user", "add", email, "--role", role] + organisation, in: folder)
            #expect(add.status == 0, "\(add.errors)")
        }
    }

    @Test func ownersGetTheirSilentActionsAndStewardsTheOverdueIndicators() async throws {
        let folder = try TemporaryFolder()
        try people(folder)
        let sink = try SMTPSink()
        let mail = ["KOERS_SMTP_HOST": "127.0.0.1", "KOERS_SMTP_PORT": String(sink.port), "KOERS_MAIL_FROM": "koers@pomwvl.be",
                    "KOERS_SITE_URL": "https://koers.pomwvl.be"]
        let run = try cli.koers(["remind", "--today", "2026-12-07"], in: folder, environment: mail)
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.contains("2 messages sent through 127.0.0.1:\(sink.port)"), "\(run.output)")

        let received = try sink.messages().map(ReceivedMail.init)
        #expect(received.map { $0.headers["to"] ?? "" }.sorted() == ["steward@pomwvl.be", "trekker@pomwvl.be"], "the reader gets nothing")
        // The owner: every action POM West-Vlaanderen leads, none reported yet, each with its link.
        let store = try SQLiteStore(path: folder.path("koers.sqlite"))
        let led = try await store.plans().flatMap(\.actions).filter { $0.lead == "pom-wvl" }
        let owner = try #require(received.first { $0.headers["to"] == "trekker@pomwvl.be" })
        #expect(owner.subject.hasPrefix("Koers: \(led.count) acties wachten op uw melding"), "\(owner.subject)")
        for action in led { #expect(owner.body.contains("https://koers.pomwvl.be/acties/\(action.id)"), "\(action.id)") }
        #expect(owner.body.contains("nog nooit gemeld") && owner.body.contains("never reported"))
        // The steward: the seed documents' figures are years old, so their indicators are overdue, oldest first.
        let steward = try #require(received.first { $0.headers["to"] == "steward@pomwvl.be" })
        #expect(steward.subject.contains("achterstallige indicator"))
        #expect(steward.body.contains("Aantal actieve ondernemingen: laatste periode 2016, verwacht tegen 2018-06-30"))
        #expect(steward.body.contains("https://koers.pomwvl.be/indicatoren/actieve-ondernemingen"))
    }

    @Test func aDryRunShowsTheMessagesAndSendsNothingAndWithoutARelayNothingIsSent() async throws {
        let folder = try TemporaryFolder()
        try people(folder)
        let sink = try SMTPSink()
        let dry = try cli.koers(["remind", "--dry-run", "--today", "2026-12-07"], in: folder,
                                environment: ["KOERS_SMTP_HOST": "127.0.0.1", "KOERS_SMTP_PORT": String(sink.port), "KOERS_MAIL_FROM": "koers@pomwvl.be"])
        #expect(dry.status == 0, "\(dry.errors)")
        #expect(dry.output.contains("To: trekker@pomwvl.be") && dry.output.contains("2 messages would be sent (dry run: nothing sent)"))
        #expect(try sink.messages().isEmpty)

        let none = try cli.koers(["remind"], in: folder)
        #expect(none.status != 0)
        #expect(none.errors.contains("no mail relay is configured (mail.smtp_host, mail.from): nothing sent"), "\(none.errors)")
        let noSender = try cli.koers(["remind"], in: folder, environment: ["KOERS_SMTP_HOST": "127.0.0.1"])
        #expect(noSender.errors.contains("mail.smtp_host is set, so mail.from must name the sender"), "\(noSender.errors)")
    }
}
