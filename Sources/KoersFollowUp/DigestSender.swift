import Foundation
import KoersMail

/// Digests turned into mail and handed to the relay: one message per person.
public enum DigestSender {
    public struct Report: Sendable {
        public var sent: [Digest]
        public var failed: [(Digest, String)]
    }

    public static func send(_ digests: [Digest], with mail: MailSettings) async throws -> Report {
        guard !digests.isEmpty else { return Report(sent: [], failed: []) }
        let messages = digests.map { MailMessage(from: mail.from, to: [$0.to], subject: $0.subject, body: $0.body) }
        let results = try await SMTPClient(mail.smtp).send(messages)
        var report = Report(sent: [], failed: [])
        for (digest, error) in zip(digests, results) {
            if let error { report.failed.append((digest, error.description)) } else { report.sent.append(digest) }
        }
        return report
    }
}
