import Foundation
import KoersPostgres
import KoersTestSupport
import Testing

/// `koers export-db` and `import-db` as an operator runs them: the seed store moved into a new store of each kind and
/// dumped again to the same rows; a second load, or a damaged file, refused with nothing written.
@Suite struct DumpCommandTests {
    let cli = CommandLineTests()

    /// The `--db` of a new store of this kind, removed afterwards.
    static func withNewStore(_ kind: StoreKind, in folder: TemporaryFolder, _ body: ([String]) async throws -> Void) async throws {
        switch kind {
        case .sqlite: try await body(["--db", folder.path("target.sqlite")])
        case .postgres: try await ScratchDatabase.with(on: try TestPostgres.requireURL()) { try await body(["--db", $0]) }
        case .memory: throw StoreKind.NoLocation()
        }
    }

    @Test(arguments: StoreKind.all) func theSeedStoreMovesIntoANewStoreAndDumpsToTheSameRows(_ kind: StoreKind) async throws {
        let folder = try TemporaryFolder()
        #expect(try cli.koers(["export-db", "seed.dump"], in: folder).errors.contains("no store at koers.sqlite"))
        #expect(try cli.koers(["plans"], in: folder).status == 0)
        let export = try cli.koers(["export-db", "seed.dump"], in: folder)
        #expect(export.status == 0, "\(export.errors)")
        #expect(export.output.hasPrefix("exported koers.sqlite to seed.dump ("), "\(export.output)")
        #expect(export.output.contains("26 tables"), "\(export.output)")
        let again = try cli.koers(["export-db", "seed.dump"], in: folder)
        #expect(again.status != 0 && again.errors.contains("never overwrites"), "\(again.errors)")

        try await Self.withNewStore(kind, in: folder) { db in
            let load = try cli.koers(["import-db", "seed.dump"] + db, in: folder)
            #expect(load.status == 0, "\(load.errors)")
            #expect(load.output.hasPrefix("loaded seed.dump (written "), "\(load.output)")
            let back = try cli.koers(["export-db", "back.dump"] + db, in: folder)
            #expect(back.status == 0, "\(back.errors)")
            let lines = { (name: String) in try String(contentsOf: folder.url.appendingPathComponent(name), encoding: .utf8).split(separator: "\n").dropFirst() }
            #expect(try lines("seed.dump") == lines("back.dump"))
            #expect(try lines("seed.dump").count > 1_000)
            // The loaded store answers as the original: the plans with their targets.
            let targets = try cli.koers(["targets", "--plan", "streekvisie-zwv", "--json"] + db, in: folder)
            let original = try cli.koers(["targets", "--plan", "streekvisie-zwv", "--json"], in: folder)
            #expect(targets.status == 0 && targets.output == original.output)

            let twice = try cli.koers(["import-db", "seed.dump"] + db, in: folder)
            #expect(twice.status == 1)
            #expect(twice.errors.contains("never merges") && twice.errors.contains("nothing was written"), "\(twice.errors)")
        }
    }

    @Test func aDamagedDumpIsRefusedWithItsLineAndColumnAndCreatesNoData() throws {
        let folder = try TemporaryFolder()
        #expect(try cli.koers(["plans"], in: folder).status == 0)
        #expect(try cli.koers(["export-db", "seed.dump"], in: folder).status == 0)
        var lines = try String(contentsOf: folder.url.appendingPathComponent("seed.dump"), encoding: .utf8).components(separatedBy: "\n")
        let region = try #require(lines.firstIndex { $0.hasPrefix(#"["34022","#) })
        lines[region] = lines[region].replacingOccurrences(of: #"["34022","#, with: #"["34022";"#)
        try folder.write("damaged.dump", lines.joined(separator: "\n"))
        let load = try cli.koers(["import-db", "damaged.dump", "--db", "target.sqlite"], in: folder)
        #expect(load.status == 1)
        #expect(load.errors.hasPrefix("damaged.dump:\(region + 1):9: table region: expected , and the value of level"), "\(load.errors)")
        #expect(load.errors.contains("nothing was written"))
        let plans = try cli.koers(["export-db", "empty.dump", "--db", "target.sqlite"], in: folder)
        #expect(plans.output.contains("26 tables, 0 rows"), "\(plans.output)")
    }
}
