import Foundation
import Hummingbird
import KoersCore
import KoersFollowUp
import KoersMail
import KoersViews

/// How Koers follows up: the staleness rules, the relay (nil: no mail is sent) and the clock. Settings of `koers serve`.
public struct FollowUpSettings: Sendable {
    public var rules: StalenessRules
    public var mail: MailSettings?
    public var today: @Sendable () -> Day

    public init(rules: StalenessRules = StalenessRules(), mail: MailSettings? = nil,
                today: @escaping @Sendable () -> Day = { Day.today(Date().timeIntervalSince1970) }) {
        self.rules = rules
        self.mail = mail
        self.today = today
    }
}

/// The follow-up page for stewards and admins (`/beheer/opvolging`): overdue indicators with their source, silent
/// actions with their owners, drafts and reports waiting for approval, oldest first; and whether mail goes out.
struct FollowUpController: Sendable {
    let store: any FollowUpSources
    let renderer: PageRenderer
    let settings: FollowUpSettings

    var endpoints: RouteCollection<KoersRequestContext> {
        let router = RouteCollection(context: KoersRequestContext.self)
        GuardedRoute.followUp.add(to: router) { _, _, _, language in try await self.page(language) }
        return router
    }

    func page(_ language: Language) async throws -> Response {
        let f = try await FollowUp.build(from: store, today: settings.today(), rules: settings.rules)
        let paths = Paths(language)
        let format = NumberFormat(language)
        let lookup = try await store.lookup()
        let t = UIText.table(language)
        let overdue = f.overdue.map { o -> [String: Any] in
            ["name": o.indicator.name.text(in: language), "link": paths.indicator(o.indicator.code), "latest": format.period(o.latest),
             "due": o.due.description, "late": String(o.daysLate), "source": o.indicator.source ?? "–"]
        }
        let silent = f.silent.map { s -> [String: Any] in
            ["title": s.action.title.text(in: language), "link": paths.action(s.action.id), "plan": s.plan.title.text(in: language),
             "lead": s.action.lead.flatMap { lookup.organisations[$0]?.name.text(in: language) } ?? "–",
             "owners": s.owners.isEmpty ? t["follow_up_no_owner", default: ""] : s.owners.joined(separator: ", "),
             "last": s.silence.lastReport?.description ?? t["follow_up_never", default: ""], "days": s.silence.days.map(String.init) ?? "–"]
        }
        let drafts = f.drafts.map { d -> [String: Any] in
            ["id": String(d.id), "link": paths.draft(d.id), "files": d.files.map(\.name).joined(separator: ", "), "by": AuditActor.person(of: d.createdBy),
             "at": String(d.createdAt.prefix(10)), "values": String(d.values)]
        }
        let reports = f.reports.map { r -> [String: Any] in
            ["action": r.action, "link": paths.action(r.action) + "#voortgang", "by": r.author, "at": String(r.at.prefix(10)),
             "status": r.progress.label.text(in: language)]
        }
        let mail = settings.mail.map {
            t["follow_up_mail_on", default: ""].replacingOccurrences(of: "{relay}", with: "\($0.smtp.host):\($0.smtp.port)")
                .replacingOccurrences(of: "{from}", with: $0.from)
        } ?? t["follow_up_mail_off", default: ""]
        let model: [String: Any] = [
            "intro": t["follow_up_intro", default: ""].replacingOccurrences(of: "{today}", with: f.today.description), "mail": mail,
            "silentTitle": t["silent_actions", default: ""].replacingOccurrences(of: "{days}", with: String(f.rules.silentDays)), "mailOn": settings.mail != nil,
            "overdue": overdue, "hasOverdue": !overdue.isEmpty, "overdueCount": String(overdue.count),
            "withoutValues": f.withoutValues.map { ["name": $0.name.text(in: language), "link": paths.indicator($0.code)] },
            "hasWithoutValues": !f.withoutValues.isEmpty,
            "silent": silent, "hasSilent": !silent.isEmpty, "silentCount": String(silent.count),
            "drafts": drafts, "hasDrafts": !drafts.isEmpty, "draftCount": String(drafts.count),
            "reports": reports, "hasReports": !reports.isEmpty, "reportCount": String(reports.count),
        ]
        return AccountController.private(renderer.render(model, template: "follow-up", language: language, path: "/beheer/opvolging"), status: .ok)
    }
}
