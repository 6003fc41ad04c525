import Foundation
import HummingbirdTesting
import KoersBundledCatalogue
import KoersSQLite
import KoersStore
import KoersTestSupport
import Logging
import Synchronization
import Testing

@testable import KoersWeb

/// Log lines: one JSON object per line for collectors, or text; one line per request with what happened to it.
@Suite struct LogTests {
    final class Lines: Sendable {
        private let lines = Mutex<[String]>([])
        var all: [String] { lines.withLock { $0 } }
        func append(_ line: String) { lines.withLock { $0.append(line) } }
    }

    static let noon = Date(timeIntervalSince1970: 1_795_348_800.042)

    static func logger(_ format: LogFormat, into lines: Lines, level: Logger.Level = .info) -> Logger {
        Logger(label: "test") { _ in LineLogHandler(format: format, level: level, write: { lines.append($0) }, now: { noon }) }
    }

    static func object(_ line: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    @Test func jsonLinesCarryTimeLevelMessageAndFlattenedMetadata() throws {
        let lines = Lines()
        var logger = Self.logger(.json, into: lines)
        logger[metadataKey: "instance"] = "a"
        logger.warning("zei \"hallo\"\nen ging", metadata: ["status": .stringConvertible(503), "duration_ms": .stringConvertible(12.5),
                                                           "request": ["id": "r1", "path": "/plannen"]])
        logger.debug("not at info")
        #expect(lines.all.count == 1)
        let line = try #require(lines.all.first)
        #expect(!line.contains("\n"))
        #expect(line.hasPrefix("{\"timestamp\":\"2026-11-22T12:00:00.042Z\",\"level\":\"warning\","))
        let object = try Self.object(line)
        #expect(object["message"] as? String == "zei \"hallo\"\nen ging")
        #expect(object["status"] as? Int == 503)
        #expect(object["duration_ms"] as? Double == 12.5)
        #expect(object["request.id"] as? String == "r1")
        #expect(object["request.path"] as? String == "/plannen")
        #expect(object["instance"] as? String == "a")
    }

    @Test func textLinesReadAsTheyAre() {
        let lines = Lines()
        Self.logger(.text, into: lines).info("started", metadata: ["store": "koers.sqlite", "address": "127.0.0.1:8080", "note": "twee woorden"])
        #expect(lines.all == ["2026-11-22T12:00:00.042Z info started address=127.0.0.1:8080 note=\"twee woorden\" store=koers.sqlite"])
    }

    @Test func theTimestampKeepsMillisecondsBefore1970Too() {
        #expect(LineLogHandler.timestamp(Date(timeIntervalSince1970: -0.5)) == "1969-12-31T23:59:59.500Z")
        #expect(LineLogHandler.timestamp(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
    }

    @Test func everyRequestIsLoggedOnceWithMethodPathRouteStatusDurationAndRequestID() async throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteStore(path: folder.path("koers.sqlite"))
        try await BundledCatalogue.loadIfEmpty(store)
        let lines = Lines()
        let app = try await buildApplication(store: store, logger: Self.logger(.json, into: lines))
        try await app.test(.router) { client in
            _ = try await client.execute(uri: "/plannen/streekvisie-zwv?x=1", method: .get, headers: [RequestObserver.requestID: "proxy-7"])
            _ = try await client.execute(uri: "/bestaat-niet", method: .get)
        }
        let requests = try lines.all.map(Self.object).filter { $0["message"] as? String == "request" }
        #expect(requests.count == 2)
        let page = try #require(requests.first)
        #expect(page["method"] as? String == "GET")
        #expect(page["path"] as? String == "/plannen/streekvisie-zwv")
        #expect(page["route"] as? String == "/plannen/{plan}")
        #expect(page["status"] as? Int == 200)
        #expect((page["duration_ms"] as? Double ?? -1) >= 0)
        #expect(page["request_id"] as? String == "proxy-7")
        #expect(page["hb.request.id"] == nil)
        let missing = try #require(requests.last)
        #expect(missing["status"] as? Int == 404)
        #expect((missing["request_id"] as? String)?.isEmpty == false, "Hummingbird's own id without a proxy's")
    }
}
