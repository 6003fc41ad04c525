import Foundation
import KoersPostgres
import KoersTestSupport
import Synchronization
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Several instances (issue: production deployment): two real `koers serve` processes on one store, both with warm
/// response caches, while `koers import` in a third process changes every value of an indicator in one import. Both
/// are polled without pause during the import; every answer must be complete and wholly the old or wholly the new
/// state, and once the import has finished both must serve the new state and report the same data version.
@Suite struct MultiInstanceTests {
    @Test(arguments: StoreKind.all)
    func twoInstancesServeWhollyOldOrWhollyNewAnswersDuringAnImportAndTheNewStateAfter(_ kind: StoreKind) async throws {
        try await Self.withDatabase(kind) { db, folder in
            let fixture = try Fixture(in: folder)
            try await cli(["indicator", "load", fixture.catalogue.path], db, in: folder)
            try await cli(["import", fixture.oldState.path], db, in: folder)

            let a = try await Server.start(db: db, in: folder, name: "a")
            defer { a.stop() }
            let b = try await Server.start(db: db, in: folder, name: "b")
            defer { b.stop() }

            // Warm both caches, and keep the old answers: each instance computes its own, and they must be the same bytes.
            var old: [Fixture.Address: Data] = [:]
            for address in Fixture.Address.allCases {
                let fromA = try await a.get(address.path), fromB = try await b.get(address.path)
                #expect(fromA.status == 200 && fromB.status == 200, "\(address)")
                #expect(fromA.body == fromB.body, "the two instances answer \(address) differently before the import")
                old[address] = fromA.body
                #expect(try await a.get(address.path).body == fromA.body, "\(address) is not stable while nothing changes")
            }
            try fixture.check(old, is: .old)
            let versionBefore = try await a.dataVersion()
            #expect(try await b.dataVersion() == versionBefore)

            // Both instances polled without pause (each by one reader, one request after another) until the import ends.
            let polls = [Poll(a), Poll(b)]
            let pollers = polls.map { poll in Task { await poll.run() } }
            for poll in polls { await poll.waitForFirstRound() }
            let importStart = ContinuousClock.now
            let run = try await koers(["import", fixture.newState.path], db, in: folder)
            let importEnd = ContinuousClock.now
            for poll in polls { poll.stop() }
            for poller in pollers { await poller.value }
            #expect(run.status == 0, "\(run.errors)")
            #expect(run.output.contains("\(fixture.ballastRows) new, \(fixture.watchedRows) changed, 0 unchanged"), "\(run.output)")

            // (2) The next request to either instance gets the new state: nothing stale was kept.
            var new: [Fixture.Address: Data] = [:]
            for address in Fixture.Address.allCases {
                let fromA = try await a.get(address.path), fromB = try await b.get(address.path)
                #expect(fromA.status == 200 && fromB.status == 200, "\(address)")
                #expect(fromA.body == fromB.body, "the two instances answer \(address) differently after the import")
                #expect(fromA.body != old[address], "\(address) still answers the old state after the import")
                new[address] = fromA.body
            }
            try fixture.check(new, is: .new)
            let versionAfter = try await a.dataVersion()
            #expect(try await b.dataVersion() == versionAfter, "the two instances report different data versions after the import")
            #expect(versionAfter > versionBefore)

            // (1) and (3) Every answer during the import: 200, and byte for byte the old or the new state, per instance
            // in that order (once an instance has answered the new state, never the old one again).
            for poll in polls {
                let answers = poll.answers
                let server = poll.server.name
                #expect(answers.allSatisfy { $0.status == 200 },
                        "instance \(server): \(answers.filter { $0.status != 200 }.map(\.description).prefix(5))")
                var seenNew = false
                var states: [Fixture.State: Int] = [:]
                var oldDuringImport = 0
                for answer in answers where answer.status == 200 && answer.address != nil {
                    let state: Fixture.State? = answer.body == old[answer.address!] ? .old : answer.body == new[answer.address!] ? .new : nil
                    guard let state else {
                        Issue.record("instance \(server): \(answer.description) is neither the old nor the new state: \(fixture.describe(answer))")
                        continue
                    }
                    states[state, default: 0] += 1
                    if state == .new { seenNew = true }
                    #expect(!(seenNew && state == .old), "instance \(server) answered the old state after the new one: \(answer.description)")
                    if state == .old && answer.start > importStart { oldDuringImport += 1 }
                }
                // The version only grows, and the last one seen during the import is at most the final one.
                let versions = answers.compactMap(\.dataVersion)
                #expect(versions == versions.sorted(), "instance \(server): data versions went back: \(versions)")
                #expect(versions.last.map { $0 <= versionAfter } ?? false)
                // Not vacuous: the instance was asked during the import and answered the old state then.
                #expect(oldDuringImport > 0, "instance \(server) answered nothing old after the import started: \(states)")
                print("\(kind), instance \(server): \(answers.count) answers while importing (\(importStart.duration(to: importEnd))): "
                      + "\(states[.old] ?? 0) old (\(oldDuringImport) after the import started), \(states[.new] ?? 0) new, "
                      + "versions \(versions.first ?? -1)…\(versions.last ?? -1) of \(versionBefore)→\(versionAfter)")
            }
        }
    }

    /// A new, empty store of this kind for `body`'s `--db`: a SQLite file in the test's folder, or a new PostgreSQL
    /// database (dropped afterwards).
    static func withDatabase(_ kind: StoreKind, _ body: (_ db: String, _ folder: TemporaryFolder) async throws -> Void) async throws {
        let folder = try TemporaryFolder()
        switch kind {
        case .sqlite: try await body(folder.path("koers.sqlite"), folder)
        case .postgres: try await ScratchDatabase.with(on: try TestPostgres.requireURL()) { try await body($0, folder) }
        case .memory: throw StoreKind.NoLocation()
        }
    }

    /// Runs `koers arguments --db db` and requires it to succeed.
    func cli(_ arguments: [String], _ db: String, in folder: TemporaryFolder) async throws {
        let run = try await koers(arguments, db, in: folder)
        try #require(run.status == 0, "koers \(arguments.joined(separator: " ")): \(run.errors)")
    }

    /// Runs `koers arguments --db db`, its output in files, without holding a thread while it runs: the pollers, and
    /// the tests running beside this one, need the few the machine has.
    func koers(_ arguments: [String], _ db: String, in folder: TemporaryFolder) async throws -> CommandLineTests.Run {
        try #require(FileManager.default.isExecutableFile(atPath: CommandLineTests.executable.path),
                     "build the executable first: swift build (looked for \(CommandLineTests.executable.path))")
        let name = "koers-\(UUID().uuidString)"
        let process = Process()
        process.executableURL = CommandLineTests.executable
        process.arguments = arguments + ["--db", db]
        process.currentDirectoryURL = folder.url
        process.standardOutput = try FileHandle.creating(folder.path("\(name).out"))
        process.standardError = try FileHandle.creating(folder.path("\(name).err"))
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch { continuation.resume(throwing: error) }
        }
        return CommandLineTests.Run(status: status, output: try String(contentsOfFile: folder.path("\(name).out"), encoding: .utf8),
                                    errors: try String(contentsOfFile: folder.path("\(name).err"), encoding: .utf8))
    }
}

extension MultiInstanceTests {
    /// The indicator the instances show, in two states, and the files that write them.
    ///
    /// `multi-watched` has a value for each of the 14 regions above the municipalities in each year 1901–2100 (2,800
    /// values); the second import changes every one of them, and adds `multi-ballast` (20,000 new values) between its first
    /// and its second half, so that the import takes a while and an import that showed its rows before its end would show
    /// as a mix of old and new values in the answers polled.
    struct Fixture {
        enum State { case old, new }

        /// What the instances are polled on: the indicator page, its CSV download (the regions shown by default) and the
        /// API's list of every value.
        enum Address: CaseIterable {
            case page, csv, api

            var path: String {
                switch self {
                case .page: "/indicatoren/multi-watched"
                case .csv: "/indicatoren/multi-watched/data.csv"
                case .api: "/api/v1/indicators/multi-watched/observations"
                }
            }
        }

        let catalogue: URL, oldState: URL, newState: URL
        let watchedRows: Int, ballastRows: Int
        /// "region period" → value, per state.
        private let values: [State: [String: Double]]

        init(in folder: TemporaryFolder) throws {
            let geography = try String(contentsOf: SharedFolder.repositoryRoot.appendingPathComponent("data/geography/regions.yaml"), encoding: .utf8)
            // Regions valid throughout (no valid_from or valid_to), as the import checks each value's region in its period.
            func codes(_ levels: String) -> [String] {
                geography.split(separator: "\n").filter { $0.contains("level: \(levels)") && !$0.contains("valid_") }
                    .compactMap { $0.firstMatch(of: /code: "(\d{5})"/).map { String($0.1) } }
            }
            let above = ["country", "region", "province"].flatMap(codes)
            let municipalities = Array(codes("municipality").prefix(100))
            let years = 1901...2100
            let keys = above.flatMap { region in years.map { "\(region) \($0)" } }
            let oldValues = Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($1, Double($0) + 0.5) })
            let newValues = Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($1, Double($0) + 100_000.25) })
            values = [.old: oldValues, .new: newValues]
            watchedRows = keys.count
            ballastRows = municipalities.count * years.count

            func rows(_ values: [String: Double], _ keys: ArraySlice<String>) -> String {
                keys.map { key in
                    let (region, period) = (key.prefix(5), key.dropFirst(6))
                    return "multi-watched,\(region),\(period),\(values[key]!)\n"
                }.joined()
            }
            let header = "indicator,region,period,value\n"
            catalogue = try folder.write("catalogue.yaml", """
                indicators:
                  - {code: multi-watched, name: {nl: "Bewaakte indicator"}, unit: count, aggregation: none}
                  - {code: multi-ballast, name: {nl: "Ballast"}, unit: count, aggregation: none}

                """)
            oldState = try folder.write("old.csv", header + rows(oldValues, keys[...]))
            let ballast = municipalities.flatMap { region in years.map { "multi-ballast,\(region),\($0),\($0 % 97)\n" } }.joined()
            let half = keys.count / 2
            newState = try folder.write("new.csv", header + rows(newValues, keys[..<half]) + ballast + rows(newValues, keys[half...]))
            #expect(above.count == 14 && municipalities.count == 100, "\(above.count) regions above municipalities, \(municipalities.count) municipalities")
        }

        /// Requires the API's answer to hold exactly `state`'s values, and the CSV's at least 100 of them and nothing else;
        /// the page must be complete.
        func check(_ answers: [Address: Data], is state: State) throws {
            let api = try #require(answers[.api]), csv = try #require(answers[.csv]), page = try #require(answers[.page])
            #expect(try apiValues(api) == values[state]!, "the API does not answer the \(state) values")
            let csvValues = try self.csvValues(csv)
            #expect(csvValues.count >= 100 && csvValues.allSatisfy { values[state]![$0.key] == $0.value },
                    "the CSV download does not answer the \(state) values: \(csvValues.count) rows")
            #expect(String(decoding: page, as: UTF8.self).contains("</html>"))
        }

        /// What an answer that is neither state holds, for the failure message.
        func describe(_ answer: Poll.Answer) -> String {
            let found: [String: Double]? = switch answer.address {
            case .api: try? apiValues(answer.body)
            case .csv: try? csvValues(answer.body)
            default: nil
            }
            guard let found else { return "\(answer.body.count) bytes" }
            let old = found.filter { values[.old]![$0.key] == $0.value }.count, new = found.filter { values[.new]![$0.key] == $0.value }.count
            return "\(found.count) values: \(old) old, \(new) new, \(found.count - old - new) neither"
        }

        private func apiValues(_ body: Data) throws -> [String: Double] {
            let json = try #require(JSONSerialization.jsonObject(with: body) as? [String: Any])
            let list = try #require(json["observations"] as? [[String: Any]])
            return Dictionary(try list.map { o in
                let region = try #require((o["region"] as? [String: Any])?["code"] as? String)
                return ("\(region) \(try #require(o["period"] as? String))", try #require(o["value"] as? Double))
            }) { first, _ in first }
        }

        /// The CSV's values (columns indicator, region, region_name, period, breakdown, value, …; no quoted commas here).
        private func csvValues(_ body: Data) throws -> [String: Double] {
            let lines = String(decoding: body, as: UTF8.self).split(separator: "\r\n").dropFirst()
            return Dictionary(try lines.map { line in
                let fields = line.split(separator: ",", omittingEmptySubsequences: false)
                try #require(fields.count == 9, "\(line)")
                return ("\(fields[1]) \(fields[3])", try #require(Double(fields[5])))
            }) { first, _ in first }
        }
    }

    /// A `koers serve` process on a free port, its output in a file, stopped by `stop()`.
    /// `@unchecked`: the process is only started in `start` and ended in `stop`; everything else is immutable.
    final class Server: @unchecked Sendable {
        let name: String
        let base: String
        private let process: Process
        private static let session: URLSession = {
            let configuration = URLSessionConfiguration.ephemeral
            configuration.urlCache = nil
            configuration.requestCachePolicy = .reloadIgnoringLocalAndRemoteCacheData
            configuration.timeoutIntervalForRequest = 30
            return URLSession(configuration: configuration)
        }()

        private init(name: String, base: String, process: Process) {
            self.name = name
            self.base = base
            self.process = process
        }

        /// Starts `koers serve --db db` and returns once it answers `/healthz` (fails with its log if the process ends
        /// first; gives up after three minutes, which only a machine far busier than a full parallel test run needs).
        static func start(db: String, in folder: TemporaryFolder, name: String) async throws -> Server {
            let log = folder.path("serve-\(name).log")
            let port = try FreePort.find()
            let process = Process()
            process.executableURL = CommandLineTests.executable
            process.arguments = ["serve", "--db", db, "--host", "127.0.0.1", "--port", String(port)]
            process.currentDirectoryURL = folder.url
            process.standardOutput = try FileHandle.creating(log)
            process.standardError = process.standardOutput
            try process.run()
            let server = Server(name: name, base: "http://127.0.0.1:\(port)", process: process)
            let deadline = ContinuousClock.now + .seconds(180)
            while ContinuousClock.now < deadline {
                if (try? await server.get("/healthz"))?.status == 200 { return server }
                guard process.isRunning else {
                    throw ServerError("koers serve \(name) ended: \((try? String(contentsOfFile: log, encoding: .utf8)) ?? "")")
                }
                try await Task.sleep(for: .milliseconds(50))
            }
            server.stop()
            throw ServerError("koers serve \(name) did not answer /healthz on port \(port) within three minutes")
        }

        func stop() {
            guard process.isRunning else { return }
            process.terminate()
            process.waitUntilExit()
        }

        func get(_ path: String) async throws -> (status: Int, body: Data) {
            let (data, response) = try await Self.session.data(from: URL(string: base + path)!)
            return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
        }

        /// The data version `/healthz` reports.
        func dataVersion() async throws -> Int64 {
            let answer = try await get("/healthz")
            let json = try JSONSerialization.jsonObject(with: answer.body) as? [String: String]
            guard answer.status == 200, let version = json?["data_version"].flatMap({ Int64($0) }) else {
                throw ServerError("\(name) /healthz answered \(answer.status): \(String(decoding: answer.body, as: UTF8.self))")
            }
            return version
        }

        struct ServerError: Error, CustomStringConvertible {
            var description: String
            init(_ description: String) { self.description = description }
        }
    }

    /// One reader asking one instance for the three addresses and `/healthz`, one request after another, until stopped.
    final class Poll: Sendable {
        struct Answer: Sendable, CustomStringConvertible {
            /// nil: `/healthz`.
            var address: Fixture.Address?
            var start: ContinuousClock.Instant
            /// The HTTP status; 0 when the request failed (`error` says why).
            var status: Int
            var body: Data
            var dataVersion: Int64?
            var error: String?

            var description: String {
                "\(address?.path ?? "/healthz") → \(status)\(error.map { " (\($0))" } ?? "")"
            }
        }

        let server: Server
        private let state = Mutex<(stopped: Bool, rounds: Int, answers: [Answer])>((false, 0, []))
        private let firstRound = AsyncStream<Void>.makeStream()

        init(_ server: Server) {
            self.server = server
        }

        var answers: [Answer] { state.withLock { $0.answers } }

        func stop() { state.withLock { $0.stopped = true } }

        func waitForFirstRound() async {
            for await _ in firstRound.stream { return }
        }

        func run() async {
            while !state.withLock({ $0.stopped }) {
                for address in Fixture.Address.allCases.map(Optional.some) + [nil] {
                    let start = ContinuousClock.now
                    var answer = Answer(address: address, start: start, status: 0, body: Data())
                    do {
                        (answer.status, answer.body) = try await server.get(address?.path ?? "/healthz")
                        if address == nil {
                            answer.dataVersion = (try? JSONSerialization.jsonObject(with: answer.body) as? [String: String])?["data_version"]
                                .flatMap { Int64($0) }
                            answer.body = Data()
                        }
                    } catch {
                        answer.error = String(describing: error)
                    }
                    state.withLock { $0.answers.append(answer) }
                }
                let rounds = state.withLock { state -> Int in
                    state.rounds += 1
                    return state.rounds
                }
                if rounds == 1 {
                    firstRound.continuation.yield()
                    firstRound.continuation.finish()
                }
            }
        }
    }
}

/// A TCP port no one listens on now (the system's choice for port 0).
enum FreePort {
    static func find() throws -> Int {
        #if os(Linux)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw MultiInstanceTests.Server.ServerError("socket() failed") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw MultiInstanceTests.Server.ServerError("could not bind a free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

extension FileHandle {
    /// A new (or emptied) file at `path`, open for writing: a child process's output, never a pipe it could fill.
    static func creating(_ path: String) throws -> FileHandle {
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        return try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    }
}
