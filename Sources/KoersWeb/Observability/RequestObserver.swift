import HTTPTypes
import Hummingbird
import Logging

/// Counts, times and logs every request once its answer is written: one log line and the request metrics, labelled
/// by the route's pattern (`/plannen/{plan}`), not the address, so that the number of series stays bounded.
struct RequestObserver: RouterMiddleware {
    typealias Context = KoersRequestContext
    let metrics: KoersMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        metrics.requestsInFlight.increment()
        do {
            var response = try await next(request, context)
            let status = response.status
            // After the body's last byte (or a failed write), so slow downloads count whole and in-flight covers them.
            let body = response.body
            response.body = ResponseBody(contentLength: body.contentLength) { writer in
                defer { finish(request, context, status, start) }
                try await body.write(writer)
            }
            return response
        } catch {
            finish(request, context, (error as? any HTTPResponseError)?.status ?? .internalServerError, start)
            throw error
        }
    }

    private func finish(_ request: Request, _ context: Context, _ status: HTTPResponse.Status, _ start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let route = context.endpointPath ?? "NotFound"
        let method = request.method.rawValue
        metrics.requestsInFlight.decrement()
        metrics.requestAnswered(method: method, route: route, status: Int(status.code), after: elapsed)
        var logger = context.logger
        logger[metadataKey: "hb.request.id"] = nil
        logger.log(level: status.code >= 500 ? .error : .info, "request", metadata: [
            "method": .string(method), "path": .string(request.uri.path), "route": .string(route),
            "status": .stringConvertible(Int(status.code)), "duration_ms": .stringConvertible((seconds * 1e6).rounded() / 1e3),
            "request_id": .string(request.headers[Self.requestID] ?? context.id),
        ])
    }

    /// A proxy's request id, kept so that its log and Koers's can be joined; else Hummingbird's own.
    static let requestID = HTTPField.Name("X-Request-Id")!
}
