import Foundation
import KoersTestSupport
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The `koers` executable run as a user runs it: a real process, a real SQLite file, real output.
@Suite struct CommandLineTests {
    struct Run {
        var status: Int32
        var output: String
        var errors: String
    }

    /// The built `koers` beside the test bundle (`swift build` puts both in the same folder).
    static let executable: URL = {
        let here = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        return here.appendingPathComponent("koers")
    }()

    /// Runs `koers` in `folder`, with `environment` added to this process's (less a store the developer's shell names:
    /// without `--db`, the folder's koers.sqlite).
    func koers(_ arguments: [String], in folder: TemporaryFolder, environment: [String: String] = [:], input: String? = nil) throws -> Run {
        try #require(FileManager.default.isExecutableFile(atPath: Self.executable.path),
                     "build the executable first: swift build (looked for \(Self.executable.path))")
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = arguments
        process.currentDirectoryURL = folder.url
        var inherited = ProcessInfo.processInfo.environment
        inherited["KOERS_DATABASE_URL"] = nil
        process.environment = inherited.merging(environment) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let stdin = Pipe()
        process.standardInput = stdin
        try process.run()
        // Written and closed before reading: `--password-stdin` reads one line, then end of file.
        stdin.fileHandleForWriting.write(Data((input ?? "").utf8))
        try stdin.fileHandleForWriting.close()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, output: String(decoding: output, as: UTF8.self),
                   errors: String(decoding: errors, as: UTF8.self))
    }

    func json(_ run: Run) throws -> [[String: Any]] {
        try #require(JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [[String: Any]])
    }

    @Test func targetsJSONListsEveryStreekvisieAmbitionWithTheDocumentsNumbers() throws {
        let folder = try TemporaryFolder()
        let run = try koers(["targets", "--plan", "streekvisie-zwv", "--json"], in: folder)
        #expect(run.status == 0, "\(run.errors)")
        let targets = try json(run)
        #expect(targets.count == 38)
        let byCode = Dictionary(uniqueKeysWithValues: targets.map { ($0["code"] as! String, $0) })
        // Every target has the fields the issue asks for, with periods in the canonical notation.
        for t in targets {
            #expect(t["plan"] as? String == "streekvisie-zwv")
            for key in ["text", "region", "indicator"] { #expect(t[key] is String, "\(t["code"]!) \(key)") }
            let baseline = try #require(t["baseline"] as? [String: Any])
            let goal = try #require(t["target"] as? [String: Any])
            #expect(baseline.keys.contains("value") && baseline["period"] is String)
            #expect(["absolute", "relative", "maintain", "share", "average", "direction"].contains(goal["kind"] as? String ?? ""))
            #expect(goal.keys.contains("value"))
            let period = goal["period"] as? String ?? ""
            #expect(period.wholeMatch(of: /\d{4}(-Q[1-4]|-\d{2})?(\/\d{4})?/) != nil, "\(period)")
        }
        let jobseekers = try #require(byCode["2.1.2"])
        #expect(jobseekers["region"] as? String == "ZWV")
        #expect((jobseekers["baseline"] as? [String: Any])?["value"] as? Double == 7719)
        #expect((jobseekers["baseline"] as? [String: Any])?["period"] as? String == "2017")
        #expect((jobseekers["target"] as? [String: Any])?["value"] as? Double == 6000)
        #expect((jobseekers["target"] as? [String: Any])?["kind"] as? String == "absolute")
        let average = try #require(byCode["1.4.3"])
        #expect((average["baseline"] as? [String: Any])?["period"] as? String == "2009/2017")
        #expect((average["target"] as? [String: Any])?["period"] as? String == "2020/2030")
        #expect((average["target"] as? [String: Any])?["kind"] as? String == "average")
        // A relative target with no stated baseline value says null, not 0.
        let relative = try #require(byCode["1.1.1"])
        #expect((relative["baseline"] as? [String: Any])?["value"] is NSNull)
        #expect((relative["target"] as? [String: Any])?["value"] as? Double == 25)
        // Sub-targets name their parent; a West-Flemish sub-target in the ZWV plan keeps its own region.
        #expect(byCode["2.1.1.a"]?["parent"] as? String == "2.1.1")
        #expect(byCode["2.1.1.a"]?["region"] as? String == "30000")
    }

    @Test func plansJSONListsTheFivePlansAndTheStoreIsCreatedOnce() throws {
        let folder = try TemporaryFolder()
        let first = try koers(["plans", "--json", "--db", "mijn.sqlite"], in: folder)
        #expect(first.status == 0, "\(first.errors)")
        let plans = try json(first)
        #expect(plans.map { $0["id"] as! String }.sorted() == ["fabrieken-voor-de-toekomst", "masterplan-wvl",
                                                              "provinciaal-beleid", "relanceplan-wvl", "streekvisie-zwv"])
        #expect(plans.first { $0["id"] as? String == "relanceplan-wvl" }?["budget_total"] as? Double == 4_500_000)
        #expect(FileManager.default.fileExists(atPath: folder.path("mijn.sqlite")))
        let second = try koers(["plans", "--json", "--db", "mijn.sqlite"], in: folder)
        #expect(second.output == first.output)
    }

    @Test func checkAcceptsTheBundledDataAndReportsProblemsWithFileAndLine() throws {
        let folder = try TemporaryFolder()
        let ok = try koers(["check", SharedFolder.repositoryRoot.appendingPathComponent("data").path], in: folder)
        #expect(ok.status == 0, "\(ok.output)")
        #expect(ok.output.contains("16 files OK: 5 plans, 39 targets"))

        try folder.write("plan.yaml", """
            id: kapot
            title: {nl: "Kapot plan"}
            region: ZWV
            nodes:
              - code: "1"
                kind: pillar
                title: {nl: "Een"}
                targets:
                  - code: "1.1"
                    text: "Iets"
                    indicator: niet-werkende-werkzoekenden
                    region: "99999"
                    baseline: {value: 1}
                    target: {kind: absolute, value: 7.719,5, period: "2030"}
            """)
        let bad = try koers(["check", "plan.yaml"], in: folder)
        #expect(bad.status != 0)
        #expect(bad.output.contains("plan.yaml:12: unknown region '99999'"))
        #expect(bad.output.contains("plan.yaml:13: target 1.1: the baseline has no period"))
        #expect(bad.output.contains("plan.yaml:14: target 1.1 target: unknown key '5'"))
        #expect(bad.output.contains("3 problems found"))
    }

    @Test(arguments: [[], ["serve"], ["check"], ["plans"], ["targets"]])
    func everyCommandHasHelp(_ command: [String]) throws {
        let run = try koers(command + ["--help"], in: try TemporaryFolder())
        #expect(run.status == 0)
        #expect(run.output.contains("USAGE: koers"))
    }

    @Test func theDatabaseFlagWinsOverTheEnvironmentAndKoersSqliteIsTheDefault() throws {
        let folder = try TemporaryFolder()
        #expect(try koers(["plans"], in: folder).status == 0)
        #expect(FileManager.default.fileExists(atPath: folder.path("koers.sqlite")))
        #expect(try koers(["plans"], in: folder, environment: ["KOERS_DATABASE_URL": "omgeving.sqlite"]).status == 0)
        #expect(FileManager.default.fileExists(atPath: folder.path("omgeving.sqlite")))
        #expect(try koers(["plans", "--db", "vlag.sqlite"], in: folder, environment: ["KOERS_DATABASE_URL": "ander.sqlite"]).status == 0)
        #expect(FileManager.default.fileExists(atPath: folder.path("vlag.sqlite")))
        #expect(!FileManager.default.fileExists(atPath: folder.path("ander.sqlite")))
    }

    @Test func anUnreachablePostgreSQLServerIsNamedWithoutItsPassword() throws {
        let run = try koers(["plans", "--db", "postgres://koers:geheim@127.0.0.1:1/koers"], in: try TemporaryFolder())
        #expect(run.status != 0)
        #expect(run.errors.contains("cannot connect to postgres://koers@127.0.0.1:1/koers"), "\(run.errors)")
        #expect(!run.errors.contains("geheim"))
    }

    @Test func serveLoadsANewStoreAndAnswersOverHTTP() async throws {
        let folder = try TemporaryFolder()
        let port = Int.random(in: 20_000...40_000)
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = ["serve", "--port", String(port)]
        process.currentDirectoryURL = folder.url
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer {
            process.terminate()
            process.waitUntilExit()
        }
        var html: String?
        for _ in 0..<100 where html == nil {
            try await Task.sleep(for: .milliseconds(100))
            if let (data, response) = try? await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)/plannen/streekvisie-zwv")!),
               (response as? HTTPURLResponse)?.statusCode == 200 {
                html = String(decoding: data, as: UTF8.self)
            }
        }
        let page = try #require(html, "koers serve did not answer on port \(port)")
        #expect(page.contains("Kansrijke arbeidsmarkt"))
        #expect(FileManager.default.fileExists(atPath: folder.path("koers.sqlite")))
    }
}
