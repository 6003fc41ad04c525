import Foundation
import KoersMail
import KoersTestSupport
import Testing

/// The SMTP client against a real SMTP server (aiosmtpd): what arrives is what was sent, and nothing a person typed can
/// add a header or a recipient.
@Suite(.enabled(if: SMTPSink.shouldRun, "needs aiosmtpd (pip install aiosmtpd==1.4.6)"))
struct SMTPClientTests {
    @Test func aMessageArrivesWithItsRecipientSubjectAndBodyExactly() async throws {
        let sink = try SMTPSink()
        let body = "Goeiedag,\n\n. Een regel die met een punt begint\n..en twee\nÉén € en één ‘aanhalingsteken’.\n"
        let subject = "Koers: één concept wacht op goedkeuring — and an English tail that makes the subject long enough to fold"
        let results = try await SMTPClient(SMTPSettings(host: "127.0.0.1", port: sink.port)).send([
            MailMessage(from: "koers@pomwvl.be", to: ["an@pomwvl.be"], subject: subject, body: body),
        ])
        #expect(results.count == 1 && results[0] == nil, "\(results)")
        let received = try sink.messages().map(ReceivedMail.init)
        #expect(received.count == 1)
        #expect(received.first?.headers["to"] == "an@pomwvl.be" && received.first?.headers["from"] == "koers@pomwvl.be")
        #expect(received.first?.subject == subject)
        #expect(received.first?.body == body.replacingOccurrences(of: "\n", with: "\r\n"))
        #expect(received.first?.headers["content-type"] == "text/plain; charset=utf-8")
    }

    @Test func typedTextCannotAddHeadersOrRecipients() async throws {
        let sink = try SMTPSink()
        let results = try await SMTPClient(SMTPSettings(host: "127.0.0.1", port: sink.port)).send([
            MailMessage(from: "koers@pomwvl.be", to: ["an@pomwvl.be\r\nRCPT TO:<x@evil.example>"], subject: "a", body: "b"),
            MailMessage(from: "koers@pomwvl.be", to: ["bart@voka.be"], subject: "Onderwerp\r\nBcc: x@evil.example", body: "c"),
        ])
        #expect(results[0]?.step == "address", "an address with a line break is refused")
        #expect(results[1] == nil, "the next message still goes")
        let received = try sink.messages()
        #expect(received.count == 1)
        let mail = try #require(received.first.map(ReceivedMail.init))
        #expect(mail.headers["bcc"] == nil && mail.subject == "Onderwerp Bcc: x@evil.example")
        #expect(mail.headers["to"] == "bart@voka.be")
    }

    @Test func aRelayThatIsNotThereIsAnErrorNotAHang() async throws {
        await #expect(throws: SMTPError.self) {
            _ = try await SMTPClient(SMTPSettings(host: "127.0.0.1", port: 1, timeout: 5)).send([
                MailMessage(from: "koers@pomwvl.be", to: ["an@pomwvl.be"], subject: "a", body: "b"),
            ])
        }
    }
}
