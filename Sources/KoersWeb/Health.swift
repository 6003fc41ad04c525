import Foundation
import Hummingbird
import KoersStore
import Logging

/// `GET /healthz` for load balancers and monitors: 200 with the store's data version when the database answers, 503
/// when it does not. The failure's detail goes to the log, not into the answer (it is public, and a driver's message may
/// name hosts or users). Never kept by the response cache (`no-store`): it must ask the database each time.
struct HealthController: Sendable {
    let store: any StoreReader

    var endpoints: RouteCollection<KoersRequestContext> {
        RouteCollection(context: KoersRequestContext.self).get("/healthz") { _, context in try await check(logger: context.logger) }
    }

    func check(logger: Logger) async throws -> Response {
        var body: [String: String] = [:]
        var status = HTTPResponse.Status.ok
        do {
            body = ["status": "ok", "data_version": String(try await store.dataVersion())]
        } catch {
            status = .serviceUnavailable
            body = ["status": "unavailable", "error": "the database did not answer"]
            logger.error("health check: the store did not answer", metadata: ["error": .string(String(describing: error))])
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
                        body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(body))))
    }
}
