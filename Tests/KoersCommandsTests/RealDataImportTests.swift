import Foundation
import KoersBundledCatalogue
import KoersCommands
import KoersCore
import KoersImport
import KoersSQLite
import KoersStore
import KoersTestSupport
import Testing

/// Statbel's own tables, imported at municipality level and derived upwards, against Statbel's published figures.
@Suite(.enabled(if: SharedFolder.shouldRun, "needs ../shared"))
struct RealDataImportTests {
    let store: SQLiteStore

    init() async throws {
        store = try SQLiteStore()
        try await BundledCatalogue.loadIfEmpty(store)
    }

    func importFile(_ path: String, mapping: ImportMapping) async throws -> ReadSummary {
        let file = FileImport(url: SharedFolder.url(path), name: path, mapping: mapping)
        let validator = Validator(geography: try await store.geography(), indicators: try await store.indicators(),
                                  mapping: mapping, source: "test")
        let summary = SummaryCell()
        _ = try await store.importObservations([ImportBatch(fileName: path, sha256: "", format: "csv", importedAt: "")],
                                               dryRun: false) { _, sink in
            summary.value = try file.observations(validator: validator, emit: sink)
        }
        try await store.recomputeDerivations()
        return summary.value
    }

    /// Building stock on 1 January 2025, every level of West Flanders: the municipalities only are imported; the
    /// arrondissement and province sums must equal Statbel's published figures cell for cell.
    @Test func buildingStockAggregatesToThePublishedArrondissementAndProvinceFigures() async throws {
        let path = "reference/indicators/statbel_building_stock_2025_west_flanders_all_levels.csv"
        var published: [(type: String, region: String, level: String, building: String, value: String)] = []
        try CSVReader(url: SharedFolder.url(path), name: path).forEachRow { row in
            guard row.line > 1 else { return }
            published.append((row.cells[5], row.cells[1], row.cells[4], row.cells[8], row.cells[11]))
        }
        let types = Set(published.map(\.type)).sorted()
        #expect(types.count == 23)
        let code = { (t: String) in "gebouwen-" + t.lowercased().replacingOccurrences(of: ".", with: "-") }
        try await store.saveIndicators(types.map {
            Indicator(code: code($0), name: LocalizedText(nl: "Gebouwenpark \($0)"), unit: .count, aggregation: .sum)
        })
        var mapping = ImportMapping()
        mapping.indicatorColumn = "CD_STAT_TYPE"
        mapping.regionColumn = "CD_REFNIS"
        mapping.periodColumn = "CD_YEAR"
        mapping.valueColumn = "MS_VALUE"
        mapping.breakdown = ["gebouwtype": "CD_BUILDING_TYPE"]
        mapping.filter = ["CD_REFNIS_LVL": ["5"]]
        mapping.indicators = Dictionary(uniqueKeysWithValues: types.map { ($0, code($0)) })
        let summary = try await importFile(path, mapping: mapping)
        let municipal = published.filter { $0.level == "5" }
        #expect(summary.records == municipal.count)
        #expect(summary.empty == municipal.filter { $0.value == "nan" }.count)

        let geography = try await store.geography()
        var equal = 0, gaps = 0
        for row in published where row.level == "3" || row.level == "4" {
            let stored = try await store.observations(indicator: code(row.type), regions: [row.region])
                .first { $0.breakdown == Breakdown(["gebouwtype": row.building]) }
            let members = municipal.filter { m in
                m.type == row.type && m.building == row.building && geography.ancestors(of: m.region).contains { $0.code == row.region }
            }
            #expect(members.count == geography.children(of: row.region).filter { $0.validTo == nil }.count || row.level == "3")
            let complete = members.allSatisfy { $0.value != "nan" }
            if complete && row.value != "nan" {
                #expect(stored?.value == Double(row.value), "\(row.type) \(row.region) \(row.building)")
                #expect(stored?.derivation == .aggregated)
                equal += 1
            } else if !complete {
                // A municipality without a value leaves the larger region a gap: no partial sums.
                #expect(stored == nil, "\(row.type) \(row.region) \(row.building) must be a gap")
                gaps += 1
            }
        }
        // 9 regions × the (type, building type) cells that are complete; counted, so the test cannot pass empty.
        #expect(equal > 900)
        print("building stock: \(equal) arrondissement/province cells equal to Statbel's, \(gaps) gaps")
        // The Flemish Region needs the municipalities of all five Flemish provinces: from this file it stays a gap.
        #expect(try await store.observations(indicator: "gebouwen-t1", regions: ["02000"]).isEmpty)
    }

    /// Population on 1 January 2020 (2019 boundaries), remapped onto the 2025 municipalities.
    @Test func populationOnThe2025Boundaries() async throws {
        try await store.saveIndicators([Indicator(code: "bevolking", name: LocalizedText(nl: "Bevolking"), unit: .persons,
                                                  aggregation: .sum)])
        var mapping = ImportMapping()
        mapping.regionColumn = "NIS code"
        mapping.valueColumn = "Totaal"
        mapping.constants = ["indicator": "bevolking", "period": "2020-01-01"]
        mapping.ignore = ["Woonplaats", "Mannen", "Vrouwen"]
        _ = try await importFile("reference/geography/statbel_population_2020-01-01_by_refnis_2019geo.csv", mapping: mapping)
        let values = Dictionary(uniqueKeysWithValues: try await store.observations(indicator: "bevolking", regions: nil).map { ($0.region, $0) })
        #expect(values["37022"]?.value == 31_436)
        #expect(values["37022"]?.derivation == .remapped)
        #expect(values["37021"]?.value == 19_797)
        // Zuid-West-Vlaanderen: the sum of its 13 municipalities, read back from the same file.
        let zwv = try await store.geography().compositions["ZWV"]!
        #expect(values["ZWV"]?.value == zwv.compactMap { values[$0]?.value }.reduce(0, +))
        #expect(values["ZWV"]?.derivation == .aggregated)
        // Published figures are kept as published, never replaced by a sum.
        #expect(values["30000"]?.value == 1_200_945)
        #expect(values["30000"]?.derivation == nil)
    }
}

/// A value filled in inside the store's transaction closure.
final class SummaryCell: @unchecked Sendable {
    var value = ReadSummary()
}
