import Foundation
import Hummingbird
import HummingbirdTesting
import KoersBundledCatalogue
import KoersCore
import KoersStore
import KoersStoreTesting
import Synchronization
import Testing

@testable import KoersWeb

/// What readers get when the database fails: a 503 page in the address's language or the API's JSON error, never a
/// blank 500; nothing of the failure kept by the response cache; `/healthz` 503. The store is `StoreDouble`, which
/// answers from a real store with the bundled plans except where a test makes a call fail, and fails the test on any
/// call nobody set up.
@Suite struct StoreFailureTests {
    static let target = "/plannen/streekvisie-zwv/ambities/2.1.2"
    /// What a failing driver might say; it must reach the log only, never an answer.
    static let secret = StoreDouble.Failure("connection to postgres://koers:s3cret@db.internal refused")

    /// The bundled plans in a memory store, as `koers serve` loads them into a new store.
    static func bundled() async throws -> MemoryStore {
        let memory = MemoryStore()
        try await BundledCatalogue.loadIfEmpty(memory)
        return memory
    }

    static func expectUnavailable(_ response: TestResponse, _ path: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let body = String(buffer: response.body)
        #expect(response.status == .serviceUnavailable, "\(path)", sourceLocation: sourceLocation)
        #expect(response.headers[.cacheControl] == "no-store", "\(path)", sourceLocation: sourceLocation)
        #expect(!body.contains("s3cret") && !body.contains("db.internal"), "\(path) shows the driver's message", sourceLocation: sourceLocation)
    }

    @Test func everyKindOfAnswerIs503WhenTheDatabaseIsDown() async throws {
        let app = try await buildApplication(store: StoreDouble.down(Self.secret))
        try await app.test(.router) { client in
            for (path, phrase) in [("/", "Tijdelijk niet beschikbaar"), ("/en/indicatoren/werkzoekenden", "Temporarily unavailable"),
                                   (Self.target + "/data.csv", "Tijdelijk niet beschikbaar")] {
                let response = try await client.execute(uri: path, method: .get)
                Self.expectUnavailable(response, path)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8", "\(path)")
                #expect(response.headers[.retryAfter] == "30", "\(path)")
                #expect(String(buffer: response.body).contains(phrase), "\(path)")
            }
            let api = try await client.execute(uri: "/api/v1/plans", method: .get)
            Self.expectUnavailable(api, "/api/v1/plans")
            let error = try JSONDecoder().decode(ErrorBody.self, from: Data(buffer: api.body))
            #expect(error.error.status == 503)
            let health = try await client.execute(uri: "/healthz", method: .get)
            Self.expectUnavailable(health, "/healthz")
            let healthBody = try JSONDecoder().decode([String: String].self, from: Data(buffer: health.body))
            #expect(healthBody["status"] == "unavailable")
        }
    }

    @Test func aReadFailingHalfWayThroughAPageGives503AndTheNextReaderAFreshPage() async throws {
        let memory = try await Self.bundled()
        let failing = Atomic(true)
        let reads = Atomic(0)
        var store = StoreDouble(answeringFrom: memory)
        // The page reads plans and the catalogue first and the indicator's values later: the failure comes mid-page.
        store.answers.observations = { indicator, regions in
            reads.add(1, ordering: .sequentiallyConsistent)
            if failing.load(ordering: .sequentiallyConsistent) { throw Self.secret }
            return await memory.observations(indicator: indicator, regions: regions)
        }
        let app = try await buildApplication(store: store)
        try await app.test(.router) { client in
            Self.expectUnavailable(try await client.execute(uri: Self.target, method: .get), Self.target)
            Self.expectUnavailable(try await client.execute(uri: "/api/v1/plans/streekvisie-zwv/targets/2.1.2", method: .get), "API target")
            let failedReads = reads.load(ordering: .sequentiallyConsistent)
            #expect(failedReads >= 2)

            failing.store(false, ordering: .sequentiallyConsistent)
            let recovered = try await client.execute(uri: Self.target, method: .get)
            #expect(recovered.status == .ok, "the 503 was not kept: the page is computed afresh")
            #expect(String(buffer: recovered.body).contains("2.1.2"))
            let readsForFreshPage = reads.load(ordering: .sequentiallyConsistent)
            #expect(readsForFreshPage > failedReads)
            // The good page is kept (same data version): a third request reads nothing, so the cache is really on.
            let cached = try await client.execute(uri: Self.target, method: .get)
            #expect(cached.body == recovered.body)
            #expect(reads.load(ordering: .sequentiallyConsistent) == readsForFreshPage)
        }
    }

    /// Without a data version nothing may come from memory or go into it; a page whose own reads work is still
    /// served, computed afresh each time, while `/healthz` says the store is failing.
    @Test func withoutADataVersionPagesAreComputedAfreshAndHealthIs503() async throws {
        let memory = try await Self.bundled()
        let planReads = Atomic(0)
        var store = StoreDouble(answeringFrom: memory)
        store.answers.dataVersion = { throw Self.secret }
        store.answers.plan = { id in
            planReads.add(1, ordering: .sequentiallyConsistent)
            return await memory.plan(id: id)
        }
        let app = try await buildApplication(store: store)
        try await app.test(.router) { client in
            let first = try await client.execute(uri: "/plannen/streekvisie-zwv", method: .get)
            let second = try await client.execute(uri: "/plannen/streekvisie-zwv", method: .get)
            #expect(first.status == .ok)
            #expect(second.body == first.body)
            #expect(planReads.load(ordering: .sequentiallyConsistent) == 2, "each request computed its page: nothing kept")
            Self.expectUnavailable(try await client.execute(uri: "/healthz", method: .get), "/healthz")
        }
    }

    @Test func anUnknownAddressIsStill404NotA503() async throws {
        let app = try await buildApplication(store: StoreDouble(answeringFrom: try await Self.bundled()))
        try await app.test(.router) { client in
            let page = try await client.execute(uri: "/plannen/bestaat-niet", method: .get)
            let api = try await client.execute(uri: "/api/v1/plans/bestaat-niet", method: .get)
            #expect(page.status == .notFound)
            #expect(api.status == .notFound)
        }
    }
}
