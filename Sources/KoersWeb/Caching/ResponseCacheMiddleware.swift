import Foundation
import Hummingbird
import KoersCore
import KoersStore

/// Serves GET answers (pages, downloads, API) from `ResponseCache` while the store's data version is the one they
/// were computed under, and computes each missing one once however many readers ask for it at the same moment.
///
/// Every answer carries an ETag and `Cache-Control: no-cache`, so browsers and proxies keep it but ask again each
/// time; a reader whose copy is current gets 304 without a body. Only 200 answers are kept, and none that says
/// `Cache-Control: no-store` (health and metrics say so).
struct ResponseCacheMiddleware<Context: RequestContext>: RouterMiddleware {
    let store: any StoreReader
    let cache: ResponseCache
    let flights = RenderFlights<ResponseCache.Entry>()

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        // Without a version (the database does not answer) nothing can be served from memory: the route says what is
        // wrong (`/healthz` a 503, a page its error).
        // A signed-in browser or a token gets its answer computed for it: what it sees may depend on who it is.
        let personal = request.headers[.authorization] != nil || request.cookies["koers_session"] != nil
        guard request.method == .get, !personal, cache.capacity > 0, let version = try? await store.dataVersion() else {
            return try await next(request, context)
        }
        // Pages say whether data is overdue, which changes with the day as well as with the data.
        let key = "\(Day.today(Date().timeIntervalSince1970)) \(request.uri.description)"
        if let hit = cache.entry(key, version: version) { return Self.response(hit, to: request) }
        var uncached: Response?
        let entry = try await flights.value(for: "\(version) \(key)") {
            let response = try await next(request, context)
            guard let entry = try await Self.entry(response, version: version) else {
                uncached = response
                return nil
            }
            cache.keep(entry, as: key)
            return entry
        }
        if let uncached { return uncached }
        guard let entry else { return try await next(request, context) }
        return Self.response(entry, to: request)
    }

    /// The response as an entry to keep, or nil (with its body untouched) when it is not to be kept.
    static func entry(_ response: Response, version: Int64) async throws -> ResponseCache.Entry? {
        guard response.status == .ok, response.headers[.cacheControl]?.contains("no-store") != true else { return nil }
        let collector = BodyCollector()
        try await response.body.write(collector)
        return ResponseCache.Entry(version: version, status: response.status, headers: response.headers, body: collector.buffer,
                                   etag: ETag.of(collector.buffer))
    }

    /// The kept answer, or 304 when the reader already has these bytes.
    static func response(_ entry: ResponseCache.Entry, to request: Request) -> Response {
        var headers = entry.headers
        headers[.eTag] = entry.etag
        headers[.cacheControl] = "no-cache"
        if let known = request.headers[.ifNoneMatch], ETag.matches(known, entry.etag) {
            headers[.contentLength] = nil
            headers[.contentType] = nil
            return Response(status: .notModified, headers: headers)
        }
        return Response(status: entry.status, headers: headers, body: ResponseBody(byteBuffer: entry.body))
    }
}

/// Gathers a response body's bytes (bodies are written, not read, in Hummingbird).
private final class BodyCollector: ResponseBodyWriter {
    var buffer = ByteBuffer()

    func write(_ part: ByteBuffer) async throws {
        var part = part
        buffer.writeBuffer(&part)
    }

    func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
