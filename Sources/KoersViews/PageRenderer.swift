import Foundation
import KoersCore
import Mustache

/// Renders page view models with the bundled Mustache templates (HTML-escaped by default).
///
/// Every template sees three things: `page` (the view model), `t` (the interface words in the page's language) and
/// `chrome` (navigation and the language switch).
public struct PageRenderer: Sendable {
    private let library: MustacheLibrary

    public init() async throws {
        let directory = Bundle.module.resourceURL!.appendingPathComponent("Templates").path
        library = try await MustacheLibrary(directory: directory)
    }

    /// `path` is the request's path without its language prefix; the language switch links to the same path.
    public func render(_ page: Any, template: String, language: Language, path: String) -> String {
        let context: [String: Any] = ["page": page, "t": UIText.table(language),
                                      "chrome": PageChrome(language: language, path: path)]
        guard let html = library.render(context, withTemplate: template) else {
            preconditionFailure("template \(template) is missing from the bundle")
        }
        return html
    }

    /// The switch on a "not found" page leads to the other language's home: the same address would not exist either.
    public func notFound(message: String, language: Language) -> String {
        render(["message": message], template: "not-found", language: language, path: "/")
    }

    /// The page a reader gets when the database does not answer (503): what happened and that nothing is lost.
    public func unavailable(language: Language) -> String {
        render([String: String](), template: "unavailable", language: language, path: "/")
    }
}
