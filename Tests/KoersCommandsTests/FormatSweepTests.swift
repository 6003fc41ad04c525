import Foundation
import KoersBundledCatalogue
import KoersCommands
import KoersCore
import KoersImport
import KoersSQLite
import KoersStore
import KoersTestSupport
import Testing

/// Every real file in ../shared/formats goes through the whole import into a real store: it imports with the right
/// numbers, or it is refused with a reason; none crashes, and a refused import leaves the store as it was.
@Suite(.enabled(if: SharedFolder.shouldRun, "needs ../shared"))
struct FormatSweepTests {
    let store: SQLiteStore

    init() async throws {
        store = try SQLiteStore()
        try await BundledCatalogue.loadIfEmpty(store)
        try await store.saveIndicators([
            Indicator(code: "x", name: LocalizedText(nl: "x"), unit: .count),
            Indicator(code: "werkloosheidsgraad-oecd", name: LocalizedText(nl: "Werkloosheidsgraad (OESO)"), unit: .percent, decimals: 1),
            Indicator(code: "bevolking-eurostat", name: LocalizedText(nl: "Bevolking (Eurostat)"), unit: .persons, aggregation: .sum),
        ])
    }

    enum Result {
        case imported(ReadSummary, ImportOutcome)
        case refused([Diagnostic], total: Int)
    }

    func run(_ path: String, _ mapping: ImportMapping) async throws -> Result {
        let file = FileImport(url: SharedFolder.url(path), name: path, mapping: mapping)
        let validator = Validator(geography: try await store.geography(), indicators: try await store.indicators(),
                                  mapping: mapping, source: path)
        let summary = SummaryCell()
        do {
            let outcome = try await store.importObservations([ImportBatch(fileName: path, sha256: "", format: file.format.rawValue,
                                                                          importedAt: "")], dryRun: false) { _, sink in
                summary.value = try file.observations(validator: validator, emit: sink)
            }
            return .imported(summary.value, outcome[0])
        } catch let problems as ImportProblems {
            return .refused(problems.diagnostics, total: problems.total)
        } catch let conflicts as ImportConflicts {
            return .refused(conflicts.diagnostics, total: conflicts.total)
        }
    }

    static var files: [String] {
        ["jsonstat", "sdmx_csv", "eurostat_sdmx_csv"].flatMap { folder in
            ((try? FileManager.default.contentsOfDirectory(atPath: SharedFolder.url("formats/\(folder)").path)) ?? [])
                .filter { $0.hasSuffix(".json") || $0.hasSuffix(".csv") }.sorted().map { "formats/\(folder)/\($0)" }
        }
    }

    @Test func everyFileImportsOrIsRefusedWithAReasonAndNothingIsWritten() async throws {
        #expect(Self.files.count == 18)
        var mapping = ImportMapping()
        mapping.constants = ["indicator": "x"]
        let before = try await store.allObservations()
        var reasons: [String: String] = [:]
        for path in Self.files {
            switch try await run(path, mapping) {
            case .imported(let summary, _):
                Issue.record("\(path) imported \(summary.records) foreign values into Belgian regions")
            case .refused(let diagnostics, let total):
                #expect(!diagnostics.isEmpty && total >= diagnostics.count, "\(path)")
                #expect(diagnostics.allSatisfy { $0.file == path && $0.line >= 1 && $0.column >= 1 })
                reasons[path] = diagnostics[0].message
            }
        }
        #expect(try await store.allObservations() == before)
        // The reasons a reader needs: foreign regions, an indicator to map, a file that is not what it claims.
        #expect(reasons["formats/jsonstat/collection.json"]?.contains("only links to its data") == true)
        #expect(reasons["formats/sdmx_csv/sdmx20_data_v2_action_col.csv"] == "this row has 22 cells but the header has 23")
        #expect(reasons["formats/sdmx_csv/sdmx21_data_v21_three_actions.csv"] == "the header has no OBS_VALUE column (files whose measure has another name are not supported)")
        #expect(reasons["formats/sdmx_csv/sdmx21_data_v21.csv"] == "unknown indicator 'BIS:BIS_DER(1.0)'")
        #expect(reasons["formats/eurostat_sdmx_csv/nama_10r_3gdp_page_linear.csv"] == "unknown indicator 'ESTAT:NAMA_10R_3GDP(1.0)'")
    }

    @Test func belgiumsRowsOfAnOECDJSONStatBundle() async throws {
        var mapping = ImportMapping()
        mapping.indicators = ["UNR": "werkloosheidsgraad-oecd"]
        mapping.regions = ["BE": "01000"]
        mapping.filter = ["region": ["BE"]]
        guard case .imported(let summary, let outcome) = try await run("formats/jsonstat/oecd-canada.json", mapping) else {
            Issue.record("must import")
            return
        }
        #expect(summary.records == 12)
        #expect(outcome.new == 12)
        let values = try await store.observations(indicator: "werkloosheidsgraad-oecd", regions: ["01000"])
        // Read by hand from the file: area BE is the third of 36, years 2003–2014.
        #expect(values.first { $0.period == .year(2003) }?.value == 8.158333333)
        #expect(values.first { $0.period == .year(2014) }?.value == 7.735442636)
    }

    @Test func eurostatPopulationOntoBelgianRegionsByNUTSCode() async throws {
        var mapping = ImportMapping()
        mapping.constants = ["indicator": "bevolking-eurostat"]
        mapping.filter = ["sex": ["T"], "age": ["TOTAL"]]
        mapping.ignore = ["freq", "unit", "sex", "age"]
        // NUTS codes without a Belgian administrative region: Brussels' level 2, pre-2021 codes, Verviers' two halves.
        mapping.skipRegions = ["BE10", "BE221", "BE222", "BE321", "BE322", "BE324", "BE325", "BE326", "BE327", "BE335", "BE336"]
        guard case .imported(let summary, let outcome) = try await run("reference/indicators/eurostat_tsv/demo_r_pjanaggr3_BE.tsv", mapping) else {
            Issue.record("must import")
            return
        }
        #expect(summary.records == 670)  // 67 geo codes × 10 years for sex T, age TOTAL
        #expect(summary.skippedCount == 110)
        #expect(outcome.new == 560)
        let wvl = try await store.observations(indicator: "bevolking-eurostat", regions: ["30000"])
        // SOURCES.md: Eurostat's West Flanders 2020 is 1,202,352 (Statbel says 1,200,945; both are kept, each with its source).
        #expect(wvl.first { $0.period == .year(2020) }?.value == 1_202_352)
    }
}
