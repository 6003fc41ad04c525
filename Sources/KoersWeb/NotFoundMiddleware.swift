import Hummingbird
import KoersViews

/// An address no route knows gets Koers's own "not found" page in the address's language (instead of an empty 404),
/// so a reader always has a way back. API addresses keep their JSON errors.
struct NotFoundMiddleware<Context: RequestContext>: RouterMiddleware {
    let renderer: PageRenderer

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound && !request.uri.path.hasPrefix("/api/") {
            let (language, _) = Paths.split(request.uri.path)
            let message = language == .nl ? "Op dit adres staat geen pagina." : "There is no page at this address."
            return try HTMLResponse(html: renderer.notFound(message: message, language: language), status: .notFound)
                .response(from: request, context: context)
        }
    }
}
