import Foundation
import PostgresNIO

/// A database of its own on a PostgreSQL server, created empty under a random name and dropped afterwards, so that
/// tests (and trials) never see each other's data.
public enum ScratchDatabase {
    /// Creates a database on the server of `serverURL`, runs `body` with its URL, and drops it (also when `body`
    /// throws; connections still open to it are ended).
    public static func with<T>(on serverURL: String, _ body: (_ url: String) async throws -> T) async throws -> T {
        let server = try PostgresLocation(url: serverURL)
        let name = "koers_scratch_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try await run("CREATE DATABASE \(name)", on: server)
        do {
            let result = try await body(server.database(name).url)
            try await run("DROP DATABASE \(name) WITH (FORCE)", on: server)
            return result
        } catch {
            try? await run("DROP DATABASE \(name) WITH (FORCE)", on: server)
            throw error
        }
    }

    private static func run(_ sql: String, on server: PostgresLocation) async throws {
        try await server.withConnection { try await $0.run(sql) }
    }
}
