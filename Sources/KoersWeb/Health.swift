import Foundation
import Hummingbird
import KoersStore

/// `GET /healthz` for load balancers and monitors: 200 with the store's data version when the database answers, 503
/// with the reason when it does not. Never kept by the response cache (`no-store`): it must ask the database each time.
enum Health {
    static func addRoute(to router: Router<BasicRequestContext>, store: any StoreReader) {
        router.get("/healthz") { _, _ in
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
}
