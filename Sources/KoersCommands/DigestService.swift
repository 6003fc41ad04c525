import Foundation
import KoersCore
import KoersFollowUp
import KoersMail
import Logging
import ServiceLifecycle

/// The weekly digests, sent by `koers serve` at `mail.digest` (a weekday and a UTC time): a service of the server's
/// group, so it stops with it. With several instances on one database, give `mail.digest` to one of them only.
struct DigestService: Service {
    let store: any FollowUpSources
    let schedule: DigestSchedule
    let mail: MailSettings
    let rules: StalenessRules
    let logger: Logger

    func run() async throws {
        try await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                let next = schedule.next(after: Date())
                logger.info("next digest", metadata: ["at": .string(ISO8601DateFormatter().string(from: next))])
                try await Task.sleep(for: .seconds(max(1, next.timeIntervalSinceNow)))
                await send()
            }
        }
    }

    /// One round; a relay that fails is logged and tried again next week (the follow-up page shows it all anyway).
    func send() async {
        do {
            let followUp = try await FollowUp.build(from: store, today: Day.today(Date().timeIntervalSince1970), rules: rules)
            let report = try await DigestSender.send(Digests.weekly(followUp, site: mail.site), with: mail)
            logger.info("digests sent", metadata: ["sent": .stringConvertible(report.sent.count), "failed": .stringConvertible(report.failed.count)])
            for (digest, why) in report.failed { logger.warning("digest not sent", metadata: ["to": .string(digest.to), "why": .string(why)]) }
        } catch {
            logger.error("digests not sent", metadata: ["why": .string("\(error)")])
        }
    }
}
