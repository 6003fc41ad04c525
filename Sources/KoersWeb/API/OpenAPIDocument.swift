import Foundation
import Hummingbird

/// The OpenAPI 3.1 description of the API, kept as a reviewable JSON file among the module's resources and served
/// as it is.
enum OpenAPIDocument {
    /// Read once: the file does not change while the server runs.
    private static let data = Result { () throws -> Data in
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json", subdirectory: "OpenAPI") else {
            throw APIError(status: .internalServerError, message: "the OpenAPI document is missing from the build")
        }
        return try Data(contentsOf: url)
    }

    static func response() throws -> RawJSON { RawJSON(data: try data.get()) }
}

/// JSON bytes that are already written.
struct RawJSON: ResponseGenerator {
    var data: Data

    func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(status: .ok, headers: [.contentType: JSONResponse.contentType], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
