import Foundation
import Hummingbird

/// The OpenAPI 3.1 description of the API, kept as a reviewable JSON file among the module's resources and served
/// as it is.
enum OpenAPIDocument {
    static func load() throws -> RawJSON {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json", subdirectory: "OpenAPI") else {
            throw APIError(status: .internalServerError, message: "the OpenAPI document is missing from the build")
        }
        return RawJSON(data: try Data(contentsOf: url))
    }
}

/// JSON bytes that are already written.
struct RawJSON: ResponseGenerator {
    var data: Data

    func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(status: .ok, headers: [.contentType: JSONResponse.contentType], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
