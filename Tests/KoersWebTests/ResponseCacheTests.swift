import Foundation
import Hummingbird
import HummingbirdTesting
import KoersBundledCatalogue
import KoersCore
import KoersSQLite
import KoersStore
import KoersTestSupport
import Synchronization
import Testing

@testable import KoersWeb

/// Finished answers are reused only while the store's data version holds: a write by this process or by another one
/// on the same file shows on the next request.
@Suite struct ResponseCacheTests {
    let folder: TemporaryFolder
    let store: SQLiteStore

    init() async throws {
        folder = try TemporaryFolder()
        store = try SQLiteStore(path: folder.path("koers.sqlite"))
        try await BundledCatalogue.loadIfEmpty(store)
    }

    static let target = "/plannen/streekvisie-zwv/ambities/2.1.2"

    /// Renames the indicator of target 2.1.2 through `writer`, as an analyst editing the catalogue would.
    static func rename(through writer: any Store, to name: String) async throws {
        var indicator = try #require(try await writer.indicator(code: "niet-werkende-werkzoekenden"))
        indicator.name = LocalizedText(nl: name, en: name)
        try await writer.saveIndicators([indicator])
    }

    @Test func aRepeatedRequestGetsTheSameBytesAndARevalidationGets304() async throws {
        let app = try await buildApplication(store: store)
        try await app.test(.router) { client in
            let first = try await client.execute(uri: Self.target, method: .get)
            #expect(first.status == .ok)
            let etag = try #require(first.headers[.eTag])
            #expect(first.headers[.cacheControl] == "no-cache")
            let second = try await client.execute(uri: Self.target, method: .get)
            #expect(second.body == first.body)
            #expect(second.headers[.eTag] == etag)
            #expect(second.headers[.contentType] == "text/html; charset=utf-8")
            let revalidated = try await client.execute(uri: Self.target, method: .get, headers: [.ifNoneMatch: etag])
            #expect(revalidated.status == .notModified)
            #expect(revalidated.body.readableBytes == 0)
            let other = try await client.execute(uri: Self.target, method: .get, headers: [.ifNoneMatch: "\"0\", W/\(etag)"])
            #expect(other.status == .notModified, "a weak or listed tag matches too")
        }
    }

    @Test func aWriteByAnotherInstanceOnTheSameFileShowsOnTheNextRequest() async throws {
        let app = try await buildApplication(store: store)
        let second = try SQLiteStore(path: folder.path("koers.sqlite"))
        try await app.test(.router) { client in
            let before = try await client.execute(uri: Self.target, method: .get)
            let etag = try #require(before.headers[.eTag])
            try await Self.rename(through: second, to: "Werkzoekenden, hernoemd door een tweede instantie")
            let after = try await client.execute(uri: Self.target, method: .get, headers: [.ifNoneMatch: etag])
            #expect(after.status == .ok, "the reader's copy is stale")
            #expect(String(buffer: after.body).contains("Werkzoekenden, hernoemd door een tweede instantie"))
            #expect(after.headers[.eTag] != etag)
        }
    }

    @Test func downloadsAndTheAPIAreInvalidatedToo() async throws {
        let app = try await buildApplication(store: store)
        try await app.test(.router) { client in
            for uri in ["\(Self.target)/data.json", "/api/v1/indicators/niet-werkende-werkzoekenden"] {
                let before = String(buffer: try await client.execute(uri: uri, method: .get).body)
                #expect(!before.contains("Hernoemd"), "\(uri)")
            }
            try await Self.rename(through: store, to: "Hernoemd")
            let api = String(buffer: try await client.execute(uri: "/api/v1/indicators/niet-werkende-werkzoekenden", method: .get).body)
            #expect(api.contains("Hernoemd"))
        }
    }

    @Test func missingPagesAndErrorsAreNotKept() async throws {
        let cache = ResponseCache(capacity: 1 << 20)
        let router = Router()
        router.add(middleware: ResponseCacheMiddleware(store: store, cache: cache))
        router.get("/fixed") { _, _ in Response(status: .ok, headers: [.cacheControl: "no-store"], body: .init(byteBuffer: ByteBuffer(string: "live"))) }
        router.get("/kept") { _, _ in "kept" }
        let app = Application(router: router)
        try await app.test(.router) { client in
            let missing = try await client.execute(uri: "/nowhere", method: .get)
            #expect(missing.status == .notFound)
            let live = try await client.execute(uri: "/fixed", method: .get)
            #expect(live.headers[.eTag] == nil)
            #expect(cache.usage.entries == 0)
            let kept = try await client.execute(uri: "/kept", method: .get)
            #expect(String(buffer: kept.body) == "kept")
            #expect(cache.usage == (1, 4))
        }
    }

    @Test func healthAsksTheDatabaseEachTimeAndIsNeverKept() async throws {
        let app = try await buildApplication(store: store)
        try await app.test(.router) { client in
            let first = try await client.execute(uri: "/healthz", method: .get)
            #expect(first.status == .ok)
            #expect(first.headers[.cacheControl] == "no-store" && first.headers[.eTag] == nil)
            let version = try await store.dataVersion()
            #expect(String(buffer: first.body) == "{\"data_version\":\"\(version)\",\"status\":\"ok\"}")
            try await Self.rename(through: store, to: "Nieuw")
            let second = try await client.execute(uri: "/healthz", method: .get)
            #expect(String(buffer: second.body).contains("\"data_version\":\"\(try await store.dataVersion())\""))
            #expect(try await store.dataVersion() > version)
        }
    }

    @Test func manyReadersOfAMissingPageComputeItOnce() async throws {
        let flights = RenderFlights<Int>()
        let computed = Counter()
        let values = try await withThrowingTaskGroup(of: Int?.self) { group in
            for _ in 0..<50 {
                group.addTask {
                    try await flights.value(for: "page") {
                        computed.next()
                        try await Task.sleep(for: .milliseconds(200))
                        return 42
                    }
                }
            }
            return try await group.reduce(into: [Int?]()) { $0.append($1) }
        }
        #expect(values == Array(repeating: 42, count: 50))
        #expect(computed.count == 1)
    }

    @Test func aFailedComputationLetsEachWaiterComputeItsOwn() async throws {
        let flights = RenderFlights<Int>()
        let attempts = Counter()
        struct Failure: Error {}
        let results = await withTaskGroup(of: Int?.self) { group in
            for _ in 0..<5 {
                group.addTask {
                    try? await flights.value(for: "page") {
                        let attempt = attempts.next()
                        try await Task.sleep(for: .milliseconds(100))
                        if attempt == 1 { throw Failure() }
                        return attempt
                    }
                }
            }
            return await group.reduce(into: [Int?]()) { $0.append($1) }
        }
        #expect(results.filter { $0 == nil }.count == 1, "only the failing reader sees its error")
        #expect(results.compactMap { $0 }.count == 4)
    }

    @Test func theLeastRecentlyUsedGoFirstAndANewVersionDropsTheOld() {
        let cache = ResponseCache(capacity: 100)
        func entry(_ version: Int64, _ size: Int) -> ResponseCache.Entry {
            .init(version: version, status: .ok, headers: [:], body: ByteBuffer(repeating: 0, count: size), etag: "\"x\"")
        }
        cache.keep(entry(1, 40), as: "a")
        cache.keep(entry(1, 40), as: "b")
        _ = cache.entry("a", version: 1)
        cache.keep(entry(1, 40), as: "c")
        #expect(cache.entry("b", version: 1) == nil, "b was used least recently")
        #expect(cache.entry("a", version: 1) != nil)
        #expect(cache.entry("c", version: 1) != nil)
        cache.keep(entry(1, 101), as: "huge")
        #expect(cache.entry("huge", version: 1) == nil, "larger than the whole cache")
        #expect(cache.entry("a", version: 2) == nil)
        #expect(cache.usage == (0, 0), "version 2 makes every version-1 entry useless")
        cache.keep(entry(1, 10), as: "late")
        #expect(cache.usage == (0, 0), "an answer computed under an older version is not kept")
    }
}

/// A count shared by concurrent tasks.
private final class Counter: Sendable {
    private let value = Mutex(0)

    @discardableResult
    func next() -> Int { value.withLock { $0 += 1; return $0 } }

    var count: Int { value.withLock { $0 } }
}
