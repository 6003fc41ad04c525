import Foundation
import KoersTestSupport
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `koers serve`'s standard error follows `--log-format` and `--log-level` for every logger in the process, Koers's own
/// and the libraries' (PostgresNIO's pool), because serve bootstraps swift-log with its handler.
@Suite struct ServeLogTests {
    /// Runs a server with these logging flags, asks it for a page, stops it with SIGTERM and returns its standard error
    /// by line.
    static func serve(_ kind: StoreKind, _ flags: [String]) async throws -> [String] {
        let folder = try TemporaryFolder()
        nonisolated(unsafe) var lines: [String] = []
        try await ShutdownTests.withStore(kind) { db in
            let server = try RunningKoers(["serve", "--port", "0"] + db + flags, in: folder)
            let started = try await server.waitForOutput(containing: "Koers serves")
            let port = try #require(started.firstMatch(of: /http:\/\/127\.0\.0\.1:(\d+)/)?.1).description
            let (_, response) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)/plannen/streekvisie-zwv")!)
            #expect((response as? HTTPURLResponse)?.statusCode == 200)
            server.signal(SIGTERM)
            let end = try await server.exit()
            #expect(end.reason == .exit && end.status == 0, "\(server.standardError)")
            lines = server.standardError.split(separator: "\n").map(String.init)
        }
        return lines
    }

    static func object(_ line: String) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
    }

    @Test(arguments: StoreKind.all)
    func everyLineIsOneJSONObjectAtTheChosenLevel(_ kind: StoreKind) async throws {
        let lines = try await Self.serve(kind, ["--log-format", "json", "--log-level", "debug"])
        let objects = lines.compactMap(Self.object)
        #expect(objects.count == lines.count, "not JSON: \(lines.filter { Self.object($0) == nil })")
        for object in objects {
            #expect(object["timestamp"] is String && object["message"] is String, "\(object)")
            #expect(["trace", "debug", "info", "notice", "warning", "error", "critical"].contains(object["level"] as? String ?? ""), "\(object)")
            #expect(object["level"] as? String != "trace", "below --log-level debug: \(object)")
        }
        let messages = objects.compactMap { $0["message"] as? String }
        #expect(messages.contains("started") && messages.contains("request") && messages.contains { $0.hasPrefix("store closed") })
        if kind == .postgres {
            // PostgresNIO's own logger, made by Koers with Logger(label:): its pool's debug lines, in the same format.
            let pool = objects.filter { $0["psql_connection_id"] != nil }
            #expect(!pool.isEmpty, "no line from PostgresNIO's pool: \(lines)")
            #expect(pool.contains { $0["level"] as? String == "debug" })
        }
    }

    @Test(arguments: StoreKind.all)
    func aStricterLevelSilencesEveryLogger(_ kind: StoreKind) async throws {
        let lines = try await Self.serve(kind, ["--log-format", "json", "--log-level", "warning"])
        let quieter = lines.filter { line in
            guard let level = Self.object(line)?["level"] as? String else { return true }
            return ["trace", "debug", "info", "notice"].contains(level)
        }
        #expect(quieter.isEmpty, "\(quieter)")
    }
}
