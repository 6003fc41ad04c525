import Foundation
import Hummingbird
import KoersStore

/// `GET /healthz` for load balancers and monitors: 200 with the store's data version when the database answers, 503
/// with the reason when it does not. Never kept by the response cache (`no-store`): it must ask the database each time.
struct HealthController: Sendable {
    let store: any StoreReader

    var endpoints: RouteCollection<KoersRequestContext> {
        RouteCollection(context: KoersRequestContext.self).get("/healthz") { _, _ in try await check() }
    }

    func check() async throws -> Response {
        var body: [String: String] = [:]
        var status = HTTPResponse.Status.ok
        do {
            body = ["status": "ok", "data_version": String(try await store.dataVersion())]
        } catch {
            status = .serviceUnavailable
            body = ["status": "unavailable", "error": String(describing: error)]
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
                        body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(body))))
    }
}
