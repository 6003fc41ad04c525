import Hummingbird
import KoersViews
import Logging

/// A read of the store failed (the database is down, a connection broke, a query failed half-way): the answer cannot
/// be computed, so the reader gets 503 and is asked to try again. `MeasuredStore` wraps every failed read in it, so
/// the web layer tells a store failure from a bug in its own code by type, not by guessing from messages.
struct StoreUnavailable: Error, CustomStringConvertible {
    /// The store call that failed (`observations`, `dataVersion`, …).
    var operation: String
    var underlying: any Error

    var description: String { "store call \(operation) failed: \(underlying)" }
}

/// Turns `StoreUnavailable` into a 503 answer: Koers's own page in the address's language, or the API's JSON error.
/// The failure's detail goes to the log, never into the answer (a driver's message may name hosts or users), and the
/// answer says `no-store` so neither Koers's response cache (it keeps only 200 answers) nor a proxy keeps it.
///
/// It sits outside the response cache, so a failure of the cache's own data-version read is answered the same way.
struct StoreFailureMiddleware<Context: RequestContext>: RouterMiddleware {
    let renderer: PageRenderer
    /// Seconds a client is asked to wait before asking again.
    static var retryAfter: String { "30" }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let failure as StoreUnavailable {
            context.logger.error("the store did not answer", metadata: [
                "operation": .string(failure.operation), "error": .string(String(describing: failure.underlying)),
                "path": .string(request.uri.path)])
            var response: Response
            if request.uri.path.hasPrefix("/api/") {
                response = try APIError(status: .serviceUnavailable, message: "the database did not answer; try again in a moment")
                    .response.response(from: request, context: context)
            } else {
                let (language, _) = Paths.split(request.uri.path)
                response = try HTMLResponse(html: renderer.unavailable(language: language), status: .serviceUnavailable)
                    .response(from: request, context: context)
            }
            response.headers[.cacheControl] = "no-store"
            response.headers[.retryAfter] = Self.retryAfter
            return response
        }
    }
}
