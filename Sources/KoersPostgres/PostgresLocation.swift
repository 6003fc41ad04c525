import Foundation
import PostgresNIO

/// Where a PostgreSQL store is: `postgres://user:password@host:port/database?sslmode=disable|prefer|require`, as libpq
/// and most tools write it. TLS is tried and dropped when the server has none (`prefer`), unless the URL says otherwise.
public struct PostgresLocation: Sendable, Hashable, CustomStringConvertible {
    public enum TLSMode: String, Sendable { case disable, prefer, require }

    public var host: String
    public var port: Int
    public var username: String
    public var password: String?
    public var database: String
    public var tls: TLSMode

    /// Whether `location` (a `--db` value) names a PostgreSQL store rather than a SQLite file.
    public static func isPostgres(_ location: String) -> Bool {
        location.hasPrefix("postgres://") || location.hasPrefix("postgresql://")
    }

    public init(url: String) throws {
        guard Self.isPostgres(url), let components = URLComponents(string: url), let host = components.host, !host.isEmpty else {
            throw PostgresStoreError("not a PostgreSQL URL: \(Self.redacted(url)) (write postgres://user@host:port/database)")
        }
        self.host = host
        port = components.port ?? 5432
        // URLComponents takes any digits as a port; the network's ports are 1–65535 (99999 once became 34463).
        guard (1...65_535).contains(port) else {
            throw PostgresStoreError("not a PostgreSQL URL: \(Self.redacted(url)): port \(port) is not between 1 and 65535")
        }
        username = components.user.flatMap { $0.removingPercentEncoding } ?? "postgres"
        password = components.password.flatMap { $0.removingPercentEncoding }
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        database = path.isEmpty ? username : path.removingPercentEncoding ?? path
        let mode = components.queryItems?.first { $0.name == "sslmode" }?.value ?? "prefer"
        switch mode {
        case "disable": tls = .disable
        case "allow", "prefer": tls = .prefer
        case "require", "verify-ca", "verify-full": tls = .require
        default: throw PostgresStoreError("unknown sslmode '\(mode)' in \(Self.redacted(url)) (use disable, prefer or require)")
        }
    }

    /// The same server, another database (for creating and dropping databases).
    public func database(_ name: String) -> PostgresLocation {
        var other = self
        other.database = name
        return other
    }

    /// The URL, password included.
    public var url: String {
        var components = URLComponents()
        components.scheme = "postgres"
        components.user = username
        components.password = password
        components.host = host
        components.port = port
        components.path = "/" + database
        if tls != .prefer { components.queryItems = [URLQueryItem(name: "sslmode", value: tls.rawValue)] }
        return components.string!
    }

    /// The URL without its password, for messages.
    public var description: String {
        "postgres://\(username)@\(host):\(port)/\(database)" + (tls == .prefer ? "" : "?sslmode=\(tls.rawValue)")
    }

    var clientConfiguration: PostgresClient.Configuration {
        let tls: PostgresClient.Configuration.TLS = switch self.tls {
        case .disable: .disable
        case .prefer: .prefer(.makeClientConfiguration())
        case .require: .require(.makeClientConfiguration())
        }
        return PostgresClient.Configuration(host: host, port: port, username: username, password: password, database: database, tls: tls)
    }

    func connectionConfiguration() throws -> PostgresConnection.Configuration {
        let tls: PostgresConnection.Configuration.TLS = switch self.tls {
        case .disable: .disable
        case .prefer: .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
        case .require: .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
        }
        return PostgresConnection.Configuration(host: host, port: port, username: username, password: password, database: database, tls: tls)
    }

    /// Runs `body` over a connection of its own, closed afterwards (for work outside the store's pool).
    func withConnection<T>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(configuration: try connectionConfiguration(), id: 0, logger: postgresLogger)
        } catch let error as PSQLError {
            throw PostgresStoreError("cannot connect to \(self): \(PostgresStoreError(error).description)")
        }
        return try await translatingErrors {
            do {
                let result = try await body(connection)
                try? await connection.close()
                return result
            } catch {
                try? await connection.close()
                throw error
            }
        }
    }

    private static func redacted(_ url: String) -> String {
        url.replacing(/:[^:@\/]*@/, with: ":…@")
    }
}
