import Foundation
import Hummingbird
import KoersCore
import KoersFollowUp
import KoersImport
import KoersLoading
import KoersMail
import KoersStore
import KoersViews

/// How drafts are handled: settings of `koers serve`.
public struct DraftSettings: Sendable {
    /// A draft needs a steward other than the one who staged it (`approval.four_eyes`).
    public var fourEyes: Bool
    /// The largest upload, in bytes (`serve.upload_mb`).
    public var uploadBytes: Int

    public init(fourEyes: Bool = false, uploadBytes: Int = 50 << 20) {
        self.fourEyes = fourEyes
        self.uploadBytes = uploadBytes
    }
}

/// Data in the browser: a steward uploads files (`/beheer/gegevens`), sees what would change value by value, and
/// stages them as a draft; stewards approve or reject drafts (`/beheer/concepten`). The same pipeline and rules as
/// `koers import --draft` (`ImportWriter`, `ImportPreview`): a file with a problem is refused whole with its
/// file:line:column list, and nothing is written before the confirmation.
struct DataController: Sendable {
    let store: any Store & DraftStore
    let renderer: PageRenderer
    let settings: DraftSettings
    let shelf: UploadShelf
    /// The relay for the message to the other stewards that a draft waits; nil: none is sent.
    var mail: MailSettings? = nil

    var endpoints: RouteCollection<KoersRequestContext> {
        let router = RouteCollection(context: KoersRequestContext.self)
        GuardedRoute.uploadData.add(to: router) { _, context, _, language in try await self.uploadPage(context, language) }
        GuardedRoute.previewUpload.addUpload(to: router, limit: settings.uploadBytes) { request, context, form, language in
            try await self.preview(request, context, form, language)
        }
        GuardedRoute.confirmUpload.add(to: router) { request, context, form, language in
            try await self.confirm(request, context, form, language)
        }
        GuardedRoute.drafts.add(to: router) { _, context, _, language in try await self.draftsPage(context, language) }
        GuardedRoute.draft.add(to: router) { _, context, _, language in
            guard let id = context.parameters.get("id").flatMap(Int64.init) else { throw HTTPError(.notFound, message: "there is no such draft") }
            return try await self.draftPage(id, context, language, problem: nil)
        }
        GuardedRoute.approveDraft.add(to: router) { request, context, form, language in
            try await self.decide(.approved, request, context, form, language)
        }
        GuardedRoute.rejectDraft.add(to: router) { request, context, form, language in
            try await self.decide(.rejected, request, context, form, language)
        }
        return router
    }

    // MARK: Upload and preview

    private func uploadPage(_ context: KoersRequestContext, _ language: Language, problems: [String] = [], status: HTTPResponse.Status = .ok) async throws -> Response {
        let model: [String: Any] = [
            "action": GuardedRoute.previewUpload.path(language), "csrf": context.identity?.session?.csrfToken ?? "",
            "limit": UIText.table(language)["upload_limit", default: ""].replacingOccurrences(of: "{limit}", with: String(settings.uploadBytes >> 20)),
            "problems": problems, "hasProblems": !problems.isEmpty,
            "draftsLink": Paths(language).drafts,
        ]
        return AccountController.private(renderer.render(model, template: "upload", language: language, path: "/beheer/gegevens"), status: status)
    }

    /// The files are kept on the shelf, imported as a dry run and compared value by value with the published ones;
    /// the page shows what would change and asks for a confirmation, or lists every problem (and keeps nothing).
    private func preview(_ request: Request, _ context: KoersRequestContext, _ form: UploadForm, _ language: Language) async throws -> Response {
        guard let identity = context.identity else { throw HTTPError(.forbidden) }
        let data = form.files.filter { $0.field == "bestanden" }
        guard !data.isEmpty else {
            return try await uploadPage(context, language, problems: [UIText.table(language)["upload_no_file", default: ""]], status: .unprocessableContent)
        }
        let mapping = form.files.first { $0.field == "mapping" }
        let options = UploadShelf.Options(decimal: DecimalSeparator(rawValue: form.fields["decimaal"] ?? "")?.rawValue,
                                          dates: DateOrder(rawValue: form.fields["datums"] ?? "")?.rawValue)
        let token: String
        do {
            token = try shelf.put(data, mapping: mapping, options: options, owner: identity.account.email)
        } catch let problem as UploadShelf.Problem {
            return try await uploadPage(context, language, problems: [problem.description], status: .unprocessableContent)
        }
        guard let waiting = shelf.take(token, owner: identity.account.email) else { throw HTTPError(.internalServerError) }
        switch try await run(waiting.folder, waiting.manifest, actor: identity.actor) {
        case .failure(let problems):
            shelf.remove(waiting.folder)
            return try await uploadPage(context, language, problems: problems.lines, status: .unprocessableContent)
        case .success(let preview):
            if preview.new + preview.changed == 0 { shelf.remove(waiting.folder) }
            let model = try await previewModel(preview, token: token, csrf: identity.session?.csrfToken ?? "", language: language)
            return AccountController.private(renderer.render(model, template: "upload-preview", language: language, path: "/beheer/gegevens"), status: .ok)
        }
    }

    /// The upload's import, as a dry run; its problems as `file:line:column: message`, as `koers import` lists them.
    private func run(_ folder: URL, _ manifest: UploadShelf.Manifest, actor: AuditActor) async throws -> Result<ImportPreview, ImportRefusal> {
        do {
            let imports = try shelf.imports(folder, manifest)
            let writer = ImportWriter(store: store, geography: try await store.geography(), indicators: try await store.indicators(),
                                      source: imports.first?.mapping.source, decimal: manifest.options.decimal.flatMap(DecimalSeparator.init(rawValue:)),
                                      dryRun: true, actor: actor)
            return .success(try await ImportPreview.make(imports, writer: writer))
        } catch {
            guard let refusal = ImportRefusal(error) else { throw error }
            return .failure(refusal)
        }
    }

    /// The steward confirms: the files are imported again as a dry run (the published values may have changed since
    /// the preview) and staged as a draft.
    private func confirm(_ request: Request, _ context: KoersRequestContext, _ form: [String: String], _ language: Language) async throws -> Response {
        guard let identity = context.identity else { throw HTTPError(.forbidden) }
        guard let waiting = shelf.take(form["upload"] ?? "", owner: identity.account.email) else {
            return try await uploadPage(context, language, problems: [UIText.table(language)["upload_expired", default: ""]], status: .gone)
        }
        defer { shelf.remove(waiting.folder) }
        switch try await run(waiting.folder, waiting.manifest, actor: identity.actor) {
        case .failure(let problems):
            return try await uploadPage(context, language, problems: problems.lines, status: .unprocessableContent)
        case .success(let preview):
            let id = try await preview.stage(in: store, context: auditContext(request, context, identity))
            await notify(draft: id, context)
            return Response(status: .seeOther, headers: [.location: Paths(language).draft(id), .cacheControl: "no-store"])
        }
    }

    private func previewModel(_ p: ImportPreview, token: String, csrf: String, language: Language) async throws -> [String: Any] {
        let lookup = try await store.lookup()
        let format = NumberFormat(language)
        let files = p.files.map { r -> [String: Any] in
            ["name": r.file.name, "format": r.file.format.rawValue, "read": String(r.summary.records), "new": String(r.outcome.new),
             "changed": String(r.outcome.changed), "unchanged": String(r.outcome.unchanged), "gaps": String(r.summary.empty),
             "skipped": r.summary.skipped.map(\.descriptionWithColumn), "hasSkipped": r.summary.skippedCount > 0,
             "skippedCount": String(r.summary.skippedCount), "duplicates": String(r.outcome.duplicateCount), "hasDuplicates": r.outcome.duplicateCount > 0]
        }
        let groups = p.groups.map { g -> [String: Any] in
            ["indicator": lookup.indicators[g.indicator]?.name.text(in: language) ?? g.indicator, "code": g.indicator,
             "region": lookup.regionName(g.region, language), "regionCode": g.region,
             "new": String(g.new), "revised": String(g.revised), "unchanged": String(g.unchanged)]
        }
        let revisions = p.revisions.map { r -> [String: Any] in
            ["indicator": r.key.indicator, "region": lookup.regionName(r.key.region, language), "period": format.period(r.key.period),
             "breakdown": r.key.breakdown.key, "old": format.plain(r.old), "new": format.plain(r.new), "place": "\(r.file):\(r.line)"]
        }
        let changes = p.new + p.changed
        return [
            "files": files, "groups": groups, "revisions": revisions, "hasRevisions": !revisions.isEmpty,
            "moreRevisions": p.revisionCount > p.revisions.count
                ? UIText.table(language)["revisions_more", default: ""].replacingOccurrences(of: "{count}", with: String(p.revisionCount - p.revisions.count)) : "",
            "new": String(p.new), "changed": String(p.changed), "unchanged": String(p.unchanged),
            "changes": changes > 0, "token": token, "csrf": csrf, "confirm": GuardedRoute.confirmUpload.path(language),
            "back": Paths(language).uploadData,
        ]
    }

    // MARK: Drafts

    private func draftsPage(_ context: KoersRequestContext, _ language: Language) async throws -> Response {
        let drafts = try await store.drafts()
        let rows = drafts.map { d -> [String: Any] in
            ["id": String(d.id), "link": Paths(language).draft(d.id), "state": Self.state(d, language), "stateCode": d.decision?.verdict.rawValue ?? "waiting",
             "created": String(d.createdAt.prefix(16)).replacingOccurrences(of: "T", with: " "), "by": AuditActor.person(of: d.createdBy),
             "files": d.files.map(\.name).joined(separator: ", "), "values": String(d.values), "new": String(d.new), "changed": String(d.changed)]
        }
        let model: [String: Any] = [
            "rows": rows, "empty": rows.isEmpty, "waiting": String(drafts.count { $0.isWaiting }),
            "mayUpload": Rights.allows(context.role, .importData), "uploadLink": Paths(language).uploadData,
        ]
        return AccountController.private(renderer.render(model, template: "drafts", language: language, path: "/beheer/concepten"), status: .ok)
    }

    static func state(_ d: Draft, _ language: Language) -> String {
        let t = UIText.table(language)
        switch d.decision?.verdict {
        case nil: return t["draft_waiting", default: ""]
        case .approved: return t["draft_approved", default: ""]
        case .rejected: return t["draft_rejected", default: ""]
        }
    }

    /// Rows the draft page shows at most; `koers batch show --json` has them all.
    static let pageValues = 500

    private func draftPage(_ id: Int64, _ context: KoersRequestContext, _ language: Language, problem: String?,
                           status: HTTPResponse.Status = .ok) async throws -> Response {
        guard let draft = try await store.draft(id: id) else {
            throw HTTPError(.notFound, message: language == .nl ? "Er is geen concept \(id)." : "There is no draft \(id).")
        }
        let lookup = try await store.lookup()
        let format = NumberFormat(language)
        let values = try await store.draftValues(draft: id, indicator: nil)
        // Each value beside the published one it would replace, as the public sees it now.
        var published: [ObservationKey: Double] = [:]
        for indicator in Set(values.prefix(Self.pageValues).map(\.observation.indicator)) {
            for o in try await store.observations(indicator: indicator, regions: nil) where o.derivation == nil { published[o.key] = o.value }
        }
        let rows = values.prefix(Self.pageValues).map { v -> [String: Any] in
            let o = v.observation
            let old = published[o.key]
            return ["indicator": o.indicator, "region": lookup.regionName(o.region, language), "period": format.period(o.period),
                    "breakdown": o.breakdown.key, "value": format.plain(o.value), "old": old.map(format.plain) ?? "",
                    "isNew": old == nil, "revised": old.map { $0 != o.value } ?? false,
                    "place": "\(draft.files.indices.contains(v.file) ? draft.files[v.file].name : "?"):\(v.line)"]
        }
        let identity = context.identity
        let mayDecide = Rights.allows(context.role, .approveData) && identity?.session != nil && draft.isWaiting
        let ownDraft = identity.map { AuditActor.person(of: draft.createdBy) == $0.actor.person } ?? false
        let t = UIText.table(language)
        var model: [String: Any] = [
            "id": String(draft.id), "state": Self.state(draft, language), "stateCode": draft.decision?.verdict.rawValue ?? "waiting",
            "waiting": draft.isWaiting, "created": draft.createdAt, "by": AuditActor.person(of: draft.createdBy),
            "files": draft.files.map { ["name": $0.name, "format": $0.format, "values": String($0.values), "sha": String($0.sha256.prefix(12))] },
            "new": String(draft.new), "changed": String(draft.changed), "unchanged": String(draft.unchanged),
            "rows": rows, "hasRows": !rows.isEmpty, "more": values.count > Self.pageValues
                ? t["draft_values_more", default: ""].replacingOccurrences(of: "{count}", with: String(values.count - Self.pageValues))
                    .replacingOccurrences(of: "{id}", with: String(id)) : "",
            "mayApprove": mayDecide && !(settings.fourEyes && ownDraft), "mayReject": mayDecide,
            "fourEyesOwn": mayDecide && settings.fourEyes && ownDraft, "csrf": identity?.session?.csrfToken ?? "",
            "approve": GuardedRoute.approveDraft.path(language), "reject": GuardedRoute.rejectDraft.path(language),
            "problem": problem ?? "", "hasProblem": problem != nil, "draftsLink": Paths(language).drafts,
        ]
        if let decision = draft.decision {
            model["decision"] = ["verdict": Self.state(draft, language), "by": AuditActor.person(of: decision.by), "at": decision.at,
                                 "note": decision.note ?? ""] as [String: Any]
        }
        model["title"] = t["draft", default: ""] + " \(draft.id)"
        return AccountController.private(renderer.render(model, template: "draft", language: language, path: "/beheer/concepten"), status: status)
    }

    private func decide(_ verdict: DraftVerdict, _ request: Request, _ context: KoersRequestContext, _ form: [String: String],
                        _ language: Language) async throws -> Response {
        guard let identity = context.identity else { throw HTTPError(.forbidden) }
        guard let id = Int64(form["id"] ?? "") else { throw HTTPError(.badRequest, message: "which draft: the form names none") }
        let note: String?
        do {
            let text = (form["note"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            note = text.isEmpty ? nil : try DraftNote.check(text)
        } catch {
            return try await draftPage(id, context, language, problem: "\(error)", status: .unprocessableContent)
        }
        let audit = auditContext(request, context, identity)
        do {
            switch verdict {
            case .approved:
                let outcomes = try await store.approve(draft: id, note: note, context: audit, fourEyes: settings.fourEyes)
                if outcomes.contains(where: { $0.batchID != nil }) { _ = try await store.recomputeDerivations() }
            case .rejected:
                try await store.reject(draft: id, note: note, context: audit, fourEyes: settings.fourEyes)
            }
        } catch DraftError.notFound {
            throw HTTPError(.notFound, message: "there is no such draft")
        } catch DraftError.decided {
            throw HTTPError(.conflict, message: "this draft was decided already")
        } catch DraftError.ownDraft {
            return try await draftPage(id, context, language, problem: UIText.table(language)["draft_four_eyes", default: ""], status: .forbidden)
        } catch let conflicts as ImportConflicts {
            return try await draftPage(id, context, language, problem: ImportRefusal(conflicts)?.lines.joined(separator: "\n"), status: .conflict)
        } catch let missing as UnknownReference {
            return try await draftPage(id, context, language, problem: missing.description, status: .conflict)
        }
        return Response(status: .seeOther, headers: [.location: Paths(language).draft(id), .cacheControl: "no-store"])
    }

    /// Tells the other stewards that a draft waits. A relay that fails does not undo the draft: it is logged, and the
    /// follow-up page and the weekly digest list the draft anyway.
    private func notify(draft id: Int64, _ context: KoersRequestContext) async {
        guard let mail else { return }
        do {
            guard let draft = try await store.draft(id: id), let accounts = store as? any AccountStore else { return }
            let stewards = try await accounts.accounts().filter { !$0.disabled && ($0.role == .steward || $0.role == .admin) }
            let report = try await DigestSender.send(Digests.draftWaiting(draft, stewards: stewards, site: mail.site), with: mail)
            for (digest, why) in report.failed {
                context.logger.warning("draft notice not sent", metadata: ["to": .string(digest.to), "why": .string(why)])
            }
        } catch {
            context.logger.warning("draft notice not sent", metadata: ["why": .string("\(error)")])
        }
    }

    private func auditContext(_ request: Request, _ context: KoersRequestContext, _ identity: Identity) -> AuditContext {
        AuditContext(actor: identity.actor, address: context.remoteAddress, userAgent: AccountController.userAgent(request))
    }
}
