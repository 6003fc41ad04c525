import Foundation
import Hummingbird

/// A JSON body with the status the route chose, always labelled UTF-8.
struct JSONResponse: ResponseGenerator {
    var body: any Encodable
    var status: HTTPResponse.Status = .ok

    static let contentType = "application/json; charset=utf-8"

    func response(from request: Request, context: some RequestContext) throws -> Response {
        let encoder = JSONEncoder()
        // Sorted keys make responses stable for diffs and documentation; slashes stay readable in URLs.
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // The default strategy throws on NaN and infinity: a number the API cannot write is a bug, never a value.
        let data = try encoder.encode(body)
        return Response(status: status, headers: [.contentType: Self.contentType], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// Why a request gets no data: an unknown thing (404) or a bad query parameter (400).
struct APIError: Error, Sendable {
    var status: HTTPResponse.Status
    var message: String

    static func notFound(_ message: String) -> APIError { APIError(status: .notFound, message: message) }

    /// Names the parameter first, so a client can point at it.
    static func badParameter(_ name: String, _ problem: String) -> APIError {
        APIError(status: .badRequest, message: "query parameter '\(name)': \(problem)")
    }

    var response: JSONResponse { JSONResponse(body: ErrorBody(error: .init(status: Int(status.code), message: message)), status: status) }
}

/// `{"error": {"status": 404, "message": "…"}}`, the one shape of every error.
struct ErrorBody: Codable, Sendable {
    struct Detail: Codable, Sendable {
        var status: Int
        var message: String
    }

    var error: Detail
}
