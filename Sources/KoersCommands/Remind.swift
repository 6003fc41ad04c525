import ArgumentParser
import Foundation
import KoersCore
import KoersFollowUp
import KoersMail
import KoersStore

/// `koers remind [--dry-run]`: the weekly digests (silent actions to their owners; overdue indicators, drafts and
/// reports to the stewards), sent through the configured relay or shown.
struct Remind: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Send the weekly digests of what waits for whom (or show them with --dry-run).",
        discussion: """
            Action owners get the actions of their organisations that had no report for follow_up.silent_days (90); \
            data stewards and admins the overdue indicators and the drafts and reports waiting for approval. Someone \
            with nothing waiting gets nothing. Needs mail.smtp_host and mail.from (KOERS_SMTP_HOST, KOERS_MAIL_FROM) \
            unless --dry-run. `koers serve` sends them itself when mail.digest names a weekday and time.
            """)

    @OptionGroup var store: StoreOptions
    @Flag(help: "Show the messages instead of sending them.") var dryRun = false
    @Option(help: "The day to compute for (YYYY-MM-DD, default today in UTC).") var today: String?

    func run() async throws {
        let settings = try store.configuration()
        let mail = try settings.mail()
        if mail == nil && !dryRun {
            throw ValidationError("no mail relay is configured (mail.smtp_host, mail.from): nothing sent; --dry-run shows what would be sent")
        }
        let day: Day
        if let today {
            guard let parsed = Day(today) else { throw ValidationError("--today is a day, YYYY-MM-DD, not '\(today)'") }
            day = parsed
        } else {
            day = Day.today(Date().timeIntervalSince1970)
        }
        let digests = try await store.withStore { opened in
            guard let sources = opened as? any Store & FollowUpSources else { throw ValidationError("this store keeps no accounts") }
            let followUp = try await FollowUp.build(from: sources, today: day, rules: settings.staleness)
            return Digests.weekly(followUp, site: settings.siteURL)
        }
        if dryRun || mail == nil {
            for d in digests { print("To: \(d.to)\nSubject: \(d.subject)\n\n\(d.body)\n") }
            print("\(digests.count) message\(digests.count == 1 ? "" : "s") would be sent (dry run: nothing sent)")
            return
        }
        let report = try await DigestSender.send(digests, with: mail!)
        print("\(report.sent.count) message\(report.sent.count == 1 ? "" : "s") sent through \(mail!.smtp.host):\(mail!.smtp.port)")
        guard !report.failed.isEmpty else { return }
        var errors = FileHandle.standardError
        for (digest, why) in report.failed { print("not sent to \(digest.to): \(why)", to: &errors) }
        throw ExitCode(1)
    }
}
