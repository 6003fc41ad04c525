import Foundation
import Mustache

/// Renders page view models with the bundled Mustache templates (HTML-escaped by default).
public struct PageRenderer: Sendable {
    private let library: MustacheLibrary

    public init() async throws {
        let directory = Bundle.module.resourceURL!.appendingPathComponent("Templates").path
        library = try await MustacheLibrary(directory: directory)
    }

    public func home(_ page: HomePage) -> String { render(page, "home") }
    public func plan(_ page: PlanPage) -> String { render(page, "plan") }
    public func target(_ page: TargetPage) -> String { render(page, "target") }
    public func notFound(message: String) -> String { render(["message": message], "not-found") }

    private func render(_ object: Any, _ template: String) -> String {
        guard let html = library.render(object, withTemplate: template) else {
            preconditionFailure("template \(template) is missing from the bundle")
        }
        return html
    }
}
