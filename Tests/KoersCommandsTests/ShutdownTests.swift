#if canImport(FoundationNetworking)
import Foundation
import FoundationNetworking
import KoersBundledCatalogue
import KoersCommands
import KoersCore
import KoersPostgres
import KoersSQLite
import KoersStore
import KoersTestSupport
import Testing
#endif

/// Real `koers` processes stopped by SIGTERM: a server answers what it was answering and exits 0; an import leaves the
/// store exactly as it was.
@Suite struct ShutdownTests {
    /// A long canonical CSV of synthetic values for `bench`: `rows` values over municipalities that exist in every
    /// month, from 1901 on.
    static func generate(rows: Int, in folder: TemporaryFolder) throws -> String {
        let municipalities = try BundledCatalogue.load().geography.regions.values
            .filter { $0.level == .municipality && $0.validFrom == nil && $0.validTo == nil }.map(\.code).sorted()
        // Months, from 1901-01 on: 400,000 values over 565 municipalities stay within 59 years.
        let months = rows / municipalities.count + 1
        var text = "indicator,region,period,value\n"
        var count = 0
        outer: for region in municipalities {
            for month in 0..<months {
                guard count < rows else { break outer }
                text += "bench,\(region),\(1901 + month / 12)-\(String(format: "%02d", month % 12 + 1)),\(count % 9973).5\n"
                count += 1
            }
        }
        try folder.write("groot.csv", text)
        return "groot.csv"
    }

    /// Observations, data version and import batches, read from the store itself.
    struct Snapshot: Equatable {
        var observations: Int
        var version: Int64
        var batches: Int
    }

    static func snapshot(_ db: [String], in folder: TemporaryFolder) async throws -> Snapshot {
        func snapshot(_ store: any Store) async throws -> Snapshot {
            Snapshot(observations: try await store.allObservations().count, version: try await store.dataVersion(),
                     batches: try await store.batches().count)
        }
        if db.isEmpty { return try await snapshot(SQLiteStore(path: folder.path("koers.sqlite"))) }
        return try await PostgresStore.with(url: db[1]) { try await snapshot($0) }
    }

    static func withStore(_ kind: StoreKind, _ body: ([String]) async throws -> Void) async throws {
        switch kind {
        case .sqlite: try await body([])
        case .postgres: try await ScratchDatabase.with(on: try TestPostgres.requireURL()) { try await body(["--db", $0]) }
        case .memory: throw StoreKind.NoLocation()
        }
    }

    static let rows = 60_000
    /// Enough for an import to be still running when the signal comes, with the machine busy (60,000 rows took under
    /// a second on SQLite and were sometimes committed first).
    static let importRows = 400_000

    @Test(arguments: StoreKind.all) func anInterruptedImportLeavesTheStoreAsItWasAndTheNextOneSucceeds(_ kind: StoreKind) async throws {
        try await Self.withStore(kind) { db in
            let cli = CommandLineTests()
            let folder = try TemporaryFolder()
            let add = try cli.koers(["indicator", "add", "bench", "--name", "Proef", "--unit", "count", "--frequency", "monthly"] + db, in: folder)
            #expect(add.status == 0, "\(add.errors)")
            try folder.write("klein.csv", "indicator,region,period,value\nbench,34022,2020,1.5\n")
            #expect(try cli.koers(["import", "klein.csv"] + db, in: folder).status == 0)
            let file = try Self.generate(rows: Self.importRows, in: folder)
            let before = try await Self.snapshot(db, in: folder)

            let running = try RunningKoers(["import", file] + db, in: folder)
            // Printed once the interruption is watched for, before the first row is read.
            try await running.waitForOutput(containing: "importing 1 file into")
            running.signal(SIGTERM)
            let end = try await running.exit()
            #expect(end.reason == .exit, "ended by the signal instead of an orderly stop")
            #expect(end.status == 128 + SIGTERM)
            #expect(running.standardError.contains("import interrupted by SIGTERM: nothing was written"), "\(running.standardError)")
            #expect(try await Self.snapshot(db, in: folder) == before)

            let again = try cli.koers(["import", file] + db, in: folder)
            #expect(again.status == 0, "\(again.errors)")
            #expect(again.output.contains("\(Self.importRows) values read; \(Self.importRows) new"), "\(again.output)")
            let after = try await Self.snapshot(db, in: folder)
            #expect(after.observations == before.observations + Self.importRows)
            #expect(after.batches == before.batches + 1)
            #expect(after.version > before.version)
        }
    }

    @Test func aServerStoppedBySIGTERMFinishesTheRequestInFlightAndExitsZero() async throws {
        let cli = CommandLineTests()
        let folder = try TemporaryFolder()
        #expect(try cli.koers(["indicator", "add", "bench", "--name", "Proef", "--unit", "count", "--frequency", "monthly"], in: folder).status == 0)
        let file = try Self.generate(rows: Self.rows, in: folder)
        #expect(try cli.koers(["import", file], in: folder).status == 0)

        // No cache: every download is computed, slowly enough to be caught in flight.
        let server = try RunningKoers(["serve", "--port", "0", "--cache-mb", "0", "--log-format", "json"], in: folder)
        let started = try await server.waitForOutput(containing: "Koers serves")
        let port = try #require(started.firstMatch(of: /http:\/\/127\.0\.0\.1:(\d+)/)?.1).description
        let base = "http://127.0.0.1:\(port)"
        // Every value as JSON: the largest answer, computed afresh each time (no cache).
        let download = URL(string: "\(base)/api/v1/indicators/bench/observations")!
        let (expected, _) = try await URLSession.shared.data(from: download)
        #expect(expected.count > Self.rows * 20, "every value")
        let slow = Task {
            let (data, response) = try await URLSession.shared.data(from: download)
            return (data, (response as? HTTPURLResponse)?.statusCode)
        }
        // In flight: the download and this scrape.
        var inFlight = 0.0
        for _ in 0..<500 where inFlight < 2 {
            let (metrics, _) = try await URLSession.shared.data(from: URL(string: "\(base)/metrics")!)
            let line = String(decoding: metrics, as: UTF8.self).split(separator: "\n").first { $0.hasPrefix("koers_http_requests_in_flight ") }
            inFlight = Double(line?.split(separator: " ").last ?? "") ?? 0
        }
        try #require(inFlight >= 2, "the download was never seen in flight")
        server.signal(SIGTERM)

        // The whole answer: Hummingbird closes a quiescing connection right after queuing the answer's end, and without
        // `CloseAfterWritesHandler` NIO dropped what the socket had not taken yet.
        let (data, status) = try await slow.value
        #expect(status == 200)
        #expect(data == expected, "the whole answer: \(data.count) of \(expected.count) bytes")
        let end = try await server.exit()
        #expect(end.reason == .exit && end.status == 0, "\(server.standardError)")
        let log = server.standardError.split(separator: "\n").map(String.init)
        let request = try #require(log.lastIndex { $0.contains("\"path\":\"/api/v1/indicators/bench/observations\"") }, "\(log)")
        #expect(log[request].contains("\"status\":200"))
        let stopped = try #require(log.firstIndex { $0.contains("store closed") }, "\(log)")
        #expect(request < stopped)
    }

    @Test func anAnswerStillBeingSentAtSIGTERMArrivesWhole() async throws {
        let cli = CommandLineTests()
        let folder = try TemporaryFolder()
        #expect(try cli.koers(["indicator", "add", "bench", "--name", "Proef", "--unit", "count", "--frequency", "monthly"], in: folder).status == 0)
        #expect(try cli.koers(["import", try Self.generate(rows: Self.rows, in: folder)], in: folder).status == 0)
        let server = try RunningKoers(["serve", "--port", "0"], in: folder)
        let started = try await server.waitForOutput(containing: "Koers serves")
        let printed = try #require(started.firstMatch(of: /http:\/\/127\.0\.0\.1:(\d+)/)?.1)
        let port = try #require(Int(printed))
        let path = "/api/v1/indicators/bench/observations"
        let (expected, _) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)\(path)")!)

        // A reader that has taken the first bytes of the answer and little more: the rest waits in the server.
        let reader = try RawConnection(port: port, receiveBuffer: 4096)
        try await reader.send("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        try await reader.read(atLeast: 1)
        server.signal(SIGTERM)
        let answer = try await reader.readToEnd()
        #expect(answer.status == 200, "\(answer.headers)")
        #expect(answer.body.count == expected.count, "the whole answer: \(answer.body.count) of \(expected.count) bytes")
        #expect(Data(answer.body) == expected)
        let end = try await server.exit()
        #expect(end.reason == .exit && end.status == 0, "\(server.standardError)")
    }
}
