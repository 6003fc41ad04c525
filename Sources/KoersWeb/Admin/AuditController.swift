import Foundation
import Hummingbird
import KoersCore
import KoersStore
import KoersViews

/// The audit trail for admins (`/beheer/audit`): filtered by user, object and period, newest first, and the same rows
/// as CSV (`/beheer/audit.csv` with the same query). Read-only: nothing in Koers changes the trail.
struct AuditController: Sendable {
    let accounts: any AccountStore
    let renderer: PageRenderer

    /// Rows the page shows at most; the CSV has them all.
    static let pageRows = 500

    var endpoints: RouteCollection<KoersRequestContext> {
        let router = RouteCollection(context: KoersRequestContext.self)
        GuardedRoute.audit.add(to: router) { request, _, _, language in try await self.page(request, language) }
        GuardedRoute.auditCSV.add(to: router) { request, _, _, _ in try await self.csv(request) }
        return router
    }

    /// The filter of the query (`gebruiker`, `object`, `van`, `tot`; days as YYYY-MM-DD, `tot` included), and what the
    /// form shows back. A day that is not one is refused with what is wrong.
    static func filter(_ request: Request) throws -> (AuditFilter, [String: String]) {
        let q = request.uri.queryParameters
        func value(_ name: String) -> String? {
            q.get(name).map { String($0.trimmingCharacters(in: .whitespaces).prefix(254)) }.flatMap { $0.isEmpty ? nil : $0 }
        }
        let days = Self.days
        func day(_ name: String) throws -> Date? {
            guard let text = value(name) else { return nil }
            guard let date = days.date(from: text), days.string(from: date) == text else {
                throw HTTPError(.badRequest, message: "\(name)=\(text) is not a day (YYYY-MM-DD)")
            }
            return date
        }
        let from = try day("van"), to = try day("tot")
        let filter = AuditFilter(since: from.map(days.string), before: to.map { days.string(from: $0.addingTimeInterval(86_400)) },
                                 actor: value("gebruiker")?.lowercased(), object: value("object"))
        let shown = ["gebruiker": value("gebruiker") ?? "", "object": value("object") ?? "", "van": value("van") ?? "", "tot": value("tot") ?? ""]
        return (filter, shown)
    }

    /// Days as YYYY-MM-DD in UTC. A new formatter each time: one `DateFormatter` shared by concurrent requests is not
    /// safe on every platform.
    static var days: DateFormatter {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd"
        return f
    }

    func page(_ request: Request, _ language: Language) async throws -> Response {
        let (filter, shown) = try Self.filter(request)
        var limited = filter
        limited.limit = Self.pageRows + 1
        let entries = try await accounts.auditEntries(limited)
        let rows = entries.prefix(Self.pageRows).map { e -> [String: Any] in
            ["id": String(e.id), "at": e.at, "actor": e.actor, "kind": e.kind, "object": e.object, "before": e.before ?? "",
             "after": e.after ?? "", "address": e.address ?? "", "note": e.note ?? "", "batch": e.batchID.map(String.init) ?? ""]
        }
        let query = request.uri.query.map { "?" + $0 } ?? ""
        let model: [String: Any] = [
            "rows": rows, "empty": rows.isEmpty, "more": entries.count > Self.pageRows, "limit": String(Self.pageRows),
            "action": Paths(language).audit, "csv": GuardedRoute.auditCSV.path(language) + query,
            "user": shown["gebruiker"]!, "object": shown["object"]!, "from": shown["van"]!, "to": shown["tot"]!,
        ]
        return AccountController.private(renderer.render(model, template: "audit", language: language, path: "/beheer/audit"), status: .ok)
    }

    static let csvHeader = ["id", "at", "actor", "kind", "object", "before", "after", "address", "user_agent", "note", "batch_id"]

    func csv(_ request: Request) async throws -> Response {
        let (filter, _) = try Self.filter(request)
        var out = Self.csvHeader.joined(separator: ",") + "\r\n"
        for e in try await accounts.auditEntries(filter) {
            let fields = [String(e.id), e.at, e.actor, e.kind, e.object, e.before ?? "", e.after ?? "", e.address ?? "",
                          e.userAgent ?? "", e.note ?? "", e.batchID.map(String.init) ?? ""]
            // Every field can hold text someone typed (a user agent, a token's name): none may become a formula.
            out += fields.map(CSVField.quoteText).joined(separator: ",") + "\r\n"
        }
        return Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8", .cacheControl: "no-store",
                                               .contentDisposition: "attachment; filename=\"koers-audit.csv\""],
                        body: .init(byteBuffer: ByteBuffer(string: out)))
    }
}
