import Foundation
import Hummingbird
import KoersCore
import KoersProgress

/// A request's query parameters, read strictly: an unknown name or a malformed value is a 400 that names the
/// parameter, so that a typo (`regoin=`) is reported instead of silently returning everything.
struct QueryParameters {
    private let parameters: Parameters

    init(_ request: Request, allowed: Set<String>) throws {
        parameters = request.uri.queryParameters
        for (name, _) in parameters where !allowed.contains(String(name)) {
            let known = allowed.isEmpty ? "this endpoint takes none" : "use \(allowed.sorted().joined(separator: ", "))"
            throw APIError.badParameter(String(name), "unknown parameter; \(known)")
        }
    }

    /// The value, nil when the parameter is absent; present but empty is an error.
    func string(_ name: String) throws -> String? {
        let values = parameters.getAll(name)
        guard let value = values.last else { return nil }
        guard !value.isEmpty else { throw APIError.badParameter(name, "empty value") }
        return value
    }

    /// Comma-separated values (`region=ZWV,30000`), also from repeated parameters; nil when absent.
    func list(_ name: String) throws -> [String]? {
        let values = parameters.getAll(name)
        guard !values.isEmpty else { return nil }
        let items = values.flatMap { $0.split(separator: ",", omittingEmptySubsequences: false) }
            .map { String($0).trimmingCharacters(in: .whitespaces) }
        guard !items.contains(where: \.isEmpty) else { throw APIError.badParameter(name, "empty value in '\(values.joined(separator: ","))'") }
        return items
    }

    /// A list whose every value must be one of `known`.
    func list(_ name: String, of known: some Collection<String>) throws -> Set<String>? {
        guard let items = try list(name) else { return nil }
        for item in items where !known.contains(item) {
            // Name the choices when they are few (methods, statuses); not the 600 region codes.
            let choices = known.count <= 20 ? "; use one of \(known.sorted().joined(separator: ", "))" : ""
            throw APIError.badParameter(name, "unknown value '\(item)'\(choices)")
        }
        return Set(items)
    }

    /// A period in canonical notation (`2015`, `2023-Q4`).
    func period(_ name: String) throws -> Period? {
        guard let text = try string(name) else { return nil }
        guard let period = Period(text) else {
            throw APIError.badParameter(name, "'\(text)' is not a period; write 2023, 2023-Q4, 2023-07 or 2023-07-01")
        }
        return period
    }

    /// The progress method to judge targets by; Open SDG's, as `koers assess`, when absent.
    func method() throws -> ProgressMethod {
        guard let text = try string("method") else { return .openSDG }
        guard let method = ProgressMethod(rawValue: text) else {
            throw APIError.badParameter("method", "unknown method '\(text)'; use one of \(ProgressMethod.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return method
    }
}
