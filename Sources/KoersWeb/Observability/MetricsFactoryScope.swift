import CoreMetrics
import Hummingbird

/// Binds this application's swift-metrics factory to the task that answers a request, until its answer's last byte,
/// so that swift-metrics users (Hummingbird's `MetricsMiddleware`, placed after this one) report to this
/// application's `/metrics` without swift-metrics' process-wide bootstrap: tests run many applications in one process.
///
/// The body is written after `handle` returns, and `MetricsMiddleware` makes a route's first metrics after the last
/// byte, so the write is bound too.
struct MetricsFactoryScope<Context: RequestContext>: RouterMiddleware {
    let factory: any MetricsFactory

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await withMetricsFactory(factory) { try await next(request, context) }
        let body = response.body
        let factory = factory
        response.body = ResponseBody(contentLength: body.contentLength) { writer in
            // withMetricsFactory runs its closure in this task, to its end, before it returns: `writer` is never used
            // by two tasks at once. The compiler cannot see that across the closure's nonisolated(nonsending) type.
            nonisolated(unsafe) let writer = writer
            try await withMetricsFactory(factory) { try await body.write(writer) }
        }
        return response
    }
}
