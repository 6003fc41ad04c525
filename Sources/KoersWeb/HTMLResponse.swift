import Hummingbird

/// An HTML page as a response, UTF-8, with the status the route chose.
struct HTMLResponse: ResponseGenerator {
    var html: String
    var status: HTTPResponse.Status = .ok

    var response: Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    func response(from request: Request, context: some RequestContext) throws -> Response { response }
}
