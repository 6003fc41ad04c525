import KoersCore
import KoersViews

/// A message for one person, before it is mail: who, what about, and the text (Dutch first, then English).
public struct Digest: Sendable, Hashable {
    public var to: String
    public var subject: String
    public var body: String
}

/// The weekly digests: to each action owner the silent actions of their organisations, to each data steward and
/// admin the overdue indicators and what waits for approval. Someone with nothing waiting gets nothing. `site` is
/// the address the links start with (`mail.site_url`).
public enum Digests {
    public static func weekly(_ f: FollowUp, site: String) -> [Digest] {
        let base = site.hasSuffix("/") ? String(site.dropLast()) : site
        var digests: [Digest] = []
        for owner in f.owners.sorted(by: { $0.email < $1.email }) {
            let theirs = f.silent.filter { $0.owners.contains(owner.email) }
            guard !theirs.isEmpty else { continue }
            let lines = theirs.map { s -> (String, String) in
                let since = s.silence.lastReport.map { "laatste melding \($0)" } ?? "nog nooit gemeld"
                let sinceEN = s.silence.lastReport.map { "last report \($0)" } ?? "never reported"
                let (nl, en) = (Paths(.nl), Paths(.en))
                return ("- \(s.action.title.text(in: .nl)) (\(s.plan.title.text(in: .nl))): \(since)\n  \(base)\(nl.action(s.action.id))",
                        "- \(s.action.title.text(in: .en)) (\(s.plan.title.text(in: .en))): \(sinceEN)\n  \(base)\(en.action(s.action.id))")
            }
            let n = theirs.count
            let subject = "Koers: \(n) \(n == 1 ? "actie wacht" : "acties wachten") op uw melding / \(n) \(n == 1 ? "action awaits" : "actions await") your report"
            let body = """
                Goeiedag,

                Deze acties van uw organisatie kregen \(f.rules.silentDays) dagen of langer geen melding in Koers. Meld de voortgang op de pagina van de actie (status, percentage, besteed budget, toelichting):

                \(lines.map(\.0).joined(separator: "\n"))

                ---

                These actions of your organisation have had no report in Koers for \(f.rules.silentDays) days or more. Report their progress on each action's page:

                \(lines.map(\.1).joined(separator: "\n"))

                Koers (\(base))
                """
            digests.append(Digest(to: owner.email, subject: subject, body: body))
        }
        for steward in f.stewards.sorted(by: { $0.email < $1.email }) {
            guard !(f.overdue.isEmpty && f.drafts.isEmpty && f.reports.isEmpty) else { break }
            var nl: [String] = [], en: [String] = []
            let (dutch, english) = (Paths(.nl), Paths(.en))
            if !f.drafts.isEmpty {
                nl.append("Concepten die op goedkeuring wachten:")
                en.append("Drafts waiting for approval:")
                for d in f.drafts {
                    let line = "- \(d.files.map(\.name).joined(separator: ", ")) (\(d.values), \(AuditActor.person(of: d.createdBy)), \(d.createdAt.prefix(10)))"
                    nl.append("\(line.replacingOccurrences(of: "(\(d.values),", with: "(\(d.values) waarden,"))\n  \(base)\(dutch.draft(d.id))")
                    en.append("\(line.replacingOccurrences(of: "(\(d.values),", with: "(\(d.values) values,"))\n  \(base)\(english.draft(d.id))")
                }
            }
            if !f.reports.isEmpty {
                nl.append("Meldingen die op goedkeuring wachten: \(f.reports.count)")
                en.append("Reports waiting for approval: \(f.reports.count)")
                for r in f.reports {
                    nl.append("- \(base)\(dutch.action(r.action))")
                    en.append("- \(base)\(english.action(r.action))")
                }
            }
            if !f.overdue.isEmpty {
                nl.append("Indicatoren waarvan de volgende waarde achterstallig is:")
                en.append("Indicators whose next value is overdue:")
                for o in f.overdue {
                    let source = o.indicator.source.map { ", \($0)" } ?? ""
                    nl.append("- \(o.indicator.name.text(in: .nl)): laatste periode \(o.latest), verwacht tegen \(o.due)\(source)\n  \(base)\(dutch.indicator(o.indicator.code))")
                    en.append("- \(o.indicator.name.text(in: .en)): latest period \(o.latest), due by \(o.due)\(source)\n  \(base)\(english.indicator(o.indicator.code))")
                }
            }
            let subject = "Koers: \(f.drafts.count) concept(en), \(f.reports.count) melding(en) en \(f.overdue.count) achterstallige indicator(en) / "
                + "\(f.drafts.count) draft(s), \(f.reports.count) report(s), \(f.overdue.count) overdue indicator(s)"
            let body = """
                Goeiedag,

                Dit wacht in Koers op een data-steward (ook op \(base)\(Paths(.nl).followUp)):

                \(nl.joined(separator: "\n"))

                ---

                This waits in Koers for a data steward (also at \(base)\(Paths(.en).followUp)):

                \(en.joined(separator: "\n"))

                Koers (\(base))
                """
            digests.append(Digest(to: steward.email, subject: subject, body: body))
        }
        return digests
    }

    /// To the other stewards when a draft is staged: it waits for one of them.
    public static func draftWaiting(_ draft: Draft, stewards: [Account], site: String) -> [Digest] {
        let base = site.hasSuffix("/") ? String(site.dropLast()) : site
        let uploader = AuditActor.person(of: draft.createdBy)
        let files = draft.files.map(\.name).joined(separator: ", ")
        return stewards.filter { $0.email != uploader }.sorted { $0.email < $1.email }.map { (steward: Account) in
            Digest(to: steward.email,
                   subject: "Koers: concept \(draft.id) wacht op goedkeuring / draft \(draft.id) waits for approval",
                   body: """
                       \(uploader) laadde \(files) als concept \(draft.id): \(draft.new) nieuwe en \(draft.changed) herziene waarden. Het publiek ziet ze pas na goedkeuring:
                       \(base)\(Paths(.nl).draft(draft.id))

                       ---

                       \(uploader) loaded \(files) as draft \(draft.id): \(draft.new) new and \(draft.changed) revised values. The public sees them once approved:
                       \(base)\(Paths(.en).draft(draft.id))
                       """)
        }
    }
}
