import Foundation
import KoersPostgres
import KoersTestSupport
import Testing

/// `koers import`, `data` and `history` run as an analyst runs them, on real Statbel files from ../shared.
@Suite(.enabled(if: SharedFolder.shouldRun, "needs ../shared"))
struct ImportCommandTests {
    /// `koers` run in a folder of its own with the indicator and mapping these tests import with, on a store of one
    /// kind: the folder's koers.sqlite, or a new PostgreSQL database named with `--db`.
    struct Analyst {
        let cli = CommandLineTests()
        let folder: TemporaryFolder
        let db: [String]

        init(db: [String]) throws {
            folder = try TemporaryFolder()
            self.db = db
            let add = try koers(["indicator", "add", "vestigingseenheden", "--name", "Aantal vestigingseenheden",
                                 "--unit", "count", "--direction", "up", "--aggregation", "sum"])
            #expect(add.status == 0, "\(add.errors)")
            try folder.write("vestigingen.yaml", """
                columns: {region: nis_2025, period: "{year}-{quarter}", value: establishment_units}
                ignore: [municipality, arrondissement, province, region]
                constants: {indicator: vestigingseenheden}
                skip_unlocated: true
                source: "Statbel, vestigingseenheden Q4 2018–2023, geografie 2025"
                """)
        }

        func koers(_ arguments: [String]) throws -> CommandLineTests.Run {
            try cli.koers(arguments + db, in: folder)
        }
    }

    static func withAnalyst(_ kind: StoreKind, _ body: (Analyst) async throws -> Void) async throws {
        switch kind {
        case .sqlite: try await body(Analyst(db: []))
        case .postgres: try await ScratchDatabase.with(on: try TestPostgres.requireURL()) { try await body(Analyst(db: ["--db", $0])) }
        case .memory: throw StoreKind.NoLocation()
        }
    }

    /// A scratch folder and the `--db` arguments of a new store of `kind` in it (none: the default SQLite file).
    static func withStoreArguments(_ kind: StoreKind, _ body: (TemporaryFolder, [String]) async throws -> Void) async throws {
        switch kind {
        case .sqlite: try await body(try TemporaryFolder(), [])
        case .postgres: try await ScratchDatabase.with(on: try TestPostgres.requireURL()) { try await body(try TemporaryFolder(), ["--db", $0]) }
        case .memory: throw StoreKind.NoLocation()
        }
    }

    static var establishments: String {
        SharedFolder.url("reference/indicators/statbel_establishment_units_Q4_2018-2023_by_municipality_2025geo.csv").path
    }

    @Test(arguments: StoreKind.all) func theRawEstablishmentExportCollapsesDuplicatesAndReportsUnlocatedRows(_ kind: StoreKind) async throws {
        try await Self.withAnalyst(kind) { a in
            let run = try a.koers(["import", Self.establishments, "--mapping", "vestigingen.yaml"])
            #expect(run.status == 0, "\(run.errors)")
            // 3,962 data rows: 565 municipalities × 6 years, the 565 rows of 2023 repeated, and 7 "Onbepaalde locatie" rows.
            #expect(run.output.contains("3962 values read; 3390 new, 0 changed, 0 unchanged"))
            #expect(run.output.contains("7 rows skipped as the mapping says:"))
            #expect(run.output.contains("_2025geo.csv:3957:32: no region: row skipped (skip_unlocated)"))
            #expect(run.output.contains("565 exact duplicate rows counted once:"))
            #expect(run.output.contains("_2025geo.csv:8: duplicate of line 7 (vestigingseenheden 11001 2023-Q4, same value): counted once"))

            // Tielt on 2025 boundaries, back-cast to 2018 by Statbel: the file's values, exactly.
            let data = try a.koers(["data", "vestigingseenheden", "--region", "37022", "--format", "csv"])
            let values = data.output.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false)[4] }
            #expect(values == ["4309.0", "4471.0", "4603.0", "4782.0", "4893.0", "4907.0"])

            let again = try a.koers(["import", Self.establishments, "--mapping", "vestigingen.yaml"])
            #expect(again.output.contains("3962 values read; 0 new, 0 changed, 3390 unchanged"))
            #expect(!again.output.contains("recorded as import batch"))
        }
    }

    /// The raw JSON export names municipalities (2025 boundaries) where the flattened CSV gives NIS codes: read after
    /// the CSV, every one of its 3,390 values must land on the same code with the same number.
    @Test(arguments: StoreKind.all) func theRawJSONExportResolvesEveryMunicipalityNameToTheSameCode(_ kind: StoreKind) async throws {
        try await Self.withAnalyst(kind) { a in
            let folder = a.folder
            _ = try a.koers(["import", Self.establishments, "--mapping", "vestigingen.yaml"])
            try folder.write("raw.yaml", """
                columns: {region: Gemeente, period: Kwartaal, value: Aantal vestigingseenheden}
                ignore: [Gewest, Provincie, Arrondissement]
                constants: {indicator: vestigingseenheden}
                boundaries: 2025
                regions: {Genepiën: "25031", Blegny: "62119"}
                """)
            let raw = SharedFolder.url("reference/indicators/statbel_bestat_vestigingseenheden_raw.json").path
            // Without skip_unlocated, the "Onbepaalde locatie" rows refuse the import, each named.
            let refused = try a.koers(["import", raw, "--mapping", "raw.yaml"])
            #expect(refused.status == 1)
            #expect(refused.errors.contains("no region: add a 'region' column, or 'constants: {region: …}' to the mapping"))
            #expect(refused.errors.contains("import refused: 7 problems; nothing was written"))

            try folder.write("raw.yaml", try String(contentsOf: folder.url.appendingPathComponent("raw.yaml"), encoding: .utf8) + "\nskip_unlocated: true\n")
            let run = try a.koers(["import", raw, "--mapping", "raw.yaml"])
            #expect(run.status == 0, "\(run.errors)")
            #expect(run.output.contains("(json-records): 3962 values read; 0 new, 0 changed, 3390 unchanged"))
            #expect(run.output.contains("565 exact duplicate rows counted once:"))
            #expect(run.output.contains("7 rows skipped as the mapping says:"))
        }
    }

    @Test(arguments: StoreKind.all) func aBadFileIsRefusedWithEveryProblemAndTheStoreIsUntouched(_ kind: StoreKind) async throws {
        try await Self.withAnalyst(kind) { a in
            let folder = a.folder
            _ = try a.koers(["import", Self.establishments, "--mapping", "vestigingen.yaml"])
            let before = try a.koers(["data", "vestigingseenheden"]).output
            try folder.write("slecht.csv", """
                indicator;region;period;value
                vestigingseenheden;34022;2024-Q4;12.345
                vestigingseenheden;Kortrik;2024-Q4;10
                vestigingseenheden;37015;2025-Q4;10
                vestigingseenheden;34022;2024-Q5;10
                vestigingseenheden;34022;2023-Q4;tien
                onbekend;34022;2024-Q4;1
                vestigingseenheden;34022;2022-Q4;"1
                """)
            let run = try a.koers(["import", "slecht.csv"])
            #expect(run.status == 1)
            let lines = run.errors.split(separator: "\n").map(String.init)
            // Each problem with file, line and the column of the offending cell: region at 20, period at 26, value at 34.
            #expect(lines == [
                "slecht.csv:2:34: ambiguous number '12.345': is '.' a decimal or a thousands separator? Say which with --decimal-separator or 'decimal:' in the mapping",
                "slecht.csv:3:20: unknown region 'Kortrik' (did you mean '34022 Kortrijk'?)",
                "slecht.csv:4:20: region 37015 (Tielt) does not exist in 2025-Q4: merged into 37022 on 2025-01-01",
                "slecht.csv:5:26: not a period: '2024-Q5'; write a year (2020), a school or fiscal year (2019-2020, 2019-20), "
                    + "a range of years (2005-2007), a half year (2020-S1), a quarter (2020-Q3, Q3 2020), a month (2020-07), "
                    + "an ISO week (2020-W05) or a day (2020-07-01, 31/12/2019)",
                "slecht.csv:6:34: not a number: 'tien'",
                "slecht.csv:7:1: unknown indicator 'onbekend'",
                "slecht.csv:8:34: a quoted field is never closed (is the file truncated?)",
                "import refused: 7 problems; nothing was written",
            ])
            #expect(try a.koers(["data", "vestigingseenheden"]).output == before)
        }
    }

    @Test(arguments: StoreKind.all) func aChangedValueIsARevisionListedByHistory(_ kind: StoreKind) async throws {
        try await Self.withAnalyst(kind) { a in
            let folder = a.folder
            try folder.write("v1.csv", "indicator,region,period,value\nvestigingseenheden,34022,2024-Q4,9000\n")
            try folder.write("v2.csv", "indicator,region,period,value\nvestigingseenheden,34022,2024-Q4,9100\n")
            #expect(try a.koers(["import", "v1.csv"]).status == 0)
            let dry = try a.koers(["import", "v2.csv", "--dry-run"])
            #expect(dry.output.contains("0 new, 1 changed, 0 unchanged (dry run: nothing written)"))
            #expect(try a.koers(["import", "v2.csv"]).output.contains("recorded as import batch 2"))
            let history = try a.koers(["history", "vestigingseenheden", "--region", "34022", "--period", "2024-Q4"])
            let lines = history.output.split(separator: "\n")
            #expect(lines.count == 2)
            #expect(lines[0].hasPrefix("1. 9000.0\treplaced by batch 2\tbatch 1: v1.csv (csv, sha256 "))
            #expect(lines[1].hasPrefix("2. 9100.0\tcurrent\tbatch 2: v2.csv (csv, sha256 "))
        }
    }
}
